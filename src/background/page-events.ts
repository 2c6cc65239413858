// The background's side of Calendar's page: it answers the content script whether the open
// event is a 1:1 and with whom (the classifier stays out of the content script), or a group event
// the user may treat as one (the compact offer), records per tab and dock the sidebar's context,
// pushes it to that dock's sidebar iframe, decides again when the user marks an event (every tab
// showing it switches at once), and holds an extension update back while a sidebar is open.
import { browser } from 'wxt/browser';
import { classifyEvent, isResourceGuest, type Classification, type KnownPerson } from '../domain/classify';
import { splitInstanceId } from '../domain/event-id';
import type { Attendee, ClassificationOverride } from '../domain/schemas';
import type { PageEvent } from '../calendar-page/page-event';
import {
  CONTENT_PORT,
  OFFER_LABEL,
  PAGE_EVENT_MESSAGE,
  PAGE_VERDICT_MESSAGE,
  REDECIDE_MESSAGE,
  SIDEBAR_CONTEXT,
  SIDEBAR_PORT,
  sidebarLabel,
  type PageVerdict,
  type PageVerdictMessage,
  type RedecideAnswer,
  type RedecideMessage,
  type SidebarContext,
  type SidebarContextMessage,
} from '../messaging/protocol';
import { parsePageEventMessage, parseRedecideMessage, parseSidebarHello } from '../messaging/schemas';

// ---------------------------------------------------------------------------------------------
// What classification needs to know about the user (storage-backed later; in memory for now)

export interface PageEventProvider {
  knownPeople(account: string): Promise<readonly KnownPerson[]>;
  overrides(account: string): Promise<readonly ClassificationOverride[]>;
  /** The user's other addresses. */
  selfAliases(account: string): Promise<readonly string[]>;
  /**
   * The guests stored for this event (learned from the API, or kept when its sidebar was last
   * open), when there are any: a known 1:1 is shown before the dialog's guests arrive.
   */
  storedGuests?(account: string, eventId: string): Promise<StoredGuests | undefined>;
}

export interface StoredGuests {
  attendees: readonly Attendee[];
  organizerEmail?: string;
}

export interface InMemoryPageEventProvider extends PageEventProvider {
  setKnownPeople(account: string, people: readonly KnownPerson[]): void;
  setOverrides(account: string, overrides: readonly ClassificationOverride[]): void;
  setSelfAliases(account: string, aliases: readonly string[]): void;
}

export function createInMemoryPageEventProvider(
  seed: {
    knownPeople?: Record<string, readonly KnownPerson[]>;
    overrides?: Record<string, readonly ClassificationOverride[]>;
    selfAliases?: Record<string, readonly string[]>;
    /** Per account, per event id. */
    storedGuests?: Record<string, Record<string, StoredGuests>>;
  } = {},
): InMemoryPageEventProvider {
  const people = new Map(Object.entries(seed.knownPeople ?? {}));
  const overrides = new Map(Object.entries(seed.overrides ?? {}));
  const aliases = new Map(Object.entries(seed.selfAliases ?? {}));
  const stored = new Map(
    Object.entries(seed.storedGuests ?? {}).flatMap(([account, events]) => Object.entries(events).map(([eventId, guests]) => [`${account}|${eventId}`, guests] as const)),
  );
  return {
    knownPeople: async (account) => people.get(account) ?? [],
    overrides: async (account) => (overrides.get(account) ?? []).filter((override) => override.account === account),
    selfAliases: async (account) => aliases.get(account) ?? [],
    storedGuests: async (account, eventId) => stored.get(`${account}|${eventId}`),
    setKnownPeople: (account, list) => void people.set(account, list),
    setOverrides: (account, list) => void overrides.set(account, list),
    setSelfAliases: (account, list) => void aliases.set(account, list),
  };
}

// ---------------------------------------------------------------------------------------------
// Deciding

