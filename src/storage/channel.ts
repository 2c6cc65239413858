// Cross-tab change notices over BroadcastChannel('one-on-one-companion'). They say what changed
// (ids and revisions), never the data: a receiver reads the records from IndexedDB, so a message
// can never carry text that is not stored. Incoming messages are validated; anything else on the
// channel is ignored.
import * as z from 'zod/mini';
import { Account } from '../domain/schemas';

export const CHANNEL_NAME = 'one-on-one-companion';

const Ids = z.array(z.string());

export const StorageMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('note-saved'), account: Account, noteId: z.string(), meetingId: z.string(), revision: z.int() }),
  z.object({ type: z.literal('action-items-changed'), account: Account, ids: Ids }),
  z.object({ type: z.literal('talking-points-changed'), account: Account, ids: Ids }),
  z.object({ type: z.literal('meetings-changed'), account: Account, ids: Ids }),
  z.object({ type: z.literal('people-changed'), account: Account, ids: Ids }),
  z.object({ type: z.literal('targets-changed'), account: Account, ids: Ids }),
  z.object({ type: z.literal('settings-changed'), account: Account }),
  /** An import or restore changed many records: reload everything shown. */
  z.object({ type: z.literal('data-replaced'), account: Account }),
]);
export type StorageMessage = z.infer<typeof StorageMessage>;

/** The part of BroadcastChannel we use (so tests and non-window contexts can pass their own). */
export interface BroadcastPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export class StorageChannel {
  private readonly port: BroadcastPort;
  private readonly listeners = new Set<(message: StorageMessage) => void>();
  private readonly onMessage = (event: MessageEvent) => {
    const parsed = StorageMessage.safeParse(event.data);
    if (!parsed.success) return;
    for (const listener of this.listeners) listener(parsed.data);
  };

  constructor(port: BroadcastPort = new BroadcastChannel(CHANNEL_NAME)) {
    this.port = port;
    this.port.addEventListener('message', this.onMessage);
  }

  /** Tells every other page and worker of the extension. Never delivered to this instance. */
  post(message: StorageMessage): void {
    this.port.postMessage(message);
  }

  /** Returns a function that unsubscribes. */
  subscribe(listener: (message: StorageMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.port.removeEventListener('message', this.onMessage);
    this.port.close();
  }
}
