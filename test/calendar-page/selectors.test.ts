// @vitest-environment happy-dom
// Every selector in src/calendar-page/selectors.ts, proved against the saved fixtures of the page
// variants it serves, and shown not to match where it must not.
import { describe, expect, it } from 'vitest';
import { SELECTORS, allOfFirstMatch, firstMatch } from '../../src/calendar-page/selectors';
import { fixtureNames, parseFixture } from './fixtures';

const all = fixtureNames();
const popovers = all.filter((name) => name.startsWith('popover-'));
const eventPages = all.filter((name) => name.startsWith('eventpage-'));
const english = ['popover-1on1.html', 'popover-recurring.html', 'popover-room.html', 'popover-second-account.html', 'eventpage-1on1.html'];
const localised = ['popover-fr.html', 'popover-de.html', 'popover-ja.html', 'eventpage-recurring-fr.html'];

function countIn(name: string, selector: string, within: string | undefined = undefined): number {
  const doc = parseFixture(name);
  const roots = within === undefined ? [doc] : [...doc.querySelectorAll(within)];
  return roots.reduce((sum, root) => sum + root.querySelectorAll(selector).length, 0);
}

interface SelectorCase {
  what: string;
  selector: string;
  /** Look only inside these elements (e.g. dialogs). */
  within?: string;
  /** fixture → how many elements must match (0: none). */
  expect: Record<string, number>;
}

const cases: SelectorCase[] = [
  {
    what: 'dialog: every dialog-like layer, including quick-create and leftovers; none on the event page',
    selector: SELECTORS.dialog,
    expect: {
      'popover-1on1.html': 1,
      'quick-create.html': 1,
      'leftover-dialogs.html': 4,
      'leftover-with-open-dialog.html': 5,
      'eventpage-1on1.html': 0,
    },
  },
  {
    what: 'eventIdHolder inside dialogs: the inner #xDetDlg of the captured dialog, absent from quick-create',
    selector: SELECTORS.eventIdHolder,
    within: SELECTORS.dialog,
    expect: {
      'popover-1on1.html': 1,
      'popover-recurring.html': 1,
      'popover-no-event-id.html': 0,
      'quick-create.html': 0,
      'leftover-dialogs.html': 2,
    },
  },
  {
    what: 'eventDialogBody (#xDetDlg, second choice)',
    selector: SELECTORS.eventDialogBody,
    expect: { 'popover-1on1.html': 1, 'popover-no-event-id.html': 1, 'quick-create.html': 0, 'eventpage-1on1.html': 0 },
  },
  {
    what: 'dialogTitle[0]: the heading role inside the dialog',
    selector: SELECTORS.dialogTitle[0]!,
    within: SELECTORS.dialog,
    expect: { 'popover-1on1.html': 1, 'popover-ja.html': 1, 'quick-create.html': 0 },
  },
  {
    what: 'dialogTitle[1]: #rAECCd (second choice)',
    selector: SELECTORS.dialogTitle[1]!,
    expect: { 'popover-1on1.html': 1, 'popover-fr.html': 1, 'quick-create.html': 0 },
  },
  {
    what: 'dialogTime: #xDetDlgWhen',
    selector: SELECTORS.dialogTime[0]!,
    expect: { 'popover-1on1.html': 1, 'popover-lazy-initial.html': 1, 'quick-create.html': 0 },
  },
  {
    what: 'guestSection[0]: the guest tree',
    selector: SELECTORS.guestSection[0]!,
    within: SELECTORS.dialog,
    expect: { 'popover-1on1.html': 1, 'popover-no-guests.html': 0, 'popover-lazy-initial.html': 0, 'quick-create.html': 0 },
  },
  {
    what: 'guestSection[1]: #xDetDlgAtt (second choice)',
    selector: SELECTORS.guestSection[1]!,
    expect: { 'popover-1on1.html': 1, 'popover-hovercard-rows.html': 1, 'popover-no-guests.html': 0 },
  },
  {
    what: 'guestRows[0]: [role=treeitem][data-email], one per guest',
    selector: SELECTORS.guestRows[0]!,
    within: SELECTORS.dialog,
    expect: {
      'popover-1on1.html': 2,
      'popover-one-guest.html': 1,
      'popover-12-guests.html': 12,
      'popover-room.html': 3,
      'popover-no-guests.html': 0,
      'popover-hovercard-rows.html': 0,
      'quick-create.html': 0,
    },
  },
  {
    what: 'guestRows[1]: [data-email] anywhere (event page rows too)',
    selector: SELECTORS.guestRows[1]!,
    expect: { 'popover-1on1.html': 2, 'eventpage-1on1.html': 2, 'popover-hovercard-rows.html': 0 },
  },
  {
    what: 'guestRows[2]: data-hovercard-id holding an address',
    selector: SELECTORS.guestRows[2]!,
    expect: { 'popover-hovercard-rows.html': 2, 'popover-jsname-rows.html': 0 },
  },
  {
    what: 'guestRows[3]: jsname="xR2lFb"',
    selector: SELECTORS.guestRows[3]!,
    expect: { 'popover-jsname-rows.html': 2, 'popover-1on1.html': 0 },
  },
  {
    what: 'guestNameSpan: .SDqFWd span (second choice for names)',
    selector: SELECTORS.guestNameSpan,
    expect: { 'popover-1on1.html': 2, 'popover-12-guests.html': 12 },
  },
  {
    what: 'main: the main region',
    selector: SELECTORS.main,
    expect: { 'popover-1on1.html': 1, 'eventpage-1on1.html': 1, 'eventpage-loading.html': 1 },
  },
  {
    what: 'eventPageTitle[0]: the first labelled text input of the main region (unverified variant)',
    selector: SELECTORS.eventPageTitle[0]!,
    expect: { 'eventpage-1on1.html': 4, 'eventpage-loading.html': 0, 'popover-1on1.html': 0 },
  },
  {
    what: 'eventPageTitle[1]: input#xTiIn (unverified variant)',
    selector: SELECTORS.eventPageTitle[1]!,
    expect: { 'eventpage-1on1.html': 1, 'eventpage-recurring-fr.html': 1, 'popover-1on1.html': 0 },
  },
  {
    what: 'topBar[0]: header[role=banner]',
    selector: SELECTORS.topBar[0]!,
    expect: Object.fromEntries(all.map((name) => [name, 1])),
  },
];

