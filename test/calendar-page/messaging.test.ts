// The message protocol's helpers and the sidebar's subscription to its context.
import { describe, expect, it, vi } from 'vitest';
import {
  EXTENSION_GONE_MESSAGE,
  SIDEBAR_CONTEXT,
  SIDEBAR_HELLO,
  SIDEBAR_PORT,
  OFFER_LABEL,
  PAGE_VERDICT_MESSAGE,
  REDECIDE_MESSAGE,
  SIDEBAR_SIZE_MESSAGE,
  hostFromSidebarUrl,
  isPageVerdict,
  isPageVerdictMessage,
  newHostToken,
  sidebarLabel,
  sidebarUrlFor,
  type SidebarContext,
} from '../../src/messaging/protocol';
import { parseRedecideMessage, parseSidebarContext } from '../../src/messaging/schemas';
import { reportDockHeight, requestRedecide } from '../../src/messaging/sidebar-dock';
import { subscribeSidebarContext, type SidebarRuntime } from '../../src/messaging/sidebar-context';

const HOST = '0123456789abcdef0123456789abcdef';

describe('protocol helpers', () => {
  it('the dock token travels in the sidebar URL and back', () => {
    const host = newHostToken();
    expect(host).toMatch(/^[0-9a-f]{32}$/);
    expect(newHostToken()).not.toBe(host);
    const url = sidebarUrlFor('chrome-extension://abc/sidebar.html', host);
    expect(url).toBe(`chrome-extension://abc/sidebar.html#host=${host}`);
    expect(hostFromSidebarUrl(url)).toBe(host);
    expect(hostFromSidebarUrl('chrome-extension://abc/sidebar.html')).toBeUndefined();
    expect(hostFromSidebarUrl('chrome-extension://abc/sidebar.html#host=<img>')).toBeUndefined();
  });

  it('the label names the person, else their address', () => {
    expect(sidebarLabel({ displayName: 'Dana Reyes', email: 'dana@example.com' })).toBe('1:1 with Dana Reyes');
    expect(sidebarLabel({ displayName: ' ', email: 'dana@example.com' })).toBe('1:1 with dana@example.com');
    expect(sidebarLabel({})).toBe('1:1 with someone');
  });

  it.each([
    [{ seq: 1, show: true, label: '1:1 with Dana' }, true],
    [{ seq: 1, show: false, reason: 'no' }, true],
    [{ seq: 1, show: true }, false],
    [{ seq: 1, show: true, label: '' }, false],
    [{ show: false, reason: 'no' }, false],
    [{ seq: 1, show: 'yes', label: 'x' }, false],
    [{ seq: 1, show: 'offer', label: OFFER_LABEL }, true],
    [{ seq: 1, show: 'offer' }, false],
    [{ seq: 1, show: 'offer', label: '' }, false],
    [null, false],
    ['show', false],
  ])('isPageVerdict(%j) is %s', (value, expected) => {
    expect(isPageVerdict(value)).toBe(expected);
  });

  it.each<[string, unknown, boolean]>([
    ['this dock\'s verdict', { type: PAGE_VERDICT_MESSAGE, host: HOST, verdict: { seq: 3, show: 'offer', label: OFFER_LABEL } }, true],
    ['another dock\'s', { type: PAGE_VERDICT_MESSAGE, host: 'fedcba9876543210fedcba9876543210', verdict: { seq: 3, show: false, reason: 'x' } }, false],
    ['another type', { type: 'one-on-one/other', host: HOST, verdict: { seq: 3, show: false, reason: 'x' } }, false],
    ['a malformed verdict', { type: PAGE_VERDICT_MESSAGE, host: HOST, verdict: { seq: '3', show: false, reason: 'x' } }, false],
    ['nothing', undefined, false],
  ])('isPageVerdictMessage: %s', (_what, value, expected) => {
    expect(isPageVerdictMessage(value, HOST)).toBe(expected);
  });
});

