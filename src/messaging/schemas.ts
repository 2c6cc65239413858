// Validation of the messages in ./protocol.ts, for the background and the sidebar (the content
// script does not import zod). Everything from the page is bounded: a hostile or broken page
// cannot send the background megabytes of "guests".
import * as z from 'zod/mini';
import { ClassificationReason, describeValidationError } from '../domain/schemas';
import {
  PAGE_EVENT_MESSAGE,
  REDECIDE_MESSAGE,
  SIDEBAR_CONTEXT,
  SIDEBAR_HELLO,
  type PageEventMessage,
  type RedecideMessage,
  type SidebarContext,
  type SidebarContextMessage,
  type SidebarHello,
} from './protocol';

const Text = (max: number) => z.string().check(z.maxLength(max));
const NonEmptyText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const EmailText = z.string().check(z.minLength(3), z.maxLength(320), z.includes('@'));
const HostToken = z.string().check(z.regex(/^[0-9a-f]{32}$/, 'expected a dock token'));

export const PageGuestSchema = z.object({
  email: EmailText,
  displayName: z.optional(Text(500)),
  organizer: z.boolean(),
  resource: z.boolean(),
  responseStatus: z.optional(z.literal('declined')),
});

export const PageEventSchema = z.object({
  eid: NonEmptyText(4096),
  eventId: NonEmptyText(1024),
  calendarId: NonEmptyText(1024),
  seriesId: z.optional(NonEmptyText(1024)),
  title: Text(2000),
  timeText: z.optional(Text(500)),
  guests: z.array(PageGuestSchema).check(z.maxLength(1000)),
  guestsComplete: z.boolean(),
  accountEmail: z.optional(EmailText),
  accountName: z.optional(Text(500)),
  accountIndex: z.int().check(z.minimum(0), z.maximum(999)),
  surface: z.enum(['dialog', 'event-page']),
});

export const PageEventMessageSchema = z.object({
  type: z.literal(PAGE_EVENT_MESSAGE),
  host: HostToken,
  seq: z.int().check(z.nonnegative()),
  pageEvent: z.nullable(PageEventSchema),
});

export const ClassificationSchema = z.union([
  z.object({
    isOneOnOne: z.literal(true),
    reason: ClassificationReason,
    other: z.object({
      email: z.optional(EmailText),
      displayName: Text(500),
      personId: NonEmptyText(1000),
    }),
  }),
  z.object({ isOneOnOne: z.literal(false), reason: ClassificationReason, detail: Text(2000) }),
]);

export const SidebarContextSchema = z.object({
  account: EmailText,
  pageEvent: PageEventSchema,
  classification: ClassificationSchema,
  label: z.optional(Text(600)),
});

export const SidebarHelloSchema = z.object({
  type: z.literal(SIDEBAR_HELLO),
  host: HostToken,
  tabId: z.optional(z.int()),
});

export const SidebarContextMessageSchema = z.object({
  type: z.literal(SIDEBAR_CONTEXT),
  context: z.nullable(SidebarContextSchema),
});

export const RedecideMessageSchema = z.object({
  type: z.literal(REDECIDE_MESSAGE),
  account: EmailText,
  eventId: NonEmptyText(1024),
  seriesId: z.optional(NonEmptyText(1024)),
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parser<T>(schema: z.ZodMiniType): (value: unknown) => Parsed<T> {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success
      ? { ok: true, value: result.data as T }
      : { ok: false, error: describeValidationError(result.error) };
  };
}

export const parsePageEventMessage = parser<PageEventMessage>(PageEventMessageSchema);
export const parseSidebarHello = parser<SidebarHello>(SidebarHelloSchema);
export const parseSidebarContextMessage = parser<SidebarContextMessage>(SidebarContextMessageSchema);
export const parseSidebarContext = parser<SidebarContext>(SidebarContextSchema);
export const parseRedecideMessage = parser<RedecideMessage>(RedecideMessageSchema);

// The schemas and the protocol's types must describe the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof PageEventMessageSchema>, PageEventMessage>,
  Same<z.infer<typeof SidebarContextSchema>, SidebarContext>,
  Same<z.infer<typeof SidebarHelloSchema>, SidebarHello>,
  Same<z.infer<typeof RedecideMessageSchema>, RedecideMessage>,
] = [true, true, true, true];
void sameShapes;
