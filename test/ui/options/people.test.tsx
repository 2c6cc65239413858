// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeopleSection, checkCadence } from '../../../src/ui/options';
import type { PeopleSectionProps, PersonRowView } from '../../../src/ui/options';
import { allByRole, byRole, click, mount, queryByRole, settle, text, typeInto, unmountAll } from '../popup/dom';

afterEach(unmountAll);

const today = '2025-11-20';

const dana: PersonRowView = {
  id: 'email:dana@example.com',
  displayName: 'Dana Reyes',
  email: 'dana@example.com',
  relationship: 'direct',
  relationshipSuggested: true,
  level: 'frontline',
  cadenceDays: 7,
  archived: false,
  meetingCount: 12,
};
const danaByName: PersonRowView = {
  id: 'name:dana r.',
  displayName: 'Dana R.',
  relationship: 'other',
  relationshipSuggested: true,
  level: 'frontline',
  cadenceDays: 7,
  archived: false,
  meetingCount: 3,
};
const sam: PersonRowView = {
  id: 'email:sam@example.com',
  displayName: 'Sam Lee',
  email: 'sam@example.com',
  relationship: 'manager',
  relationshipSuggested: false,
  level: 'director',
  cadenceDays: 14,
  archived: false,
};
const old: PersonRowView = { ...sam, id: 'email:old@example.com', displayName: 'Old Colleague', email: 'old@example.com', archived: true };

function props(overrides: Partial<PeopleSectionProps> = {}) {
  return {
    today,
    people: [dana, danaByName, sam, old],
    onSetRelationship: vi.fn<PeopleSectionProps['onSetRelationship']>(),
    onSetLevel: vi.fn<PeopleSectionProps['onSetLevel']>(),
    onSetCadence: vi.fn<PeopleSectionProps['onSetCadence']>(),
    onSetSnooze: vi.fn<PeopleSectionProps['onSetSnooze']>(),
    onSetArchived: vi.fn<PeopleSectionProps['onSetArchived']>(),
    onMerge: vi.fn<PeopleSectionProps['onMerge']>(),
    onOpenPerson: vi.fn<PeopleSectionProps['onOpenPerson']>(),
    ...overrides,
  };
}

