// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMinutes, hoursLine, PopupView, syncSummaryText, unbreakable } from '../../../src/ui/popup';
import type { PopupCallbacks, PopupViewModel, SyncSummaryView } from '../../../src/ui/popup';
import { allByRole, byRole, click, mount, queryByRole, rerender, sectionOf, text, unmountAll } from './dom';

afterEach(unmountAll);

function callbacks() {
  return {
    onOpenPerson: vi.fn<NonNullable<PopupCallbacks['onOpenPerson']>>(),
    onSchedule: vi.fn<NonNullable<PopupCallbacks['onSchedule']>>(),
    onOpenMeeting: vi.fn<NonNullable<PopupCallbacks['onOpenMeeting']>>(),
    onCloseActionItem: vi.fn<NonNullable<PopupCallbacks['onCloseActionItem']>>(),
    onReopenActionItem: vi.fn<NonNullable<PopupCallbacks['onReopenActionItem']>>(),
    onSignIn: vi.fn<NonNullable<PopupCallbacks['onSignIn']>>(),
    onSignOut: vi.fn<NonNullable<PopupCallbacks['onSignOut']>>(),
    onOpenCalendar: vi.fn<NonNullable<PopupCallbacks['onOpenCalendar']>>(),
    onOpenOptions: vi.fn<NonNullable<PopupCallbacks['onOpenOptions']>>(),
    onRetrySync: vi.fn<NonNullable<PopupCallbacks['onRetrySync']>>(),
  };
}

// Thursday 20 Nov 2025.
const today = '2025-11-20';

function model(overrides: Partial<PopupViewModel> = {}): PopupViewModel {
  return {
    today,
    account: { state: 'signed-in', email: 'me@example.com' },
    sync: { kind: 'synced', atText: '14:05' },
    noOneOnOnesYet: false,
    overdue: [],
    week: [],
    owed: [],
    ...overrides,
  };
}

