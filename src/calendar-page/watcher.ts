// Watches Google Calendar's page for an event's detail dialog or full event page opening,
// changing and closing. The content script runs on every Calendar page all day, so:
// - ONE MutationObserver on the document, childList only. A batch of records costs nothing once
//   a pass is already scheduled; otherwise each record gets cheap checks (is the change inside a
//   dialog, or does an added subtree hold a dialog or a guest row?).
// - While an event is open, the same observer also watches the few attributes that hide a dialog
//   (on the dialog and its ancestors), so a dialog hidden rather than removed closes too.
// - Work is coalesced into one pass per animation frame. No polling, no getComputedStyle, no
//   layout reads in loops (one getClientRects per candidate dialog, in the pass).
// - SPA navigation to and from /r/eventedit/<eid> (History API, no reload) is seen through the
//   Navigation API's `currententrychange` where it exists, `popstate`, and the observer seeing
//   the event page's DOM arrive.
// - Never throws into Calendar: a failing pass logs one line and the next mutation tries again.
import { eidFromEventEditUrl } from '../domain/event-id';
import type { PageEvent } from './page-event';
import { readCalendarPage } from './read-page';
import { WATCH_SELECTORS } from './selectors';

export interface CalendarWatcherOptions {
  onOpen(event: PageEvent, root: Element): void;
  /** Same event (same eid and surface): guests arrived, a section re-rendered, the title changed. */
  onUpdate(event: PageEvent, root: Element): void;
  onClose(): void;
  document?: Document;
  window?: Window;
  /** The Navigation API object; defaults to `window.navigation` where the browser has one. */
  navigation?: EventTarget | null;
  /**
   * How long an event with no guest section must stay unchanged before it counts as having no
   * guests (`guestsComplete`), and before an unrecognised page is logged.
   */
  settleMs?: number;
  /** One line per distinct problem. Defaults to console.info. */
  log?: (message: string) => void;
}

export interface WatcherStats {
  /** MutationObserver callbacks. */
  batches: number;
  /** Mutation records seen. */
  records: number;
  /** Reading passes (at most one per frame). */
  passes: number;
}

export interface CalendarWatcher {
  stop(): void;
  /** The open event and its root (dialog or main region), if any. */
  current(): { event: PageEvent; root: Element } | undefined;
  readonly stats: Readonly<WatcherStats>;
}

const HIDING_ATTRIBUTES = ['hidden', 'aria-hidden', 'style', 'class'];
const DEFAULT_SETTLE_MS = 300;