export type PageDecision =
  | {
      kind: 'decided';
      account: string;
      classification: Classification;
      /** "1:1 with …", for a 1:1. */
      label?: string;
      /**
       * Not a 1:1, but the compact "Treat as 1:1…" offer is shown: the event has three or more
       * human guests (the user included), or the user marked it (or its series) as not a 1:1.
       * Events without guests and an ordinary title get nothing: an offer on every lunch break
       * and focus block would be noise.
       */
      offer: boolean;
    }
  /** Guests may still arrive (the dialog fills in lazily): no verdict yet. */
  | { kind: 'pending'; reason: string }
  | { kind: 'no-account'; reason: string };

/**
 * The account a page event belongs to: the Google bar's address, else the calendar id decoded
 * from the event reference when it is a person's address (not a group, import or resource
 * calendar). The calendar id is only a fallback: an event on a colleague's calendar shown beside
 * the user's own carries the colleague's id.
 */
export function accountOf(pageEvent: Pick<PageEvent, 'accountEmail' | 'calendarId'>): string | undefined {
  if (pageEvent.accountEmail) return pageEvent.accountEmail.trim().toLowerCase();
  const calendarId = pageEvent.calendarId.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(calendarId)) return undefined;
  if (/\.calendar\.google\.com$/.test(calendarId)) return undefined;
  return calendarId;
}

/** The page's guests as the classifier's attendees. */
export function attendeesOf(pageEvent: PageEvent, selfEmails: readonly string[]): Attendee[] {
  const self = new Set(selfEmails.map((email) => email.trim().toLowerCase()));
  return pageEvent.guests.map((guest) => ({
    email: guest.email,
    ...(guest.displayName === undefined ? {} : { displayName: guest.displayName }),
    ...(self.has(guest.email) ? { self: true } : {}),
    ...(guest.organizer ? { organizer: true } : {}),
    ...(guest.resource ? { resource: true } : {}),
    ...(guest.responseStatus === undefined ? {} : { responseStatus: guest.responseStatus }),
  }));
}

export async function decidePageEvent(pageEvent: PageEvent, provider: PageEventProvider): Promise<PageDecision> {
  const account = accountOf(pageEvent);
  if (account === undefined) {
    return { kind: 'no-account', reason: 'the signed-in account could not be read from the page' };
  }
  const humanGuests = pageEvent.guests.filter((guest) => !isResourceGuest(guest));
  // The guests to decide by: the page's; else those stored for the event (learned from the API,
  // or kept when its sidebar was last open), so that a known 1:1 shows before the dialog's guests
  // arrive (it fills in lazily); else none (the title decides). Stored guests decide a 1:1 only;
  // anything else waits for the page's guests. The page decides again when its guests arrive.
  const fromPage = humanGuests.length > 0;
  const [knownPeople, overrides, aliases, storedGuests] = await Promise.all([
    provider.knownPeople(account),
    provider.overrides(account),
    provider.selfAliases(account),
    fromPage ? undefined : provider.storedGuests?.(account, pageEvent.eventId),
  ]);
  const stored = storedGuests !== undefined && storedGuests.attendees.length > 0 ? storedGuests : undefined;
  if (!fromPage && stored === undefined && !pageEvent.guestsComplete) {
    return { kind: 'pending', reason: 'the guests have not been shown yet' };
  }
  const selfEmails = [account, ...aliases];
  const self = new Set(selfEmails.map((email) => email.trim().toLowerCase()));
  const classify = (attendees: Attendee[], organizerEmail: string | undefined) =>
    classifyEvent(
      {
        eventId: pageEvent.eventId,
        ...(pageEvent.seriesId === undefined ? {} : { seriesId: pageEvent.seriesId }),
        title: pageEvent.title,
        attendees,
        ...(organizerEmail === undefined ? {} : { organizerEmail }),
      },
      {
        selfEmails,
        selfNames: pageEvent.accountName === undefined ? [] : [pageEvent.accountName],
        knownPeople,
        overrides,
      },
    );
  const oneOnOne = (classification: Extract<Classification, { isOneOnOne: true }>): PageDecision => ({
    kind: 'decided',
    account,
    classification,
    label: sidebarLabel(classification.other),
    offer: false,
  });
  if (stored !== undefined) {
    const attendees = stored.attendees.map((attendee) => (self.has(attendee.email.trim().toLowerCase()) ? { ...attendee, self: true } : attendee));
    const classification = classify(attendees, stored.organizerEmail);
    if (classification.isOneOnOne) return oneOnOne(classification);
    if (!pageEvent.guestsComplete) return { kind: 'pending', reason: 'the guests have not been shown yet' };
  }
  const classification = classify(attendeesOf(pageEvent, selfEmails), pageEvent.guests.find((guest) => guest.organizer)?.email);
  if (classification.isOneOnOne) return oneOnOne(classification);
  return { kind: 'decided', account, classification, offer: offersTreatAsOneOnOne(classification, humanGuests, self) };
}

