// The background's side: deciding a page event, and the hub between content scripts and sidebars.
import { describe, expect, it, vi } from 'vitest';
import {
  accountOf,
  createInMemoryPageEventProvider,
  decidePageEvent,
  showsMarkedEvent,
  startCalendarPageHub,
  verdictOf,
  type PageDecision,
  type PageEventProvider,
  type HubRuntime,
  type PortLike,
  type SenderLike,
} from '../../src/background/page-events';
import type { PageEvent, PageGuest } from '../../src/calendar-page/page-event';
import { encodeEventRef } from '../../src/domain/event-id';
import {
  CONTENT_PORT,
  OFFER_LABEL,
  PAGE_EVENT_MESSAGE,
  PAGE_VERDICT_MESSAGE,
  REDECIDE_MESSAGE,
  SIDEBAR_CONTEXT,
  SIDEBAR_HELLO,
  SIDEBAR_PORT,
  type PageVerdict,
  type PageVerdictMessage,
  type SidebarContextMessage,
} from '../../src/messaging/protocol';
import type { ClassificationOverride } from '../../src/domain/schemas';

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
        { account: SAM, id: 'series:marked-series', scope: 'series', targetId: 'marked-series', isOneOnOne: false, updatedAt: 1 },
        { account: SAM, id: 'event:marked-one', scope: 'event', targetId: 'marked-one', isOneOnOne: true, personEmail: 'dana.reyes@example.com', updatedAt: 1 },
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
      what: 'twelve guests: not a 1:1, whatever the title; the offer',
      event: pageEvent({ title: '1:1 prep', guests: [sam, dana, ...others] }),
      expected: { kind: 'decided', offer: true, classification: { isOneOnOne: false, reason: 'not-one-on-one' } },
    },
    {
      what: 'three human guests (and a room): a group event; the offer',
      event: pageEvent({ title: 'Planning', guests: [sam, dana, others[0]!, room] }),
      expected: { kind: 'decided', offer: true, classification: { isOneOnOne: false } },
    },
    {
      what: 'two other guests, the viewer left out of the list: three with the user; the offer',
      event: pageEvent({ title: 'Planning', guests: [{ ...dana, organizer: true }, others[0]!] }),
      expected: { kind: 'decided', offer: true, classification: { isOneOnOne: false } },
    },
    {
      what: 'the user, an alias of the user and one other: a 1:1, no offer',
      event: pageEvent({ guests: [sam, { ...sam, email: 'sam@old-domain.example', organizer: false }, dana] }),
      expected: { kind: 'decided', offer: false, classification: { isOneOnOne: true } },
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
      what: 'no guests, an ordinary title: not a 1:1, and no offer',
      event: pageEvent({ guests: [], title: 'Focus time' }),
      expected: { kind: 'decided', offer: false, classification: { isOneOnOne: false } },
    },
    {
      what: 'only a room, an ordinary title: no offer',
      event: pageEvent({ guests: [room], title: 'Lunch' }),
      expected: { kind: 'decided', offer: false, classification: { isOneOnOne: false } },
    },
    {
      what: 'marked as not a 1:1 by the user: the offer (to take the mark back)',
      event: pageEvent({ eventId: 'marked-not' }),
      expected: { kind: 'decided', offer: true, classification: { isOneOnOne: false, reason: 'unmarked-event' } },
    },
    {
      what: 'an instance of a series marked as not a 1:1: the offer',
      event: pageEvent({ eventId: 'marked-series_20260316T100000Z', title: 'Dana <> Me', guests: [] }),
      expected: { kind: 'decided', offer: true, classification: { isOneOnOne: false, reason: 'unmarked-series' } },
    },
    {
      what: 'a group event the user marked as a 1:1 with Dana: a 1:1, no offer',
      event: pageEvent({ eventId: 'marked-one', title: 'Planning', guests: [sam, dana, ...others] }),
      expected: { kind: 'decided', offer: false, label: '1:1 with Dana Reyes', classification: { isOneOnOne: true, reason: 'marked-event' } },
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

  describe('before the dialog shows its guests, an event stored with guests', () => {
    const filling = (overrides: Partial<PageEvent> = {}) => pageEvent({ guests: [], guestsComplete: false, ...overrides });
    const storedAs = (attendees: { email: string; displayName?: string; self?: boolean; resource?: boolean }[], organizerEmail?: string) => ({
      attendees,
      ...(organizerEmail === undefined ? {} : { organizerEmail }),
    });
    const withStored = (eventId: string, guests: ReturnType<typeof storedAs>) => {
      const stored = createInMemoryPageEventProvider({
        selfAliases: { [SAM]: ['sam@old-domain.example'] },
        overrides: {
          [SAM]: [{ account: SAM, id: 'event:marked-not', scope: 'event', targetId: 'marked-not', isOneOnOne: false, updatedAt: 1 }],
        },
        storedGuests: { [SAM]: { [eventId]: guests } },
      });
      return stored;
    };

    it('is a 1:1 decided from the stored guests, named after the stored person', async () => {
      const stored = withStored('7kqsd5h4c8n2jm5lq0tl6u2e4v', storedAs([{ email: SAM, self: true }, { email: 'dana.reyes@example.com', displayName: 'Dana Reyes' }], SAM));
      expect(await decidePageEvent(filling({ title: 'Weekly' }), stored)).toMatchObject({
        kind: 'decided',
        label: '1:1 with Dana Reyes',
        classification: { isOneOnOne: true, other: { personId: 'email:dana.reyes@example.com' } },
      });
    });

    it('counts the user\'s alias as the user, though the stored guest is not flagged as self', async () => {
      const stored = withStored('7kqsd5h4c8n2jm5lq0tl6u2e4v', storedAs([{ email: 'sam@old-domain.example' }, { email: 'dana.reyes@example.com', displayName: 'Dana Reyes' }]));
      expect(await decidePageEvent(filling(), stored)).toMatchObject({ kind: 'decided', classification: { isOneOnOne: true, other: { displayName: 'Dana Reyes' } } });
    });

    it('of a group event waits for the page (the offer names the page\'s guests)', async () => {
      const stored = withStored('7kqsd5h4c8n2jm5lq0tl6u2e4v', storedAs([{ email: SAM, self: true }, { email: 'dana.reyes@example.com' }, { email: 'p1@example.com' }]));
      expect(await decidePageEvent(filling(), stored)).toEqual({ kind: 'pending', reason: 'the guests have not been shown yet' });
    });

    it('marked as not a 1:1 waits for the page too', async () => {
      const stored = withStored('marked-not', storedAs([{ email: SAM, self: true }, { email: 'dana.reyes@example.com' }]));
      expect(await decidePageEvent(filling({ eventId: 'marked-not' }), stored)).toMatchObject({ kind: 'pending' });
    });

    it('with no guests stored, or another event stored: no verdict yet', async () => {
      expect(await decidePageEvent(filling(), withStored('7kqsd5h4c8n2jm5lq0tl6u2e4v', storedAs([])))).toMatchObject({ kind: 'pending' });
      expect(await decidePageEvent(filling(), withStored('another-event', storedAs([{ email: 'dana.reyes@example.com' }])))).toMatchObject({ kind: 'pending' });
    });

    it('counts over the title when the page settled with no guests shown', async () => {
      const stored = withStored('7kqsd5h4c8n2jm5lq0tl6u2e4v', storedAs([{ email: SAM, self: true }, { email: 'alex.kim@example.com', displayName: 'Alex Kim' }]));
      expect(await decidePageEvent(pageEvent({ guests: [], guestsComplete: true, title: 'Alex / Sam' }), stored)).toMatchObject({
        kind: 'decided',
        label: '1:1 with Alex Kim',
        classification: { isOneOnOne: true, reason: 'two-human-guests', other: { personId: 'email:alex.kim@example.com' } },
      });
      // Stored guests of a group event decide nothing: the title does, as without them.
      const group = withStored('7kqsd5h4c8n2jm5lq0tl6u2e4v', storedAs([{ email: SAM, self: true }, { email: 'dana.reyes@example.com' }, { email: 'p1@example.com' }]));
      expect(await decidePageEvent(pageEvent({ guests: [], guestsComplete: true, title: 'Dana <> Me' }), group)).toMatchObject({
        kind: 'decided',
        classification: { isOneOnOne: true, reason: 'title', other: { displayName: 'Dana' } },
      });
    });

    it('gives way to the page\'s guests once they are shown (and is not read then)', async () => {
      const stored = withStored('7kqsd5h4c8n2jm5lq0tl6u2e4v', storedAs([{ email: SAM, self: true }, { email: 'jo.park@example.com', displayName: 'Jo Park' }]));
      const read = vi.spyOn(stored, 'storedGuests');
      expect(await decidePageEvent(pageEvent({ guestsComplete: false }), stored)).toMatchObject({ classification: { isOneOnOne: true, other: { displayName: 'Dana Reyes' } } });
      expect(read).not.toHaveBeenCalled();
    });
  });

  it.each<[string, PageDecision, PageVerdict]>([
    [
      'a 1:1: the sidebar, named after the other person',
      { kind: 'decided', account: SAM, offer: false, label: '1:1 with Dana Reyes', classification: { isOneOnOne: true, reason: 'two-human-guests', other: { displayName: 'Dana Reyes', personId: 'email:dana.reyes@example.com' } } },
      { seq: 4, show: true, label: '1:1 with Dana Reyes' },
    ],
    [
      'a group event: the offer, whose name is not "1:1 with …"',
      { kind: 'decided', account: SAM, offer: true, classification: { isOneOnOne: false, reason: 'not-one-on-one', detail: '4 people are invited' } },
      { seq: 4, show: 'offer', label: OFFER_LABEL },
    ],
    [
      'plainly not a 1:1: nothing, with the reason',
      { kind: 'decided', account: SAM, offer: false, classification: { isOneOnOne: false, reason: 'not-one-on-one', detail: 'no guests and an ordinary title' } },
      { seq: 4, show: false, reason: 'no guests and an ordinary title' },
    ],
    ['not decided yet: nothing', { kind: 'pending', reason: 'the guests have not been shown yet' }, { seq: 4, show: false, reason: 'the guests have not been shown yet' }],
    ['no account: nothing', { kind: 'no-account', reason: 'no account' }, { seq: 4, show: false, reason: 'no account' }],
  ])('verdictOf: %s', (_what, decision, verdict) => {
    expect(verdictOf(4, decision)).toEqual(verdict);
    expect(OFFER_LABEL).not.toMatch(/1:1 with/);
  });

  it.each<[string, { eventId: string; seriesId?: string }, { eventId: string; seriesId?: string }, boolean]>([
    ['the same event', { eventId: 'abc' }, { eventId: 'abc' }, true],
    ['another event', { eventId: 'abc' }, { eventId: 'xyz' }, false],
    ['another instance of the series', { eventId: 'ser_20260323T100000Z', seriesId: 'ser' }, { eventId: 'ser_20260316T100000Z', seriesId: 'ser' }, true],
    ['another instance, series read from the id', { eventId: 'ser_20260323T100000Z' }, { eventId: 'ser_20260316T100000Z' }, true],
    ['the series master of an instance', { eventId: 'ser' }, { eventId: 'ser_20260316T100000Z' }, true],
    ['an instance of another series', { eventId: 'other_20260316T100000Z' }, { eventId: 'ser_20260316T100000Z' }, false],
  ])('showsMarkedEvent: %s', (_what, shown, marked, expected) => {
    expect(showsMarkedEvent(shown, marked)).toBe(expected);
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
  getURL(path: string): string {
    return `chrome-extension://${this.id}${path}`;
  }
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
    expect(group).toEqual({ seq: 2, show: 'offer', label: OFFER_LABEL });
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

// ---------------------------------------------------------------------------------------------

describe('deciding again after a mark', () => {
  const SERIES = 'w33kly0dana0sam0aa1bb2cc3d';
  const instance = (day: string) => pageEvent({ eventId: `${SERIES}_202603${day}T100000Z`, seriesId: SERIES, title: 'Dana / Sam weekly' });
  const group = pageEvent({ eventId: 'allhands0aa1bb2cc3dd4ee5ff', title: 'All hands', guests: [sam, dana, ...others.slice(0, 2)] });
  const unrelated = pageEvent({ eventId: 'unrelated0aa1bb2cc3dd4ee5f', title: '1:1 Dana / Sam (other)' });
  const HOSTS = ['11111111111111111111111111111111', '22222222222222222222222222222222', '33333333333333333333333333333333', '44444444444444444444444444444444'];
  const redecideFromSidebar = (runtime: FakeHubRuntime, tabId: number, body: object) =>
    runtime.send({ type: REDECIDE_MESSAGE, account: SAM, ...body }, sidebarFrame(tabId));
  const mark = (override: Omit<ClassificationOverride, 'account' | 'id' | 'updatedAt'>, updatedAt = 10): ClassificationOverride => ({
    account: SAM,
    id: `${override.scope}:${override.targetId}`,
    updatedAt,
    ...override,
  });

  function setUp(classifyWith?: (provider: ReturnType<typeof createInMemoryPageEventProvider>) => PageEventProvider) {
    const runtime = new FakeHubRuntime();
    const provider = createInMemoryPageEventProvider();
    const told: { tabId: number; frameId: number | undefined; message: PageVerdictMessage }[] = [];
    const hub = startCalendarPageHub(runtime, {
      provider: classifyWith?.(provider) ?? provider,
      log: () => {},
      tellContentScript: async (tabId, frameId, message) => void told.push({ tabId, frameId, message }),
    });
    /** A tab with its dock's content script and sidebar. */
    const tab = async (tabId: number, host: string, event: PageEvent, seq = 1) => {
      const sidebar = runtime.connect(SIDEBAR_PORT, sidebarFrame(tabId));
      sidebar.send({ type: SIDEBAR_HELLO, host });
      const verdict = (await runtime.send(message(seq, event, host), calendarTab(tabId))) as PageVerdict;
      return { sidebar, verdict };
    };
    return { runtime, provider, told, hub, tab };
  }

  it('"Not a 1:1" for the whole series: every tab showing an instance switches to the offer; others are left alone', async () => {
    const { runtime, provider, told, hub, tab } = setUp();
    const a = await tab(1, HOSTS[0]!, instance('16'));
    const b = await tab(2, HOSTS[1]!, instance('16'), 5);
    const c = await tab(3, HOSTS[2]!, instance('23'));
    const d = await tab(4, HOSTS[3]!, unrelated);
    expect([a, b, c, d].map((t) => t.verdict.show)).toEqual([true, true, true, true]);
    expect(hub.openSidebarCount()).toBe(4);

    provider.setOverrides(SAM, [mark({ scope: 'series', targetId: SERIES, isOneOnOne: false })]);
    const answer = await redecideFromSidebar(runtime, 1, { eventId: `${SERIES}_20260316T100000Z`, seriesId: SERIES });
    expect(answer).toEqual({ ok: true, docks: 3 });
    const offer = (seq: number) => ({ seq, show: 'offer', label: OFFER_LABEL });
    expect(told).toEqual([
      { tabId: 1, frameId: 0, message: { type: PAGE_VERDICT_MESSAGE, host: HOSTS[0], verdict: offer(1) } },
      { tabId: 2, frameId: 0, message: { type: PAGE_VERDICT_MESSAGE, host: HOSTS[1], verdict: offer(5) } },
      { tabId: 3, frameId: 0, message: { type: PAGE_VERDICT_MESSAGE, host: HOSTS[2], verdict: offer(1) } },
    ]);
    expect(contexts(a.sidebar)).toEqual(['1:1 with Dana Reyes', 'not: Dana / Sam weekly']);
    expect(contexts(c.sidebar)).toEqual(['1:1 with Dana Reyes', 'not: Dana / Sam weekly']);
    expect(contexts(d.sidebar)).toEqual(['1:1 with Dana Reyes']);
    expect(hub.dock(3, HOSTS[2]!)!.context!.classification).toMatchObject({ isOneOnOne: false, reason: 'unmarked-series' });
    expect(hub.openSidebarCount()).toBe(1);

    // Asked again with nothing changed: nobody is told anything.
    expect(await redecideFromSidebar(runtime, 1, { eventId: `${SERIES}_20260316T100000Z`, seriesId: SERIES })).toEqual({ ok: true, docks: 3 });
    expect(told).toHaveLength(3);
    expect(contexts(a.sidebar)).toHaveLength(2);
  });

  it('"Treat as 1:1 with Dana" on a group event: its offer turns into the sidebar named after Dana; the next message agrees', async () => {
    const { runtime, provider, told, tab } = setUp();
    const a = await tab(1, HOSTS[0]!, group);
    expect(a.verdict).toEqual({ seq: 1, show: 'offer', label: OFFER_LABEL });
    provider.setOverrides(SAM, [mark({ scope: 'event', targetId: group.eventId, isOneOnOne: true, personEmail: dana.email })]);
    expect(await redecideFromSidebar(runtime, 1, { eventId: group.eventId })).toEqual({ ok: true, docks: 1 });
    expect(told.map((entry) => entry.message.verdict)).toEqual([{ seq: 1, show: true, label: '1:1 with Dana Reyes' }]);
    expect(contexts(a.sidebar)).toEqual(['not: All hands', '1:1 with Dana Reyes']);
    // The dialog re-rendered: the content script's next message is decided the same way.
    expect(await runtime.send(message(2, group, HOSTS[0]), calendarTab(1))).toEqual({ seq: 2, show: true, label: '1:1 with Dana Reyes' });
  });

  it('only the same account\'s docks are decided again', async () => {
    const { runtime, provider, told, tab } = setUp();
    await tab(1, HOSTS[0]!, group);
    await tab(2, HOSTS[1]!, { ...group, accountEmail: 'someone.else@example.com' });
    provider.setOverrides(SAM, [mark({ scope: 'event', targetId: group.eventId, isOneOnOne: true, personEmail: dana.email })]);
    expect(await redecideFromSidebar(runtime, 1, { eventId: group.eventId, account: 'Sam.Lee@Example.com' })).toEqual({ ok: true, docks: 1 });
    expect(told.map((entry) => entry.tabId)).toEqual([1]);
  });

  it('a dialog that closed meanwhile, or a tab that went away, is not an error', async () => {
    const { runtime, provider, told, hub, tab } = setUp();
    await tab(1, HOSTS[0]!, group);
    await runtime.send(message(2, null, HOSTS[0]), calendarTab(1));
    provider.setOverrides(SAM, [mark({ scope: 'event', targetId: group.eventId, isOneOnOne: true, personEmail: dana.email })]);
    expect(await hub.redecide({ account: SAM, eventId: group.eventId })).toBe(0);
    expect(told).toEqual([]);

    const logs: string[] = [];
    const runtime2 = new FakeHubRuntime();
    const hub2 = startCalendarPageHub(runtime2, {
      provider,
      log: (line) => logs.push(line),
      tellContentScript: async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    provider.setOverrides(SAM, []);
    await runtime2.send(message(1, group, HOSTS[0]), calendarTab(7));
    provider.setOverrides(SAM, [mark({ scope: 'event', targetId: group.eventId, isOneOnOne: true, personEmail: dana.email })]);
    expect(await hub2.redecide({ account: SAM, eventId: group.eventId })).toBe(1);
    expect(logs).toEqual([expect.stringContaining('Receiving end does not exist')]);
  });

  it('a decision under way when the mark lands is made again: the answer is never older than the push', async () => {
    // One read of the marks can be held back: it returns what was stored when it started, late.
    let holdNextRead = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { runtime, provider, told, hub } = setUp((stored) => ({
      ...stored,
      overrides: async (account: string) => {
        const marks = await stored.overrides(account);
        if (holdNextRead) {
          holdNextRead = false;
          await gate;
        }
        return marks;
      },
    }));
    await runtime.send(message(1, group, HOSTS[0]), calendarTab(1)); // the offer shows
    holdNextRead = true;
    const answer = runtime.send(message(2, group, HOSTS[0]), calendarTab(1)); // the dialog re-rendered: read before the mark
    provider.setOverrides(SAM, [mark({ scope: 'event', targetId: group.eventId, isOneOnOne: true, personEmail: dana.email })]);
    expect(await hub.redecide({ account: SAM, eventId: group.eventId })).toBe(1);
    release();
    expect(await answer).toEqual({ seq: 2, show: true, label: '1:1 with Dana Reyes' });
    expect(hub.dock(1, HOSTS[0]!)!.context!.classification).toMatchObject({ isOneOnOne: true, reason: 'marked-event' });
    // The re-decision read the mark and told the content script (for its latest message, seq 2).
    expect(told.map((entry) => entry.message.verdict)).toEqual([{ seq: 2, show: true, label: '1:1 with Dana Reyes' }]);
  });

  it('is taken from the extension\'s own pages only, and validated', async () => {
    const { runtime, provider, told, tab } = setUp();
    await tab(1, HOSTS[0]!, group);
    provider.setOverrides(SAM, [mark({ scope: 'event', targetId: group.eventId, isOneOnOne: true, personEmail: dana.email })]);
    expect(await runtime.send({ type: REDECIDE_MESSAGE, account: SAM, eventId: group.eventId }, calendarTab(1))).toEqual({
      ok: false,
      error: expect.stringContaining('only the extension'),
    });
    expect(await runtime.send({ type: REDECIDE_MESSAGE, account: SAM, eventId: group.eventId }, { ...sidebarFrame(1), id: 'someone-else' })).toBeUndefined();
    expect(await redecideFromSidebar(runtime, 1, { eventId: '' })).toEqual({ ok: false, error: expect.stringContaining('invalid message') });
    expect(await redecideFromSidebar(runtime, 1, { account: 'not an address', eventId: group.eventId })).toEqual({ ok: false, error: expect.stringContaining('invalid message') });
    expect(told).toEqual([]);
  });
});
