// @vitest-environment happy-dom
// The content script's flow with a fake extension runtime: page → background → dock, the
// answers arriving out of order, the service worker restarting, and the extension going away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESEND_DELAYS_MS, startCalendarPage, type CalendarPage, type ContentRuntime, type PreloadStrategy } from '../../src/calendar-page/content';
import { ORPHAN_NOTICE_TEXT } from '../../src/calendar-page/orphan-notice';
import { COMPACT_HEIGHT } from '../../src/calendar-page/dock';
import {
  CONTENT_PORT,
  EXTENSION_GONE_MESSAGE,
  OFFER_LABEL,
  PAGE_EVENT_MESSAGE,
  PAGE_VERDICT_MESSAGE,
  SIDEBAR_SIZE_MESSAGE,
  type PageEventMessage,
  type PageVerdict,
} from '../../src/messaging/protocol';
import { emulateLayout, mountFixture, parseFixture, serveBlankIframes } from './fixtures';
import { forbidHtmlStrings } from './no-html-strings';

class FakePort {
  disconnected = false;
  private readonly listeners: (() => void)[] = [];
  constructor(readonly name: string) {}
  onDisconnect = { addListener: (listener: () => void) => void this.listeners.push(listener) };
  disconnect(): void {
    this.disconnected = true;
  }
  /** The other end went away (service worker stopped, extension reloaded). */
  drop(): void {
    this.disconnected = true;
    for (const listener of this.listeners) listener();
  }
}