/** Whether a non-1:1 gets the compact "Treat as 1:1…" offer (see PageDecision.offer). */
function offersTreatAsOneOnOne(
  classification: Extract<Classification, { isOneOnOne: false }>,
  humanGuests: readonly PageEvent['guests'][number][],
  self: ReadonlySet<string>,
): boolean {
  if (classification.reason === 'unmarked-event' || classification.reason === 'unmarked-series') return true;
  // The page may leave the viewer out of its guest list: two other people make three with the user.
  return humanGuests.filter((guest) => !self.has(guest.email.trim().toLowerCase())).length >= 2;
}

/** What the content script is told for a decision. */
export function verdictOf(seq: number, decision: PageDecision): PageVerdict {
  if (decision.kind !== 'decided') return { seq, show: false, reason: decision.reason };
  const { classification } = decision;
  if (classification.isOneOnOne) return { seq, show: true, label: decision.label ?? sidebarLabel(classification.other) };
  if (decision.offer) return { seq, show: 'offer', label: OFFER_LABEL };
  return { seq, show: false, reason: classification.detail };
}

/** The series an event belongs to for the user's marks (a single event is its own series, as in findOverride). */
function seriesOf(event: { eventId: string; seriesId?: string }): string {
  return event.seriesId ?? splitInstanceId(event.eventId)?.seriesId ?? event.eventId;
}

/** Whether a page event is the marked event or another instance of its series. */
export function showsMarkedEvent(pageEvent: Pick<PageEvent, 'eventId' | 'seriesId'>, marked: { eventId: string; seriesId?: string }): boolean {
  return pageEvent.eventId === marked.eventId || seriesOf(pageEvent) === seriesOf(marked);
}

// ---------------------------------------------------------------------------------------------
// The hub: messages, sidebar ports, held-back updates

interface ListenerSet<Listener> {
  addListener(listener: Listener): void;
}

