import { describe, expect, it } from 'vitest';
import { CHANNEL_NAME, StorageChannel, type StorageMessage } from '../../src/storage/channel';

const wait = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('StorageChannel', () => {
  it('tells other contexts what changed and ignores anything malformed', async () => {
    const tabA = new StorageChannel(new BroadcastChannel(CHANNEL_NAME));
    const tabB = new StorageChannel(new BroadcastChannel(CHANNEL_NAME));
    const raw = new BroadcastChannel(CHANNEL_NAME);
    const received: StorageMessage[] = [];
    const ownEcho: StorageMessage[] = [];
    tabB.subscribe((m) => received.push(m));
    tabA.subscribe((m) => ownEcho.push(m));
    tabA.post({ type: 'note-saved', account: 'me@example.com', noteId: 'm|shared', meetingId: 'm', revision: 4 });
    raw.postMessage({ type: 'note-saved', account: 'me@example.com', noteId: 'x' }); // no revision
    raw.postMessage('hello');
    tabA.post({ type: 'action-items-changed', account: 'me@example.com', ids: ['abcd1234'] });
    await wait();
    expect(received).toEqual([
      { type: 'note-saved', account: 'me@example.com', noteId: 'm|shared', meetingId: 'm', revision: 4 },
      { type: 'action-items-changed', account: 'me@example.com', ids: ['abcd1234'] },
    ]);
    expect(ownEcho).toEqual([]);
    tabA.close();
    tabB.close();
    raw.close();
  });

  it('stops delivering after unsubscribe', async () => {
    const a = new StorageChannel();
    const b = new StorageChannel();
    const received: StorageMessage[] = [];
    const unsubscribe = b.subscribe((m) => received.push(m));
    unsubscribe();
    a.post({ type: 'data-replaced', account: 'me@example.com' });
    await wait();
    expect(received).toEqual([]);
    a.close();
    b.close();
  });
});
