// @vitest-environment happy-dom
// Where the sidebar docks (never over the dialog), and how its iframe lives on the page.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMPACT_HEIGHT, COMPACT_HEIGHT_RANGE, computeDockLayout, createDock, type DockLayout, type Rect } from '../../src/calendar-page/dock';
import { mountFixture, serveBlankIframes } from './fixtures';
import { forbidHtmlStrings } from './no-html-strings';

const TOP = 64;

let loud: () => void;
beforeAll(() => {
  loud = serveBlankIframes();
});
afterAll(() => loud());

describe('computeDockLayout', () => {
  const table: { what: string; viewport: [number, number]; avoid?: Rect; expected: DockLayout | undefined }[] = [
    {
      what: 'wide window, dialog in the middle: right side, full width, below the top bar',
      viewport: [1400, 900],
      avoid: { left: 412, top: 156, right: 860, bottom: 556 },
      expected: { placement: 'right', left: 1040, top: TOP, width: 360, height: 836 },
    },
    {
      what: 'dialog near the right edge: left side',
      viewport: [1400, 900],
      avoid: { left: 940, top: 156, right: 1388, bottom: 556 },
      expected: { placement: 'left', left: 0, top: TOP, width: 360, height: 836 },
    },
    {
      what: 'dialog just fits beside a narrowed right dock',
      viewport: [1400, 900],
      avoid: { left: 600, top: 156, right: 1100, bottom: 556 },
      expected: { placement: 'right', left: 1108, top: TOP, width: 292, height: 836 },
    },
    {
      what: '800 px window, dialog on the right half: narrowed left dock',
      viewport: [800, 900],
      avoid: { left: 300, top: 156, right: 748, bottom: 556 },
      expected: { placement: 'left', left: 0, top: TOP, width: 292, height: 836 },
    },
    {
      what: '800 px window, dialog centred: strip below it',
      viewport: [800, 900],
      avoid: { left: 176, top: 156, right: 624, bottom: 556 },
      expected: { placement: 'bottom', left: 0, top: 564, width: 800, height: 336 },
    },
    {
      what: '800 px window, dialog low on the page: strip above it',
      viewport: [800, 900],
      avoid: { left: 176, top: 420, right: 624, bottom: 880 },
      expected: { placement: 'top', left: 0, top: TOP, width: 800, height: 348 },
    },
    {
      what: 'nothing reaches the minimum: the largest free area',
      viewport: [800, 600],
      avoid: { left: 176, top: 100, right: 624, bottom: 520 },
      expected: { placement: 'right', left: 632, top: TOP, width: 168, height: 536 },
    },
    {
      what: 'the dialog fills the window: no dock at all rather than cover it',
      viewport: [800, 600],
      avoid: { left: 0, top: 0, right: 800, bottom: 600 },
      expected: undefined,
    },
    {
      what: 'the event page (nothing to avoid): right side',
      viewport: [1400, 900],
      expected: { placement: 'right', left: 1040, top: TOP, width: 360, height: 836 },
    },
    {
      what: 'the event page in a tiny window: as wide as the window',
      viewport: [300, 500],
      expected: { placement: 'right', left: 0, top: TOP, width: 300, height: 436 },
    },
  ];

  it.each(table)('$what', ({ viewport, avoid, expected }) => {
    expect(
      computeDockLayout({ viewportWidth: viewport[0], viewportHeight: viewport[1], topOffset: TOP, ...(avoid ? { avoid } : {}) }),
    ).toEqual(expected);
  });

  const compactTable: { what: string; viewport: [number, number]; avoid?: Rect; content: number; expected: DockLayout | undefined }[] = [
    {
      what: 'wide window: the same place as the sidebar, one line high',
      viewport: [1400, 900],
      avoid: { left: 412, top: 156, right: 860, bottom: 556 },
      content: 44,
      expected: { placement: 'right', left: 1040, top: TOP, width: 360, height: 44 },
    },
    {
      what: 'expanded: as tall as its content',
      viewport: [1400, 900],
      avoid: { left: 940, top: 156, right: 1388, bottom: 556 },
      content: 231.4,
      expected: { placement: 'left', left: 0, top: TOP, width: 360, height: 232 },
    },
    {
      what: '800 px window, dialog centred: a short strip below it',
      viewport: [800, 900],
      avoid: { left: 176, top: 156, right: 624, bottom: 556 },
      content: 44,
      expected: { placement: 'bottom', left: 0, top: 564, width: 800, height: 44 },
    },
    {
      what: 'a strip too low for the sidebar is enough for the offer',
      viewport: [800, 600],
      avoid: { left: 176, top: 100, right: 624, bottom: 520 },
      content: 44,
      expected: { placement: 'bottom', left: 0, top: 528, width: 800, height: 44 },
    },
    {
      what: 'taller than the room there is: cut to the room',
      viewport: [1400, 300],
      avoid: { left: 412, top: 100, right: 860, bottom: 280 },
      content: 480,
      expected: { placement: 'right', left: 1040, top: TOP, width: 360, height: 236 },
    },
    {
      what: 'the event page: top right, one line high',
      viewport: [1400, 900],
      content: 44,
      expected: { placement: 'right', left: 1040, top: TOP, width: 360, height: 44 },
    },
  ];

  it.each(compactTable)('compact offer: $what', ({ viewport, avoid, content, expected }) => {
    expect(
      computeDockLayout({ viewportWidth: viewport[0], viewportHeight: viewport[1], topOffset: TOP, contentHeight: content, ...(avoid ? { avoid } : {}) }),
    ).toEqual(expected);
  });

  it('never overlaps the dialog, stays inside the window and below the top bar (property)', () => {
    const scenario = fc
      .record({ width: fc.integer({ min: 200, max: 3000 }), height: fc.integer({ min: 200, max: 2000 }), top: fc.integer({ min: 0, max: 120 }) })
      .chain((viewport) =>
        fc.record({
          viewport: fc.constant(viewport),
          left: fc.integer({ min: 0, max: viewport.width - 1 }),
          top: fc.integer({ min: 0, max: viewport.height - 1 }),
          w: fc.integer({ min: 1, max: viewport.width }),
          h: fc.integer({ min: 1, max: viewport.height }),
        }),
      );
    const content = fc.option(fc.integer({ min: COMPACT_HEIGHT_RANGE.min, max: COMPACT_HEIGHT_RANGE.max }), { nil: undefined });
    fc.assert(
      fc.property(scenario, content, ({ viewport, left, top, w, h }, contentHeight) => {
        const avoid = { left, top, right: Math.min(viewport.width, left + w), bottom: Math.min(viewport.height, top + h) };
        const layout = computeDockLayout({
          viewportWidth: viewport.width,
          viewportHeight: viewport.height,
          topOffset: viewport.top,
          avoid,
          ...(contentHeight === undefined ? {} : { contentHeight }),
        });
        if (layout === undefined) return;
        if (contentHeight !== undefined) expect(layout.height).toBeLessThanOrEqual(contentHeight);
        const right = layout.left + layout.width;
        const bottom = layout.top + layout.height;
        expect(layout.width).toBeGreaterThan(0);
        expect(layout.height).toBeGreaterThan(0);
        expect(layout.left).toBeGreaterThanOrEqual(0);
        expect(right).toBeLessThanOrEqual(viewport.width);
        expect(bottom).toBeLessThanOrEqual(viewport.height);
        expect(layout.top).toBeGreaterThanOrEqual(Math.min(viewport.top, Math.floor(viewport.height / 3)));
        const overlaps = layout.left < avoid.right && right > avoid.left && layout.top < avoid.bottom && bottom > avoid.top;
        expect(overlaps).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the dock on the page', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  const url = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/sidebar.html#host=0123456789abcdef0123456789abcdef';

  function setViewport(width: number, height: number): void {
    (window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }).happyDOM.setViewport({ width, height });
  }

  function placeDialog(dialog: Element, rect: Rect): void {
    dialog.getBoundingClientRect = () =>
      ({ ...rect, x: rect.left, y: rect.top, width: rect.right - rect.left, height: rect.bottom - rect.top, toJSON() {} }) as DOMRect;
  }

  it('creates one hidden iframe on body, shows it beside the dialog, hides it, and never recreates it', () => {
    mountFixture('popover-1on1.html');
    setViewport(1400, 900);
    restore = forbidHtmlStrings();
    const dialog = document.querySelector('[role="dialog"]')!;
    placeDialog(dialog, { left: 412, top: 156, right: 860, bottom: 556 });
    const dock = createDock({ sidebarUrl: url, topOffset: () => TOP });

    dock.preload();
    dock.preload();
    const frames = document.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    const iframe = frames[0]!;
    expect(iframe.src).toBe(url);
    expect(iframe.parentElement!.parentElement).toBe(document.body);
    expect(iframe.parentElement!.style.display).toBe('none');
    expect(dock.isShown).toBe(false);

    dock.show('1:1 with Dana Reyes', dialog);
    expect(dock.isShown).toBe(true);
    expect(iframe.title).toBe('1:1 with Dana Reyes');
    const host = iframe.parentElement!;
    expect(host.style.display).toBe('block');
    expect(host.style.position).toBe('fixed');
    expect([host.style.left, host.style.top, host.style.width, host.style.height]).toEqual(['1040px', '64px', '360px', '836px']);

    dock.hide();
    expect(host.style.display).toBe('none');
    expect(dock.isShown).toBe(false);
    dock.show('1:1 with Alex Kim', dialog);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    expect(document.querySelector('iframe')).toBe(iframe);
    expect(iframe.title).toBe('1:1 with Alex Kim');
  });

  it('follows a window resize (one layout per frame)', async () => {
    mountFixture('popover-1on1.html');
    setViewport(1400, 900);
    const dialog = document.querySelector('[role="dialog"]')!;
    placeDialog(dialog, { left: 300, top: 156, right: 748, bottom: 556 });
    const dock = createDock({ sidebarUrl: url, topOffset: () => TOP });
    dock.show('1:1 with Dana Reyes', dialog);
    expect(dock.layout?.placement).toBe('right');
    setViewport(800, 900);
    window.dispatchEvent(new Event('resize'));
    window.dispatchEvent(new Event('resize'));
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    expect(dock.layout).toEqual({ placement: 'left', left: 0, top: TOP, width: 292, height: 836 });
    dock.hide();
    dock.stop();
  });

  it('is not in the way of Calendar removing nodes it did not create from its own containers', async () => {
    mountFixture('popover-1on1.html');
    setViewport(1400, 900);
    // Calendar's controllers: anything foreign inserted into their containers is removed.
    const containers = [document.querySelector('[role="main"]')!, document.querySelector('[role="dialog"]')!.parentElement!];
    const created = new WeakSet<Node>(containers.flatMap((container) => [...container.querySelectorAll('*')]));
    const reconciler = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (!created.has(node)) (node as ChildNode).remove();
    });
    for (const container of containers) reconciler.observe(container, { childList: true, subtree: true });

    const dialog = document.querySelector('[role="dialog"]')!;
    placeDialog(dialog, { left: 412, top: 156, right: 860, bottom: 556 });
    const dock = createDock({ sidebarUrl: url, topOffset: () => TOP });
    dock.show('1:1 with Dana Reyes', dialog);
    // What another extension might have done: a node inside Calendar's dialog layer.
    const foreign = document.createElement('div');
    dialog.parentElement!.append(foreign);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    expect(foreign.isConnected).toBe(false); // the reconciler works …
    expect(dock.host!.isConnected).toBe(true); // … and the dock, on body, is untouched
    expect(dock.isShown).toBe(true);
    reconciler.disconnect();
  });

  it('puts its wrapper back if it was removed from body anyway', () => {
    mountFixture('popover-1on1.html');
    const dock = createDock({ sidebarUrl: url, topOffset: () => TOP });
    dock.preload();
    dock.host!.remove();
    dock.show('1:1 with Dana Reyes');
    expect(dock.host!.parentElement).toBe(document.body);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('the compact offer: the same iframe, as tall as its page says (within bounds), full again for a 1:1', () => {
    mountFixture('popover-1on1.html');
    setViewport(1400, 900);
    const dialog = document.querySelector('[role="dialog"]')!;
    placeDialog(dialog, { left: 412, top: 156, right: 860, bottom: 556 });
    const dock = createDock({ sidebarUrl: url, topOffset: () => TOP });
    dock.show('1:1 Companion: not a 1:1', dialog, 'compact');
    const iframe = dock.iframe!;
    expect(dock.size).toBe('compact');
    expect(iframe.title).toBe('1:1 Companion: not a 1:1');
    expect(dock.layout).toEqual({ placement: 'right', left: 1040, top: TOP, width: 360, height: COMPACT_HEIGHT });
    expect(dock.host!.style.height).toBe(`${COMPACT_HEIGHT}px`);
    dock.setCompactHeight(212.3);
    expect(dock.host!.style.height).toBe('212px');
    dock.setCompactHeight(100_000);
    expect(dock.layout!.height).toBe(COMPACT_HEIGHT_RANGE.max);
    dock.setCompactHeight(Number.NaN);
    dock.setCompactHeight(-5);
    expect(dock.layout!.height).toBe(COMPACT_HEIGHT_RANGE.min);

    // A 1:1 in the same iframe: full height; the offer's height does not matter then.
    dock.show('1:1 with Dana Reyes', dialog);
    expect(dock.size).toBe('full');
    dock.setCompactHeight(100);
    expect(dock.layout).toEqual({ placement: 'right', left: 1040, top: TOP, width: 360, height: 836 });
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    expect(dock.iframe).toBe(iframe);
    // And the offer again: the height it last asked for.
    dock.show('1:1 Companion: not a 1:1', dialog, 'compact');
    expect(dock.layout!.height).toBe(100);
  });

  it('stays hidden when the dialog leaves no room', () => {
    mountFixture('popover-1on1.html');
    setViewport(800, 600);
    const dialog = document.querySelector('[role="dialog"]')!;
    placeDialog(dialog, { left: 0, top: 0, right: 800, bottom: 600 });
    const dock = createDock({ sidebarUrl: url, topOffset: () => TOP });
    dock.show('1:1 with Dana Reyes', dialog);
    expect(dock.isShown).toBe(false);
    expect(dock.host!.style.display).toBe('none');
  });
});
