// The background's side: deciding a page event, and the hub between content scripts and sidebars.
import { describe, expect, it, vi } from 'vitest';
import {
  accountOf,
  createInMemoryPageEventProvider,
  decidePageEvent,
  startCalendarPageHub,
  type HubRuntime,
  type PortLike,
  type SenderLike,
} from '../../src/background/page-events';
import type { PageEvent, PageGuest } from '../../src/calendar-page/page-event';
import { encodeEventRef } from '../../src/domain/event-id';
import {
  CONTENT_PORT,
  PAGE_EVENT_MESSAGE,
  SIDEBAR_CONTEXT,
  SIDEBAR_HELLO,
  SIDEBAR_PORT,
  type PageVerdict,
  type SidebarContextMessage,
} from '../../src/messaging/protocol';

const SAM = 'sam.lee@example.com';
const sam: PageGuest = { email: SAM, displayName: 'Sam Lee', organizer: true, resource: false };
const dana: PageGuest = { email: 'dana.reyes@example.com', displayName: 'Dana Reyes', organizer: false, resource: false };
const room: PageGuest = { email: 'c_1885@resource.calendar.google.com', displayName: 'Room 4', organizer: false, resource: true };
const others = Array.from({ length: 10 }, (_, i): PageGuest => ({ email: `p${i}@example.com`, organizer: false, resource: false }));

function pageEvent(overrides: Partial<PageEvent> = {}): PageEvent {
  const eventId = overrides.eventId ?? '7kqsd5h4c8n2jm5lq0tl6u2e4v';
  const calendarId = overrides.calendarId ?? SAM;
  return {
    eid: encodeEventRef({ eventId, calendarId }),
    eventId,
    calendarId,
    title: '1:1 Dana / Sam',
    guests: [sam, dana],
    guestsComplete: true,
    accountEmail: SAM,
    accountName: 'Sam Lee',
    accountIndex: 0,
    surface: 'dialog',
    ...overrides,
  };
}