class FakeRuntime implements ContentRuntime {
  id: string | undefined = 'abcdefghijklmnopabcdefghijklmnop';
  sent: PageEventMessage[] = [];
  ports: FakePort[] = [];
  answer: (message: PageEventMessage) => Promise<unknown> = async (message) => verdictFor(message);
  sendMessage(message: PageEventMessage): Promise<unknown> {
    if (this.id === undefined) throw new Error('Extension context invalidated.');
    this.sent.push(message);
    return this.answer(message);
  }
  connect(info: { name: string }): FakePort {
    if (this.id === undefined) throw new Error('Extension context invalidated.');
    const port = new FakePort(info.name);
    this.ports.push(port);
    return port;
  }
  sidebarPageUrl(): string {
    return `chrome-extension://${this.id}/sidebar.html`;
  }
  readonly messageListeners = new Set<(message: unknown) => void>();
  onMessage = {
    addListener: (listener: (message: unknown) => void) => void this.messageListeners.add(listener),
    removeListener: (listener: (message: unknown) => void) => void this.messageListeners.delete(listener),
  };
  /** The background's tabs.sendMessage to this tab. */
  push(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
}

/** Like WXT's ContentScriptContext: invalid once runtime.id is gone (or a newer script took over). */
class FakeContext {
  private invalid = false;
  private readonly listeners: (() => void)[] = [];
  constructor(private readonly runtime: FakeRuntime) {}
  get isInvalid(): boolean {
    if (this.runtime.id === undefined) this.invalidate();
    return this.invalid;
  }
  onInvalidated(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {};
  }
  invalidate(): void {
    if (this.invalid) return;
    this.invalid = true;
    for (const listener of this.listeners) listener();
  }
}

function verdictFor(message: PageEventMessage): PageVerdict {
  const guests = message.pageEvent?.guests ?? [];
  return guests.length === 2
    ? { seq: message.seq, show: true, label: `1:1 with ${guests[1]!.displayName}` }
    : { seq: message.seq, show: false, reason: 'not a 1:1' };
}

/** Like the background: a 1:1 for two guests, the offer for three or more. */
function verdictWithOffer(message: PageEventMessage): PageVerdict {
  return (message.pageEvent?.guests.length ?? 0) >= 3 ? { seq: message.seq, show: 'offer', label: OFFER_LABEL } : verdictFor(message);
}

async function frame(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

let runtime: FakeRuntime;
let context: FakeContext;
let page: CalendarPage | undefined;
let restores: (() => void)[];
let reloads: number;

beforeEach(() => {
  restores = [emulateLayout(), serveBlankIframes()];
  runtime = new FakeRuntime();
  context = new FakeContext(runtime);
  reloads = 0;
});
afterEach(() => {
  page?.stop();
  page = undefined;
  restores.reverse().forEach((restore) => restore());
});

/** The week with the 1:1's dialog taken out; `open()` puts it back. */
function week(fixture = 'popover-1on1.html'): { open(): void; close(): void } {
  mountFixture(fixture);
  const dialog = document.querySelector('[role="dialog"]')!;
  const layer = dialog.parentElement!;
  dialog.remove();
  return { open: () => layer.append(dialog), close: () => dialog.remove() };
}

function start(preload: PreloadStrategy = 'first-dialog'): CalendarPage {
  page = startCalendarPage({ runtime, context, preload, log: () => {}, reload: () => reloads++ });
  return page;
}

const notice = () => [...document.querySelectorAll('[role="alert"]')].find((element) => element.textContent?.includes(ORPHAN_NOTICE_TEXT));

describe('the hand-off to the background and the dock', () => {
  it('a 1:1 opens: the event goes to the background, the sidebar is docked with its name, a liveness port opens', async () => {
    const restore = forbidHtmlStrings();
    const { open } = week();
    const calendar = start();
    await frame();
    expect(runtime.sent).toEqual([]); // nothing open, nothing said
    expect(document.querySelector('iframe')).toBeNull(); // not even preloaded

    open();
    await frame();
    expect(runtime.sent).toHaveLength(1);
    const message = runtime.sent[0]!;
    expect(message).toMatchObject({ type: PAGE_EVENT_MESSAGE, seq: 1, pageEvent: { title: '1:1 Dana / Sam', surface: 'dialog' } });
    expect(message.host).toMatch(/^[0-9a-f]{32}$/);
    const iframe = document.querySelector('iframe')!;
    expect(iframe.src).toBe(`chrome-extension://${runtime.id}/sidebar.html#host=${message.host}`);
    expect(calendar.dock.isShown).toBe(true);
    expect(iframe.title).toBe('1:1 with Dana Reyes');
    expect(runtime.ports.map((port) => [port.name, port.disconnected])).toEqual([[CONTENT_PORT, false]]);
    restore();
  });

  it('not a 1:1: nothing is shown', async () => {
    const { open } = week('popover-12-guests.html');
    const calendar = start();
    open();
    await frame();
    expect(runtime.sent).toHaveLength(1);
    expect(calendar.dock.isShown).toBe(false);
    expect(runtime.ports).toEqual([]);
  });

  it('closing hides the dock at once, tells the background, and drops the liveness port', async () => {
    const { open, close } = week();
    const calendar = start();
    open();
    await frame();
    expect(calendar.dock.isShown).toBe(true);
    let answer!: () => void;
    runtime.answer = (message) => new Promise((resolve) => (answer = () => resolve(verdictFor(message))));
    close();
    await frame();
    expect(calendar.dock.isShown).toBe(false); // before the background answered
    expect(runtime.sent.at(-1)).toMatchObject({ seq: 2, pageEvent: null });
    expect(runtime.ports[0]!.disconnected).toBe(true);
    answer();
    await frame();
    expect(calendar.dock.isShown).toBe(false);
    // The iframe stays, warm, for the next 1:1.
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('answers arriving out of order: only the latest counts', async () => {
    const { open } = week();
    const calendar = start();
    const pending: { message: PageEventMessage; resolve: (verdict: unknown) => void }[] = [];
    runtime.answer = (message) => new Promise((resolve) => pending.push({ message, resolve }));
    open();
    await frame();
    // Another event (a group meeting) opens in place of the 1:1 before the first answer came.
    const group = document.importNode(parseFixture('popover-12-guests.html').querySelector('[role="dialog"]')!, true);
    document.querySelector('[role="dialog"]')!.replaceWith(group);
    await frame();
    expect(pending.map(({ message }) => [message.seq, message.pageEvent?.guests.length])).toEqual([[1, 2], [2, 12]]);
    pending[1]!.resolve(verdictFor(pending[1]!.message)); // the group's "no" first …
    await frame();
    pending[0]!.resolve(verdictFor(pending[0]!.message)); // … then the stale "1:1 with Dana"
    await frame();
    expect(calendar.dock.isShown).toBe(false);
  });

  it('an unreadable answer shows nothing', async () => {
    const { open } = week();
    const calendar = start();
    runtime.answer = async () => ({ show: 'yes' });
    open();
    await frame();
    expect(calendar.dock.isShown).toBe(false);
  });

  it('by default preloads the iframe, hidden, at the page\'s first idle moment', async () => {
    week();
    page = startCalendarPage({ runtime, context, log: () => {}, reload: () => reloads++ });
    await new Promise<void>((resolve) => setTimeout(resolve, 1_100)); // idle callback or its 1 s fallback
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    expect(document.querySelector('iframe')!.parentElement!.style.display).toBe('none');
  });
});

describe('the compact offer and verdicts decided again', () => {
  const pushed = (host: string, verdict: PageVerdict) => ({ type: PAGE_VERDICT_MESSAGE, host, verdict });
  const sizeFromIframe = (height: unknown, source: MessageEventSource | null) =>
    window.dispatchEvent(new MessageEvent('message', { data: { type: SIDEBAR_SIZE_MESSAGE, height }, source }));

  it('a group event: the same iframe, compact, named without "1:1 with"; a liveness port as for the sidebar', async () => {
    runtime.answer = async (message) => verdictWithOffer(message);
    const { open, close } = week('popover-12-guests.html');
    const calendar = start();
    open();
    await frame();
    expect(calendar.dock.isShown).toBe(true);
    expect(calendar.dock.size).toBe('compact');
    expect(calendar.dock.layout?.height).toBe(COMPACT_HEIGHT);
    const iframe = document.querySelector('iframe')!;
    expect(iframe.title).toBe(OFFER_LABEL);
    expect(iframe.title).not.toMatch(/1:1 with/);
    expect(runtime.ports.map((port) => port.name)).toEqual([CONTENT_PORT]);
    close();
    await frame();
    expect(calendar.dock.isShown).toBe(false);
  });

  it('the offer\'s page sets its height; only its own iframe may, and only numbers count', async () => {
    runtime.answer = async (message) => verdictWithOffer(message);
    const { open } = week('popover-12-guests.html');
    const calendar = start();
    open();
    await frame();
    const iframe = document.querySelector('iframe')!;
    sizeFromIframe(236, window); // the page itself: ignored
    sizeFromIframe('236', iframe.contentWindow);
    expect(calendar.dock.layout?.height).toBe(COMPACT_HEIGHT);
    sizeFromIframe(236, iframe.contentWindow);
    expect(calendar.dock.layout?.height).toBe(236);
    sizeFromIframe(44, iframe.contentWindow);
    expect(calendar.dock.layout?.height).toBe(44);
  });

  it('a verdict pushed for this dock and its latest event is applied: offer ↔ sidebar, at once', async () => {
    runtime.answer = async (message) => verdictWithOffer(message);
    const { open } = week('popover-12-guests.html');
    const calendar = start();
    open();
    await frame();
    const { host, seq } = runtime.sent.at(-1)!;
    runtime.push(pushed(host, { seq, show: true, label: '1:1 with Ari Stone' }));
    expect(calendar.dock.size).toBe('full');
    expect(document.querySelector('iframe')!.title).toBe('1:1 with Ari Stone');
    expect(calendar.dock.layout?.height).toBeGreaterThan(COMPACT_HEIGHT);
    runtime.push(pushed(host, { seq, show: 'offer', label: OFFER_LABEL }));
    expect(calendar.dock.size).toBe('compact');
    expect(calendar.dock.isShown).toBe(true);
    runtime.push(pushed(host, { seq, show: false, reason: 'not a 1:1' }));
    expect(calendar.dock.isShown).toBe(false);
    expect(runtime.sent).toHaveLength(1); // nothing asked again
  });

  it('pushed verdicts for another dock, an older event, a closed dialog, or malformed are ignored', async () => {
    const { open, close } = week();
    const calendar = start();
    open();
    await frame();
    const { host, seq } = runtime.sent.at(-1)!;
    expect(calendar.dock.size).toBe('full');
    const offer: PageVerdict = { seq, show: 'offer', label: OFFER_LABEL };
    runtime.push(pushed('0123456789abcdef0123456789abcdef', offer));
    runtime.push(pushed(host, { ...offer, seq: seq - 1 }));
    runtime.push(pushed(host, { seq, show: 'offer' } as unknown as PageVerdict)); // no label
    runtime.push({ type: 'someone-else', host, verdict: offer });
    expect(calendar.dock.size).toBe('full');
    expect(calendar.dock.isShown).toBe(true);
    close();
    await frame();
    const closed = runtime.sent.at(-1)!.seq;
    runtime.push(pushed(host, { seq: closed, show: true, label: '1:1 with Dana Reyes' }));
    expect(calendar.dock.isShown).toBe(false);
  });

  it('stops listening when stopped', async () => {
    week();
    const calendar = start();
    await frame();
    expect(runtime.messageListeners.size).toBe(1);
    calendar.stop();
    expect(runtime.messageListeners.size).toBe(0);
  });
});

describe('the service worker and the extension going away', () => {
  it('service worker stopped while a sidebar shows: the port is reopened and the event re-sent', async () => {
    const { open } = week();
    start();
    open();
    await frame();
    runtime.ports[0]!.drop();
    await frame();
    expect(runtime.ports).toHaveLength(2);
    expect(runtime.ports[1]!.disconnected).toBe(false);
    expect(runtime.sent).toHaveLength(2);
    expect(runtime.sent[1]!.pageEvent).toEqual(runtime.sent[0]!.pageEvent);
    expect(notice()).toBeUndefined();
  });

  // The flake the demo's retry hid: the worker stopped while it was deciding, the answer never
  // came, and nothing on the (settled) page would ever ask again.
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const noAnswerThen = (answers: Array<'none' | 'closed' | 'verdict'>) => {
    let call = 0;
    runtime.answer = async (message) => {
      const kind = answers[Math.min(call++, answers.length - 1)];
      if (kind === 'closed') throw new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');
      return kind === 'verdict' ? verdictFor(message) : undefined;
    };
  };

  it('service worker stopped before it answered (no answer, or the channel closed): the event is asked again and the sidebar shows', async () => {
    for (const lost of ['none', 'closed'] as const) {
      const { open, close } = week();
      const calendar = start();
      runtime.sent = [];
      noAnswerThen([lost, lost, 'verdict']);
      open();
      await frame();
      expect(calendar.dock.isShown).toBe(false);
      await wait(RESEND_DELAYS_MS[0]! + RESEND_DELAYS_MS[1]! + 100);
      expect(runtime.sent.map((message) => message.seq)).toEqual([1, 1, 1]);
      expect(calendar.dock.isShown).toBe(true);
      expect(document.querySelector('iframe')!.title).toBe('1:1 with Dana Reyes');
      expect(notice()).toBeUndefined();
      close();
      page!.stop();
      document.querySelectorAll('iframe').forEach((iframe) => iframe.parentElement!.remove());
    }
  });

  it('no answer ever: asked a bounded number of times, then nothing is shown and one line is logged', async () => {
    const { open } = week();
    const lines: string[] = [];
    const calendar = (page = startCalendarPage({ runtime, context, log: (line) => lines.push(line), reload: () => reloads++ }));
    noAnswerThen(['closed']);
    open();
    await frame();
    await wait(RESEND_DELAYS_MS.reduce((sum, delay) => sum + delay, 0) + 300);
    expect(runtime.sent).toHaveLength(RESEND_DELAYS_MS.length + 1);
    expect(calendar.dock.isShown).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/did not answer .*message channel closed/)]);
  });

  it('a newer event while waiting to ask again: only the newer one is asked', async () => {
    const { open, close } = week();
    const calendar = start();
    noAnswerThen(['none', 'verdict']);
    open();
    await frame();
    close(); // closed before the retry: the background hears "nothing open" (seq 2), not the old event again
    await frame();
    await wait(RESEND_DELAYS_MS[0]! + 100);
    expect(runtime.sent.map((message) => [message.seq, message.pageEvent === null])).toEqual([[1, false], [2, true]]);
    expect(calendar.dock.isShown).toBe(false);
  });

  it('extension reloaded while a sidebar shows: the notice appears at once, the sidebar iframe is left alone', async () => {
    const { open, close } = week();
    const calendar = start();
    open();
    await frame();
    const iframe = document.querySelector('iframe')!;
    runtime.id = undefined;
    runtime.ports[0]!.drop();
    expect(calendar.orphaned).toBe(true);
    const shown = notice()!;
    expect(shown.parentElement).toBe(document.body);
    expect(iframe.isConnected).toBe(true);
    expect(calendar.dock.isShown).toBe(true);
    // Reload button.
    shown.querySelector('button')!.click();
    expect(reloads).toBe(1);
    // The dialog closing still hides the dock; nothing is sent to a background that is gone.
    close();
    await frame();
    expect(calendar.dock.isShown).toBe(false);
    expect(runtime.sent).toHaveLength(1);
    expect(document.querySelectorAll('[role="alert"]')).toHaveLength(1);
  });

  it('extension reloaded, the port never told (as in Chromium): the sidebar iframe\'s hint makes the script check', async () => {
    const { open } = week();
    const calendar = start();
    open();
    await frame();
    const iframe = document.querySelector('iframe')!;
    // A forged hint from the page itself changes nothing while the extension is there.
    window.dispatchEvent(new MessageEvent('message', { data: { type: EXTENSION_GONE_MESSAGE }, source: window }));
    window.dispatchEvent(new MessageEvent('message', { data: { type: EXTENSION_GONE_MESSAGE }, source: iframe.contentWindow }));
    expect(calendar.orphaned).toBe(false);
    expect(notice()).toBeUndefined();
    // The browser has not cleared runtime.id yet, but the extension can no longer be reached.
    runtime.connect = () => {
      throw new Error('Extension context invalidated.');
    };
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'other' }, source: iframe.contentWindow }));
    expect(notice()).toBeUndefined();
    window.dispatchEvent(new MessageEvent('message', { data: { type: EXTENSION_GONE_MESSAGE }, source: iframe.contentWindow }));
    expect(calendar.orphaned).toBe(true);
    expect(notice()).toBeDefined();
    expect(iframe.isConnected).toBe(true);
  });

  it('extension reloaded while no sidebar shows: the notice appears when the next dialog opens', async () => {
    const { open } = week();
    start();
    await frame();
    runtime.id = undefined;
    expect(notice()).toBeUndefined();
    open();
    await frame();
    expect(notice()).toBeDefined();
    expect(runtime.sent).toEqual([]);
  });

  it('extension reloaded: returning to the tab shows the notice', async () => {
    week();
    start();
    await frame();
    runtime.id = undefined;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(notice()).toBeDefined();
  });

  it('sending fails with "Extension context invalidated": the notice', async () => {
    const { open } = week();
    start();
    runtime.answer = async () => {
      throw new Error('Extension context invalidated.');
    };
    open();
    await frame();
    expect(notice()).toBeDefined();
  });

  it('a newer copy of the script took over (extension still there): this one stands down quietly', async () => {
    const { open, close } = week();
    const calendar = start();
    open();
    await frame();
    context.invalidate();
    expect(calendar.dock.isShown).toBe(false);
    expect(notice()).toBeUndefined();
    close();
    open();
    await frame();
    expect(runtime.sent).toHaveLength(1);
  });
});
