// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { parseProgressCsv, type ProgressCsvContext } from '../../../src/domain/progress-csv';
import { formatAmount } from '../../../src/domain/targets';
import { csvPreviewImportable, progressCsvPreview, TargetsSection } from '../../../src/ui/options';
import type { CsvPreviewView, TargetsSectionProps, TargetView } from '../../../src/ui/options';
import { allByRole, byRole, click, mount, queryByRole, rerender, settle, submit, text, typeInto, unmountAll } from '../popup/dom';

afterEach(unmountAll);

const today = '2025-11-20';

const context: ProgressCsvContext = {
  people: [
    { id: 'email:dana@example.com', displayName: 'Dana Reyes', email: 'dana@example.com' },
    { id: 'email:sam@example.com', displayName: 'Sam Lee', email: 'sam@example.com' },
  ],
  targets: [
    { id: 't1', metric: 'Bookings', owner: { kind: 'person', personId: 'email:dana@example.com' }, ownerName: 'Dana Reyes', unit: 'USD', decimals: 2 },
    { id: 't2', metric: 'Calls', owner: { kind: 'team' }, ownerName: 'Team', unit: 'calls', decimals: 0 },
  ],
};

function preview(csv: string, fileName = 'progress.csv'): CsvPreviewView {
  const byId = new Map(context.targets.map((target) => [target.id, target]));
  const people = new Map(context.people.map((person) => [person.id, person]));
  return progressCsvPreview(parseProgressCsv(csv, context), fileName, {
    targetLabel: (id) => `${byId.get(id)!.metric} — ${byId.get(id)!.ownerName}`,
    personLabel: (id) => people.get(id)!.displayName,
    formatValue: (id, value) => formatAmount(value, byId.get(id)!.decimals, byId.get(id)!.unit),
  });
}

const bookings: TargetView = {
  id: 't1',
  ownerLabel: 'Dana Reyes',
  metric: 'Bookings',
  unit: 'USD',
  decimals: 2,
  periodLabel: 'November 2025',
  amountText: '$100,000.00',
  splits: [
    {
      title: 'By week',
      totalText: '$100,000.00',
      parts: [
        { label: '3–7 Nov', workingDays: 5, amountText: '$25,000.00', actualText: '$24,100.00' },
        { label: '10–14 Nov', workingDays: 5, amountText: '$25,000.00' },
        { label: '17–21 Nov', workingDays: 5, amountText: '$25,000.00' },
        { label: '24–28 Nov', workingDays: 5, amountText: '$25,000.00' },
      ],
    },
  ],
  pace: { status: 'behind', actualText: '$41,000.00', expectedText: '$65,000.00', percentText: '41%', projectedText: '$63,000.00' },
  lastPeriod: { label: 'October', hit: true, detailText: '$98,500.00 of $95,000.00' },
};

const calls: TargetView = {
  id: 't2',
  ownerLabel: 'Team',
  metric: 'Calls',
  unit: 'calls',
  decimals: 0,
  periodLabel: 'Week of 17 Nov',
  amountText: '250 calls',
  splits: [],
  progressPeople: [
    { id: 'email:dana@example.com', label: 'Dana Reyes' },
    { id: 'email:sam@example.com', label: 'Sam Lee' },
  ],
};

function props(overrides: Partial<TargetsSectionProps> = {}) {
  return {
    today,
    owners: [
      { owner: { kind: 'team' as const }, label: 'Team' },
      { owner: { kind: 'person' as const, personId: 'email:dana@example.com' }, label: 'Dana Reyes' },
    ],
    targets: [bookings, calls],
    onCreateTarget: vi.fn<TargetsSectionProps['onCreateTarget']>(),
    onDeleteTarget: vi.fn<TargetsSectionProps['onDeleteTarget']>(),
    onAddProgress: vi.fn<TargetsSectionProps['onAddProgress']>(),
    onCsvChosen: vi.fn<TargetsSectionProps['onCsvChosen']>(),
    onImportCsv: vi.fn<TargetsSectionProps['onImportCsv']>(),
    onClearCsv: vi.fn<TargetsSectionProps['onClearCsv']>(),
    ...overrides,
  };
}

function newTargetForm(root: HTMLElement): HTMLFormElement {
  return root.querySelector('form[aria-labelledby="occ-new-target-heading"]') as HTMLFormElement;
}

function field(form: Element, label: string): HTMLElement {
  const labelElement = [...form.querySelectorAll('label')].find((candidate) => text(candidate.querySelector('span')) === label);
  if (!labelElement) throw new Error(`no field ${label}`);
  return labelElement.querySelector('input, select, textarea') as HTMLElement;
}

