// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PersonPage, searchPattern } from '../../../src/ui/options';
import type { HistoryEntryView, PersonPageProps } from '../../../src/ui/options';
import { allByRole, byRole, click, mount, queryByRole, settle, submit, text, typeInto, unmountAll } from '../popup/dom';

afterEach(unmountAll);

const today = '2025-11-20';

function entry(overrides: Partial<HistoryEntryView> & Pick<HistoryEntryView, 'meetingId' | 'start' | 'day'>): HistoryEntryView {
  return {
    title: 'Dana / me weekly',
    state: 'held',
    sharedNotes: '',
    privateNotes: '',
    actionItems: [],
    inCalendar: true,
    ...overrides,
  };
}

const history: HistoryEntryView[] = [
  entry({
    meetingId: 'm1',
    start: 1_000,
    day: '2025-10-30',
    sharedNotes: 'Talked about the pricing change.\nAgreed on Q1 goals.',
    actionItems: [{ id: 'a1', text: 'Send pricing deck', owner: 'me', done: true }],
  }),
  entry({ meetingId: 'm3', start: 3_000, day: '2025-11-13', state: 'cancelled' }),
  entry({
    meetingId: 'm2',
    start: 2_000,
    day: '2025-11-06',
    state: 'logged',
    inCalendar: false,
    title: 'Walk',
    privateNotes: 'Seems tired; ask about workload.',
    actionItems: [{ id: 'a2', text: 'Review the hiring plan', owner: 'them', done: false, due: '2025-11-21' }],
  }),
  entry({
    meetingId: 'm4',
    start: 4_000,
    day: '2025-11-20',
    declinedBy: 'them',
    state: 'declined',
    sharedNotes: 'PRICING follow-up <b>bold?</b>',
  }),
];

function props(overrides: Partial<PersonPageProps> = {}) {
  return {
    today,
    person: { id: 'email:dana@example.com', displayName: 'Dana Reyes', email: 'dana@example.com', summaryText: 'Direct · Frontline · every 7 days' },
    history,
    talkingPoints: [{ id: 't1', text: 'Career goals', createdDay: '2025-11-18' }],
    onBack: vi.fn<PersonPageProps['onBack']>(),
    onLogMeeting: vi.fn<PersonPageProps['onLogMeeting']>(),
    onAddTalkingPoint: vi.fn<PersonPageProps['onAddTalkingPoint']>(),
    onDeleteTalkingPoint: vi.fn<PersonPageProps['onDeleteTalkingPoint']>(),
    onOpenMeeting: vi.fn<PersonPageProps['onOpenMeeting']>(),
    ...overrides,
  };
}

function historyList(root: HTMLElement): HTMLElement {
  return byRole(root, 'list', '1:1s with Dana Reyes, newest first');
}

function dates(root: HTMLElement): string[] {
  return allByRole(historyList(root), 'listitem')
    .filter((item) => item.classList.contains('occ-history__entry'))
    .map((item) => text(item.querySelector('.occ-history__date')));
}