describe('checkCadence', () => {
  const cases: [string, number | RegExp][] = [
    ['7', 7],
    [' 14 ', 14],
    ['1', 1],
    ['366', 366],
    ['0', /whole number of days from 1 to 366/],
    ['367', /whole number of days from 1 to 366/],
    ['-3', /whole number of days from 1 to 366/],
    ['2.5', /whole number of days from 1 to 366/],
    ['1e2', /whole number of days from 1 to 366/],
    ['weekly', /whole number of days from 1 to 366/],
    ['', /Enter a cadence/],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${String(expected)}`, () => {
      const checked = checkCadence(input);
      if (typeof expected === 'number') expect(checked).toEqual({ ok: true, value: expected });
      else expect(!checked.ok && checked.message).toMatch(expected);
    });
  }
});

describe('PeopleSection', () => {
  it('lists people with relationship, level and cadence; archived ones only on request', () => {
    const root = mount(<PeopleSection {...props()} />);
    const rowNames = () => allByRole(root, 'row').slice(1).map((row) => text(row.querySelector('th button')));
    expect(rowNames()).toEqual(['Dana Reyes', 'Dana R.', 'Sam Lee']);
    expect((byRole(root, 'combobox', 'Relationship of Sam Lee') as HTMLSelectElement).value).toBe('manager');
    expect((byRole(root, 'combobox', 'Level of Sam Lee') as HTMLSelectElement).value).toBe('director');
    expect((byRole(root, 'textbox', 'Cadence in days for Sam Lee') as HTMLInputElement).value).toBe('14');
    click(byRole(root, 'checkbox', 'Show archived (1)'));
    expect(rowNames()).toEqual(['Dana Reyes', 'Dana R.', 'Sam Lee', 'Old Colleague']);
  });

  it('flags an overdue direct with the days since the last 1:1, and a direct with no 1:1 yet', () => {
    const overdue: PersonRowView = { ...dana, lastOneOnOneDay: '2025-11-01', attention: { kind: 'overdue', daysSinceLast: 19, cadenceDays: 7 } };
    const fresh: PersonRowView = { ...dana, id: 'email:new@example.com', displayName: 'New Hire', email: 'new@example.com', attention: { kind: 'no-one-on-one-yet' } };
    const root = mount(<PeopleSection {...props({ people: [overdue, fresh, sam] })} />);
    const cell = (name: string) => byRole(root, 'button', name).closest('th')!;
    const attention = (name: string) => cell(name).querySelector('.occ-people-table__attention');
    expect(text(attention('Dana Reyes'))).toBe('Overdue · 19 days since the last 1:1');
    expect(attention('Dana Reyes')?.querySelector('.occ-chip--bad')?.textContent).toBe('Overdue');
    expect(attention('Dana Reyes')?.getAttribute('title')).toBe('Every 7 days: 12 days late');
    expect(text(attention('New Hire'))).toBe('No 1:1 yet');
    expect(attention('Sam Lee')).toBeNull();
    expect(text(cell('Sam Lee'))).not.toMatch(/Overdue|No 1:1 yet/);
  });

  it('marks suggested relationships and confirms them', () => {
    const p = props();
    const root = mount(<PeopleSection {...p} />);
    const danaRow = byRole(root, 'button', 'Dana Reyes').closest('tr')!;
    expect(text(danaRow)).toContain('Suggested');
    const samRow = byRole(root, 'button', 'Sam Lee').closest('tr')!;
    expect(text(samRow)).not.toContain('Suggested');
    click(byRole(root, 'button', 'Confirm Dana Reyes as Direct'));
    expect(p.onSetRelationship).toHaveBeenCalledWith(dana.id, 'direct');
    typeInto(byRole(root, 'combobox', 'Relationship of Dana Reyes'), 'peer');
    expect(p.onSetRelationship).toHaveBeenLastCalledWith(dana.id, 'peer');
    typeInto(byRole(root, 'combobox', 'Level of Dana Reyes'), 'manager');
    expect(p.onSetLevel).toHaveBeenCalledWith(dana.id, 'manager');
  });

  for (const bad of ['0', '367', '2.5', 'weekly', '']) {
    it(`refuses the cadence ${JSON.stringify(bad)} with a message and stores nothing`, () => {
      const p = props();
      const root = mount(<PeopleSection {...p} />);
      const input = byRole(root, 'textbox', 'Cadence in days for Dana Reyes');
      typeInto(input, bad);
      expect(p.onSetCadence).not.toHaveBeenCalled();
      const alert = byRole(root, 'alert');
      expect(text(alert)).toMatch(/Cadence must be a whole number of days from 1 to 366/);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.getAttribute('aria-describedby')).toBe(alert.id);
      // What was typed stays, to be corrected.
      expect((input as HTMLInputElement).value).toBe(bad);
    });
  }

  it('stores a good cadence, and clears the message once corrected', () => {
    const p = props();
    const root = mount(<PeopleSection {...p} />);
    const input = byRole(root, 'textbox', 'Cadence in days for Dana Reyes');
    typeInto(input, '0');
    expect(queryByRole(root, 'alert')).toBeDefined();
    typeInto(input, '14');
    expect(p.onSetCadence).toHaveBeenCalledTimes(1);
    expect(p.onSetCadence).toHaveBeenCalledWith(dana.id, 14);
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('shows the message when storage refuses the cadence', async () => {
    const p = props({ onSetCadence: vi.fn(async () => ({ ok: false as const, message: 'Storage is full.' })) });
    const root = mount(<PeopleSection {...p} />);
    typeInto(byRole(root, 'textbox', 'Cadence in days for Dana Reyes'), '10');
    await settle();
    expect(text(byRole(root, 'alert'))).toBe('Storage is full.');
  });

  it('shows a thrown callback as a message, not a crash', async () => {
    const p = props({
      onSetLevel: vi.fn(async () => {
        throw new Error('database closed');
      }),
    });
    const root = mount(<PeopleSection {...p} />);
    typeInto(byRole(root, 'combobox', 'Level of Sam Lee'), 'vp');
    await settle();
    expect(text(byRole(root, 'alert'))).toBe('Something went wrong: database closed');
  });

  it('snoozes until a day from today on, refuses a past day, and ends a snooze', () => {
    const p = props({ people: [{ ...dana, snoozedUntil: '2025-12-01' }, sam] });
    const root = mount(<PeopleSection {...p} />);
    typeInto(byRole(root, 'date', 'Snooze Sam Lee until'), '2025-11-01');
    expect(p.onSetSnooze).not.toHaveBeenCalled();
    expect(text(byRole(root, 'alert'))).toBe('Snooze until today or a later day.');
    typeInto(byRole(root, 'date', 'Snooze Sam Lee until'), '2025-12-24');
    expect(p.onSetSnooze).toHaveBeenCalledWith(sam.id, '2025-12-24');
    expect(text(byRole(root, 'button', 'Dana Reyes').closest('tr'))).toContain('Not overdue while on leave');
    click(byRole(root, 'button', 'End snooze for Dana Reyes'));
    expect(p.onSetSnooze).toHaveBeenLastCalledWith(dana.id, undefined);
  });

  it('archives and opens a person', () => {
    const p = props();
    const root = mount(<PeopleSection {...p} />);
    click(byRole(root, 'button', 'Archive Sam Lee'));
    expect(p.onSetArchived).toHaveBeenCalledWith(sam.id, true);
    click(byRole(root, 'button', 'Sam Lee'));
    expect(p.onOpenPerson).toHaveBeenCalledWith(sam.id);
  });

  it('filters people by name or email', () => {
    const root = mount(<PeopleSection {...props()} />);
    typeInto(byRole(root, 'searchbox', 'Filter people'), 'sam@');
    expect(allByRole(root, 'row').slice(1).map((row) => text(row.querySelector('th button')))).toEqual(['Sam Lee']);
  });
});

describe('PeopleSection: merge', () => {
  function chooseMerge(root: HTMLElement, source: string, target: string) {
    typeInto(byRole(root, 'combobox', /^Merge/), source);
    typeInto(byRole(root, 'combobox', /^into/), target);
    click(byRole(root, 'button', 'Merge…'));
  }

  it('asks for confirmation, saying what moves, before merging', async () => {
    const p = props();
    const root = mount(<PeopleSection {...p} />);
    chooseMerge(root, danaByName.id, dana.id);
    expect(p.onMerge).not.toHaveBeenCalled();
    const dialog = byRole(root, 'dialog');
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(text(document.getElementById(dialog.getAttribute('aria-labelledby')!))).toBe('Merge Dana R. into Dana Reyes?');
    expect(text(dialog)).toContain(
      'Everything recorded for Dana R. (name only) moves to Dana Reyes <dana@example.com>: 3 1:1s, their notes, action items, talking points, targets and progress.',
    );
    expect(text(dialog)).toContain('event titles naming “Dana R.” count as 1:1s with Dana Reyes');
    // Cancel has the focus: a stray Enter does not merge.
    expect(document.activeElement).toBe(byRole(dialog, 'button', 'Cancel'));

    click(byRole(dialog, 'button', 'Merge'));
    await settle();
    expect(p.onMerge).toHaveBeenCalledWith(danaByName.id, dana.id);
    expect(queryByRole(root, 'dialog')).toBeUndefined();
    expect(text(root)).toContain('Merged.');
  });

  it('cancelling merges nothing', () => {
    const p = props();
    const root = mount(<PeopleSection {...p} />);
    chooseMerge(root, sam.id, dana.id);
    expect(text(byRole(root, 'dialog'))).toContain('From then on, 1:1s with sam@example.com count as 1:1s with Dana Reyes.');
    click(byRole(byRole(root, 'dialog'), 'button', 'Cancel'));
    expect(queryByRole(root, 'dialog')).toBeUndefined();
    expect(p.onMerge).not.toHaveBeenCalled();
  });

  it('refuses merging a person into themselves, or an address into a name-only person', () => {
    const p = props();
    const root = mount(<PeopleSection {...p} />);
    chooseMerge(root, dana.id, dana.id);
    expect(text(byRole(root, 'alert'))).toBe('Choose two different people.');
    chooseMerge(root, dana.id, danaByName.id);
    expect(text(byRole(root, 'alert'))).toMatch(/Merge the other way round: “Dana R.” is known by name only/);
    expect(queryByRole(root, 'dialog')).toBeUndefined();
    click(byRole(root, 'button', 'Merge…'));
    expect(p.onMerge).not.toHaveBeenCalled();
  });

  it('keeps the dialog open with the reason when the merge is refused', async () => {
    const p = props({ onMerge: vi.fn(() => ({ ok: false as const, message: 'Both have targets for the same period.' })) });
    const root = mount(<PeopleSection {...p} />);
    chooseMerge(root, danaByName.id, dana.id);
    click(byRole(byRole(root, 'dialog'), 'button', 'Merge'));
    await settle();
    const dialog = byRole(root, 'dialog');
    expect(text(byRole(dialog, 'alert'))).toBe('Both have targets for the same period.');
  });
});

describe('PeopleSection: text is never markup', () => {
  it('shows names that look like HTML as text', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const root = mount(<PeopleSection {...props({ people: [{ ...dana, displayName: evil, email: '<b>x</b>@example.com' }] })} />);
    expect(root.querySelector('img, b')).toBeNull();
    expect(text(root)).toContain(evil);
    expect(text(root)).toContain('<b>x</b>@example.com');
  });
});