export interface SenderLike {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

export interface PortLike {
  name: string;
  sender?: SenderLike;
  postMessage(message: unknown): void;
  onMessage: ListenerSet<(message: unknown) => void>;
  onDisconnect: ListenerSet<() => void>;
}

/** The part of `browser.runtime` the hub uses (injectable for tests). */
export interface HubRuntime {
  readonly id?: string;
  onMessage: ListenerSet<
    (message: unknown, sender: SenderLike, sendResponse: (response: unknown) => void) => boolean | undefined
  >;
  onConnect: ListenerSet<(port: PortLike) => void>;
  onUpdateAvailable?: ListenerSet<(details: unknown) => void>;
  /** The extension's own URLs (`getURL('/')` is its origin): re-decisions are taken from its pages only. */
  getURL(path: string): string;
  reload(): void;
}

/** Remembers across service-worker restarts that an update is waiting (storage.session). */
export interface PendingUpdateFlag {
  load(): Promise<boolean>;
  save(pending: boolean): Promise<void>;
}

export interface CalendarPageHubOptions {
  provider?: PageEventProvider;
  pendingUpdate?: PendingUpdateFlag;
  log?: (message: string) => void;
  /** After a service-worker restart with an update waiting: how long sidebars get to reconnect. */
  reconnectGraceMs?: number;
  /** Most docks remembered (oldest forgotten first). */
  maxDocks?: number;
  /**
   * Tells a tab's content script a verdict decided again (`tabs.sendMessage`, which needs no
   * `tabs` permission). Without it, re-decisions reach the sidebars only.
   */
  tellContentScript?: (tabId: number, frameId: number | undefined, message: PageVerdictMessage) => Promise<unknown>;
}

/** One dock (content script + sidebar iframe) in one tab. */
export interface DockRecord {
  tabId: number;
  frameId?: number;
  host: string;
  seq: number;
  /** undefined: nothing known yet (a sidebar said hello before its content script spoke). */
  context: SidebarContext | null | undefined;
  /** The last verdict the content script was given (answered or pushed). */
  verdict?: PageVerdict;
  /** Grows with every decision started for this dock: a decision overtaken by a newer one is not used. */
  decisions: number;
  ports: Set<PortLike>;
}

/** The marked event, as the sidebar names it. */
export interface RedecideTarget {
  account: string;
  eventId: string;
  seriesId?: string;
}

export interface CalendarPageHub {
  /** The dock of a tab, as recorded. */
  dock(tabId: number, host: string): Readonly<DockRecord> | undefined;
  /** Sidebars showing a 1:1 right now (connected, with a 1:1 context). */
  openSidebarCount(): number;
  /**
   * The user marked an event or its series (1:1 or not, or back to automatic): decides again
   * every dock showing that event or another instance of its series, in every tab, and tells
   * their sidebars and content scripts what changed. Answers how many docks were decided again.
   */
  redecide(target: RedecideTarget): Promise<number>;
  readonly updatePending: boolean;
}

export function startCalendarPageHub(runtime: HubRuntime, options: CalendarPageHubOptions = {}): CalendarPageHub {
  const provider = options.provider ?? createInMemoryPageEventProvider();
  const log = options.log ?? ((message: string) => console.info(`1:1 Companion: ${message}`));
  const maxDocks = options.maxDocks ?? 200;
  const docks = new Map<string, DockRecord>();
  let updatePending = false;

  const keyOf = (tabId: number, host: string) => `${tabId}:${host}`;

  function dockFor(tabId: number, host: string): DockRecord {
    const key = keyOf(tabId, host);
    let dock = docks.get(key);
    if (dock === undefined) {
      dock = { tabId, host, seq: -1, context: undefined, decisions: 0, ports: new Set() };
      docks.set(key, dock);
      forgetOldest();
    }
    return dock;
  }

  function forgetOldest(): void {
    for (const [key, dock] of docks) {
      if (docks.size <= maxDocks) return;
      if (dock.ports.size === 0) docks.delete(key);
    }
  }

  function setContext(dock: DockRecord, context: SidebarContext | null): void {
    dock.context = context;
    const message: SidebarContextMessage = { type: SIDEBAR_CONTEXT, context };
    for (const port of dock.ports) {
      try {
        port.postMessage(message);
      } catch {
        dock.ports.delete(port); // disconnected meanwhile
      }
    }
    maybeReload();
  }

  function openSidebarCount(): number {
    let open = 0;
    for (const dock of docks.values()) {
      if (dock.ports.size > 0 && dock.context?.classification.isOneOnOne === true) open++;
    }
    return open;
  }

  function maybeReload(): void {
    if (!updatePending || openSidebarCount() > 0) return;
    log('an update is waiting and no sidebar is open: reloading the extension');
    updatePending = false;
    void options.pendingUpdate?.save(false).catch(() => {});
    runtime.reload();
  }

  async function decide(pageEvent: PageEvent): Promise<PageDecision> {
    try {
      return await decidePageEvent(pageEvent, provider);
    } catch (error) {
      return { kind: 'no-account', reason: `classification failed: ${String(error)}` };
    }
  }

  function contextOf(pageEvent: PageEvent, decision: PageDecision): SidebarContext | null {
    if (decision.kind !== 'decided') return null;
    const { account, classification, label } = decision;
    return { account, pageEvent, classification, ...(label === undefined ? {} : { label }) };
  }

  /**
   * Decides the dock's event for the content script's message `seq`. When a re-decision starts
   * meanwhile (a mark was just stored) this one may have read the marks before it: it decides
   * again (`retry`), so the answer is never older than the push. Undefined when the content
   * script sent a newer message, or (without `retry`) a newer decision took over.
   */
  async function decideDock(dock: DockRecord, seq: number, pageEvent: PageEvent, retry: boolean): Promise<{ verdict: PageVerdict; context: SidebarContext | null } | undefined> {
    for (;;) {
      const decision = ++dock.decisions;
      const decided = await decide(pageEvent);
      if (dock.seq !== seq) return undefined;
      if (dock.decisions !== decision) {
        if (retry) continue;
        return undefined;
      }
      return { verdict: verdictOf(seq, decided), context: contextOf(pageEvent, decided) };
    }
  }

  async function onPageEvent(message: unknown, sender: SenderLike): Promise<PageVerdict> {
    const seq = typeof (message as { seq?: unknown }).seq === 'number' ? (message as { seq: number }).seq : -1;
    const parsed = parsePageEventMessage(message);
    if (!parsed.ok) return { seq, show: false, reason: `invalid message: ${parsed.error}` };
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { seq, show: false, reason: 'only a tab can show a sidebar' };
    const { host, pageEvent } = parsed.value;
    const dock = dockFor(tabId, host);
    if (sender.frameId !== undefined) dock.frameId = sender.frameId;
    if (seq < dock.seq) return { seq, show: false, reason: 'superseded' };
    dock.seq = seq;
    if (pageEvent === null) {
      ++dock.decisions;
      dock.verdict = { seq, show: false, reason: 'no event is open' };
      setContext(dock, null);
      return dock.verdict;
    }
    const decided = await decideDock(dock, seq, pageEvent, true);
    if (decided === undefined) return { seq, show: false, reason: 'superseded' };
    dock.verdict = decided.verdict;
    setContext(dock, decided.context);
    return decided.verdict;
  }

  async function redecide(target: RedecideTarget): Promise<number> {
    const account = target.account.trim().toLowerCase();
    const showing = [...docks.values()].filter(
      (dock) => dock.context?.account === account && showsMarkedEvent(dock.context.pageEvent, target),
    );
    await Promise.all(showing.map((dock) => redecideDock(dock)));
    return showing.length;
  }

  async function redecideDock(dock: DockRecord): Promise<void> {
    const before = dock.context;
    if (!before) return;
    const seq = dock.seq;
    const decided = await decideDock(dock, seq, before.pageEvent, false);
    if (decided === undefined) return; // the content script asked meanwhile: its answer is the news
    const sameContext = JSON.stringify(decided.context) === JSON.stringify(before);
    const sameVerdict = JSON.stringify(decided.verdict) === JSON.stringify(dock.verdict);
    if (!sameContext) setContext(dock, decided.context);
    if (sameVerdict) return;
    dock.verdict = decided.verdict;
    const message: PageVerdictMessage = { type: PAGE_VERDICT_MESSAGE, host: dock.host, verdict: decided.verdict };
    try {
      await options.tellContentScript?.(dock.tabId, dock.frameId, message);
    } catch (error) {
      // The tab was closed or navigated away; its next message is decided afresh anyway.
      log(`could not tell tab ${dock.tabId} about a re-decided event (${String(error)})`);
    }
  }

  async function onRedecide(message: unknown, sender: SenderLike): Promise<RedecideAnswer> {
    const extensionOrigin = runtime.getURL('/');
    if (typeof sender.url !== 'string' || !sender.url.startsWith(extensionOrigin)) {
      return { ok: false, error: 'only the extension\'s own pages may ask to decide again' };
    }
    const parsed = parseRedecideMessage(message);
    if (!parsed.ok) return { ok: false, error: `invalid message: ${parsed.error}` };
    const { account, eventId, seriesId } = parsed.value;
    return { ok: true, docks: await redecide({ account, eventId, ...(seriesId === undefined ? {} : { seriesId }) }) };
  }

  runtime.onMessage.addListener((message, sender, sendResponse) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type !== PAGE_EVENT_MESSAGE && type !== REDECIDE_MESSAGE) return undefined; // someone else's
    if (runtime.id !== undefined && sender.id !== undefined && sender.id !== runtime.id) return undefined;
    if (type === REDECIDE_MESSAGE) {
      onRedecide(message, sender).then(sendResponse, (error: unknown) =>
        sendResponse({ ok: false, error: String(error) } satisfies RedecideAnswer),
      );
      return true;
    }
    onPageEvent(message, sender).then(sendResponse, (error: unknown) =>
      sendResponse({ seq: -1, show: false, reason: String(error) } satisfies PageVerdict),
    );
    return true; // answered asynchronously
  });

  runtime.onConnect.addListener((port) => {
    if (port.name === CONTENT_PORT) {
      // Liveness only: the content script learns from this port's disconnection that the
      // service worker went away (idle, or the extension reloaded).
      return;
    }
    if (port.name !== SIDEBAR_PORT) return;
    let dock: DockRecord | undefined;
    port.onMessage.addListener((message) => {
      if (dock !== undefined) return;
      const hello = parseSidebarHello(message);
      if (!hello.ok) {
        log(`a sidebar sent an invalid hello: ${hello.error}`);
        return;
      }
      const tabId = port.sender?.tab?.id ?? hello.value.tabId;
      if (tabId === undefined) {
        log('a sidebar connected from outside a tab; it gets no context');
        return;
      }
      dock = dockFor(tabId, hello.value.host);
      dock.ports.add(port);
      // Only what is known: after a service-worker restart the content script re-sends its event.
      if (dock.context !== undefined) {
        port.postMessage({ type: SIDEBAR_CONTEXT, context: dock.context } satisfies SidebarContextMessage);
      }
    });
    port.onDisconnect.addListener(() => {
      dock?.ports.delete(port);
      maybeReload();
    });
  });

  runtime.onUpdateAvailable?.addListener(() => {
    updatePending = true;
    void options.pendingUpdate?.save(true).catch(() => {});
    if (openSidebarCount() > 0) log('an update is waiting until no sidebar is open');
    maybeReload();
  });

  // A restarted service worker forgets its memory: the flag says an update is still waiting.
  void options.pendingUpdate
    ?.load()
    .then((pending) => {
      if (!pending) return;
      updatePending = true;
      setTimeout(maybeReload, options.reconnectGraceMs ?? 5_000);
    })
    .catch(() => {});

  return {
    dock: (tabId, host) => docks.get(keyOf(tabId, host)),
    openSidebarCount,
    redecide,
    get updatePending() {
      return updatePending;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Wiring (called from entrypoints/background/index.ts)

const PENDING_UPDATE_KEY = 'calendarPage.updatePending';

/** storage.session survives service-worker restarts (not browser restarts, where it is moot). */
function sessionPendingUpdateFlag(): PendingUpdateFlag | undefined {
  const session = browser.storage?.session;
  if (session === undefined) return undefined;
  return {
    load: async () => (await session.get(PENDING_UPDATE_KEY))[PENDING_UPDATE_KEY] === true,
    save: async (pending) => session.set({ [PENDING_UPDATE_KEY]: pending }),
  };
}

/**
 * Starts answering Calendar's content scripts and sidebars in the service worker. The provider is
 * in memory until the storage-backed one replaces it.
 */
export function startCalendarPageBackground(provider: PageEventProvider = createInMemoryPageEventProvider()): CalendarPageHub {
  const pendingUpdate = sessionPendingUpdateFlag();
  const tabs = browser.tabs as unknown as {
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
  return startCalendarPageHub(browser.runtime as unknown as HubRuntime, {
    provider,
    ...(pendingUpdate === undefined ? {} : { pendingUpdate }),
    tellContentScript: (tabId, frameId, message) =>
      tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }),
  });
}
