// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AccountSection,
  BackupSection,
  checkAliases,
  checkDayRange,
  checkTimeZone,
  DaysOffSection,
  SettingsSection,
} from '../../../src/ui/options';
import type {
  AccountSectionProps,
  BackupImportReportView,
  BackupSectionProps,
  DaysOffSectionProps,
  SettingsSectionProps,
} from '../../../src/ui/options';
import { byRole, click, mount, queryByRole, settle, submit, text, typeInto, unmountAll } from '../popup/dom';

afterEach(unmountAll);

const today = '2025-11-20';

async function chooseFile(input: HTMLInputElement, file: File): Promise<void> {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

describe('BackupSection', () => {
  function props(overrides: Partial<BackupSectionProps> = {}) {
    return {
      today,
      nothingSyncs: false,
      onExport: vi.fn<BackupSectionProps['onExport']>(),
      onImport: vi.fn<BackupSectionProps['onImport']>(() => ({ ok: true, total: { added: 0, updated: 0, skipped: 0 } })),
      ...overrides,
    };
  }

  it('exports, and says when the last backup was', async () => {
    const p = props({ lastBackupDay: '2025-11-06', onExport: vi.fn(async () => ({ ok: true as const, message: 'Saved backup.json.' })) });
    const root = mount(<BackupSection {...p} />);
    expect(text(root)).toContain('Last backup: Thu 6 Nov (2 weeks ago).');
    click(byRole(root, 'button', 'Export backup'));
    await settle();
    expect(p.onExport).toHaveBeenCalledTimes(1);
    expect(text(root)).toContain('Saved backup.json.');
  });

  it('reminds louder when nothing syncs', () => {
    const root = mount(<BackupSection {...props({ nothingSyncs: true })} />);
    expect(text(root)).toContain('Nothing is synced to your calendar right now, so this browser holds the only copy of your notes.');
    expect(text(root)).toContain('No backup yet.');
  });

  it('imports a file and reports added, updated and skipped', async () => {
    const report: BackupImportReportView = { ok: true, total: { added: 12, updated: 3, skipped: 40 } };
    const p = props({ onImport: vi.fn(async () => report) });
    const root = mount(<BackupSection {...p} />);
    await chooseFile(root.querySelector('input[type="file"]')!, new File(['{"format":"x"}'], 'backup.json'));
    expect(p.onImport).toHaveBeenCalledWith('{"format":"x"}', 'backup.json');
    expect(text(byRole(root, 'status', /Imported/))).toBe('Imported backup.json: added 12, updated 3, skipped 40.');
  });

  it('says clearly why a corrupt or foreign file was not imported', async () => {
    const report: BackupImportReportView = {
      ok: false,
      reason: 'This is not a 1:1 Companion backup.',
      errors: ['records.people.0.email: expected an email'],
    };
    const root = mount(<BackupSection {...props({ onImport: vi.fn(() => report) })} />);
    await chooseFile(root.querySelector('input[type="file"]')!, new File(['<html>'], 'notes.html'));
    const alert = byRole(root, 'alert');
    expect(text(alert)).toContain('notes.html was not imported; nothing was changed. This is not a 1:1 Companion backup.');
    expect(text(alert)).toContain('records.people.0.email: expected an email');
  });

  it('reports a failing import as a message, not a crash', async () => {
    const root = mount(
      <BackupSection
        {...props({
          onImport: vi.fn(async () => {
            throw new Error('quota exceeded');
          }),
        })}
      />,
    );
    await chooseFile(root.querySelector('input[type="file"]')!, new File(['{}'], 'b.json'));
    expect(text(byRole(root, 'alert'))).toContain('Something went wrong: quota exceeded');
  });
});

describe('DaysOffSection', () => {
  function props(overrides: Partial<DaysOffSectionProps> = {}) {
    return {
      today,
      daysOff: ['2025-12-25', '2025-11-03', '2025-12-24'],
      weekendDays: [0, 6],
      onAddDaysOff: vi.fn<DaysOffSectionProps['onAddDaysOff']>(),
      onRemoveDayOff: vi.fn<DaysOffSectionProps['onRemoveDayOff']>(),
      onSetWeekendDays: vi.fn<DaysOffSectionProps['onSetWeekendDays']>(),
      ...overrides,
    };
  }

  it('lists upcoming days off in order and removes one', () => {
    const p = props();
    const root = mount(<DaysOffSection {...p} />);
    const upcoming = root.querySelector('.occ-days-off')!;
    expect([...upcoming.querySelectorAll('li')].map((item) => text(item.querySelector('span')))).toEqual(['Wed 24 Dec', 'Thu 25 Dec']);
    expect(text(root)).toContain('Past days off (1)');
    click(byRole(root, 'button', 'Remove day off Thu 25 Dec'));
    expect(p.onRemoveDayOff).toHaveBeenCalledWith('2025-12-25');
  });

  it('adds a range of days, leaving out days already off', async () => {
    const p = props();
    const root = mount(<DaysOffSection {...p} />);
    const form = root.querySelector('form[aria-label="Add days off"]')!;
    const [from, to] = form.querySelectorAll('input');
    typeInto(from!, '2025-12-23');
    typeInto(to!, '2025-12-26');
    submit(form);
    await settle();
    expect(p.onAddDaysOff).toHaveBeenCalledWith(['2025-12-23', '2025-12-26']);
  });

  it('refuses a backwards range with a message', () => {
    const p = props();
    const root = mount(<DaysOffSection {...p} />);
    const form = root.querySelector('form[aria-label="Add days off"]')!;
    const [from, to] = form.querySelectorAll('input');
    typeInto(from!, '2025-12-23');
    typeInto(to!, '2025-12-01');
    submit(form);
    expect(p.onAddDaysOff).not.toHaveBeenCalled();
    expect(text(byRole(root, 'alert'))).toBe('The last day is before the first day.');
  });

  it('changes weekend days, and refuses a week with no working day', async () => {
    const p = props({ weekendDays: [0, 1, 2, 3, 4, 6] });
    const root = mount(<DaysOffSection {...p} />);
    click(byRole(root, 'checkbox', 'Monday'));
    expect(p.onSetWeekendDays).toHaveBeenCalledWith([0, 2, 3, 4, 6]);
    await settle();
    click(byRole(root, 'checkbox', 'Friday'));
    expect(p.onSetWeekendDays).toHaveBeenCalledTimes(1);
    expect(text(byRole(root, 'alert'))).toBe('Leave at least one working day in the week.');
  });

  it('checkDayRange expands and bounds ranges', () => {
    expect(checkDayRange('2025-02-27', '2025-03-02')).toEqual({ ok: true, value: ['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02'] });
    expect(checkDayRange('2025-02-27', '')).toEqual({ ok: true, value: ['2025-02-27'] });
    expect(checkDayRange('2025-02-30', '')).toMatchObject({ ok: false });
    expect(checkDayRange('2025-01-01', '2026-06-01')).toEqual({ ok: false, message: 'Add at most 366 days at a time.' });
  });
});

describe('SettingsSection', () => {
  function props(overrides: Partial<SettingsSectionProps> = {}) {
    return {
      timeZone: 'Europe/Berlin',
      selfAliases: ['me@old.example.com'],
      useO3Template: false,
      onSetTimeZone: vi.fn<SettingsSectionProps['onSetTimeZone']>(),
      onSetSelfAliases: vi.fn<SettingsSectionProps['onSetSelfAliases']>(),
      onSetUseO3Template: vi.fn<SettingsSectionProps['onSetUseO3Template']>(),
      ...overrides,
    };
  }

  it('refuses a time zone the browser does not know, with a message', () => {
    const p = props();
    const root = mount(<SettingsSection {...p} />);
    const input = byRole(root, 'textbox', /^Time zone/);
    typeInto(input, 'Mars/Olympus');
    submit(input.closest('form')!);
    expect(p.onSetTimeZone).not.toHaveBeenCalled();
    expect(text(byRole(root, 'alert'))).toBe('“Mars/Olympus” is not a time zone this browser knows (e.g. Europe/Berlin).');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    typeInto(input, 'America/New_York');
    submit(input.closest('form')!);
    expect(p.onSetTimeZone).toHaveBeenCalledWith('America/New_York');
  });

  it('stores other addresses lower-cased without repeats, refusing a bad one', () => {
    const p = props();
    const root = mount(<SettingsSection {...p} />);
    const box = byRole(root, 'textbox', /^Your other addresses/);
    typeInto(box, 'Me@Home.example.com\nnot-an-address');
    submit(box.closest('form')!);
    expect(text(byRole(root, 'alert'))).toBe('“not-an-address” is not an email address.');
    typeInto(box, 'Me@Home.example.com, me@home.example.com\nme@old.example.com');
    submit(box.closest('form')!);
    expect(p.onSetSelfAliases).toHaveBeenCalledWith(['me@home.example.com', 'me@old.example.com']);
  });

  it('turns the O3 template on', () => {
    const p = props();
    const root = mount(<SettingsSection {...p} />);
    click(byRole(root, 'checkbox', /three-part template/));
    expect(p.onSetUseO3Template).toHaveBeenCalledWith(true);
  });

  it('checks time zones and aliases as pure functions', () => {
    expect(checkTimeZone(' Asia/Kolkata ')).toEqual({ ok: true, value: 'Asia/Kolkata' });
    expect(checkTimeZone('')).toMatchObject({ ok: false });
    expect(checkAliases('')).toEqual({ ok: true, value: [] });
  });
});

describe('AccountSection', () => {
  function props(overrides: Partial<AccountSectionProps> = {}) {
    return {
      account: { state: 'signed-in' as const, email: 'me@example.com' },
      sync: { kind: 'pending' as const, count: 2 },
      quarantinedCount: 0,
      onSignIn: vi.fn<AccountSectionProps['onSignIn']>(),
      onSignOut: vi.fn<AccountSectionProps['onSignOut']>(),
      onExportQuarantined: vi.fn<AccountSectionProps['onExportQuarantined']>(),
      ...overrides,
    };
  }

  it('shows the account, sync status and Sign out', () => {
    const p = props();
    const root = mount(<AccountSection {...p} />);
    expect(text(root)).toContain('Signed in as me@example.com');
    expect(text(root)).toContain('2 changes waiting to sync');
    expect(text(root)).toContain('None: every stored record is valid.');
    click(byRole(root, 'button', 'Sign out'));
    expect(p.onSignOut).toHaveBeenCalledTimes(1);
  });

  it('signed out: Sign in and what it is for', () => {
    const p = props({ account: { state: 'signed-out' }, sync: { kind: 'signed-out' } });
    const root = mount(<AccountSection {...p} />);
    expect(queryByRole(root, 'button', 'Sign out')).toBeUndefined();
    click(byRole(root, 'button', 'Sign in'));
    expect(p.onSignIn).toHaveBeenCalledTimes(1);
    expect(text(root)).toContain('Notes still work locally while signed out.');
  });

  it('counts quarantined records and exports them', () => {
    const p = props({ quarantinedCount: 3 });
    const root = mount(<AccountSection {...p} />);
    expect(text(root)).toContain('3 records failed validation and were kept aside');
    click(byRole(root, 'button', 'Export records kept aside'));
    expect(p.onExportQuarantined).toHaveBeenCalledTimes(1);
  });
});
