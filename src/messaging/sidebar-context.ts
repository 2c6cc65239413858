// The sidebar page's side of the hand-off: it asks the background (through the extension's own
// messaging, never window.postMessage) which event its dock shows, and hears every change.
// Reusable by whoever builds the sidebar's body: `subscribeSidebarContext` or `useSidebarContext`.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
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
}

export interface SidebarSubscriptionOptions {
  runtime?: SidebarRuntime;
  /** The dock token; read from this page's URL (`#host=…`) by default. */
  host?: string;
  log?: (message: string) => void;
  /** Reconnection delays after the service worker went away, in ms (doubling up to the last). */
  retryDelays?: readonly number[];
}

function defaultRuntime(): SidebarRuntime {
  return {
    get id() {
      return browser.runtime?.id;
    },
    connect: (info) => browser.runtime.connect(info) as unknown as PortLike,
    currentTabId: async () => (await browser.tabs?.getCurrent?.())?.id,
  };
}

/**
 * Calls `onContext` with the dock's context now and on every change (null: nothing to show).
 * The last context is kept while the service worker restarts (the port drops and is reopened).
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
  const tabId = runtime.currentTabId?.().catch(() => undefined) ?? Promise.resolve(undefined);

  async function connect(): Promise<void> {
    if (stopped) return;
    const hello: SidebarHello = { type: SIDEBAR_HELLO, host: host! };
    const knownTab = await tabId;
    if (knownTab !== undefined) hello.tabId = knownTab;
    if (stopped) return;
    try {
      port = runtime.connect({ name: SIDEBAR_PORT });
    } catch (error) {
      log(`cannot reach the extension (${String(error)})`);
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
      onContext(parsed.value.context);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      // The extension was reloaded or removed: nothing to reconnect to.
      if (stopped || runtime.id === undefined) return;
      const delay = retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 1000;
      attempt++;
      retryTimer = setTimeout(() => void connect(), delay);
    });
    port.postMessage(hello);
  }

  void connect();
  return () => {
    stopped = true;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    port?.disconnect();
  };
}

/** Preact hook: the dock's context (undefined until the background first answers). */
export function useSidebarContext(options?: SidebarSubscriptionOptions): SidebarContext | null | undefined {
  const [context, setContext] = useState<SidebarContext | null | undefined>(undefined);
  useEffect(() => subscribeSidebarContext(setContext, options), []);
  return context;
}