describe('selectors on the saved page variants', () => {
  it.each(cases)('$what', ({ selector, within, expect: expected }) => {
    for (const [fixture, count] of Object.entries(expected)) {
      expect({ fixture, count: countIn(fixture, selector, within) }).toEqual({ fixture, count });
    }
  });

  it('the account button: the English label first, the localised pages through its link', () => {
    for (const name of english) {
      const doc = parseFixture(name);
      expect(doc.querySelector(SELECTORS.accountButton[0]!), name).not.toBeNull();
    }
    for (const name of localised) {
      const doc = parseFixture(name);
      expect(doc.querySelector(SELECTORS.accountButton[0]!), name).toBeNull();
      expect(doc.querySelector(SELECTORS.accountButton[1]!)?.getAttribute('aria-label'), name).toMatch(/\(sam\.lee@example\.com\)$/);
    }
  });

  it('the event page title: the first labelled input is the title, not the dates or the guest box', () => {
    for (const name of eventPages.filter((n) => n !== 'eventpage-loading.html')) {
      const input = firstMatch(parseFixture(name), SELECTORS.eventPageTitle) as HTMLInputElement;
      expect(input.id).toBe('xTiIn');
    }
  });

  it('every popover with guests yields its rows through the first choice that matches', () => {
    for (const name of popovers) {
      const doc = parseFixture(name);
      const rows = allOfFirstMatch(doc, SELECTORS.guestRows);
      const hasGuests = !['popover-no-guests.html', 'popover-lazy-initial.html', 'popover-task.html'].includes(name);
      expect(rows.length > 0, name).toBe(hasGuests);
    }
  });
});
