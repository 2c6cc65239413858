// The messages extension pages (sidebar, popup, options) send the service worker about sync and
// sign-in, validated with zod/mini on arrival. Every request is a strict object: a message with
// any other field (a token, say) is refused, not silently trimmed. No message carries a token or
// note text: pages save notes in IndexedDB themselves and only say which meeting changed.
//
//   sidebar  ── { type: 'sync:changed', account, meetingId } ──▶ background   (after each save)
//   sidebar  ── { type: 'sync:status', account, meetingId }  ──▶ { ok, status }
//   sidebar  ── { type: 'sync:refresh', account, meetingId } ──▶ { ok, status } (on opening a meeting)
//   sidebar  ── { type: 'sync:flush', account?, meetingId? } ──▶ { ok, status? } ("Retry", closing)
//   popup    ── { type: 'sync:summary' }                     ──▶ { ok, account, summary }
//   popup    ── { type: 'auth:status' | 'auth:sign-in' | 'auth:sign-out' } ──▶ { ok, account }
//   background ── { type: 'sync:state-changed', account?, meetingIds? } ──▶ every extension page
//                 (ask again with sync:status / sync:summary)
import * as z from 'zod/mini';
import { Account, describeValidationError } from '../domain/schemas';
import type { AccountState, MeetingSyncStatus, SyncSummary } from './status';

const MeetingId = z.string().check(z.minLength(1), z.maxLength(2048));

export const SyncChanged = z.strictObject({ type: z.literal('sync:changed'), account: Account, meetingId: MeetingId });
export const SyncStatusRequest = z.strictObject({ type: z.literal('sync:status'), account: Account, meetingId: MeetingId });
export const SyncRefresh = z.strictObject({ type: z.literal('sync:refresh'), account: Account, meetingId: MeetingId });
export const SyncFlush = z.strictObject({ type: z.literal('sync:flush'), account: z.optional(Account), meetingId: z.optional(MeetingId) });
export const SyncSummaryRequest = z.strictObject({ type: z.literal('sync:summary') });
export const AuthStatusRequest = z.strictObject({ type: z.literal('auth:status') });
export const AuthSignIn = z.strictObject({ type: z.literal('auth:sign-in') });
export const AuthSignOut = z.strictObject({ type: z.literal('auth:sign-out') });

export const SyncRequest = z.discriminatedUnion('type', [
  SyncChanged,
  SyncStatusRequest,
  SyncRefresh,
  SyncFlush,
  SyncSummaryRequest,
  AuthStatusRequest,
  AuthSignIn,
  AuthSignOut,
]);
export type SyncRequest = z.infer<typeof SyncRequest>;
export type SyncRequestType = SyncRequest['type'];

export const SYNC_STATE_CHANGED = 'sync:state-changed' as const;
export const SyncStateChanged = z.object({
  type: z.literal(SYNC_STATE_CHANGED),
  account: z.optional(Account),
  meetingIds: z.optional(z.array(z.string())),
});
export type SyncStateChanged = z.infer<typeof SyncStateChanged>;

export type Failure = { ok: false; reason: string; cancelled?: boolean };

/** What the background answers to each request. */
export interface SyncResponses {
  'sync:changed': { ok: true; status: MeetingSyncStatus } | Failure;
  'sync:status': { ok: true; status: MeetingSyncStatus } | Failure;
  'sync:refresh': { ok: true; status: MeetingSyncStatus } | Failure;
  'sync:flush': { ok: true; status?: MeetingSyncStatus; summary: SyncSummary } | Failure;
  'sync:summary': { ok: true; account: AccountState; summary: SyncSummary } | Failure;
  'auth:status': { ok: true; account: AccountState } | Failure;
  'auth:sign-in': { ok: true; account: AccountState } | Failure;
  'auth:sign-out': { ok: true; account: AccountState } | Failure;
}
export type SyncResponse<T extends SyncRequestType> = SyncResponses[T];

/** Types of messages this module answers: anything else is someone else's. */
export function isSyncMessageType(type: unknown): boolean {
  return typeof type === 'string' && (type.startsWith('sync:') || type.startsWith('auth:')) && type !== SYNC_STATE_CHANGED;
}

export function parseSyncRequest(message: unknown): { ok: true; value: SyncRequest } | { ok: false; error: string } {
  const parsed = SyncRequest.safeParse(message);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describeValidationError(parsed.error) };
}

export function parseSyncStateChanged(message: unknown): SyncStateChanged | undefined {
  const parsed = SyncStateChanged.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Sends a request with the page's `runtime.sendMessage` and types the answer. A failure to reach
 * the background (e.g. the extension reloaded) comes back as `{ ok: false }`, never a throw.
 */
export async function sendSyncRequest<T extends SyncRequest>(
  sendMessage: (message: unknown) => Promise<unknown>,
  request: T,
): Promise<SyncResponse<T['type']>> {
  try {
    const answer = await sendMessage(request);
    if (typeof answer !== 'object' || answer === null || typeof (answer as { ok?: unknown }).ok !== 'boolean') {
      return { ok: false, reason: 'The background gave no answer' };
    }
    return answer as SyncResponse<T['type']>;
  } catch (error) {
    return { ok: false, reason: `The background could not be reached: ${error instanceof Error ? error.message : String(error)}` };
  }
}
