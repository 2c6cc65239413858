// The sync engine's public surface (the service worker's wiring: src/background/sync-wiring.ts).
export {
  accountOfListing,
  eventIdOfMeetingId,
  FULL_RELIST_MS,
  LEARN_AHEAD_MS,
  LEARN_BACK_MS,
  MAX_DESCRIPTION_CHARS,
  SyncEngine,
  type FlushOptions,
  type FlushReport,
  type LearnOptions,
  type LearnReport,
  type SyncEngineOptions,
  type WriteOutcome,
} from './engine';
export { handleSyncMessage, type MessageSender, type SyncMessageContext } from './message-handler';
export {
  isSyncMessageType,
  parseSyncRequest,
  parseSyncStateChanged,
  sendSyncRequest,
  SYNC_STATE_CHANGED,
  SyncRequest,
  SyncStateChanged,
  type SyncRequestType,
  type SyncResponse,
  type SyncResponses,
} from './messages';
export { FLUSH_ALARM, FLUSH_DELAY_MS, LEARN_ALARM, LEARN_PERIOD_MINUTES, SyncScheduler, type SchedulerHost } from './scheduler';
export type { AccountState, CannotWriteCode, MeetingSyncStatus, SyncSummary } from './status';
export { memorySyncStateStore, type PersistedSyncState, type SyncStateStore } from './sync-state';
