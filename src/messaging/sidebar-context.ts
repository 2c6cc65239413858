// The sidebar page's side of the hand-off: it asks the background (through the extension's own
// messaging, never window.postMessage) which event its dock shows, and hears every change.
// Reusable by whoever builds the sidebar's body: `subscribeSidebarContext` or `useSidebarContext`.
//
// The port keeps the service worker awake, and connecting starts a stopped one. So while nothing
// is shown (the iframe is hidden and warm, its last context null) a port that drops (the worker
// stopped when idle) is not reopened: the sidebar waits until its iframe is shown again. The
// content script's next event wakes the worker and records the context; the sidebar, shown,
// connects and is given it. Otherwise every Calendar tab that ever opened a 1:1 would restart the
// worker within moments of each stop, all day.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  EXTENSION_GONE_MESSAGE,
  SIDEBAR_CONTEXT,
  SIDEBAR_HELLO,
  SIDEBAR_PORT,
  hostFromSidebarUrl,
  type SidebarContext,
  type SidebarHello,
} from './protocol';
import { parseSidebarContextMessage } from './schemas';

interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** The part of the extension API the subscription uses (injectable for tests). */
export interface SidebarRuntime {
  readonly id?: string;
  connect(info: { name: string }): PortLike;
  /** `tabs.getCurrent()`: the tab the sidebar iframe is in (works without the `tabs` permission). */
  currentTabId?(): Promise<number | undefined>;
  /**
   * An extension call the browser answers without the service worker (so it wakes nothing):
   * rejects ("Extension context invalidated") once the extension was reloaded or removed.
   */
  probe?(): Promise<unknown>;
}

/** Calls `onChange(shown)` when this page's iframe is shown or hidden; returns the stop function. */
export type VisibilityWatch = (onChange: (shown: boolean) => void) => () => void;

export interface SidebarSubscriptionOptions {
  runtime?: SidebarRuntime;
  /** The dock token; read from this page's URL (`#host=…`) by default. */
  host?: string;
  log?: (message: string) => void;
  /** Reconnection delays after the service worker went away, in ms (the last one repeats). */
  retryDelays?: readonly number[];
  /**
   * The extension was reloaded, updated or removed: this page can no longer reach it (the host
   * page's content script is told too, to show its reload notice).
   */
  onExtensionGone?: () => void;
  /** Where "extension gone" is posted; the embedding page's window by default. */
  hostWindow?: Pick<Window, 'postMessage'> | null;
  /**
   * Whether the iframe is shown: an IntersectionObserver on this page by default. Null (or no
   * IntersectionObserver): always counted as shown, so a dropped port is always reopened.
   */
  watchVisibility?: VisibilityWatch | null;
}

function defaultRuntime(): SidebarRuntime {
  return {
    get id() {
      return browser.runtime?.id;
    },
    connect: (info) => browser.runtime.connect(info) as unknown as PortLike,
    currentTabId: async () => (await browser.tabs?.getCurrent?.())?.id,
    probe: async () => browser.tabs.getCurrent(),
  };
}

/**
 * An IntersectionObserver on the page's root: inside an iframe it reports whether the iframe is
 * displayed in the top page's viewport (the dock hides it with display: none). Undefined where
 * there is none.
 */
export const observeIframeVisibility: VisibilityWatch | undefined =
  typeof IntersectionObserver === 'undefined'
    ? undefined
    : (onChange) => {
        const root = globalThis.document?.documentElement;
        if (root == null) return () => {};
        const observer = new IntersectionObserver((entries) => {
          const last = entries[entries.length - 1];
          if (last !== undefined) onChange(last.isIntersecting);
        });
        observer.observe(root);
        return () => observer.disconnect();
      };

/**
 * Calls `onContext` with the dock's context now and on every change (null: nothing to show).
 * The last context is kept while the service worker restarts (the port drops and is reopened).
 * While nothing is shown a dropped port is reopened only once the iframe is shown again.
 * Returns the unsubscribe function.
 */