describe('the sidebar page\'s dock messages', () => {
  it('requestRedecide sends the mark\'s event and never throws', async () => {
    const sent: unknown[] = [];
    expect(
      await requestRedecide(async (message) => (sent.push(message), { ok: true, docks: 2 }), { account: 'sam@example.com', eventId: 'wk1_20260316T100000Z', seriesId: 'wk1' }),
    ).toEqual({ ok: true, docks: 2 });
    expect(await requestRedecide(async (message) => (sent.push(message), { ok: true, docks: 0 }), { account: 'sam@example.com', eventId: 'one' })).toEqual({ ok: true, docks: 0 });
    expect(sent).toEqual([
      { type: REDECIDE_MESSAGE, account: 'sam@example.com', eventId: 'wk1_20260316T100000Z', seriesId: 'wk1' },
      { type: REDECIDE_MESSAGE, account: 'sam@example.com', eventId: 'one' },
    ]);
    // Every message must also pass the background's check.
    for (const message of sent) expect(parseRedecideMessage(message).ok).toBe(true);
    expect(await requestRedecide(async () => undefined, { account: 'sam@example.com', eventId: 'one' })).toEqual({ ok: false, error: expect.stringContaining('did not answer') });
    expect(
      await requestRedecide(
        async () => {
          throw new Error('Could not establish connection');
        },
        { account: 'sam@example.com', eventId: 'one' },
      ),
    ).toEqual({ ok: false, error: expect.stringContaining('Could not establish connection') });
  });

  it('reportDockHeight posts the height now and on every change, once per value, until stopped', () => {
    let height = 44;
    const element = { getBoundingClientRect: () => ({ height }) } as unknown as Element;
    let changed: (() => void) | undefined;
    let disconnected = false;
    class FakeResizeObserver {
      constructor(callback: () => void) {
        changed = callback;
      }
      observe(target: Element) {
        expect(target).toBe(element);
      }
      disconnect() {
        disconnected = true;
      }
    }
    const posted: [unknown, string][] = [];
    const stop = reportDockHeight(element, { hostWindow: { postMessage: (message: unknown, origin: string) => void posted.push([message, origin]) } as Pick<Window, 'postMessage'>, ResizeObserver: FakeResizeObserver });
    height = 231.2;
    changed!();
    changed!();
    height = 44;
    changed!();
    expect(posted).toEqual([
      [{ type: SIDEBAR_SIZE_MESSAGE, height: 44 }, '*'],
      [{ type: SIDEBAR_SIZE_MESSAGE, height: 232 }, '*'],
      [{ type: SIDEBAR_SIZE_MESSAGE, height: 44 }, '*'],
    ]);
    stop();
    expect(disconnected).toBe(true);
    // Not in a frame: nothing to tell.
    expect(reportDockHeight(element, { hostWindow: null })).toBeTypeOf('function');
  });
});


const context: SidebarContext = {
  account: 'sam.lee@example.com',
  pageEvent: {
    eid: 'N2txc2Q1aDRjOG4yam01bHEwdGw2dTJlNHYgc2FtLmxlZUBleGFtcGxlLmNvbQ',
    eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v',
    calendarId: 'sam.lee@example.com',
    title: '1:1 Dana / Sam',
    guests: [],
    guestsComplete: true,
    accountIndex: 0,
    surface: 'dialog',
  },
  classification: { isOneOnOne: true, reason: 'title', other: { displayName: 'Dana', personId: 'name:dana' } },
  label: '1:1 with Dana',
};

class FakeSidebarPort {
  posted: unknown[] = [];
  disconnected = false;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };
  receive(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  drop(): void {
    for (const listener of this.disconnectListeners) listener();
  }
}

