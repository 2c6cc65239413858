// The sidebar's SidebarSyncClient over the sync engine's messages (src/sync/messages.ts): requests
// with runtime.sendMessage; the background's 'sync:state-changed' broadcasts as changes. A request
// nobody answers (the engine is not running, the extension was reloaded) comes back undefined:
// the sidebar then says the notes are saved in this browser, which is true.
import { parseSyncStateChanged, sendSyncRequest } from '../../sync/messages';
import type { MeetingSyncStatus } from '../../sync/status';
import type { MessagingRuntime } from '../sync-client';
import type { SidebarSyncClient } from './environment';

export function messageSidebarSyncClient(runtime: MessagingRuntime): SidebarSyncClient {
  const send = (message: unknown) => runtime.sendMessage(message);
  const statusOf = (answer: { ok: true; status: MeetingSyncStatus } | { ok: false }): MeetingSyncStatus | undefined => (answer.ok ? answer.status : undefined);
  return {
    status: async (account, meetingId) => statusOf(await sendSyncRequest(send, { type: 'sync:status', account, meetingId })),
    refresh: async (account, meetingId) => statusOf(await sendSyncRequest(send, { type: 'sync:refresh', account, meetingId })),
    async flush(account, meetingId) {
      await sendSyncRequest(send, { type: 'sync:flush', account, meetingId });
    },
    async signIn() {
      await sendSyncRequest(send, { type: 'auth:sign-in' });
    },
    subscribe(listener) {
      // Returns nothing: this listener never answers, so the runtime's other listeners can.
      const onMessage = (message: unknown) => {
        const change = parseSyncStateChanged(message);
        if (change) listener({ ...(change.account !== undefined && { account: change.account }), ...(change.meetingIds !== undefined && { meetingIds: change.meetingIds }) });
      };
      runtime.onMessage.addListener(onMessage);
      return () => runtime.onMessage.removeListener(onMessage);
    },
  };
}
