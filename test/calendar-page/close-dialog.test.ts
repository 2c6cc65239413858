// @vitest-environment happy-dom
// Escape pressed in the sidebar reaches the content script as a request from its own iframe: it
// closes Calendar's dialog the way a person would (the close button by id, else a button labelled
// with the locale's word, else an Escape keydown on the dialog) and gives the keyboard back to the
// page; never on the full event page, never for anyone but its own iframe.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeEventDialog } from '../../src/calendar-page/close-dialog';
import { startCalendarPage, type CalendarPage, type ContentRuntime } from '../../src/calendar-page/content';
import { CLOSE_WORDS } from '../../src/calendar-page/selectors';
import { SIDEBAR_CLOSE_DIALOG_MESSAGE, type PageEventMessage, type PageVerdict } from '../../src/messaging/protocol';
import { emulateLayout, mountFixture, parseFixture, serveBlankIframes } from './fixtures';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

function runtime(): ContentRuntime {
  return {
    id: EXTENSION_ID,
    sendMessage: async (message: PageEventMessage): Promise<PageVerdict> => {
      const guests = message.pageEvent?.guests ?? [];
      return guests.length === 2 ? { seq: message.seq, show: true, label: `1:1 with ${guests[1]!.displayName}` } : { seq: message.seq, show: false, reason: 'not a 1:1' };
    },
    connect: () => ({ disconnect: () => {}, onDisconnect: { addListener: () => {} } }),
    sidebarPageUrl: () => `${EXTENSION_ORIGIN}/sidebar.html`,
  };
}

async function frame(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/** Records how the dialog was closed: clicks on its buttons, Escape keydowns reaching the document. */
function watchDialog(dialog: Element): { clicked: string[]; escapes: { key: string; keyCode: number; target: EventTarget | null }[] } {
  const seen = { clicked: [] as string[], escapes: [] as { key: string; keyCode: number; target: EventTarget | null }[] };
  for (const button of dialog.querySelectorAll('[role="button"]')) {
    button.addEventListener('click', () => seen.clicked.push(button.getAttribute('aria-label') ?? ''));
  }
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') seen.escapes.push({ key: event.key, keyCode: event.keyCode, target: event.target });
  });
  return seen;
}

let restores: (() => void)[];
let page: CalendarPage | undefined;
beforeEach(() => {
  restores = [emulateLayout(), serveBlankIframes()];
});
afterEach(() => {
  page?.stop();
  page = undefined;
  restores.reverse().forEach((restore) => restore());
});

describe('closing the dialog as a person would', () => {
  function dialogOf(fixture: string, change: (dialog: Element) => void = () => {}): Element {
    const dialog = document.importNode(parseFixture(fixture).querySelector('[role="dialog"]')!, true);
    change(dialog);
    document.body.replaceChildren(dialog);
    return dialog;
  }

  it('clicks the close button found by its id (any locale)', () => {
    for (const fixture of ['popover-1on1.html', 'popover-ja.html']) {
      const dialog = dialogOf(fixture);
      const seen = watchDialog(dialog);
      expect(closeEventDialog(dialog)).toBe('close-button');
      expect(seen.clicked).toEqual([dialog.querySelector('#xDetDlgCloseBu')!.getAttribute('aria-label')]);
    }
  });

  it.each([
    ['popover-fr.html', 'Fermer'],
    ['popover-de.html', 'Schließen'],
    ['popover-ja.html', '閉じる'],
    ['popover-1on1.html', 'Close'],
  ])('without the id (%s): the button labelled "%s", no other', (fixture, label) => {
    const dialog = dialogOf(fixture, (element) => element.querySelector('#xDetDlgCloseBu')!.removeAttribute('id'));
    const seen = watchDialog(dialog);
    expect(closeEventDialog(dialog)).toBe('labelled-button');
    expect(seen.clicked).toEqual([label]);
    expect(CLOSE_WORDS).toContain(label.toLowerCase());
  });

  it('no close button to be found: an Escape keydown (key and keyCode) dispatched on the dialog, bubbling to the page', () => {
    const dialog = dialogOf('popover-1on1.html', (element) => element.querySelector('#xDetDlgCloseBu')!.remove());
    const seen = watchDialog(dialog);
    expect(closeEventDialog(dialog)).toBe('escape-key');
    expect(seen.clicked).toEqual([]);
    expect(seen.escapes).toEqual([{ key: 'Escape', keyCode: 27, target: dialog }]);
  });
});

describe('the content script on the sidebar\'s request', () => {
  function start(): CalendarPage {
    page = startCalendarPage({ runtime: runtime(), context: { isInvalid: false, onInvalidated: () => () => {} }, log: () => {}, reload: () => {} });
    return page;
  }
  const request = (source: MessageEventSource | null, origin = EXTENSION_ORIGIN, type: string = SIDEBAR_CLOSE_DIALOG_MESSAGE) =>
    window.dispatchEvent(new MessageEvent('message', { data: { type }, source, origin }));

  async function openOneOnOne(): Promise<{ dialog: Element; iframe: HTMLIFrameElement; seen: ReturnType<typeof watchDialog> }> {
    mountFixture('popover-1on1.html');
    const dialog = document.querySelector('[role="dialog"]')!;
    const seen = watchDialog(dialog);
    const calendar = start();
    await frame();
    expect(calendar.dock.isShown).toBe(true);
    return { dialog, iframe: calendar.dock.iframe!, seen };
  }

  it('from its own iframe: the close button is clicked, and the keyboard goes back to the page', async () => {
    const { iframe, seen } = await openOneOnOne();
    iframe.focus();
    expect(document.activeElement).toBe(iframe);
    request(iframe.contentWindow);
    expect(seen.clicked).toEqual(['Close']);
    expect(document.activeElement).not.toBe(iframe);
  });

  it('from the page itself, another origin, or another message type: nothing', async () => {
    const { iframe, seen } = await openOneOnOne();
    request(window);
    request(iframe.contentWindow, 'https://calendar.google.com');
    request(iframe.contentWindow, EXTENSION_ORIGIN, 'one-on-one/close');
    expect(seen.clicked).toEqual([]);
    expect(seen.escapes).toEqual([]);
  });

  it('while no sidebar shows beside the dialog (a group event): nothing', async () => {
    mountFixture('popover-12-guests.html');
    const dialog = document.querySelector('[role="dialog"]')!;
    const seen = watchDialog(dialog);
    const calendar = start();
    await frame();
    expect(calendar.dock.isShown).toBe(false);
    calendar.dock.preload();
    request(calendar.dock.iframe!.contentWindow);
    expect(seen.clicked).toEqual([]);
  });

  it('on the full event page: nothing (there is no dialog to close)', async () => {
    mountFixture('eventpage-1on1.html');
    const main = document.querySelector('[role="main"]')!;
    const seen = watchDialog(main);
    const calendar = start();
    await frame();
    expect(calendar.dock.isShown).toBe(true);
    request(calendar.dock.iframe!.contentWindow);
    expect(seen.clicked).toEqual([]);
    expect(seen.escapes).toEqual([]);
  });
});