describe('PopupView: overdue', () => {
  it('lists overdue directs under the "Overdue" heading with the days since their last 1:1', () => {
    const cb = callbacks();
    const root = mount(
      <PopupView
        {...model({
          overdue: [
            { personId: 'email:dana@example.com', displayName: 'Dana Reyes', daysSinceLast: 12 },
            {
              personId: 'email:sam@example.com',
              displayName: 'Sam Lee',
              daysSinceLast: 8,
              next: { meetingId: 'm-next', day: '2025-11-27', timeText: '10:00' },
            },
            { personId: 'name:pat', displayName: 'Pat', daysSinceLast: 1 },
          ],
        })}
        {...cb}
      />,
    );
    const list = byRole(root, 'list', 'Overdue');
    const rows = allByRole(list, 'listitem');
    expect(rows.map((row) => text(row.querySelector('.occ-overdue__main')))).toEqual([
      'Dana Reyes — 12 days since your last 1:1 — nothing booked · Schedule',
      'Sam Lee — 8 days since your last 1:1 — next: Thu 27 Nov, 10:00',
      'Pat — 1 day since your last 1:1 — nothing booked · Schedule',
    ]);
    expect(queryByRole(root, 'heading', 'Overdue')).toBeDefined();
    expect(text(root)).not.toContain('No one is overdue');
  });

  // DESIGN.md "Overdue": one click to open Calendar on the next booked 1:1, or to schedule one.
  it('the row opens the next booked 1:1 in Calendar, or schedules one; "History" opens the person\'s page', () => {
    const cb = callbacks();
    const root = mount(
      <PopupView
        {...model({
          overdue: [
            { personId: 'email:dana@example.com', displayName: 'Dana Reyes', daysSinceLast: 12 },
            { personId: 'email:sam@example.com', displayName: 'Sam Lee', daysSinceLast: 8, next: { meetingId: 'm-next', day: '2025-11-27', timeText: '10:00' } },
          ],
        })}
        {...cb}
      />,
    );
    const [dana, sam] = allByRole(byRole(root, 'list', 'Overdue'), 'listitem');

    // Nothing booked: the row is "Schedule", and says so.
    const danaMain = byRole(dana!, 'button', /^Dana Reyes/);
    expect(text(danaMain)).toBe('Dana Reyes — 12 days since your last 1:1 — nothing booked · Schedule');
    expect(danaMain.getAttribute('title')).toBe('Schedule a 1:1 with Dana Reyes in Google Calendar');
    click(danaMain);
    expect(cb.onSchedule).toHaveBeenCalledExactlyOnceWith('email:dana@example.com');

    // Booked: the row opens that 1:1's event; there is no Schedule.
    const samMain = byRole(sam!, 'button', /^Sam Lee/);
    expect(text(samMain)).toBe('Sam Lee — 8 days since your last 1:1 — next: Thu 27 Nov, 10:00');
    expect(samMain.getAttribute('title')).toBe('Open the next 1:1 with Sam Lee (Thu 27 Nov, 10:00) in Google Calendar');
    expect(queryByRole(sam!, 'button', /Schedule/)).toBeUndefined();
    click(samMain);
    expect(cb.onOpenMeeting).toHaveBeenCalledExactlyOnceWith('m-next');
    expect(cb.onSchedule).toHaveBeenCalledTimes(1);

    // Each row: the main button and a small "History", nothing else.
    for (const row of [dana!, sam!]) expect(allByRole(row, 'button')).toHaveLength(2);
    const history = byRole(dana!, 'button', 'History with Dana Reyes');
    expect(text(history)).toBe('History');
    expect(history.getAttribute('title')).toBe("Open Dana Reyes's page in 1:1 Companion: past 1:1s, notes and action items");
    click(history);
    click(byRole(sam!, 'button', 'History with Sam Lee'));
    expect(cb.onOpenPerson.mock.calls).toEqual([['email:dana@example.com'], ['email:sam@example.com']]);
    expect(cb.onOpenMeeting).toHaveBeenCalledTimes(1);
  });

  it('keeps the next 1:1\'s day and time together: no line break between "Thu 27 Nov," and "10:00"', () => {
    const root = mount(
      <PopupView
        {...model({
          overdue: [{ personId: 'p', displayName: 'Sam Lee', daysSinceLast: 8, next: { meetingId: 'm', day: '2025-11-27', timeText: '10:00' } }],
        })}
        {...callbacks()}
      />,
    );
    const when = byRole(root, 'button', /^Sam Lee/).querySelector('.occ-overdue__next .occ-nowrap');
    expect(when?.textContent).toBe('Thu\u00a027\u00a0Nov,\u00a010:00');
    expect(when?.textContent).not.toMatch(/ /);
    expect(unbreakable('Tue 24 Nov, 15:00')).toBe('Tue\u00a024\u00a0Nov,\u00a015:00');
  });

  it('says "No one is overdue" and has no overdue list when none is', () => {
    const root = mount(<PopupView {...model()} {...callbacks()} />);
    const section = sectionOf(root, 'Overdue');
    expect(text(section)).toContain('No one is overdue');
    expect(allByRole(section, 'list')).toHaveLength(0);
  });

  it('says when a direct has no held 1:1 at all', () => {
    const root = mount(
      <PopupView {...model({ overdue: [{ personId: 'p', displayName: 'Dana Reyes' }] })} {...callbacks()} />,
    );
    expect(text(byRole(root, 'list', 'Overdue'))).toContain('Dana Reyes — no 1:1 held yet');
  });
});

