// Answers the sync and sign-in messages (messages.ts) in the service worker. Separate from the
// wiring so it runs in Node tests with a real engine against the fake Calendar API.
import type { TokenProvider } from '../auth/token-provider';
import type { SyncEngine } from './engine';
import { isSyncMessageType, parseSyncRequest, type SyncRequest, type SyncResponse } from './messages';
import type { SyncScheduler } from './scheduler';
import type { AccountState } from './status';

export interface MessageSender {
  /** The sending extension's id (absent for some senders). */
  id?: string;
  /** The sending page's URL. */
  url?: string;
  tab?: { id?: number };
}

export interface SyncMessageContext {
  engine: SyncEngine;
  scheduler: Pick<SyncScheduler, 'changed' | 'flushNow' | 'learnAndFlush'>;
  provider: TokenProvider;
  /** This extension's id: messages from others are not answered. */
  extensionId?: string;
  /** Whether the sender is one of this extension's own pages (popup, options, sidebar). */
  isExtensionPage: (sender: MessageSender) => boolean;
}

type AnyResponse = SyncResponse<SyncRequest['type']>;

/**
 * The answer to a message, or undefined when the message is not a sync or sign-in request (the
 * runtime's other listeners answer those).
 */
export function handleSyncMessage(context: SyncMessageContext, message: unknown, sender: MessageSender): Promise<AnyResponse> | undefined {
  if (!isSyncMessageType((message as { type?: unknown } | null)?.type)) return undefined;
  if (context.extensionId !== undefined && sender.id !== undefined && sender.id !== context.extensionId) return undefined;
  const parsed = parseSyncRequest(message);
  if (!parsed.ok) return Promise.resolve({ ok: false, reason: `invalid message: ${parsed.error}` });
  return answer(context, parsed.value, sender).catch((error: unknown) => ({
    ok: false as const,
    reason: error instanceof Error ? error.message : String(error),
  }));
}

async function accountState(context: SyncMessageContext): Promise<AccountState> {
  const state = await context.engine.accountState();
  if (state.state === 'signed-in' && !(await context.provider.isSignedIn())) {
    return { state: 'signed-out', reason: 'Not signed in to Google' };
  }
  return state;
}

async function answer(context: SyncMessageContext, request: SyncRequest, sender: MessageSender): Promise<AnyResponse> {
  const { engine, scheduler } = context;
  switch (request.type) {
    case 'sync:changed': {
      const status = await engine.noteChanged(request.account, request.meetingId);
      const state = await engine.accountState();
      // Only the signed-in account's writes are flushed; another account's wait in its outbox.
      if (state.state === 'signed-in' && (state.account === undefined || state.account === request.account)) scheduler.changed();
      return { ok: true, status };
    }
    case 'sync:status':
      return { ok: true, status: await engine.status(request.account, request.meetingId) };
    case 'sync:refresh':
      return { ok: true, status: await engine.refresh(request.account, request.meetingId) };
    case 'sync:flush': {
      if (request.account !== undefined && request.meetingId !== undefined) {
        const status = await engine.syncMeeting(request.account, request.meetingId);
        await scheduler.flushNow();
        return { ok: true, status, summary: await engine.summary() };
      }
      await scheduler.flushNow();
      return { ok: true, summary: await engine.summary() };
    }
    case 'sync:summary':
      return { ok: true, account: await accountState(context), summary: await engine.summary() };
    case 'auth:status':
      return { ok: true, account: await accountState(context) };
    case 'auth:sign-in': {
      // Interactive sign-in only from the extension's own pages (a button the user clicked),
      // never from a content script.
      if (!context.isExtensionPage(sender)) return { ok: false, reason: 'Sign in from the toolbar popup or the options page' };
      const result = await context.provider.signIn();
      if (!result.ok) return result;
      await engine.signedIn();
      await scheduler.learnAndFlush({ full: true });
      return { ok: true, account: await accountState(context) };
    }
    case 'auth:sign-out': {
      if (!context.isExtensionPage(sender)) return { ok: false, reason: 'Sign out from the toolbar popup or the options page' };
      await context.provider.signOut();
      await engine.signedOut('You signed out');
      return { ok: true, account: await accountState(context) };
    }
  }
}