describe('TargetsSection: create', () => {
  it('creates a target with the amount read exactly into minor units', async () => {
    const p = props();
    const root = mount(<TargetsSection {...p} />);
    const form = newTargetForm(root);
    typeInto(field(form, 'For'), 'person:email:dana@example.com');
    typeInto(field(form, 'Metric'), ' Bookings ');
    typeInto(field(form, 'Unit'), 'USD');
    typeInto(field(form, 'Decimals'), '2');
    typeInto(field(form, 'Period'), 'quarter');
    typeInto(field(form, 'Starting (any day in it)'), '2025-10-01');
    typeInto(field(form, 'Amount'), '$300,000.10');
    expect(text(root.querySelector('#occ-new-target-reading'))).toBe('Reads as $300,000.10');
    submit(form);
    await settle();
    expect(p.onCreateTarget).toHaveBeenCalledWith({
      owner: { kind: 'person', personId: 'email:dana@example.com' },
      metric: 'Bookings',
      unit: 'USD',
      decimals: 2,
      periodKind: 'quarter',
      periodDay: '2025-10-01',
      amount: 30_000_010,
    });
  });

  const refusals: { name: string; fill: Record<string, string>; message: RegExp }[] = [
    { name: 'no metric', fill: { Metric: '', Amount: '5' }, message: /Name what is measured/ },
    { name: 'no unit', fill: { Metric: 'Calls', Unit: ' ', Amount: '5' }, message: /Give the unit/ },
    { name: 'bad decimals', fill: { Metric: 'Calls', Decimals: '7', Amount: '5' }, message: /Decimals must be a whole number from 0 to 4/ },
    { name: 'too many decimals', fill: { Metric: 'Calls', Decimals: '0', Unit: 'calls', Amount: '5.5' }, message: /^Amount: / },
    { name: 'an unreadable amount', fill: { Metric: 'Calls', Amount: 'lots' }, message: /^Amount: / },
    { name: 'a negative amount', fill: { Metric: 'Calls', Amount: '-5' }, message: /A target is zero or more/ },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.name} with a message`, () => {
      const p = props();
      const root = mount(<TargetsSection {...p} />);
      const form = newTargetForm(root);
      for (const [label, value] of Object.entries(refusal.fill)) typeInto(field(form, label), value);
      submit(form);
      expect(p.onCreateTarget).not.toHaveBeenCalled();
      expect(text(byRole(root, 'alert'))).toMatch(refusal.message);
    });
  }
});

describe('TargetsSection: who is on pace', () => {
  const ended: TargetView = {
    ...bookings,
    id: 't3',
    ownerLabel: 'Sam Lee',
    periodLabel: 'October 2025',
    amountText: '$90,000.00',
    pace: { status: 'ended', actualText: '$95,000.00', expectedText: '$90,000.00', percentText: '106%', hit: true },
  };

  const upcoming: TargetView = { ...bookings, id: 't4', ownerLabel: 'Kim Lo', periodLabel: 'December 2025', pace: { status: 'not-started', actualText: '$0.00', expectedText: '$0.00' } };

  it('opens the list with one line per running target (owner, metric, period, actual / target, percent, pace), cards below', () => {
    const root = mount(<TargetsSection {...props({ targets: [bookings, calls, upcoming, ended] })} />);
    const overview = byRole(root, 'table', 'Who is on pace');
    expect(allByRole(overview, 'row').map((row) => [...row.children].map((cell) => text(cell)))).toEqual([
      ['Owner', 'Metric', 'Period', 'Actual / target', '%', 'Pace'],
      ['Dana Reyes', 'Bookings', 'November 2025', '$41,000.00 / $100,000.00', '41%', 'Behind'],
      ['Team', 'Calls', 'Week of 17 Nov', '— / 250 calls', '—', '—'],
    ]);
    // Ended and future targets have their cards only; the table says so.
    expect(text(overview.parentElement)).toContain('2 ended or upcoming targets are in the list below, not in this table.');
    expect(allByRole(root, 'heading', /^Bookings — /)).toHaveLength(3);
    expect(overview.querySelector('tbody tr .occ-chip--bad')?.textContent).toBe('Behind');
    expect(overview.querySelector('tbody tr .occ-chip')?.getAttribute('title')).toBe('$65,000.00 expected by today');
    // Reading order: the overview, then the cards, then the form to create one.
    const order = [overview, byRole(root, 'heading', 'Bookings — Dana Reyes'), byRole(root, 'heading', 'New target')];
    for (let i = 1; i < order.length; i++) expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The ended card says the verdict too.
    expect(text(byRole(root, 'heading', 'Bookings — Sam Lee').closest('li')!.querySelector('.occ-target__pace .occ-chip'))).toBe('Ended: hit');
  });

  it('has no overview without targets, nor when none is running', () => {
    const root = mount(<TargetsSection {...props({ targets: [] })} />);
    expect(queryByRole(root, 'table', 'Who is on pace')).toBeUndefined();
    expect(text(root)).toContain('No targets yet: create one below.');
    const onlyEnded = mount(<TargetsSection {...props({ targets: [ended] })} />);
    expect(queryByRole(onlyEnded, 'table', 'Who is on pace')).toBeUndefined();
    expect(byRole(onlyEnded, 'heading', 'Bookings — Sam Lee')).toBeDefined();
  });
});

describe('TargetsSection: list, split and progress', () => {
  it('shows each target with pace, last period and its split as a table of parts', () => {
    const root = mount(<TargetsSection {...props()} />);
    expect(byRole(root, 'heading', 'Bookings — Dana Reyes')).toBeDefined();
    const card = byRole(root, 'heading', 'Bookings — Dana Reyes').closest('li')!;
    expect(text(card)).toContain('November 2025: $100,000.00');
    expect(text(card.querySelector('.occ-target__pace'))).toBe(
      'Behind $41,000.00 so far (41%); $65,000.00 expected by today; on course for $63,000.00',
    );
    expect(text(card)).toContain('October: hit ($98,500.00 of $95,000.00)');
    const table = card.querySelector('table')!;
    expect(allByRole(table, 'row').map((row) => [...row.children].map((cell) => text(cell)))).toEqual([
      ['Period', 'Working days', 'Target', 'Actual'],
      ['3–7 Nov', '5', '$25,000.00', '$24,100.00'],
      ['10–14 Nov', '5', '$25,000.00', ''],
      ['17–21 Nov', '5', '$25,000.00', ''],
      ['24–28 Nov', '5', '$25,000.00', ''],
      ['Total', '20', '$100,000.00', ''],
    ]);
  });

  it('enters progress by hand, for a person of a team target', async () => {
    const p = props();
    const root = mount(<TargetsSection {...p} />);
    const form = root.querySelector('form[aria-label="Add progress to Calls — Team"]') as HTMLFormElement;
    typeInto(field(form, 'Person'), 'email:sam@example.com');
    typeInto(field(form, 'Progress (calls)'), '1,204');
    submit(form);
    await settle();
    expect(p.onAddProgress).toHaveBeenCalledWith({ targetId: 't2', personId: 'email:sam@example.com', day: today, amount: 1204 });
  });

  it('refuses progress for a future day and an unreadable amount', () => {
    const p = props();
    const root = mount(<TargetsSection {...p} />);
    const form = root.querySelector('form[aria-label="Add progress to Bookings — Dana Reyes"]') as HTMLFormElement;
    typeInto(field(form, 'Day'), '2025-11-21');
    typeInto(field(form, 'Progress (USD)'), '10');
    submit(form);
    expect(text(byRole(form, 'alert'))).toBe('Progress is entered for today or an earlier day.');
    typeInto(field(form, 'Day'), '2025-11-19');
    typeInto(field(form, 'Progress (USD)'), '10.005');
    submit(form);
    expect(text(byRole(form, 'alert'))).toMatch(/^Amount: /);
    expect(p.onAddProgress).not.toHaveBeenCalled();
  });

  it('deletes a target only after confirmation', async () => {
    const p = props();
    const root = mount(<TargetsSection {...p} />);
    click(byRole(root, 'button', 'Delete target Calls — Team, Week of 17 Nov'));
    const dialog = byRole(root, 'dialog');
    expect(text(dialog)).toContain('The Week of 17 Nov target of 250 calls and the parts split from it are deleted.');
    expect(p.onDeleteTarget).not.toHaveBeenCalled();
    click(byRole(dialog, 'button', 'Delete'));
    await settle();
    expect(p.onDeleteTarget).toHaveBeenCalledWith('t2');
    expect(queryByRole(root, 'dialog')).toBeUndefined();
  });
});

describe('TargetsSection: CSV import', () => {
  it('reads the chosen file and hands its text to the wiring', async () => {
    const p = props();
    const root = mount(<TargetsSection {...p} />);
    const input = root.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(['date,target,value\n2025-11-03,Calls,5\n'], 'november.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(p.onCsvChosen).toHaveBeenCalledWith('date,target,value\n2025-11-03,Calls,5\n', 'november.csv');
  });

  it('previews every row; rows with errors are shown clearly and Import is disabled', () => {
    const csvPreview = preview(
      'date,target,person,value\n2025-11-03,Bookings,Dana Reyes,"$1,250.00"\n2025-11-04,Revenue,Dana Reyes,10\n03/04/2025,Calls,Sam Lee,7\n2025-11-05,Calls,Sam Lee,12\n',
    );
    expect(csvPreviewImportable(csvPreview)).toBe(false);
    const p = props({ csvPreview });
    const root = mount(<TargetsSection {...p} />);
    expect(text(root)).toContain('2 rows ready, 2 rows have errors. Nothing is imported while any row has an error');
    const table = root.querySelector('.occ-csv-table')!;
    const rows = allByRole(table, 'row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => text(cell)))).toEqual([
      ['2', 'Mon 3 Nov 2025', 'Bookings — Dana Reyes', 'Dana Reyes', '$1,250.00', ''],
      ['3', '2025-11-04', 'Revenue', 'Dana Reyes', '10', 'No target named “Revenue” (targets are Bookings, Calls).'],
      ['4', '03/04/2025', 'Calls', 'Sam Lee', '7', 'Date “03/04/2025” could be 3 April 2025 or 4 March 2025; write dates as YYYY-MM-DD.'],
      ['5', 'Wed 5 Nov 2025', 'Calls — Team', 'Sam Lee', '12 calls', ''],
    ]);
    expect(rows.map((row) => row.getAttribute('data-invalid'))).toEqual([null, 'true', 'true', null]);
    const importButton = byRole(root, 'button', /^Import/) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    expect(text(root)).toContain('Fix the rows with errors first.');
    click(importButton);
    expect(p.onImportCsv).not.toHaveBeenCalled();
  });

  it('shows problems with the whole file and imports nothing', () => {
    const p = props({ csvPreview: preview('Datum;Ziel;Wert\n2025-11-03;Calls;5\n', 'export.csv') });
    const root = mount(<TargetsSection {...p} />);
    const alert = byRole(root, 'alert');
    expect(text(alert)).toContain('The header has no column for the date');
    expect(text(alert)).toContain('It has: “Datum”, “Ziel”, “Wert”.');
    expect((byRole(root, 'button', /^Import/) as HTMLButtonElement).disabled).toBe(true);
  });

  it('imports a clean file in one go and reports it', async () => {
    const onImportCsv = vi.fn(async () => ({ ok: true as const, message: 'Imported 2 rows.' }));
    const csvPreview = preview('date;target;person;value\n2025-11-03;Bookings;dana@example.com;1.250,50\n2025-11-04;Calls;Sam Lee;9\n');
    const p = props({ csvPreview, onImportCsv });
    const root = mount(<TargetsSection {...p} />);
    expect(text(root)).toContain('2 rows ready.');
    expect(text(root)).toContain('Semicolon-separated: decimal commas are read');
    const importButton = byRole(root, 'button', 'Import 2 rows') as HTMLButtonElement;
    expect(importButton.disabled).toBe(false);
    click(importButton);
    await settle();
    expect(onImportCsv).toHaveBeenCalledTimes(1);
    expect(text(root)).toContain('Imported 2 rows.');
  });

  it('keeps the preview and says why when the import is refused', async () => {
    const onImportCsv = vi.fn(() => ({ ok: false as const, message: 'Storage is full; nothing was imported.' }));
    const p = props({ csvPreview: preview('date,target,value\n2025-11-03,Calls,5\n'), onImportCsv });
    const root = mount(<TargetsSection {...p} />);
    click(byRole(root, 'button', 'Import 1 row'));
    await settle();
    expect(text(byRole(root, 'alert'))).toBe('Storage is full; nothing was imported.');
    expect(root.querySelector('.occ-csv-table')).not.toBeNull();
  });

  it('clears the preview', () => {
    const p = props({ csvPreview: preview('date,target,value\n2025-11-03,Calls,5\n') });
    const root = mount(<TargetsSection {...p} />);
    click(byRole(root, 'button', 'Clear'));
    expect(p.onClearCsv).toHaveBeenCalledTimes(1);
    rerender(root, <TargetsSection {...p} csvPreview={undefined} />);
    expect(root.querySelector('.occ-csv-table')).toBeNull();
  });

  it('shows CSV cells and file names as text, never markup', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const p = props({ csvPreview: preview(`date,target,value\n2025-11-03,"${evil.replace(/"/g, '""')}",5\n`, `${evil}.csv`) });
    const root = mount(<TargetsSection {...p} />);
    expect(root.querySelector('img')).toBeNull();
    expect(text(root)).toContain(`Preview of ${evil}.csv`);
    expect(text(root.querySelector('.occ-csv-table'))).toContain(evil);
  });
});
