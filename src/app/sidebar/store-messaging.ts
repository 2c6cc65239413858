// Carries the sidebar's storage operations (store.ts) from the sidebar page to the service worker
// and back, over the extension's own messaging (runtime.sendMessage; never window.postMessage).
//
//   sidebar ── { type: SIDEBAR_STORE_MESSAGE, op, account, args } ──▶ service worker
//           ◀── { ok: true, reply: { value, notices, meetingsChanged } } | { ok: false, error: { name, message } }
//
// The worker answers only the extension's own pages (the sender's URL is one of them: a content
// script, whose URL is the web page's, is refused) and validates every request: the operation,
// the account, and each argument against the domain's schemas. Errors travel as name and message,
// so the sidebar tells "storage is full" from "storage is closed" as if it had made the call.
// Chrome serialises these messages as JSON: every value here is plain data.
import * as z from 'zod/mini';
import { Account, describeValidationError, Meeting, Note, Person, Settings } from '../../domain/schemas';
import { ClassificationSchema, PageEventSchema } from '../../messaging/schemas';
import { isLostAnswer, noAnswerError, NoteDraft } from '../../storage';
import { SIDEBAR_STORE_OPS, type SidebarStore, type SidebarStoreOp, type StoreReply } from './store';

export const SIDEBAR_STORE_MESSAGE = 'one-on-one/sidebar-store' as const;

const Now = z.number().check(z.int(), z.nonnegative());
const Id = z.string().check(z.minLength(1), z.maxLength(2048));
const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const Draft = z.object({ text: z.string().check(z.maxLength(100_000)), owner: z.enum(['me', 'them']), due: z.optional(z.string()) });
const OverrideTarget = z.object({ eventId: Id, seriesId: z.optional(Id) });
const OverrideRequest = z.object({ scope: z.enum(['event', 'series']), isOneOnOne: z.boolean(), personEmail: z.optional(z.string().check(z.maxLength(320))) });
const Cursor = z.object({ personId: Id, beforeStart: z.number(), beforeMeetingId: Id });

const Action = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add-action-item'), meetingId: Id, personId: Id, draft: Draft }),
  z.object({ kind: z.literal('update-action-item'), id: Id, draft: Draft }),
  z.object({ kind: z.literal('close-action-item'), id: Id }),
  z.object({ kind: z.literal('reopen-action-item'), id: Id }),
  z.object({ kind: z.literal('add-talking-point'), meetingId: Id, personId: Id, text: z.string().check(z.maxLength(100_000)) }),
  z.object({ kind: z.literal('set-talking-point-discussed'), id: Id, meetingId: Id, discussed: z.boolean() }),
  z.object({ kind: z.literal('delete-talking-point'), id: Id }),
  z.object({ kind: z.literal('add-progress'), targetId: Id, amount: z.number(), today: Day, teamPersonId: z.optional(Id) }),
  z.object({ kind: z.literal('set-override'), event: OverrideTarget, request: OverrideRequest }),
  z.object({ kind: z.literal('clear-override'), event: OverrideTarget, scope: z.enum(['event', 'series']) }),
  z.object({ kind: z.literal('set-marked-held'), meetingId: Id, held: z.boolean() }),
]);

const ARGS: { [Op in SidebarStoreOp]: z.ZodMiniType } = {
  recoverDrafts: z.object({ drafts: z.array(NoteDraft).check(z.maxLength(10_000)), now: Now }),
  rememberAccount: z.object({ now: Now }),
  settings: z.object({ now: Now, fallbackZone: z.string().check(z.maxLength(100)) }),
  getMeeting: z.object({ meetingId: Id }),
  setUpMeeting: z.object({ pageEvent: PageEventSchema, classification: ClassificationSchema, selfEmails: z.array(z.string().check(z.maxLength(320))).check(z.maxLength(100)), timeZone: z.string().check(z.maxLength(100)), now: Now }),
  loadRecords: z.object({ meeting: Meeting, person: Person, settings: Settings, today: Day }),
  loadOlderNotes: z.object({ cursor: Cursor, limit: z.int().check(z.minimum(1), z.maximum(50)) }),
  getNote: z.object({ noteId: Id }),
  saveNote: z.object({ note: Note, now: Now }),
  action: z.object({ action: Action, now: Now }),
  exportQuarantine: z.object({ now: Now }),
  decide: z.object({ pageEvent: PageEventSchema }),
};

const Request = z.object({
  type: z.literal(SIDEBAR_STORE_MESSAGE),
  op: z.enum(SIDEBAR_STORE_OPS as [SidebarStoreOp, ...SidebarStoreOp[]]),
  account: Account,
  args: z.unknown(),
});

export type StoreResponse = { ok: true; reply: StoreReply<unknown> } | { ok: false; error: { name: string; message: string } };

