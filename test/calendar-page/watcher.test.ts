// @vitest-environment happy-dom
// The watcher on a live (happy-dom) page: what it does, and that it does nothing otherwise.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageEvent } from '../../src/calendar-page/page-event';
import { watchCalendarPage, type CalendarWatcher } from '../../src/calendar-page/watcher';
import { emulateLayout, fixtureElement, fixtureUrl, mountFixture, parseFixture } from './fixtures';

type Emitted = ['open', PageEvent] | ['update', PageEvent] | ['close'];

let restoreLayout: () => void;
let watcher: CalendarWatcher | undefined;
let emitted: Emitted[];
let logs: string[];

beforeEach(() => {
  restoreLayout = emulateLayout();
  emitted = [];
  logs = [];
});
afterEach(() => {
  watcher?.stop();
  watcher = undefined;
  restoreLayout();
});

function start(options: { settleMs?: number; navigation?: EventTarget | null } = {}): CalendarWatcher {
  watcher = watchCalendarPage({
    onOpen: (event) => emitted.push(['open', event]),
    onUpdate: (event) => emitted.push(['update', event]),
    onClose: () => emitted.push(['close']),
    log: (line) => logs.push(line),
    settleMs: options.settleMs ?? 40,
    navigation: options.navigation ?? null,
  });
  return watcher;
}

