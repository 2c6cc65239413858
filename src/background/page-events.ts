// The background's side of Calendar's page: it answers the content script whether the open
// event is a 1:1 and with whom (the classifier stays out of the content script), records per tab
// and dock the sidebar's context, pushes it to that dock's sidebar iframe, and holds an extension
// update back while a sidebar is open.
import { browser } from 'wxt/browser';
import { classifyEvent, isResourceGuest, type Classification, type KnownPerson } from '../domain/classify';
import type { Attendee, ClassificationOverride } from '../domain/schemas';
import type { PageEvent } from '../calendar-page/page-event';
import {
  CONTENT_PORT,
  PAGE_EVENT_MESSAGE,
  SIDEBAR_CONTEXT,
  SIDEBAR_PORT,
  sidebarLabel,
  type PageVerdict,
  type SidebarContext,
  type SidebarContextMessage,
} from '../messaging/protocol';
import { parsePageEventMessage, parseSidebarHello } from '../messaging/schemas';

// ---------------------------------------------------------------------------------------------
// What classification needs to know about the user (storage-backed later; in memory for now)

export interface PageEventProvider {
  knownPeople(account: string): Promise<readonly KnownPerson[]>;
  overrides(account: string): Promise<readonly ClassificationOverride[]>;
  /** The user's other addresses. */
  selfAliases(account: string): Promise<readonly string[]>;
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
  } = {},
): InMemoryPageEventProvider {
  const people = new Map(Object.entries(seed.knownPeople ?? {}));
  const overrides = new Map(Object.entries(seed.overrides ?? {}));
  const aliases = new Map(Object.entries(seed.selfAliases ?? {}));
  return {
    knownPeople: async (account) => people.get(account) ?? [],
    overrides: async (account) => (overrides.get(account) ?? []).filter((override) => override.account === account),
    selfAliases: async (account) => aliases.get(account) ?? [],
    setKnownPeople: (account, list) => void people.set(account, list),
    setOverrides: (account, list) => void overrides.set(account, list),
    setSelfAliases: (account, list) => void aliases.set(account, list),
  };
}

// ---------------------------------------------------------------------------------------------
// Deciding

export type PageDecision =
  | { kind: 'decided'; account: string; classification: Classification; label?: string }
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
  if (!pageEvent.guestsComplete && humanGuests.length === 0) {
    return { kind: 'pending', reason: 'the guests have not been shown yet' };
  }
  const [knownPeople, overrides, aliases] = await Promise.all([
    provider.knownPeople(account),
    provider.overrides(account),
    provider.selfAliases(account),
  ]);
  const selfEmails = [account, ...aliases];
  const organizer = pageEvent.guests.find((guest) => guest.organizer);
  const classification = classifyEvent(
    {
      eventId: pageEvent.eventId,
      ...(pageEvent.seriesId === undefined ? {} : { seriesId: pageEvent.seriesId }),
      title: pageEvent.title,
      attendees: attendeesOf(pageEvent, selfEmails),
      ...(organizer === undefined ? {} : { organizerEmail: organizer.email }),
    },
    {
      selfEmails,
      selfNames: pageEvent.accountName === undefined ? [] : [pageEvent.accountName],
      knownPeople,
      overrides,
    },
  );
  return classification.isOneOnOne
    ? { kind: 'decided', account, classification, label: sidebarLabel(classification.other) }
    : { kind: 'decided', account, classification };
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
}

/** One dock (content script + sidebar iframe) in one tab. */
export interface DockRecord {
  tabId: number;
  frameId?: number;
  host: string;
  seq: number;
  /** undefined: nothing known yet (a sidebar said hello before its content script spoke). */
  context: SidebarContext | null | undefined;
  ports: Set<PortLike>;
}

export interface CalendarPageHub {
  /** The dock of a tab, as recorded. */
  dock(tabId: number, host: string): Readonly<DockRecord> | undefined;
  /** Sidebars showing a 1:1 right now (connected, with a 1:1 context). */
  openSidebarCount(): number;
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
      dock = { tabId, host, seq: -1, context: undefined, ports: new Set() };
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
      setContext(dock, null);
      return { seq, show: false, reason: 'no event is open' };
    }
    let decision: PageDecision;
    try {
      decision = await decidePageEvent(pageEvent, provider);
    } catch (error) {
      decision = { kind: 'no-account', reason: `classification failed: ${String(error)}` };
    }
    if (dock.seq !== seq) return { seq, show: false, reason: 'superseded' };
    if (decision.kind !== 'decided') {
      setContext(dock, null);
      return { seq, show: false, reason: decision.reason };
    }
    const { account, classification, label } = decision;
    setContext(dock, { account, pageEvent, classification, ...(label === undefined ? {} : { label }) });
    return classification.isOneOnOne
      ? { seq, show: true, label: label! }
      : { seq, show: false, reason: classification.detail };
  }

  runtime.onMessage.addListener((message, sender, sendResponse) => {
    if ((message as { type?: unknown } | null)?.type !== PAGE_EVENT_MESSAGE) return undefined; // someone else's
    if (runtime.id !== undefined && sender.id !== undefined && sender.id !== runtime.id) return undefined;
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
  return startCalendarPageHub(browser.runtime as unknown as HubRuntime, {
    provider,
    ...(pendingUpdate === undefined ? {} : { pendingUpdate }),
  });
}