/** Checks a request; the parsed op, account and arguments, or why it is refused. */
export function parseStoreRequest(message: unknown): { ok: true; op: SidebarStoreOp; account: string; args: unknown } | { ok: false; error: string } {
  const envelope = Request.safeParse(message);
  if (!envelope.success) return { ok: false, error: describeValidationError(envelope.error) };
  const args = ARGS[envelope.data.op].safeParse(envelope.data.args);
  if (!args.success) return { ok: false, error: `${envelope.data.op}: ${describeValidationError(args.error)}` };
  return { ok: true, op: envelope.data.op, account: envelope.data.account.trim().toLowerCase(), args: args.data };
}

function errorOf(error: unknown): { name: string; message: string } {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : 'Error';
  return { name, message: error instanceof Error ? error.message : String(error) };
}

/** Answers one message with the local store; undefined when the message is not a store request. */
export function answerStoreMessage(store: SidebarStore, message: unknown): Promise<StoreResponse> | undefined {
  if ((message as { type?: unknown } | null)?.type !== SIDEBAR_STORE_MESSAGE) return undefined;
  const request = parseStoreRequest(message);
  if (!request.ok) return Promise.resolve({ ok: false, error: { name: 'InvalidRequestError', message: `invalid sidebar storage request: ${request.error}` } });
  return store.call(request.op, request.account, request.args as never).then(
    (reply): StoreResponse => ({ ok: true, reply }),
    (error: unknown): StoreResponse => ({ ok: false, error: errorOf(error) }),
  );
}

interface ServiceRuntime {
  readonly id?: string;
  getURL(path: string): string;
  onMessage: {
    addListener(listener: (message: unknown, sender: { id?: string; url?: string }, sendResponse: (response: unknown) => void) => boolean | undefined): void;
  };
}

/** The service worker's side: answers the sidebars' storage requests. Register during the worker's first turn. */
export function startSidebarStoreService(runtime: ServiceRuntime, store: SidebarStore): void {
  const extensionOrigin = runtime.getURL('/');
  runtime.onMessage.addListener((message, sender, sendResponse) => {
    if ((message as { type?: unknown } | null)?.type !== SIDEBAR_STORE_MESSAGE) return undefined; // someone else's
    if (runtime.id !== undefined && sender.id !== runtime.id) return undefined;
    if (typeof sender.url !== 'string' || !sender.url.startsWith(extensionOrigin)) {
      sendResponse({ ok: false, error: { name: 'NotAllowedError', message: 'only the extension\'s own pages may use its storage' } } satisfies StoreResponse);
      return undefined;
    }
    void answerStoreMessage(store, message)!.then(sendResponse);
    return true; // answered asynchronously
  });
}

/**
 * Operations that only read, or write what a repeat finds already done: asked again when the
 * answer was lost. saveNote and action are not (a lost answer may follow a write that landed).
 */
const REPEATABLE_OPS: ReadonlySet<SidebarStoreOp> = new Set<SidebarStoreOp>(['recoverDrafts', 'rememberAccount', 'settings', 'getMeeting', 'setUpMeeting', 'loadRecords', 'loadOlderNotes', 'getNote', 'exportQuarantine', 'decide']);
/** After a lost answer, a repeatable operation is asked again after these delays, ms. */
export const STORE_RESEND_DELAYS_MS: readonly number[] = [100, 400, 1_600];

/**
 * The sidebar's side: the store in the service worker, reached with runtime.sendMessage. The
 * worker stopped (idle, crashed, restarted) before it answered (no answer, or the browser says the
 * channel closed): a NoAnswerError once no more asking is allowed.
 */
export function remoteSidebarStore(sendMessage: (message: unknown) => Promise<unknown>): SidebarStore {
  return {
    async call(op, account, args) {
      const message = { type: SIDEBAR_STORE_MESSAGE, op, account, args };
      let response: StoreResponse | undefined;
      for (let attempt = 0; ; attempt++) {
        const retry = REPEATABLE_OPS.has(op) && attempt < STORE_RESEND_DELAYS_MS.length;
        try {
          response = (await sendMessage(message)) as StoreResponse | undefined;
        } catch (error) {
          if (!isLostAnswer(error)) throw error;
          if (!retry) throw noAnswerError(error);
          response = undefined;
        }
        if (response !== undefined || !retry) break;
        await new Promise((resolve) => setTimeout(resolve, STORE_RESEND_DELAYS_MS[attempt]));
      }
      if (response === undefined) throw noAnswerError();
      if (!response || typeof response !== 'object' || typeof response.ok !== 'boolean') {
        throw Object.assign(new Error('The extension\'s background did not answer'), { name: 'UnknownError' });
      }
      if (!response.ok) throw Object.assign(new Error(response.error.message), { name: response.error.name });
      const reply = response.reply as StoreReply<never>;
      return { value: reply.value, notices: reply.notices ?? [], meetingsChanged: reply.meetingsChanged ?? [] };
    },
  };
}