export function subscribeSidebarContext(
  onContext: (context: SidebarContext | null) => void,
  options: SidebarSubscriptionOptions = {},
): () => void {
  const runtime = options.runtime ?? defaultRuntime();
  const log = options.log ?? ((message: string) => console.warn(`1:1 Companion sidebar: ${message}`));
  const host = options.host ?? hostFromSidebarUrl(globalThis.location?.href ?? '');
  const retryDelays = options.retryDelays ?? [50, 200, 1000, 5000];
  if (host === undefined) {
    log('this page was opened without a dock token; it shows nothing');
    onContext(null);
    return () => {};
  }
  let port: PortLike | undefined;
  let stopped = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let gone = false;
  /** The last context received; undefined until the first. */
  let lastContext: SidebarContext | null | undefined;
  /** The port dropped while nothing was shown, and was left closed. */
  let asleep = false;
  const watchVisibility = options.watchVisibility === undefined ? observeIframeVisibility : (options.watchVisibility ?? undefined);
  let shown = watchVisibility === undefined;
  const hostWindow =
    options.hostWindow !== undefined
      ? options.hostWindow
      : globalThis.window !== undefined && window.parent !== window
        ? window.parent
        : null;

  function extensionGone(): void {
    if (gone) return;
    gone = true;
    log('the extension was reloaded or updated; the page needs a reload');
    try {
      hostWindow?.postMessage({ type: EXTENSION_GONE_MESSAGE }, '*');
    } catch {
      // the host page is gone too
    }
    options.onExtensionGone?.();
  }
  const tabId = runtime.currentTabId?.().catch(() => undefined) ?? Promise.resolve(undefined);

  async function connect(): Promise<void> {
    if (stopped) return;
    const hello: SidebarHello = { type: SIDEBAR_HELLO, host: host! };
    const knownTab = await tabId;
    if (knownTab !== undefined) hello.tabId = knownTab;
    if (stopped) return;
    if (runtime.id === undefined) {
      extensionGone();
      return;
    }
    try {
      port = runtime.connect({ name: SIDEBAR_PORT });
    } catch (error) {
      if (isInvalidatedError(error)) extensionGone();
      else log(`cannot reach the extension (${String(error)})`);
      return;
    }
    port.onMessage.addListener((message) => {
      if ((message as { type?: unknown } | null)?.type !== SIDEBAR_CONTEXT) return;
      const parsed = parseSidebarContextMessage(message);
      if (!parsed.ok) {
        log(`ignored an invalid context: ${parsed.error}`);
        return;
      }
      attempt = 0;
      lastContext = parsed.value.context;
      onContext(parsed.value.context);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (stopped) return;
      // The extension was reloaded or removed: nothing to reconnect to.
      if (runtime.id === undefined) {
        extensionGone();
        return;
      }
      const delay = retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 1000;
      if (!shown && !lastContext) {
        fallAsleep(delay);
        return;
      }
      attempt++;
      retryTimer = setTimeout(() => void connect(), delay);
    });
    port.postMessage(hello);
  }

  /**
   * Leaves the port closed, so the idle worker stays stopped. Whether it dropped because the
   * extension was reloaded is still checked once, without waking the worker: the browser clears
   * runtime.id, or refuses a call it answers itself.
   */
  function fallAsleep(delay: number): void {
    asleep = true;
    attempt = 0;
    retryTimer = setTimeout(() => {
      if (!asleep || stopped) return;
      if (runtime.id === undefined) {
        extensionGone();
        return;
      }
      runtime.probe?.().catch((error: unknown) => {
        if (asleep && !stopped && (runtime.id === undefined || isInvalidatedError(error))) extensionGone();
      });
    }, delay);
  }

  function wake(): void {
    if (!asleep || stopped || gone) return;
    asleep = false;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    void connect();
  }

  const stopWatching = watchVisibility?.((visible) => {
    shown = visible;
    if (visible) wake();
  });

  void connect();
  return () => {
    stopped = true;
    stopWatching?.();
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    port?.disconnect();
  };
}

function isInvalidatedError(error: unknown): boolean {
  return /context invalidated/i.test(String(error));
}

/** Preact hook: the dock's context (undefined until the background first answers). */
export function useSidebarContext(options?: SidebarSubscriptionOptions): SidebarContext | null | undefined {
  const [context, setContext] = useState<SidebarContext | null | undefined>(undefined);
  useEffect(() => subscribeSidebarContext(setContext, options), []);
  return context;
}