describe('deciding what the page shows', () => {
  const provider = createInMemoryPageEventProvider({
    knownPeople: { [SAM]: [{ id: 'email:jo.park@example.com', email: 'jo.park@example.com', displayName: 'Jo Park' }] },
    selfAliases: { [SAM]: ['sam@old-domain.example'] },
    overrides: {
      [SAM]: [
        { account: SAM, id: 'event:marked-not', scope: 'event', targetId: 'marked-not', isOneOnOne: false, updatedAt: 1 },
      ],
    },
  });

  const table: { what: string; event: PageEvent; expected: unknown }[] = [
    {
      what: 'two human guests: a 1:1 with the other one',
      event: pageEvent(),
      expected: { kind: 'decided', account: SAM, label: '1:1 with Dana Reyes', classification: { isOneOnOne: true, reason: 'two-human-guests', other: { email: 'dana.reyes@example.com', displayName: 'Dana Reyes', personId: 'email:dana.reyes@example.com' } } },
    },
    {
      what: 'a room does not count',
      event: pageEvent({ guests: [sam, dana, room] }),
      expected: { kind: 'decided', classification: { isOneOnOne: true, other: { displayName: 'Dana Reyes' } } },
    },
    {
      what: 'only the other person listed (the page leaves the viewer out)',
      event: pageEvent({ guests: [{ ...dana, organizer: true }] }),
      expected: { kind: 'decided', classification: { isOneOnOne: true, other: { email: 'dana.reyes@example.com' } } },
    },
    {
      what: 'a guest without a name: named by address',
      event: pageEvent({ guests: [sam, { email: 'jo.park@partner.example.org', organizer: false, resource: false }] }),
      expected: { kind: 'decided', label: '1:1 with jo.park@partner.example.org', classification: { isOneOnOne: true } },
    },
    {
      what: 'twelve guests: not a 1:1, whatever the title',
      event: pageEvent({ title: '1:1 prep', guests: [sam, dana, ...others] }),
      expected: { kind: 'decided', classification: { isOneOnOne: false, reason: 'not-one-on-one' } },
    },
    {
      what: 'declined by the other person: still the 1:1',
      event: pageEvent({ guests: [sam, { ...dana, responseStatus: 'declined' }] }),
      expected: { kind: 'decided', classification: { isOneOnOne: true } },
    },
    {
      what: 'an alias of the user counts as the user',
      event: pageEvent({ guests: [{ ...sam, email: 'sam@old-domain.example' }, dana] }),
      expected: { kind: 'decided', classification: { isOneOnOne: true, other: { displayName: 'Dana Reyes' } } },
    },
    {
      what: 'no guests yet and the dialog still filling in: no verdict',
      event: pageEvent({ guests: [], guestsComplete: false, title: 'Dana <> Me' }),
      expected: { kind: 'pending', reason: 'the guests have not been shown yet' },
    },
    {
      what: 'only a room yet, still filling in: no verdict',
      event: pageEvent({ guests: [room], guestsComplete: false }),
      expected: { kind: 'pending' },
    },
    {
      what: 'no guests, titled "Dana <> Me": a 1:1 with Dana (by title)',
      event: pageEvent({ guests: [], title: 'Dana <> Me' }),
      expected: { kind: 'decided', label: '1:1 with Dana', classification: { isOneOnOne: true, reason: 'title', other: { displayName: 'Dana', personId: 'name:dana' } } },
    },
    {
      what: 'no guests, titled "Sam / Jo": the known person Jo',
      event: pageEvent({ guests: [], title: 'Sam / Jo' }),
      expected: { kind: 'decided', classification: { isOneOnOne: true, other: { personId: 'email:jo.park@example.com', displayName: 'Jo Park' } } },
    },
    {
      what: 'no guests, an ordinary title: not a 1:1',
      event: pageEvent({ guests: [], title: 'Focus time' }),
      expected: { kind: 'decided', classification: { isOneOnOne: false } },
    },
    {
      what: 'marked as not a 1:1 by the user',
      event: pageEvent({ eventId: 'marked-not' }),
      expected: { kind: 'decided', classification: { isOneOnOne: false, reason: 'unmarked-event' } },
    },
    {
      what: 'no account label: the calendar id (a person) is the account',
      event: pageEvent({ accountEmail: undefined }),
      expected: { kind: 'decided', account: SAM, classification: { isOneOnOne: true } },
    },
    {
      what: 'no account label and a group calendar: no account, no sidebar',
      event: pageEvent({ accountEmail: undefined, calendarId: 'team@group.calendar.google.com' }),
      expected: { kind: 'no-account' },
    },
  ];

  it.each(table)('$what', async ({ event, expected }) => {
    expect(await decidePageEvent(event, provider)).toMatchObject(expected as object);
  });

  it('accountOf prefers the Google bar, lower-cases, and refuses calendars that are not people', () => {
    expect(accountOf({ accountEmail: 'Sam.Lee@Example.com', calendarId: 'x@group.calendar.google.com' })).toBe(SAM);
    expect(accountOf({ calendarId: 'Sam.Lee@Example.com' })).toBe(SAM);
    expect(accountOf({ calendarId: 'en.usa#holiday@group.v.calendar.google.com' })).toBeUndefined();
    expect(accountOf({ calendarId: 'c_1885@resource.calendar.google.com' })).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------

class FakePort implements PortLike {
  posted: unknown[] = [];
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];
  constructor(readonly name: string, readonly sender: SenderLike) {}
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };
  send(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  close(): void {
    for (const listener of this.disconnectListeners) listener();
  }
}

class FakeHubRuntime implements HubRuntime {
  readonly id = 'abcdefghijklmnopabcdefghijklmnop';
  reloads = 0;
  private messageListener?: Parameters<HubRuntime['onMessage']['addListener']>[0];
  private connectListener?: (port: PortLike) => void;
  private updateListener?: (details: unknown) => void;
  onMessage = { addListener: (listener: NonNullable<FakeHubRuntime['messageListener']>) => void (this.messageListener = listener) };
  onConnect = { addListener: (listener: (port: PortLike) => void) => void (this.connectListener = listener) };
  onUpdateAvailable = { addListener: (listener: (details: unknown) => void) => void (this.updateListener = listener) };
  reload(): void {
    this.reloads++;
  }
  /** Sends like runtime.sendMessage; resolves with the response (undefined if nobody answered). */
  send(message: unknown, sender: SenderLike): Promise<unknown> {
    return new Promise((resolve) => {
      const async = this.messageListener!(message, sender, resolve);
      if (async !== true) resolve(undefined);
    });
  }
  connect(name: string, sender: SenderLike): FakePort {
    const port = new FakePort(name, sender);
    this.connectListener!(port);
    return port;
  }
  updateAvailable(): void {
    this.updateListener!({ version: '0.2.0' });
  }
}

const HOST = '0123456789abcdef0123456789abcdef';
const OTHER_HOST = 'fedcba9876543210fedcba9876543210';
const calendarTab = (tabId: number): SenderLike => ({ id: 'abcdefghijklmnopabcdefghijklmnop', tab: { id: tabId }, frameId: 0, url: 'https://calendar.google.com/calendar/u/0/r/week' });
const sidebarFrame = (tabId: number): SenderLike => ({ id: 'abcdefghijklmnopabcdefghijklmnop', tab: { id: tabId }, frameId: 7, url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/sidebar.html' });

function message(seq: number, event: PageEvent | null, host = HOST) {
  return { type: PAGE_EVENT_MESSAGE, host, seq, pageEvent: event };
}

function contexts(port: FakePort): (string | null)[] {
  return (port.posted as SidebarContextMessage[]).map((posted) => {
    expect(posted.type).toBe(SIDEBAR_CONTEXT);
    return posted.context === null ? null : (posted.context.label ?? `not: ${posted.context.pageEvent.title}`);
  });
}

describe('the hub', () => {
  it('answers the content script and pushes the context to the sidebar of the same tab and dock', async () => {
    const runtime = new FakeHubRuntime();
    const hub = startCalendarPageHub(runtime, { log: () => {} });
    const sidebar = runtime.connect(SIDEBAR_PORT, sidebarFrame(3));
    sidebar.send({ type: SIDEBAR_HELLO, host: HOST });
    expect(sidebar.posted).toEqual([]); // nothing known yet

    const verdict = (await runtime.send(message(1, pageEvent()), calendarTab(3))) as PageVerdict;
    expect(verdict).toEqual({ seq: 1, show: true, label: '1:1 with Dana Reyes' });
    expect(contexts(sidebar)).toEqual(['1:1 with Dana Reyes']);
    const record = hub.dock(3, HOST)!;
    expect(record.frameId).toBe(0);
    expect(record.context).toMatchObject({ account: SAM, pageEvent: { title: '1:1 Dana / Sam' }, classification: { isOneOnOne: true } });
    expect(hub.openSidebarCount()).toBe(1);

    // A sidebar (re)connecting later gets the current context at once.
    const late = runtime.connect(SIDEBAR_PORT, sidebarFrame(3));
    late.send({ type: SIDEBAR_HELLO, host: HOST });
    expect(contexts(late)).toEqual(['1:1 with Dana Reyes']);

    const group = (await runtime.send(message(2, pageEvent({ title: 'All hands', guests: [sam, dana, ...others] })), calendarTab(3))) as PageVerdict;
    expect(group).toMatchObject({ seq: 2, show: false });
    expect(contexts(sidebar)).toEqual(['1:1 with Dana Reyes', 'not: All hands']);
    expect(hub.openSidebarCount()).toBe(0);

    expect(await runtime.send(message(3, null), calendarTab(3))).toEqual({ seq: 3, show: false, reason: 'no event is open' });
    expect(contexts(sidebar)).toEqual(['1:1 with Dana Reyes', 'not: All hands', null]);
  });

  it('keeps tabs and docks apart', async () => {
    const runtime = new FakeHubRuntime();
    startCalendarPageHub(runtime, { log: () => {} });
    const otherTab = runtime.connect(SIDEBAR_PORT, sidebarFrame(4));
    otherTab.send({ type: SIDEBAR_HELLO, host: HOST });
    const otherDock = runtime.connect(SIDEBAR_PORT, sidebarFrame(3));
    otherDock.send({ type: SIDEBAR_HELLO, host: OTHER_HOST });
    await runtime.send(message(1, pageEvent()), calendarTab(3));
    expect(otherTab.posted).toEqual([]);
    expect(otherDock.posted).toEqual([]);
  });

  it('a sidebar that cannot name its tab through the browser may name it from tabs.getCurrent()', async () => {
    const runtime = new FakeHubRuntime();
    startCalendarPageHub(runtime, { log: () => {} });
    await runtime.send(message(1, pageEvent()), calendarTab(9));
    const sidebar = runtime.connect(SIDEBAR_PORT, { id: runtime.id, url: 'chrome-extension://x/sidebar.html' });
    sidebar.send({ type: SIDEBAR_HELLO, host: HOST, tabId: 9 });
    expect(contexts(sidebar)).toEqual(['1:1 with Dana Reyes']);
  });

  it('refuses bad input with a reason, and leaves other messages to other listeners', async () => {
    const runtime = new FakeHubRuntime();
    const logs: string[] = [];
    startCalendarPageHub(runtime, { log: (line) => logs.push(line) });
    expect(await runtime.send({ type: 'someone-else', x: 1 }, calendarTab(3))).toBeUndefined();
    expect(await runtime.send({ ...message(1, pageEvent()), host: 'not-a-token' }, calendarTab(3))).toMatchObject({ seq: 1, show: false, reason: expect.stringContaining('invalid message') });
    expect(await runtime.send(message(1, pageEvent({ guests: [{ email: 'no-at-sign', organizer: false, resource: false }] })), calendarTab(3))).toMatchObject({ show: false, reason: expect.stringContaining('invalid message') });
    expect(await runtime.send(message(1, pageEvent()), { id: runtime.id })).toEqual({ seq: 1, show: false, reason: 'only a tab can show a sidebar' });
    const sidebar = runtime.connect(SIDEBAR_PORT, sidebarFrame(3));
    sidebar.send({ type: SIDEBAR_HELLO, host: '<script>' });
    expect(sidebar.posted).toEqual([]);
    expect(logs).toEqual([expect.stringContaining('invalid hello')]);
  });

  it('drops an answer overtaken by a newer message from the same dock', async () => {
    const runtime = new FakeHubRuntime();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const provider = createInMemoryPageEventProvider();
    const slow = { ...provider, knownPeople: async (account: string) => (await gate, provider.knownPeople(account)) };
    const hub = startCalendarPageHub(runtime, { provider: slow, log: () => {} });
    const first = runtime.send(message(1, pageEvent()), calendarTab(3));
    const second = await runtime.send(message(2, null), calendarTab(3));
    release();
    expect(second).toMatchObject({ seq: 2, show: false });
    expect(await first).toEqual({ seq: 1, show: false, reason: 'superseded' });
    expect(hub.dock(3, HOST)!.context).toBeNull();
  });

  it('holds an update back while a sidebar shows a 1:1, and reloads once none does', async () => {
    const runtime = new FakeHubRuntime();
    const saved: boolean[] = [];
    const hub = startCalendarPageHub(runtime, { log: () => {}, pendingUpdate: { load: async () => false, save: async (pending) => void saved.push(pending) } });
    const sidebar = runtime.connect(SIDEBAR_PORT, sidebarFrame(3));
    sidebar.send({ type: SIDEBAR_HELLO, host: HOST });
    await runtime.send(message(1, pageEvent()), calendarTab(3));

    runtime.updateAvailable();
    expect(runtime.reloads).toBe(0);
    expect(hub.updatePending).toBe(true);
    expect(saved).toEqual([true]);

    await runtime.send(message(2, null), calendarTab(3)); // the dialog closed
    expect(runtime.reloads).toBe(1);
    expect(saved).toEqual([true, false]);
  });

  it('a closed tab (its sidebar port gone) releases a held update too', async () => {
    const runtime = new FakeHubRuntime();
    startCalendarPageHub(runtime, { log: () => {} });
    const sidebar = runtime.connect(SIDEBAR_PORT, sidebarFrame(3));
    sidebar.send({ type: SIDEBAR_HELLO, host: HOST });
    await runtime.send(message(1, pageEvent()), calendarTab(3));
    runtime.updateAvailable();
    expect(runtime.reloads).toBe(0);
    sidebar.close();
    expect(runtime.reloads).toBe(1);
  });

  it('with no sidebar open an update reloads at once', () => {
    const runtime = new FakeHubRuntime();
    startCalendarPageHub(runtime, { log: () => {} });
    runtime.connect(CONTENT_PORT, calendarTab(3)); // a liveness port is not a sidebar
    runtime.updateAvailable();
    expect(runtime.reloads).toBe(1);
  });

  it('after a service-worker restart a remembered update waits for sidebars to reconnect, then reloads if none shows', async () => {
    vi.useFakeTimers();
    try {
      const runtime = new FakeHubRuntime();
      startCalendarPageHub(runtime, { log: () => {}, reconnectGraceMs: 5_000, pendingUpdate: { load: async () => true, save: async () => {} } });
      await vi.advanceTimersByTimeAsync(0);
      const sidebar = runtime.connect(SIDEBAR_PORT, sidebarFrame(3));
      sidebar.send({ type: SIDEBAR_HELLO, host: HOST });
      await runtime.send(message(1, pageEvent()), calendarTab(3));
      await vi.advanceTimersByTimeAsync(5_000);
      expect(runtime.reloads).toBe(0); // a 1:1 is open
      sidebar.close();
      expect(runtime.reloads).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