describe('PopupView: states', () => {
  it('signed out: explains the next step and offers Sign in, not Sign out', () => {
    const cb = callbacks();
    const root = mount(<PopupView {...model({ account: { state: 'signed-out' }, sync: { kind: 'signed-out' } })} {...cb} />);
    expect(text(root)).toContain('Sign in to read your calendar; notes still work locally.');
    expect(allByRole(root, 'button', 'Sign out')).toHaveLength(0);
    const signIns = allByRole(root, 'button', 'Sign in');
    expect(signIns.length).toBeGreaterThan(0);
    click(signIns[0]!);
    expect(cb.onSignIn).toHaveBeenCalledTimes(1);
    // Local data still shows while signed out.
    expect(queryByRole(root, 'heading', 'Overdue')).toBeDefined();
  });

  it('signed in: shows the account and Sign out', () => {
    const cb = callbacks();
    const root = mount(<PopupView {...model()} {...cb} />);
    expect(text(root)).toContain('Signed in as me@example.com');
    expect(text(root)).not.toContain('Sign in to read your calendar');
    click(byRole(root, 'button', 'Sign out'));
    expect(cb.onSignOut).toHaveBeenCalledTimes(1);
  });

  it('first run: points at Google Calendar instead of empty sections', () => {
    const cb = callbacks();
    const root = mount(<PopupView {...model({ noOneOnOnesYet: true })} {...cb} />);
    expect(text(root)).toContain('No 1:1s found in the last 8 weeks yet — open a 1:1 in Google Calendar');
    expect(queryByRole(root, 'heading', 'Today')).toBeUndefined();
    click(byRole(root, 'button', 'Open Google Calendar'));
    expect(cb.onOpenCalendar).toHaveBeenCalledTimes(1);
  });

  it('loading: a placeholder, no empty states that would be wrong a moment later', () => {
    const root = mount(<PopupView {...model({ loading: true })} {...callbacks()} />);
    expect(text(root)).toContain('Loading…');
    expect(text(root)).not.toContain('No one is overdue');
  });

  const syncCases: { sync: SyncSummaryView; shown: string }[] = [
    { sync: { kind: 'synced', atText: '14:05' }, shown: 'Synced at 14:05' },
    { sync: { kind: 'syncing' }, shown: 'Syncing…' },
    { sync: { kind: 'pending', count: 1 }, shown: '1 change waiting to sync' },
    { sync: { kind: 'pending', count: 3 }, shown: '3 changes waiting to sync' },
    { sync: { kind: 'failed', reason: 'offline' }, shown: 'Sync failed: offline. Changes are kept and retried.' },
    { sync: { kind: 'never' }, shown: 'Not synced yet' },
  ];
  for (const { sync, shown } of syncCases) {
    it(`sync line: ${sync.kind} → "${shown}"`, () => {
      expect(syncSummaryText(sync)).toBe(shown);
      const root = mount(<PopupView {...model({ sync })} {...callbacks()} />);
      expect(text(root.querySelector('.occ-account__sync'))).toBe(shown);
    });
  }

  it('offers Retry after a failed sync', () => {
    const cb = callbacks();
    const root = mount(<PopupView {...model({ sync: { kind: 'failed', reason: 'offline' } })} {...cb} />);
    click(byRole(root, 'button', 'Retry'));
    expect(cb.onRetrySync).toHaveBeenCalledTimes(1);
  });

  it('backup reminder opens the backup section', () => {
    const cb = callbacks();
    const root = mount(<PopupView {...model({ backupReminder: { lastBackupDay: '2025-11-06' } })} {...cb} />);
    expect(text(root)).toContain('Last backup Thu 6 Nov (2 weeks ago).');
    click(byRole(root, 'button', 'Back up'));
    expect(cb.onOpenOptions).toHaveBeenCalledWith('backup');
  });
});

describe('PopupView: week and hours', () => {
  it("splits the week's 1:1s into Today and This week, each by start time", () => {
    const cb = callbacks();
    const root = mount(
      <PopupView
        {...model({
          week: [
            { meetingId: 'fri', start: 5000, day: '2025-11-21', timeText: '09:00', personName: 'Sam Lee', title: 'Sam / me' },
            { meetingId: 'late', start: 3000, day: today, timeText: '15:00', personName: 'Dana Reyes', title: 'Weekly 1:1' },
            { meetingId: 'early', start: 2000, day: today, timeText: '09:30', personName: 'Pat', title: 'O3' },
            { meetingId: 'mon', start: 1000, day: '2025-11-17', timeText: '11:00', personName: 'Lee', title: '1:1', cancelled: true },
          ],
        })}
        {...cb}
      />,
    );
    const todayRows = allByRole(byRole(root, 'list', 'Today'), 'listitem').map(text);
    expect(todayRows).toEqual(['09:30 · Pat · O3', '15:00 · Dana Reyes · Weekly 1:1']);
    const weekRows = allByRole(byRole(root, 'list', 'This week'), 'listitem').map(text);
    expect(weekRows).toEqual(['Mon 17 Nov 11:00 · Lee · 1:1 (cancelled)', 'Fri 21 Nov 09:00 · Sam Lee · Sam / me']);
    click(byRole(root, 'button', /Dana Reyes/));
    expect(cb.onOpenMeeting).toHaveBeenCalledWith('late');
  });

  it('empty week sections say so', () => {
    const root = mount(<PopupView {...model()} {...callbacks()} />);
    expect(text(sectionOf(root, 'Today'))).toContain('No 1:1s today');
    expect(text(sectionOf(root, 'This week'))).toContain('No other 1:1s this week');
  });

  it('shows the hours line against every direct having one', () => {
    const root = mount(<PopupView {...model({ hours: { spentMinutes: 150, ifEveryDirectMinutes: 300 } })} {...callbacks()} />);
    expect(text(sectionOf(root, 'Hours in 1:1s this week').querySelector('p'))).toBe(
      '2 h 30 min of 5 h if every direct had one',
    );
  });

  it('hides the hours line when the wiring has none', () => {
    const root = mount(<PopupView {...model()} {...callbacks()} />);
    expect(queryByRole(root, 'heading', 'Hours in 1:1s this week')).toBeUndefined();
  });

  const minuteCases: [number, string][] = [
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [150, '2 h 30 min'],
    [600, '10 h'],
    [29.6, '30 min'],
    [-5, '0 min'],
    [Number.NaN, '0 min'],
  ];
  for (const [minutes, shown] of minuteCases) {
    it(`formatMinutes(${minutes}) is "${shown}"`, () => {
      expect(formatMinutes(minutes)).toBe(shown);
    });
  }

  it('hoursLine words both figures', () => {
    expect(hoursLine(0, 30)).toBe('0 min of 30 min if every direct had one');
  });
});