describe('PersonPage: history', () => {
  it('shows the whole history newest first, with state, notes and action items', () => {
    const root = mount(<PersonPage {...props()} />);
    expect(byRole(root, 'heading', 'Dana Reyes')).toBeDefined();
    expect(dates(root)).toEqual(['Thu 20 Nov', 'Thu 13 Nov', 'Thu 6 Nov', 'Thu 30 Oct']);
    const items = allByRole(historyList(root), 'listitem').filter((item) => item.classList.contains('occ-history__entry'));
    expect(text(items[0])).toContain('Declined by Dana');
    expect(text(items[0])).not.toContain('them');
    expect(text(items[1])).toContain('Cancelled');
    expect(text(items[2])).toContain('Logged (off the calendar)');
    expect(text(items[3])).toContain('Held');
    // Private notes are marked as such; logged 1:1s have no calendar event to open.
    const privateBlock = items[2]!.querySelector('.occ-history__notes--private')!;
    expect(text(privateBlock.querySelector('h4'))).toBe('Private notes Private: never leaves this browser');
    expect(text(privateBlock.querySelector('p'))).toBe('Seems tired; ask about workload.');
    expect(items[3]!.querySelector('.occ-history__notes--private')).toBeNull();
    expect(queryByRole(items[2]!, 'button', /Open/)).toBeUndefined();
    // Owners are named as the sidebar names them: "Me", or the person's first name.
    expect(text(items[2])).toContain('Open: ☐ Review the hiring plan · Dana · due Fri 21 Nov');
    expect(text(items[3])).toContain('Done: ☑ Send pricing deck · Me');
    expect(text(historyList(root))).not.toMatch(/ · (them|you)\b/);
    // Line breaks of notes are kept (pre-wrap), as text.
    expect(items[3]!.querySelector('.occ-prewrap')!.textContent).toBe('Talked about the pricing change.\nAgreed on Q1 goals.');
  });

  it('names the owner "Me" or by the person\'s first name; a person known by address only, by the address', () => {
    const byAddress = mount(
      <PersonPage {...props({ person: { id: 'email:sam@example.com', displayName: 'sam@example.com', email: 'sam@example.com' } })} />,
    );
    const list = byRole(byAddress, 'list', '1:1s with sam@example.com, newest first');
    expect(text(list)).toContain('Review the hiring plan · sam@example.com · due Fri 21 Nov');
    expect(text(list)).toContain('Declined by sam@example.com');
    const commaName = mount(<PersonPage {...props({ person: { id: 'p', displayName: 'Reyes, Dana' } })} />);
    expect(text(commaName)).toContain('Review the hiring plan · Dana · due');
  });

  it('filters by text and highlights the matches', () => {
    const root = mount(<PersonPage {...props()} />);
    typeInto(byRole(root, 'searchbox', 'Search this history'), 'pricing');
    expect(dates(root)).toEqual(['Thu 20 Nov', 'Thu 30 Oct']);
    expect([...root.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['PRICING', 'pricing', 'pricing']);
    expect(text(root.querySelector('#occ-history-count'))).toBe('2 of 4 1:1s match');
  });

  it('searches action items and private notes too, across whitespace', () => {
    const root = mount(<PersonPage {...props()} />);
    typeInto(byRole(root, 'searchbox', 'Search this history'), 'hiring   plan');
    expect(dates(root)).toEqual(['Thu 6 Nov']);
    typeInto(byRole(root, 'searchbox', 'Search this history'), 'workload');
    expect(dates(root)).toEqual(['Thu 6 Nov']);
  });

  it('says when nothing matches, and treats the query literally', () => {
    const root = mount(<PersonPage {...props()} />);
    typeInto(byRole(root, 'searchbox', 'Search this history'), '.*');
    expect(text(root)).toContain('No 1:1 mentions “.*”.');
    expect(queryByRole(root, 'list', '1:1s with Dana Reyes, newest first')).toBeUndefined();
  });

  it('keeps markup in notes as text while highlighting it', () => {
    const root = mount(<PersonPage {...props()} />);
    typeInto(byRole(root, 'searchbox', 'Search this history'), '<b>');
    expect(root.querySelector('b')).toBeNull();
    expect([...root.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['<b>']);
    expect(text(root)).toContain('PRICING follow-up <b>bold?</b>');
  });

  it('opens a calendar 1:1', () => {
    const p = props();
    const root = mount(<PersonPage {...p} />);
    click(byRole(root, 'button', 'Open the 1:1 of Thu 30 Oct in Google Calendar'));
    expect(p.onOpenMeeting).toHaveBeenCalledWith('m1');
  });

  it('searchPattern ignores blank queries and escapes regex syntax', () => {
    expect(searchPattern('   ')).toBeUndefined();
    expect(searchPattern('a.b')!.test('a.b')).toBe(true);
    expect(searchPattern('a.b')!.test('axb')).toBe(false);
  });
});

describe('PersonPage: log a 1:1 held off the calendar', () => {
  function openForm(root: HTMLElement): HTMLFormElement {
    click(byRole(root, 'button', 'Log a 1:1…'));
    return root.querySelector('form[aria-labelledby="occ-log-heading"]') as HTMLFormElement;
  }

  it('logs date, time, duration and notes', async () => {
    const p = props();
    const root = mount(<PersonPage {...p} />);
    const form = openForm(root);
    const fields = form.querySelectorAll('input, textarea');
    typeInto(fields[0]!, '2025-11-18');
    typeInto(fields[1]!, '16:30');
    typeInto(fields[2]!, '45');
    typeInto(fields[3]!, 'Walked around the block.');
    typeInto(fields[4]!, 'Mentioned looking for a transfer.');
    submit(form);
    await settle();
    expect(p.onLogMeeting).toHaveBeenCalledWith({
      day: '2025-11-18',
      time: '16:30',
      durationMinutes: 45,
      sharedNotes: 'Walked around the block.',
      privateNotes: 'Mentioned looking for a transfer.',
    });
    expect(text(root)).toContain('Logged a 1:1 with Dana Reyes.');
  });

  const refusals: { name: string; day: string; time: string; duration: string; message: string }[] = [
    { name: 'a future day', day: '2025-11-21', time: '10:00', duration: '30', message: 'A 1:1 held off the calendar is today or earlier.' },
    { name: 'no time', day: '2025-11-20', time: '', duration: '30', message: 'Enter a time as HH:MM (24-hour).' },
    { name: 'a zero duration', day: '2025-11-20', time: '10:00', duration: '0', message: 'Duration must be a whole number of minutes from 1 to 480.' },
    { name: 'a huge duration', day: '2025-11-20', time: '10:00', duration: '600', message: 'Duration must be a whole number of minutes from 1 to 480.' },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.name} with a message`, () => {
      const p = props();
      const root = mount(<PersonPage {...p} />);
      const form = openForm(root);
      const fields = form.querySelectorAll('input');
      typeInto(fields[0]!, refusal.day);
      typeInto(fields[1]!, refusal.time);
      typeInto(fields[2]!, refusal.duration);
      submit(form);
      expect(p.onLogMeeting).not.toHaveBeenCalled();
      expect(text(byRole(root, 'alert'))).toBe(refusal.message);
    });
  }
});

describe('PersonPage: talking points', () => {
  it('adds a talking point for next time and removes one', async () => {
    const p = props();
    const root = mount(<PersonPage {...p} />);
    expect(text(root)).toContain('Career goals');
    const input = byRole(root, 'textbox', 'Add talking point for next time');
    typeInto(input, '  Conference budget  ');
    submit(input.closest('form')!);
    await settle();
    expect(p.onAddTalkingPoint).toHaveBeenCalledWith('Conference budget');
    expect((input as HTMLInputElement).value).toBe('');
    click(byRole(root, 'button', 'Remove talking point: Career goals'));
    expect(p.onDeleteTalkingPoint).toHaveBeenCalledWith('t1');
  });

  it('refuses an empty talking point', () => {
    const p = props();
    const root = mount(<PersonPage {...p} />);
    submit(byRole(root, 'textbox', 'Add talking point for next time').closest('form')!);
    expect(p.onAddTalkingPoint).not.toHaveBeenCalled();
    expect(text(byRole(root, 'alert'))).toBe('Write the talking point first.');
  });

  it('goes back to the people list', () => {
    const p = props();
    const root = mount(<PersonPage {...p} />);
    click(byRole(root, 'button', '← All people'));
    expect(p.onBack).toHaveBeenCalledTimes(1);
  });
});