function fakeRuntime(tabId?: number) {
  const ports: FakeSidebarPort[] = [];
  const runtime: SidebarRuntime & { id: string | undefined } = {
    id: 'abcdefghijklmnopabcdefghijklmnop',
    connect(info) {
      expect(info.name).toBe(SIDEBAR_PORT);
      const port = new FakeSidebarPort();
      ports.push(port);
      return port;
    },
    currentTabId: async () => tabId,
  };
  return { runtime, ports };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('subscribeSidebarContext', () => {
  it('says hello with its dock token and tab, and hands over each valid context', async () => {
    const { runtime, ports } = fakeRuntime(12);
    const seen: (SidebarContext | null)[] = [];
    const logs: string[] = [];
    const unsubscribe = subscribeSidebarContext((value) => seen.push(value), { runtime, host: HOST, log: (line) => logs.push(line) });
    await settle();
    expect(ports).toHaveLength(1);
    expect(ports[0]!.posted).toEqual([{ type: SIDEBAR_HELLO, host: HOST, tabId: 12 }]);

    ports[0]!.receive({ type: SIDEBAR_CONTEXT, context });
    ports[0]!.receive({ type: SIDEBAR_CONTEXT, context: { ...context, account: 'not an address' } });
    ports[0]!.receive({ type: 'something-else' });
    ports[0]!.receive({ type: SIDEBAR_CONTEXT, context: null });
    expect(seen).toEqual([context, null]);
    expect(logs).toEqual([expect.stringContaining('ignored an invalid context')]);

    unsubscribe();
    expect(ports[0]!.disconnected).toBe(true);
  });

  it('reconnects when the service worker went away, keeping the last context meanwhile', async () => {
    vi.useFakeTimers();
    try {
      const { runtime, ports } = fakeRuntime();
      const seen: (SidebarContext | null)[] = [];
      subscribeSidebarContext((value) => seen.push(value), { runtime, host: HOST, retryDelays: [50, 500] });
      await vi.advanceTimersByTimeAsync(0);
      expect(ports[0]!.posted).toEqual([{ type: SIDEBAR_HELLO, host: HOST }]); // no tab id known: the browser names it
      ports[0]!.receive({ type: SIDEBAR_CONTEXT, context });
      ports[0]!.drop();
      expect(seen).toEqual([context]); // nothing cleared
      await vi.advanceTimersByTimeAsync(49);
      expect(ports).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(ports).toHaveLength(2);
      expect(ports[1]!.posted).toEqual([{ type: SIDEBAR_HELLO, host: HOST }]);
      // The extension itself went away: no more attempts.
      runtime.id = undefined;
      ports[1]!.drop();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(ports).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the extension reloaded: reconnecting fails, the host page and the sidebar are told once', async () => {
    vi.useFakeTimers();
    try {
      const { runtime, ports } = fakeRuntime();
      const posted: unknown[] = [];
      let gone = 0;
      subscribeSidebarContext(() => {}, {
        runtime,
        host: HOST,
        retryDelays: [50],
        log: () => {},
        hostWindow: { postMessage: (message: unknown) => void posted.push(message) },
        onExtensionGone: () => gone++,
      });
      await vi.advanceTimersByTimeAsync(0);
      // At the moment the port drops the browser still reports an id; connecting again throws.
      runtime.connect = () => {
        throw new Error('Extension context invalidated.');
      };
      ports[0]!.drop();
      await vi.advanceTimersByTimeAsync(50);
      expect(posted).toEqual([{ type: EXTENSION_GONE_MESSAGE }]);
      expect(gone).toBe(1);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(gone).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  /** A visibility watch the test drives: `set(true)` shows the iframe. */
  function fakeVisibility(initial: boolean) {
    let listener: ((shown: boolean) => void) | undefined;
    let stopped = false;
    return {
      watch: (onChange: (shown: boolean) => void) => {
        listener = onChange;
        onChange(initial);
        return () => void (stopped = true);
      },
      set: (shown: boolean) => listener?.(shown),
      get stopped() {
        return stopped;
      },
    };
  }

  it('hidden with nothing to show, a dropped port stays closed (the idle worker sleeps) until the iframe is shown', async () => {
    vi.useFakeTimers();
    try {
      for (const before of ['nothing received', 'null received'] as const) {
        const { runtime, ports } = fakeRuntime();
        const visibility = fakeVisibility(false);
        const seen: (SidebarContext | null)[] = [];
        const unsubscribe = subscribeSidebarContext((value) => seen.push(value), { runtime, host: HOST, retryDelays: [50, 500], watchVisibility: visibility.watch });
        await vi.advanceTimersByTimeAsync(0);
        expect(ports).toHaveLength(1); // the warm iframe connects once, when it is created
        if (before === 'null received') ports[0]!.receive({ type: SIDEBAR_CONTEXT, context: null });
        ports[0]!.drop();
        await vi.advanceTimersByTimeAsync(60 * 60_000);
        expect({ before, ports: ports.length }).toEqual({ before, ports: 1 });
        visibility.set(false);
        await vi.advanceTimersByTimeAsync(1_000);
        expect(ports).toHaveLength(1);
        // Shown (the content script's event woke the worker, which holds the context): at once.
        visibility.set(true);
        await vi.advanceTimersByTimeAsync(0);
        expect(ports).toHaveLength(2);
        expect(ports[1]!.posted).toEqual([{ type: SIDEBAR_HELLO, host: HOST }]);
        ports[1]!.receive({ type: SIDEBAR_CONTEXT, context });
        expect(seen.at(-1)).toEqual(context);
        visibility.set(true); // already connected: nothing more
        await vi.advanceTimersByTimeAsync(0);
        expect(ports).toHaveLength(2);
        unsubscribe();
        expect(visibility.stopped).toBe(true);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('a dropped port is reopened while the iframe is shown or holds a context', async () => {
    vi.useFakeTimers();
    try {
      for (const [shown, received] of [[true, null], [true, undefined], [false, context]] as const) {
        const { runtime, ports } = fakeRuntime();
        const visibility = fakeVisibility(shown);
        subscribeSidebarContext(() => {}, { runtime, host: HOST, retryDelays: [50, 500], watchVisibility: visibility.watch });
        await vi.advanceTimersByTimeAsync(0);
        if (received !== undefined) ports[0]!.receive({ type: SIDEBAR_CONTEXT, context: received });
        ports[0]!.drop();
        await vi.advanceTimersByTimeAsync(50);
        expect({ shown, received, ports: ports.length }).toEqual({ shown, received, ports: 2 });
        // Hidden with nothing to show when the new port drops: it stays closed from then on.
        visibility.set(false);
        if (received !== null && received !== undefined) ports[1]!.receive({ type: SIDEBAR_CONTEXT, context: null });
        ports[1]!.drop();
        await vi.advanceTimersByTimeAsync(60_000);
        expect({ shown, received, ports: ports.length }).toEqual({ shown, received, ports: 2 });
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('a hidden sidebar whose port dropped still tells the host page when the extension was reloaded, without connecting', async () => {
    vi.useFakeTimers();
    try {
      const cases = [
        { how: 'runtime.id cleared', probe: async () => ({ id: 12 }), clearId: true, gone: 1 },
        { how: 'the probe refused', probe: async () => Promise.reject(new Error('Extension context invalidated.')), clearId: false, gone: 1 },
        { how: 'the worker only stopped', probe: async () => ({ id: 12 }), clearId: false, gone: 0 },
        { how: 'the probe failed otherwise', probe: async () => Promise.reject(new Error('No tab')), clearId: false, gone: 0 },
      ];
      for (const { how, probe, clearId, gone: expectedGone } of cases) {
        const { runtime, ports } = fakeRuntime();
        let probes = 0;
        runtime.probe = () => (probes++, probe());
        const posted: unknown[] = [];
        let gone = 0;
        subscribeSidebarContext(() => {}, {
          runtime,
          host: HOST,
          retryDelays: [50, 500],
          log: () => {},
          watchVisibility: fakeVisibility(false).watch,
          hostWindow: { postMessage: (message: unknown) => void posted.push(message) },
          onExtensionGone: () => gone++,
        });
        await vi.advanceTimersByTimeAsync(0);
        ports[0]!.drop(); // the browser still reports an id at this moment
        if (clearId) runtime.id = undefined;
        await vi.advanceTimersByTimeAsync(60_000);
        expect({ how, gone, posted: posted.length, ports: ports.length }).toEqual({ how, gone: expectedGone, posted: expectedGone, ports: 1 });
        expect({ how, probes }).toEqual({ how, probes: clearId ? 0 : 1 });
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('a page opened without a dock token shows nothing and does not connect', () => {
    const { runtime, ports } = fakeRuntime();
    const seen: (SidebarContext | null)[] = [];
    subscribeSidebarContext((value) => seen.push(value), { runtime, log: () => {} });
    expect(seen).toEqual([null]);
    expect(ports).toEqual([]);
  });

  it('the context schema rejects what the page could smuggle in', () => {
    expect(parseSidebarContext(context).ok).toBe(true);
    expect(parseSidebarContext({ ...context, pageEvent: { ...context.pageEvent, title: 'x'.repeat(2001) } }).ok).toBe(false);
    expect(parseSidebarContext({ ...context, pageEvent: { ...context.pageEvent, surface: 'popup' } }).ok).toBe(false);
    expect(parseSidebarContext({ ...context, classification: { isOneOnOne: true, reason: 'title' } }).ok).toBe(false);
  });
});