export function watchCalendarPage(options: CalendarWatcherOptions): CalendarWatcher {
  const doc = options.document ?? document;
  const win = options.window ?? window;
  const navigation =
    options.navigation === undefined
      ? ((win as Window & { navigation?: EventTarget }).navigation ?? null)
      : options.navigation;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const logged = new Set<string>();
  const log = (key: string, message: string) => {
    if (logged.has(key)) return;
    logged.add(key);
    try {
      (options.log ?? ((line: string) => console.info(line)))(`1:1 Companion: ${message}`);
    } catch {
      // logging must never break the page
    }
  };

  const stats: WatcherStats = { batches: 0, records: 0, passes: 0 };
  let open: { event: PageEvent; root: Element; key: string } | undefined;
  let attributeTargets: Element | undefined;
  let frame: number | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let settledEid: string | undefined;
  let onEventPage = isEventPage();
  let stopped = false;

  const observer = new MutationObserver(onMutations);
  observer.observe(doc, { childList: true, subtree: true });

  const onNavigate = () => {
    onEventPage = isEventPage();
    schedule();
  };
  win.addEventListener('popstate', onNavigate);
  navigation?.addEventListener('currententrychange', onNavigate);
  // The page may already show an event (a direct load of an event page, a reload).
  schedule();

  function isEventPage(): boolean {
    return eidFromEventEditUrl(win.location.href) !== undefined;
  }

  function onMutations(records: MutationRecord[]): void {
    stats.batches++;
    stats.records += records.length;
    if (frame !== undefined || stopped) return; // a pass is coming anyway
    for (const record of records) {
      if (isRelevant(record)) {
        schedule();
        return;
      }
    }
  }

  function isRelevant(record: MutationRecord): boolean {
    // Attributes are only observed on the open dialog and its ancestors.
    if (record.type === 'attributes') return true;
    // The event page is a form: its changes are few and any of them may be its guests arriving.
    if (onEventPage) return true;
    if (open !== undefined && (!open.root.isConnected || open.root.contains(record.target))) return true;
    // Most of Calendar's changes are text (times, titles) or removals: no element added, no look.
    const added = record.addedNodes;
    let addedElement = false;
    for (let i = 0; i < added.length; i++) {
      const node = added[i]!;
      if (node.nodeType !== 1) continue;
      addedElement = true;
      const element = node as Element;
      if (element.matches(WATCH_SELECTORS.relevantAdded) || element.querySelector(WATCH_SELECTORS.relevantAdded) !== null) {
        return true;
      }
    }
    // Something added inside a dialog (an event dialog filling in).
    if (!addedElement) return false;
    const target = record.target;
    return target.nodeType === 1 && (target as Element).closest(WATCH_SELECTORS.dialog) !== null;
  }

  function schedule(): void {
    if (frame !== undefined || stopped) return;
    frame = win.requestAnimationFrame(pass);
  }

  function pass(): void {
    frame = undefined;
    if (stopped) return;
    stats.passes++;
    try {
      onEventPage = isEventPage();
      const reading = readCalendarPage(doc, win.location.href);
      if (reading.kind === 'event') {
        showing(reading.event, reading.root);
      } else {
        if (open !== undefined) closing();
        if (reading.kind === 'unrecognised') armSettle();
        else clearSettle();
      }
    } catch (error) {
      log('pass-failed', `reading Calendar's page failed, the sidebar stays hidden (${String(error)})`);
    }
  }

  function showing(event: PageEvent, root: Element): void {
    if (!event.guestsComplete && settledEid === event.eid) event.guestsComplete = true;
    const key = JSON.stringify(event);
    const isNew = open === undefined || open.event.eid !== event.eid || open.event.surface !== event.surface;
    if (isNew && settledEid !== event.eid) settledEid = undefined;
    const changed = isNew || open!.key !== key || open!.root !== root;
    open = { event, root, key };
    if (event.surface === 'dialog') watchHiding(root);
    else unwatchHiding();
    if (event.guestsComplete) clearSettle();
    else armSettle();
    if (!changed) return;
    if (isNew) options.onOpen(event, root);
    else options.onUpdate(event, root);
  }

  function closing(): void {
    open = undefined;
    unwatchHiding();
    clearSettle();
    options.onClose();
  }

  function watchHiding(root: Element): void {
    if (attributeTargets === root) return;
    unwatchHiding();
    attributeTargets = root;
    for (let node: Element | null = root; node && node !== doc.body && node !== doc.documentElement; node = node.parentElement) {
      observer.observe(node, { attributes: true, attributeFilter: HIDING_ATTRIBUTES });
    }
  }

  function unwatchHiding(): void {
    if (attributeTargets === undefined) return;
    attributeTargets = undefined;
    // One observer: forget the attribute targets by starting over on the document alone.
    observer.disconnect();
    observer.observe(doc, { childList: true, subtree: true });
  }

  function armSettle(): void {
    clearSettle();
    settleTimer = setTimeout(onSettled, settleMs);
  }

  function clearSettle(): void {
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    settleTimer = undefined;
  }

  function onSettled(): void {
    settleTimer = undefined;
    if (stopped) return;
    try {
      const reading = readCalendarPage(doc, win.location.href);
      if (reading.kind === 'event' && !reading.event.guestsComplete) {
        settledEid = reading.event.eid;
        schedule();
      } else if (reading.kind === 'unrecognised') {
        log(`unrecognised:${reading.problem}`, `Calendar's page did not match what 1:1 Companion knows (${reading.problem}); no sidebar is shown`);
      }
    } catch (error) {
      log('settle-failed', `reading Calendar's page failed, the sidebar stays hidden (${String(error)})`);
    }
  }

  return {
    stop() {
      stopped = true;
      observer.disconnect();
      if (frame !== undefined) win.cancelAnimationFrame(frame);
      frame = undefined;
      clearSettle();
      win.removeEventListener('popstate', onNavigate);
      navigation?.removeEventListener('currententrychange', onNavigate);
    },
    current: () => (open === undefined ? undefined : { event: open.event, root: open.root }),
    stats,
  };
}
