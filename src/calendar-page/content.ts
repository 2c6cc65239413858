// The content script's work on Google Calendar, kept out of the entrypoint so it can be tested:
// watch the page, hand the open event to the background, dock the sidebar when the background
// says it is a 1:1 (or the compact "Treat as 1:1…" offer for a group event), follow the verdicts
// the background decides again after a mark, and notice when the extension was reloaded under us.
// Small on purpose (it is injected into every Calendar page): no zod, no Preact, no classifier.
import { closeEventDialog } from './close-dialog';
import { createDock, type Dock } from './dock';
import { showOrphanNotice } from './orphan-notice';
import type { PageEvent } from './page-event';
import { watchCalendarPage, type CalendarWatcher } from './watcher';
import {
  CONTENT_PORT,
  EXTENSION_GONE_MESSAGE,
  PAGE_EVENT_MESSAGE,
  SIDEBAR_CLOSE_DIALOG_MESSAGE,
  SIDEBAR_SIZE_MESSAGE,
  isPageVerdict,
  isPageVerdictMessage,
  newHostToken,
  sidebarUrlFor,
  type PageEventMessage,
  type PageVerdict,
} from '../messaging/protocol';

interface PortLike {
  disconnect(): void;
  onDisconnect: { addListener(listener: () => void): void };
}

