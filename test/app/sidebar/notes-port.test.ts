// The port that tells the service worker which notes a sidebar page has drafts of, so that the
// worker stores them when the page goes away (a tab closed right after typing).
import { describe, expect, it } from 'vitest';
import { draftsWatchedByWorker, NOTES_PORT, NOTES_WATCH, startNotesPortService, type WatchedNote } from '../../../src/app/sidebar/notes-port';
import { memoryDrafts, type NoteDraft } from '../../../src/storage';
import { ACCOUNT } from '../fixtures';

class FakePort {
  readonly posted: unknown[] = [];
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];
  disconnected = false;
  constructor(
    readonly name: string,
    readonly sender?: { id?: string; url?: string },
  ) {}
  postMessage(message: unknown): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(message);
  }
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };
  disconnect(): void {
    this.disconnected = true;
  }
  /** The other end sent this. */
  deliver(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  /** The other end went away. */
  drop(): void {
    this.disconnected = true;
    for (const listener of this.disconnectListeners) listener();
  }
}

const draft = (noteId: string, text: string): NoteDraft => ({ account: ACCOUNT, noteId, meetingId: 'm', personId: 'p', kind: 'shared', text, baseRevision: 0, editedAt: 1 });

describe('the sidebar\'s side', () => {
  it('connects at the first draft, tells each note once (ids only, no text), and stores every draft as before', () => {
    const ports: FakePort[] = [];
    const inner = memoryDrafts();
    const drafts = draftsWatchedByWorker(inner, () => {
      const port = new FakePort(NOTES_PORT);
      ports.push(port);
      return port;
    });
    expect(ports).toEqual([]);
    drafts.put(draft('n1', 'a'));
    drafts.put(draft('n1', 'ab'));
    drafts.put(draft('n2', 'PRIVATE words'));
    expect(ports).toHaveLength(1);
    expect(ports[0]!.posted).toEqual([
      { type: NOTES_WATCH, account: ACCOUNT, noteId: 'n1' },
      { type: NOTES_WATCH, account: ACCOUNT, noteId: 'n2' },
    ]);
    expect(JSON.stringify(ports[0]!.posted)).not.toContain('PRIVATE');
    expect(inner.get(ACCOUNT, 'n1')?.text).toBe('ab');
    drafts.remove(ACCOUNT, 'n1', 'ab');
    expect(drafts.get(ACCOUNT, 'n1')).toBeUndefined();
    expect(drafts.list(ACCOUNT).map((d) => d.noteId)).toEqual(['n2']);
  });

  it('after the worker dropped the port, the next keystroke connects again and tells the notes again', () => {
    const ports: FakePort[] = [];
    const drafts = draftsWatchedByWorker(memoryDrafts(), () => {
      const port = new FakePort(NOTES_PORT);
      ports.push(port);
      return port;
    });
    drafts.put(draft('n1', 'a'));
    ports[0]!.drop();
    expect(ports).toHaveLength(1); // nothing reconnects by itself
    drafts.put(draft('n1', 'ab'));
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([{ type: NOTES_WATCH, account: ACCOUNT, noteId: 'n1' }]);
  });

  it('never throws when the extension cannot be reached; the draft is stored all the same', () => {
    const lines: string[] = [];
    const inner = memoryDrafts();
    const drafts = draftsWatchedByWorker(
      inner,
      () => {
        throw new Error('Extension context invalidated.');
      },
      (line) => lines.push(line),
    );
    expect(() => drafts.put(draft('n1', 'kept'))).not.toThrow();
    expect(inner.get(ACCOUNT, 'n1')?.text).toBe('kept');
    expect(lines).toHaveLength(1);
  });
});

describe('the worker\'s side', () => {
  function service() {
    let onConnect: ((port: FakePort) => void) | undefined;
    const gone: WatchedNote[][] = [];
    startNotesPortService(
      { id: 'ext', getURL: (path) => `chrome-extension://ext${path}`, onConnect: { addListener: (listener) => void (onConnect = listener as never) } },
      (notes) => gone.push(notes),
    );
    const connect = (name: string, sender: { id?: string; url?: string }) => {
      const port = new FakePort(name, sender);
      onConnect!(port);
      return port;
    };
    return { connect, gone };
  }

  it('when a sidebar page\'s port closes, hands over the notes it watched (each once, account in lower case)', () => {
    const { connect, gone } = service();
    const port = connect(NOTES_PORT, { id: 'ext', url: 'chrome-extension://ext/sidebar.html#host=1' });
    port.deliver({ type: NOTES_WATCH, account: 'Me@Example.com', noteId: 'n1' });
    port.deliver({ type: NOTES_WATCH, account: ACCOUNT, noteId: 'n1' });
    port.deliver({ type: NOTES_WATCH, account: ACCOUNT, noteId: 'n2' });
    port.deliver({ type: NOTES_WATCH, account: ACCOUNT, noteId: 'n3', text: 'no text is taken' });
    port.deliver({ type: 'other' });
    expect(gone).toEqual([]);
    port.drop();
    expect(gone).toEqual([[{ account: ACCOUNT, noteId: 'n1' }, { account: ACCOUNT, noteId: 'n2' }]]);
  });

  it('a page that watched nothing: nothing to do; other ports are left to their owners; pages of other origins are shut out', () => {
    const { connect, gone } = service();
    connect(NOTES_PORT, { id: 'ext', url: 'chrome-extension://ext/sidebar.html' }).drop();
    const other = connect('one-on-one/sidebar', { id: 'ext', url: 'chrome-extension://ext/sidebar.html' });
    expect(other.disconnected).toBe(false);
    const page = connect(NOTES_PORT, { id: 'ext', url: 'https://calendar.google.com/calendar/r' });
    expect(page.disconnected).toBe(true);
    const stranger = connect(NOTES_PORT, { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' });
    expect(stranger.disconnected).toBe(true);
    expect(gone).toEqual([]);
  });
});
