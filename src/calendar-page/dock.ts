// Docks the sidebar (the extension page sidebar.html in an iframe) at the side of Calendar's
// window while a 1:1 is open, never over the event's dialog. For a group event the same iframe
// shows the compact "not a 1:1" offer: the same place, only as tall as the offer says it needs.
// - The iframe is created once, hidden, and kept warm; showing it is a style change.
// - It lives in a tiny wrapper on document.body, outside Calendar's containers: Calendar's
//   controllers remove children they did not create. Moving an iframe reloads it, so the wrapper
//   is never moved; only if Calendar removed it anyway is it put back.
// - Elements are created and properties set: no HTML strings (Calendar enforces Trusted Types).
// - Layout is computed from one rect read per show or resize, never in a loop.
import { SELECTORS, firstMatch } from './selectors';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type DockPlacement = 'right' | 'left' | 'bottom' | 'top';

export interface DockLayout {
  placement: DockPlacement;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface DockLayoutInput {
  viewportWidth: number;
  viewportHeight: number;
  /** Bottom edge of Calendar's top bar: the dock starts below it. */
  topOffset: number;
  /** The dialog to keep uncovered; absent on the full event page. */
  avoid?: Rect;
  preferredWidth?: number;
  /** Narrower side docks than this are only used when nothing better fits. */
  minWidth?: number;
  /** Lower strips (above or below the dialog) than this are only used when nothing better fits. */
  minHeight?: number;
  /** Space kept between the dialog and the dock. */
  gap?: number;
  /** The compact offer: as tall as its content (never taller than the room there is). */
  contentHeight?: number;
}

export const DOCK_WIDTH = 360;
const MIN_WIDTH = 240;
const MIN_HEIGHT = 160;
const GAP = 8;
/** The compact offer's height until its page says otherwise: one line. */
export const COMPACT_HEIGHT = 44;
/** Bounds for the height the offer's page asks for. */
export const COMPACT_HEIGHT_RANGE = { min: 32, max: 480 } as const;

/**
 * Where the dock goes: beside the dialog on the right (like Calendar's own side panel), else on
 * the left, else in a strip below or above it; when none reaches the minimum size, the largest
 * free area. Undefined when the dialog leaves no room at all: the dock then stays hidden rather
 * than cover it.
 */
export function computeDockLayout(input: DockLayoutInput): DockLayout | undefined {
  const width = Math.max(0, Math.floor(input.viewportWidth));
  const height = Math.max(0, Math.floor(input.viewportHeight));
  const preferred = input.preferredWidth ?? DOCK_WIDTH;
  const minWidth = input.minWidth ?? MIN_WIDTH;
  const content = input.contentHeight === undefined ? undefined : Math.max(1, Math.ceil(input.contentHeight));
  const minHeight = Math.min(input.minHeight ?? MIN_HEIGHT, content ?? Infinity);
  const gap = input.gap ?? GAP;
  const top = Math.min(Math.max(0, Math.round(input.topOffset)), Math.floor(height / 3));
  const below = height - top;
  if (width <= 0 || below <= 0) return undefined;
  const fitContent = (layout: DockLayout): DockLayout =>
    content === undefined ? layout : { ...layout, height: Math.min(layout.height, content) };

  if (input.avoid === undefined) {
    const dockWidth = Math.min(preferred, width);
    return fitContent({ placement: 'right', left: width - dockWidth, top, width: dockWidth, height: below });
  }

  const avoid = {
    left: Math.floor(input.avoid.left) - gap,
    right: Math.ceil(input.avoid.right) + gap,
    top: Math.floor(input.avoid.top) - gap,
    bottom: Math.ceil(input.avoid.bottom) + gap,
  };
  const rightWidth = Math.min(preferred, width - avoid.right);
  const leftWidth = Math.min(preferred, avoid.left);
  const stripBelowTop = Math.max(top, avoid.bottom);
  const stripBelowHeight = height - stripBelowTop;
  const stripAboveHeight = avoid.top - top;

  const candidates: DockLayout[] = [
    { placement: 'right', left: width - rightWidth, top, width: rightWidth, height: below },
    { placement: 'left', left: 0, top, width: leftWidth, height: below },
    { placement: 'bottom', left: 0, top: stripBelowTop, width, height: stripBelowHeight },
    { placement: 'top', left: 0, top, width, height: stripAboveHeight },
  ];
  const fits = (layout: DockLayout) =>
    layout.placement === 'right' || layout.placement === 'left'
      ? layout.width >= minWidth
      : layout.height >= minHeight;
  const preferredFit = candidates.find(fits);
  if (preferredFit !== undefined) return fitContent(preferredFit);
  const usable = candidates.filter((layout) => layout.width > 0 && layout.height > 0);
  if (usable.length === 0) return undefined;
  return fitContent(usable.reduce((best, layout) => (layout.width * layout.height > best.width * best.height ? layout : best)));
}

export interface DockOptions {
  /** chrome-extension://<id>/sidebar.html#host=<token> */
  sidebarUrl: string;
  document?: Document;
  window?: Window;
  /** Measures the top bar's bottom edge; defaults to Calendar's banner. */
  topOffset?: () => number;
}

export type DockSize = 'full' | 'compact';

export interface Dock {
  /** Creates the hidden iframe so that it loads before it is needed. Idempotent. */
  preload(): void;
  /**
   * Shows the sidebar beside `avoid` (the dialog), named `label` for assistive technology:
   * 'full' (a 1:1) from the top bar to the bottom, 'compact' (the offer) as tall as its page asks.
   */
  show(label: string, avoid?: Element, size?: DockSize): void;
  /** The compact offer's page says how tall it is (clamped; used while compact). */
  setCompactHeight(height: number): void;
  readonly size: DockSize;
  /** Recomputes the layout (window resized). */
  relayout(): void;
  hide(): void;
  readonly isShown: boolean;
  /** The current layout while shown. */
  readonly layout: DockLayout | undefined;
  /** The wrapper on document.body (created by preload or show). */
  readonly host: HTMLElement | undefined;
  readonly iframe: HTMLIFrameElement | undefined;
  /** Removes listeners (the iframe itself is left alone: see content.ts). */
  stop(): void;
}

export const DOCK_ATTRIBUTE = 'data-one-on-one-companion';

export function createDock(options: DockOptions): Dock {
  const doc = options.document ?? document;
  const win = options.window ?? window;
  const measureTop = options.topOffset ?? (() => topBarBottom(doc));
  let host: HTMLDivElement | undefined;
  let iframe: HTMLIFrameElement | undefined;
  let shown = false;
  let size: DockSize = 'full';
  let compactHeight = COMPACT_HEIGHT;
  let avoidElement: Element | undefined;
  let layout: DockLayout | undefined;
  let resizeFrame: number | undefined;

  const onResize = () => {
    if (resizeFrame !== undefined) return;
    resizeFrame = win.requestAnimationFrame(() => {
      resizeFrame = undefined;
      place();
    });
  };
  // The dialog grows as its sections arrive: a strip placed below it must move with it.
  const ResizeObserverClass = (win as Window & { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
  const dialogResizes = ResizeObserverClass === undefined ? undefined : new ResizeObserverClass(onResize);

  function create(): void {
    if (host !== undefined) {
      // Calendar (or anyone) removed the wrapper from body: put it back (the iframe reloads).
      if (!host.isConnected) doc.body.append(host);
      return;
    }
    host = doc.createElement('div');
    host.setAttribute(DOCK_ATTRIBUTE, 'sidebar-dock');
    setStyles(host, {
      position: 'fixed',
      display: 'none',
      'z-index': '2147483000',
      margin: '0',
      padding: '0',
      border: '0',
      'box-sizing': 'border-box',
      background: '#fff',
      'box-shadow': '0 1px 3px 0 rgba(60,64,67,.3), 0 4px 8px 3px rgba(60,64,67,.15)',
      'border-radius': '8px 0 0 0',
      overflow: 'hidden',
      contain: 'strict',
    });
    iframe = doc.createElement('iframe');
    iframe.title = '1:1 Companion';
    setStyles(iframe, {
      display: 'block',
      width: '100%',
      height: '100%',
      border: '0',
      margin: '0',
      padding: '0',
      background: '#fff',
      'color-scheme': 'normal',
    });
    iframe.src = options.sidebarUrl;
    host.append(iframe);
    doc.body.append(host);
  }

  function place(): boolean {
    if (!shown || host === undefined) return false;
    const avoid = avoidElement?.isConnected ? avoidElement.getBoundingClientRect() : undefined;
    const next = computeDockLayout({
      viewportWidth: win.innerWidth,
      viewportHeight: win.innerHeight,
      topOffset: measureTop(),
      ...(avoid === undefined ? {} : { avoid }),
      ...(size === 'compact' ? { contentHeight: compactHeight } : {}),
    });
    layout = next;
    if (next === undefined) {
      setStyles(host, { display: 'none' });
      return false;
    }
    setStyles(host, {
      display: 'block',
      left: `${next.left}px`,
      top: `${next.top}px`,
      width: `${next.width}px`,
      height: `${next.height}px`,
      'border-radius':
        size === 'compact'
          ? next.placement === 'right' ? '8px 0 0 8px' : next.placement === 'left' ? '0 8px 8px 0' : '8px'
          : next.placement === 'right' ? '8px 0 0 0' : next.placement === 'left' ? '0 8px 0 0' : '8px 8px 0 0',
    });
    return true;
  }

  return {
    preload: create,
    show(label, avoid, nextSize = 'full') {
      create();
      iframe!.title = label;
      size = nextSize;
      if (avoidElement !== avoid) {
        dialogResizes?.disconnect();
        if (avoid !== undefined) dialogResizes?.observe(avoid);
      }
      avoidElement = avoid;
      if (!shown) win.addEventListener('resize', onResize);
      shown = true;
      place();
    },
    setCompactHeight(height) {
      if (!Number.isFinite(height)) return;
      const clamped = Math.round(Math.min(COMPACT_HEIGHT_RANGE.max, Math.max(COMPACT_HEIGHT_RANGE.min, height)));
      if (clamped === compactHeight) return;
      compactHeight = clamped;
      if (size === 'compact') place();
    },
    get size() {
      return size;
    },
    relayout: () => void place(),
    hide() {
      if (!shown) return;
      shown = false;
      avoidElement = undefined;
      layout = undefined;
      dialogResizes?.disconnect();
      win.removeEventListener('resize', onResize);
      if (host !== undefined) setStyles(host, { display: 'none' });
    },
    get isShown() {
      return shown && layout !== undefined;
    },
    get layout() {
      return layout;
    },
    get host() {
      return host;
    },
    get iframe() {
      return iframe;
    },
    stop() {
      dialogResizes?.disconnect();
      win.removeEventListener('resize', onResize);
      if (resizeFrame !== undefined) win.cancelAnimationFrame(resizeFrame);
    },
  };
}

/** Bottom edge of Calendar's top bar (64 px when it cannot be found). */
export function topBarBottom(doc: Document): number {
  const bar = firstMatch(doc, SELECTORS.topBar);
  if (bar === null) return 64;
  const bottom = bar.getBoundingClientRect().bottom;
  return bottom > 0 ? bottom : 64;
}

/** Inline styles set through the CSSOM (allowed under a strict CSP), marked important so page CSS cannot restyle the dock. */
export function setStyles(element: HTMLElement, styles: Record<string, string>): void {
  for (const [name, value] of Object.entries(styles)) element.style.setProperty(name, value, 'important');
}