/** Lets the observer deliver and the next animation frame run. */
async function frame(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The week grid with no dialog open (the 1:1 fixture with its dialog taken out). */
function mountWeek(): { layer: Element; dialog: Element } {
  mountFixture('popover-1on1.html');
  const dialog = document.querySelector('[role="dialog"]')!;
  const layer = dialog.parentElement!;
  dialog.remove();
  return { layer, dialog };
}

function kinds(): string[] {
  return emitted.map(([kind]) => kind);
}

describe('no work while no dialog opens', () => {
  it('1000 mutations of the grid, the header and body cause no pass', async () => {
    mountWeek();
    const w = start();
    await frame();
    const passesAfterStart = w.stats.passes;
    expect(passesAfterStart).toBe(1); // the first look at the page
    const cells = [...document.querySelectorAll('[role="gridcell"] .BiKU4b')];
    const chip = document.querySelector('[data-eventid][role="button"]')!;
    for (let i = 0; i < 1000; i++) {
      const cell = cells[i % cells.length]!;
      if (i % 3 === 0) {
        // Calendar re-rendering a chip: event chips carry data-eventid too, and are not dialogs.
        cell.append(chip.cloneNode(true));
      } else if (i % 3 === 1) {
        cell.lastElementChild?.remove();
      } else {
        const span = document.createElement('span');
        span.textContent = `tick ${i}`;
        document.body.append(span);
      }
      if (i % 100 === 0) await frame();
    }
    await frame();
    expect(w.stats.records).toBeGreaterThan(900); // the observer saw them (a remove on an empty cell is no mutation)
    expect(w.stats.passes).toBe(passesAfterStart);
    expect(emitted).toEqual([]);
  });

  it('a burst of mutations inside an opening dialog costs one pass in that frame', async () => {
    const { layer, dialog } = mountWeek();
    const w = start();
    await frame();
    const before = w.stats.passes;
    layer.append(dialog);
    const description = document.createElement('div');
    dialog.querySelector('#xDetDlg')!.append(description);
    for (let i = 0; i < 200; i++) {
      const line = document.createElement('p');
      line.textContent = `line ${i}`;
      description.append(line);
    }
    await frame();
    expect(w.stats.passes - before).toBe(1);
    expect(kinds()).toEqual(['open']);
  });
});

describe('a dialog that fills in lazily', () => {
  it('open with the title, update when guests arrive, nothing for an identical re-render, update for a changed one, close', async () => {
    mountFixture('popover-lazy-initial.html');
    const dialog = document.querySelector('[role="dialog"]')!;
    const layer = dialog.parentElement!;
    dialog.remove();
    start({ settleMs: 10_000 });
    await frame();
    layer.append(dialog);
    await frame();
    expect(kinds()).toEqual(['open']);
    expect(emitted[0]![1]).toMatchObject({ title: '1:1 Dana / Sam', guests: [], guestsComplete: false });

    const body = dialog.querySelector('#xDetDlg')!;
    body.append(fixtureElement('popover-1on1.html', '#xDetDlgAtt'));
    await frame();
    expect(kinds()).toEqual(['open', 'update']);
    const updated = emitted[1]![1] as PageEvent;
    expect(updated.guestsComplete).toBe(true);
    expect(updated.guests.map((guest) => guest.email)).toEqual(['sam.lee@example.com', 'dana.reyes@example.com']);

    // The section re-rendered with the same content: nothing new to say.
    body.querySelector('#xDetDlgAtt')!.replaceWith(fixtureElement('popover-1on1.html', '#xDetDlgAtt'));
    await frame();
    expect(kinds()).toEqual(['open', 'update']);

    // Re-rendered with a change (a name resolved): an update.
    const section = fixtureElement('popover-1on1.html', '#xDetDlgAtt');
    section.querySelector('[data-email="dana.reyes@example.com"] .SDqFWd span')!.textContent = 'Dana R.';
    body.querySelector('#xDetDlgAtt')!.replaceWith(section);
    await frame();
    expect(kinds()).toEqual(['open', 'update', 'update']);
    expect((emitted[2]![1] as PageEvent).guests[1]!.displayName).toBe('Dana R.');

    dialog.remove();
    await frame();
    expect(kinds()).toEqual(['open', 'update', 'update', 'close']);
  });

  it('an event whose guest section never comes counts as complete once the dialog settles', async () => {
    mountFixture('popover-no-guests.html');
    start({ settleMs: 30 });
    await frame();
    expect(kinds()).toEqual(['open']);
    expect((emitted[0]![1] as PageEvent).guestsComplete).toBe(false);
    await sleep(60);
    await frame();
    expect(kinds()).toEqual(['open', 'update']);
    expect(emitted[1]![1]).toMatchObject({ title: 'Dana <> Me', guests: [], guestsComplete: true });
  });

  it('a dialog hidden rather than removed closes (attributes on it or its container)', async () => {
    for (const hide of [
      (dialog: HTMLElement) => dialog.setAttribute('aria-hidden', 'true'),
      (dialog: HTMLElement) => dialog.parentElement!.style.setProperty('display', 'none'),
      (dialog: HTMLElement) => dialog.setAttribute('hidden', ''),
    ]) {
      mountFixture('popover-1on1.html');
      emitted = [];
      start();
      await frame();
      expect(kinds()).toEqual(['open']);
      hide(document.querySelector<HTMLElement>('[role="dialog"]')!);
      await frame();
      expect(kinds()).toEqual(['open', 'close']);
      watcher!.stop();
    }
  });

  it('another event opening in place of the first is a new open', async () => {
    mountFixture('popover-1on1.html');
    start();
    await frame();
    const dialog = document.querySelector('[role="dialog"]')!;
    dialog.replaceWith(document.importNode(parseFixture('popover-room.html').querySelector('[role="dialog"]')!, true));
    await frame();
    expect(kinds()).toEqual(['open', 'open']);
    expect((emitted[1]![1] as PageEvent).title).toBe('Dana / Sam');
  });
});

describe('what is ignored', () => {
  it('hidden leftover dialogs, even when Calendar adds more of them', async () => {
    mountFixture('leftover-dialogs.html');
    const w = start();
    await frame();
    const leftover = document.querySelector('[role="dialog"][hidden]')!;
    leftover.parentElement!.append(leftover.cloneNode(true));
    await frame();
    expect(w.stats.passes).toBeGreaterThanOrEqual(2); // it looked …
    expect(emitted).toEqual([]); // … and found nothing open
  });

  it('the quick-create dialog', async () => {
    const { layer } = mountWeek();
    start();
    await frame();
    layer.append(document.importNode(parseFixture('quick-create.html').querySelector('[role="dialog"]')!, true));
    await frame();
    expect(emitted).toEqual([]);
  });

  it('an open 1:1 among hidden leftovers is found', async () => {
    mountFixture('leftover-with-open-dialog.html');
    start();
    await frame();
    expect(kinds()).toEqual(['open']);
    expect((emitted[0]![1] as PageEvent).eventId).toBe('7kqsd5h4c8n2jm5lq0tl6u2e4v');
  });
});

describe('navigation to and from the full event page', () => {
  const eventPageUrl = fixtureUrl('eventpage-1on1.html');
  const weekUrl = fixtureUrl('popover-1on1.html');

  function showEventPage(): void {
    history.pushState({}, '', eventPageUrl);
    document.querySelector('[role="main"]')!.replaceWith(document.importNode(parseFixture('eventpage-1on1.html').querySelector('[role="main"]')!, true));
  }

  function showWeek(): void {
    history.pushState({}, '', weekUrl);
    document.querySelector('[role="main"]')!.replaceWith(document.importNode(parseFixture('popover-1on1.html').querySelector('[role="main"]')!, true));
  }

  it('pushState with the event page rendering, then back to the week', async () => {
    mountWeek();
    start();
    await frame();
    showEventPage();
    await frame();
    expect(kinds()).toEqual(['open']);
    expect(emitted[0]![1]).toMatchObject({ surface: 'event-page', title: '1:1 Dana / Sam' });
    showWeek();
    await frame();
    expect(kinds()).toEqual(['open', 'close']);
  });

  it('the Navigation API event alone (no DOM change) is enough to notice the URL changed', async () => {
    mountWeek();
    // The event page's form is already in the DOM (kept by the app), only the URL changes.
    document.querySelector('[role="main"]')!.replaceWith(document.importNode(parseFixture('eventpage-1on1.html').querySelector('[role="main"]')!, true));
    const navigation = new EventTarget();
    start({ navigation });
    await frame();
    expect(emitted).toEqual([]);
    history.pushState({}, '', eventPageUrl);
    await frame();
    expect(emitted).toEqual([]); // pushState fires nothing by itself
    navigation.dispatchEvent(new Event('currententrychange'));
    await frame();
    expect(kinds()).toEqual(['open']);
    history.pushState({}, '', weekUrl);
    navigation.dispatchEvent(new Event('currententrychange'));
    await frame();
    expect(kinds()).toEqual(['open', 'close']);
  });

  it('popstate (the back button) is seen too', async () => {
    mountWeek();
    document.querySelector('[role="main"]')!.replaceWith(document.importNode(parseFixture('eventpage-1on1.html').querySelector('[role="main"]')!, true));
    start();
    await frame();
    history.replaceState({}, '', eventPageUrl);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await frame();
    expect(kinds()).toEqual(['open']);
  });

  it('a direct load of the event page is read on the first look', async () => {
    mountFixture('eventpage-1on1.html');
    start();
    await frame();
    expect(kinds()).toEqual(['open']);
    expect(emitted[0]![1]).toMatchObject({ surface: 'event-page', accountIndex: 0 });
  });
});

describe('when the page does not fit', () => {
  it('logs one line, emits nothing, and does not throw', async () => {
    mountFixture('popover-no-event-id.html');
    start({ settleMs: 20 });
    await frame();
    await sleep(50);
    const dialog = document.querySelector('[role="dialog"]')!;
    dialog.querySelector('#xDetDlg')!.append(document.createElement('div'));
    await frame();
    await sleep(50);
    expect(emitted).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^1:1 Companion: Calendar's page did not match .*carries no event id/);
  });

  it('a failing read is logged once and the page goes on', async () => {
    mountFixture('popover-1on1.html');
    const original = Element.prototype.getClientRects;
    Element.prototype.getClientRects = () => {
      throw new Error('layout exploded');
    };
    try {
      start();
      await frame();
      document.body.querySelector('[role="dialog"] #xDetDlg')!.append(document.createElement('div'));
      await frame();
    } finally {
      Element.prototype.getClientRects = original;
    }
    expect(emitted).toEqual([]);
    expect(logs).toEqual([expect.stringContaining('layout exploded')]);
  });

  it('stop() ends all work', async () => {
    const { layer, dialog } = mountWeek();
    const w = start();
    await frame();
    w.stop();
    const passes = w.stats.passes;
    layer.append(dialog);
    await frame();
    expect(w.stats.passes).toBe(passes);
    expect(emitted).toEqual([]);
  });
});