/** The part of `browser.runtime` the content script uses (injectable for tests). */
export interface ContentRuntime {
  /** Gone (undefined) once the extension was reloaded, updated or removed. */
  readonly id?: string;
  sendMessage(message: PageEventMessage): Promise<unknown>;
  connect(info: { name: string }): PortLike;
  /** The sidebar page's URL (`chrome-extension://<id>/sidebar.html`). */
  sidebarPageUrl(): string;
  /** Messages from the background (`tabs.sendMessage`): verdicts decided again after a mark. */
  onMessage?: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

/** WXT's ContentScriptContext, as far as it is used here. */
export interface ContentContext {
  readonly isInvalid: boolean;
  onInvalidated(listener: () => void): () => void;
}

export type PreloadStrategy = 'idle' | 'first-dialog';

export interface CalendarPageOptions {
  runtime: ContentRuntime;
  context: ContentContext;
  document?: Document;
  window?: Window;
  /**
   * When the sidebar iframe is created: at the first idle moment after the page loaded
   * (default), or when the first event dialog opens. Measured on the stand-in page (Chromium 156,
   * medians of 20, the page's own clocks): a known 1:1's sidebar shows ~35 ms after the click in
   * a warm iframe, but ~175 ms at a tab's first dialog when the iframe is created then (it loads
   * in 70–80 ms, then asks for its context). The first 1:1 of the day is the one opened in a hurry,
   * so every Calendar tab gets its hidden frame early (hidden, it lets the service worker sleep).
   */
  preload?: PreloadStrategy;
  settleMs?: number;
  log?: (message: string) => void;
  reload?: () => void;
}

/** When the background gave no answer (its service worker stopped meanwhile): ask again after these delays, ms. */
export const RESEND_DELAYS_MS: readonly number[] = [100, 400, 1_600];

export interface CalendarPage {
  readonly dock: Dock;
  readonly watcher: CalendarWatcher;
  /** The extension went away and the notice is shown. */
  readonly orphaned: boolean;
  stop(): void;
}

export function startCalendarPage(options: CalendarPageOptions): CalendarPage {
  const { runtime, context } = options;
  const doc = options.document ?? document;
  const win = options.window ?? window;
  const logged = new Set<string>();
  const log = (key: string, message: string) => {
    if (logged.has(key)) return;
    logged.add(key);
    (options.log ?? ((line: string) => console.info(line)))(`1:1 Companion: ${message}`);
  };

  const host = newHostToken();
  const sidebarPageUrl = runtime.sidebarPageUrl();
  // `scheme://host` of the extension's pages (URL.origin is "null" for such schemes in some engines).
  const sidebarOrigin = /^[a-z-]+:\/\/[^/]+/i.exec(sidebarPageUrl)?.[0];
  const dock = createDock({ sidebarUrl: sidebarUrlFor(sidebarPageUrl, host), document: doc, window: win });
  let seq = 0;
  let current: { event: PageEvent; root: Element } | undefined;
  let livenessPort: PortLike | undefined;
  let orphaned = false;
  let stopped = false;

  const watcher = watchCalendarPage({
    document: doc,
    window: win,
    ...(options.settleMs === undefined ? {} : { settleMs: options.settleMs }),
    ...(options.log === undefined ? {} : { log: options.log }),
    onOpen(event, root) {
      // A different event: never leave the previous 1:1's sidebar beside it while asking.
      dock.hide();
      current = { event, root };
      void report();
    },
    onUpdate(event, root) {
      current = { event, root };
      void report();
    },
    onClose() {
      current = undefined;
      dock.hide();
      dropLiveness();
      void report();
    },
  });

  /** True once the extension is gone; shows the notice the first time. */
  function checkOrphaned(): boolean {
    if (orphaned) return true;
    let invalid: boolean;
    try {
      invalid = context.isInvalid || runtime.id === undefined;
    } catch {
      invalid = true;
    }
    if (invalid) becomeOrphan();
    return orphaned;
  }

  function becomeOrphan(): void {
    if (orphaned || stopped) return;
    orphaned = true;
    livenessPort = undefined;
    // The sidebar saves as the user types; its iframe is left as it is. The watcher keeps
    // running only so that the dock still hides when the dialog closes.
    showOrphanNotice(doc, options.reload ?? (() => win.location.reload()));
    log('orphaned', 'the extension was reloaded or updated; this tab needs a reload');
  }

  context.onInvalidated(() => {
    if (runtime.id === undefined) becomeOrphan();
    else stop(); // a newer copy of this script took over the page
  });

  async function report(): Promise<void> {
    if (stopped || checkOrphaned()) return;
    const event = current?.event ?? null;
    if (event !== null) dock.preload();
    const mySeq = ++seq;
    const message: PageEventMessage = { type: PAGE_EVENT_MESSAGE, host, seq: mySeq, pageEvent: event };
    let answer: unknown;
    for (let attempt = 0; ; attempt++) {
      let failure: unknown;
      try {
        answer = await runtime.sendMessage(message);
      } catch (error) {
        if (checkOrphaned() || isInvalidatedError(error)) {
          becomeOrphan();
          return;
        }
        failure = error;
        answer = undefined;
      }
      if (mySeq !== seq || stopped || orphaned) return; // a newer report is on its way
      // No answer: the service worker stopped before it answered (Chrome resolves with undefined,
      // or fails). Nothing on the page changes after a dialog has filled in, so nothing else
      // would ask again: ask the next worker, a few times.
      if (answer === undefined && attempt < RESEND_DELAYS_MS.length) {
        await new Promise((resolve) => win.setTimeout(resolve, RESEND_DELAYS_MS[attempt]));
        if (mySeq !== seq || stopped || checkOrphaned()) return;
        continue;
      }
      if (failure !== undefined) {
        log('send-failed', `the extension did not answer (${String(failure)}); no sidebar is shown`);
        return;
      }
      break;
    }
    if (!isPageVerdict(answer)) {
      log('bad-verdict', 'the extension gave an answer this page cannot read; no sidebar is shown');
      return;
    }
    apply(answer);
  }

  function apply(verdict: PageVerdict): void {
    if (verdict.show === false || current === undefined) {
      dock.hide();
      return;
    }
    dock.show(verdict.label, current.event.surface === 'dialog' ? current.root : undefined, verdict.show === 'offer' ? 'compact' : 'full');
    keepLiveness();
  }

  // The background decided the open event again (the user marked it in some tab's sidebar). Only
  // for this dock and for the latest event sent: an older event's verdict is dropped.
  const onRuntimeMessage = (message: unknown) => {
    if (stopped || orphaned || !isPageVerdictMessage(message, host)) return;
    if (message.verdict.seq !== seq || current === undefined) return;
    apply(message.verdict);
  };
  runtime.onMessage?.addListener(onRuntimeMessage);

  // While a sidebar shows, a port to the background: when the service worker stops (idle) the
  // port drops, and the event is re-sent so that the new worker knows it again (its memory is
  // gone). When the extension is reloaded, an orphaned script may never hear of this port
  // (Chromium 156 did not tell it in our tests): the sidebar iframe's message below covers that.
  function keepLiveness(): void {
    if (livenessPort !== undefined || orphaned) return;
    try {
      const port = runtime.connect({ name: CONTENT_PORT });
      livenessPort = port;
      port.onDisconnect.addListener(() => {
        if (livenessPort === port) livenessPort = undefined;
        if (stopped || checkOrphaned()) return;
        if (dock.isShown) {
          keepLiveness();
          void report();
        }
      });
    } catch (error) {
      if (checkOrphaned() || isInvalidatedError(error)) becomeOrphan();
    }
  }

  function dropLiveness(): void {
    const port = livenessPort;
    livenessPort = undefined;
    try {
      port?.disconnect();
    } catch {
      // already gone
    }
  }

  // Returning to the tab is when a reload notice is useful.
  const onVisible = () => {
    if (doc.visibilityState === 'visible') checkOrphaned();
  };
  doc.addEventListener('visibilitychange', onVisible);

  // Chrome does not tell an orphaned content script that its port closed; the sidebar iframe
  // learns it and says so. The message is only a reason to look: runtime.id decides, or, if the
  // browser has not cleared it yet, whether the extension can still be reached.
  const onMessage = (event: MessageEvent) => {
    if (event.source === null || event.source !== dock.iframe?.contentWindow) return;
    const data = event.data as { type?: unknown; height?: unknown } | null;
    if (data?.type === SIDEBAR_SIZE_MESSAGE) {
      if (typeof data.height === 'number') dock.setCompactHeight(data.height);
      return;
    }
    if (data?.type === SIDEBAR_CLOSE_DIALOG_MESSAGE) {
      if (sidebarOrigin !== undefined && event.origin === sidebarOrigin) closeDialogForSidebar();
      return;
    }
    if (data?.type !== EXTENSION_GONE_MESSAGE) return;
    if (checkOrphaned()) return;
    try {
      runtime.connect({ name: CONTENT_PORT }).disconnect();
    } catch (error) {
      if (isInvalidatedError(error)) becomeOrphan();
    }
  };
  win.addEventListener('message', onMessage);

  // Escape in the sidebar (its notes are being saved): close the dialog beside it, then give the
  // keyboard back to the page, as closing the dialog from the page would. The full event page has
  // no dialog to close: nothing happens there.
  function closeDialogForSidebar(): void {
    const open = current;
    if (stopped || open === undefined || open.event.surface !== 'dialog' || !dock.isShown || !open.root.isConnected) return;
    closeEventDialog(open.root);
    const frameElement = dock.iframe;
    if (frameElement !== undefined && doc.activeElement === frameElement) {
      frameElement.blur();
      win.focus();
    }
  }

  if ((options.preload ?? 'idle') === 'idle') {
    const preload = () => {
      if (!stopped && !orphaned) dock.preload();
    };
    if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(preload, { timeout: 5_000 });
    else win.setTimeout(preload, 1_000);
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    watcher.stop();
    dock.hide();
    dock.stop();
    dropLiveness();
    doc.removeEventListener('visibilitychange', onVisible);
    win.removeEventListener('message', onMessage);
    try {
      runtime.onMessage?.removeListener(onRuntimeMessage);
    } catch {
      // the extension is gone already
    }
  }

  return {
    dock,
    watcher,
    get orphaned() {
      return orphaned;
    },
    stop,
  };
}

function isInvalidatedError(error: unknown): boolean {
  return /context invalidated/i.test(String(error));
}