describe('PopupView: you owe', () => {
  const owed = [
    { id: 'c3', text: 'Send the deck', personName: 'Dana Reyes', createdAt: 3_000, createdDay: '2025-11-19' },
    { id: 'a1', text: 'Intro to finance', personName: 'Sam Lee', createdAt: 1_000, createdDay: '2025-11-06', due: '2025-11-14' },
    { id: 'b2', text: 'Book the offsite', personName: 'Pat', createdAt: 2_000, createdDay: '2025-11-17' },
  ];

  it('lists what the user owes oldest first, with person and age', () => {
    const root = mount(<PopupView {...model({ owed })} {...callbacks()} />);
    const list = byRole(root, 'list', 'You owe');
    expect(allByRole(list, 'checkbox').map((box) => (box.closest('label') as HTMLElement).textContent)).toEqual([
      'Intro to finance',
      'Book the offsite',
      'Send the deck',
    ]);
    expect(allByRole(list, 'listitem').map((item) => text(item.querySelector('.occ-owed__meta')))).toEqual([
      'Sam Lee · 2 weeks ago due Fri 14 Nov',
      'Pat · 3 days ago',
      'Dana Reyes · yesterday',
    ]);
    // The person and age describe the checkbox, so a screen reader hears them with the item.
    const first = allByRole(list, 'checkbox')[0]!;
    expect(text(document.getElementById(first.getAttribute('aria-describedby')!))).toContain('Sam Lee');
  });

  it('ticking closes the item at once and Undo opens it again', () => {
    const cb = callbacks();
    const root = mount(<PopupView {...model({ owed })} {...cb} />);
    click(byRole(root, 'checkbox', 'Book the offsite'));
    expect(cb.onCloseActionItem).toHaveBeenCalledWith('b2');
    expect(allByRole(root, 'checkbox', 'Book the offsite')).toHaveLength(0);
    expect(text(byRole(root, 'status', /Closed/))).toContain('Closed: Book the offsite');

    click(byRole(root, 'button', 'Undo closing Book the offsite'));
    expect(cb.onReopenActionItem).toHaveBeenCalledWith('b2');
    expect(allByRole(root, 'checkbox', 'Book the offsite')).toHaveLength(1);
  });

  it('keeps a ticked item hidden when the wiring refreshes before the store caught up', () => {
    const cb = callbacks();
    const root = mount(<PopupView {...model({ owed })} {...cb} />);
    click(byRole(root, 'checkbox', 'Send the deck'));
    rerender(root, <PopupView {...model({ owed })} {...cb} />);
    expect(allByRole(root, 'checkbox', 'Send the deck')).toHaveLength(0);
  });

  it('says when nothing is owed', () => {
    const root = mount(<PopupView {...model()} {...callbacks()} />);
    expect(text(sectionOf(root, 'You owe'))).toContain('Nothing owed');
  });
});

describe('PopupView: text is never markup', () => {
  it('shows names, titles and items that look like HTML as text', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>Dana</b>';
    const root = mount(
      <PopupView
        {...model({
          overdue: [{ personId: 'p', displayName: evil, daysSinceLast: 9 }],
          week: [{ meetingId: 'm', start: 1, day: today, timeText: '10:00', personName: evil, title: '<script>alert(1)</script>' }],
          owed: [{ id: 'x1', text: evil, personName: evil, createdAt: 1, createdDay: today }],
        })}
        {...callbacks()}
      />,
    );
    expect(root.querySelector('img, b, script')).toBeNull();
    expect(text(root)).toContain(evil);
    expect(text(root)).toContain('<script>alert(1)</script>');
  });
});
