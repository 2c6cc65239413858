// The pages' AccountSyncClient over the sync engine's messages (src/sync/messages.ts): requests
// with runtime.sendMessage, and the background's 'sync:state-changed' broadcasts as changes.
import { parseSyncStateChanged, sendSyncRequest } from '../sync/messages';
import type { AccountSyncClient, AccountSyncState } from './account-sync';

export interface MessagingRuntime {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

export function messageSyncClient(runtime: MessagingRuntime): AccountSyncClient {
  const send = (message: unknown) => runtime.sendMessage(message);
  const state = async (): Promise<AccountSyncState> => {
    const answer = await sendSyncRequest(send, { type: 'sync:summary' });
    if (!answer.ok) throw new Error(answer.reason);
    return { account: answer.account, sync: answer.summary };
  };
  return {
    state,
    async signIn() {
      const answer = await sendSyncRequest(send, { type: 'auth:sign-in' });
      return answer.ok ? { ok: true } : { ok: false, reason: answer.reason, ...(answer.cancelled ? { cancelled: true } : {}) };
    },
    async signOut() {
      await sendSyncRequest(send, { type: 'auth:sign-out' });
    },
    async retry() {
      await sendSyncRequest(send, { type: 'sync:flush' });
    },
    async meetingChanged(account, meetingId) {
      await sendSyncRequest(send, { type: 'sync:changed', account, meetingId });
    },
    subscribe(listener) {
      // Returns nothing: this listener never answers, so the runtime's other listeners can.
      const onMessage = (message: unknown) => {
        if (!parseSyncStateChanged(message)) return;
        state().then(listener, () => {});
      };
      runtime.onMessage.addListener(onMessage);
      return () => runtime.onMessage.removeListener(onMessage);
    },
  };
}
