// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage, OPTIONS_SECTIONS } from '../../../src/ui/options';
import type { OptionsPageProps, OptionsSectionId } from '../../../src/ui/options';
import { allByRole, byRole, click, mount, pressKey, queryByRole, rerender, text, unmountAll } from '../popup/dom';

afterEach(unmountAll);

const today = '2025-11-20';
const noop = () => undefined;

function props(section: OptionsSectionId, overrides: Partial<OptionsPageProps> = {}): OptionsPageProps {
  return {
    section,
    onSelectSection: vi.fn(),
    people: {
      today,
      people: [
        {
          id: 'email:dana@example.com',
          displayName: 'Dana Reyes',
          email: 'dana@example.com',
          relationship: 'direct',
          relationshipSuggested: false,
          level: 'frontline',
          cadenceDays: 7,
          archived: false,
        },
      ],
      onSetRelationship: noop,
      onSetLevel: noop,
      onSetCadence: noop,
      onSetSnooze: noop,
      onSetArchived: noop,
      onMerge: noop,
      onOpenPerson: noop,
    },
    targets: {
      today,
      owners: [{ owner: { kind: 'team' }, label: 'Team' }],
      targets: [],
      onCreateTarget: noop,
      onDeleteTarget: noop,
      onAddProgress: noop,
      onCsvChosen: noop,
      onImportCsv: noop,
      onClearCsv: noop,
    },
    daysOff: { today, daysOff: [], weekendDays: [0, 6], onAddDaysOff: noop, onRemoveDayOff: noop, onSetWeekendDays: noop },
    backup: { today, nothingSyncs: true, onExport: noop, onImport: () => ({ ok: true, total: { added: 0, updated: 0, skipped: 0 } }) },
    account: {
      account: { state: 'signed-out' },
      sync: { kind: 'signed-out' },
      quarantinedCount: 0,
      onSignIn: noop,
      onSignOut: noop,
      onExportQuarantined: noop,
    },
    settings: {
      timeZone: 'Europe/Berlin',
      selfAliases: [],
      useO3Template: false,
      onSetTimeZone: noop,
      onSetSelfAliases: noop,
      onSetUseO3Template: noop,
    },
    ...overrides,
  };
}

const headings: Record<OptionsSectionId, string> = {
  people: 'People',
  targets: 'Targets',
  'days-off': 'Days off',
  backup: 'Backup',
  account: 'Account & sync',
  settings: 'Settings',
};

describe('OptionsPage', () => {
  it('has one tab per section and shows the selected one in the tab panel', () => {
    const root = mount(<OptionsPage {...props('people')} />);
    const tabs = allByRole(root, 'tab');
    expect(tabs.map((tab) => text(tab))).toEqual(OPTIONS_SECTIONS.map((section) => section.label));
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false', 'false', 'false', 'false']);
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1, -1, -1]);
    const panel = byRole(root, 'tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[0]!.id);
    for (const section of OPTIONS_SECTIONS) {
      rerender(root, <OptionsPage {...props(section.id)} />);
      expect(byRole(byRole(root, 'tabpanel'), 'heading', headings[section.id])).toBeDefined();
    }
  });

  it('asks the wiring to switch sections on click and with the arrow keys', () => {
    const p = props('targets');
    const root = mount(<OptionsPage {...p} />);
    click(byRole(root, 'tab', 'Backup'));
    expect(p.onSelectSection).toHaveBeenLastCalledWith('backup');
    pressKey(byRole(root, 'tab', 'Targets'), 'ArrowDown');
    expect(p.onSelectSection).toHaveBeenLastCalledWith('days-off');
    pressKey(byRole(root, 'tab', 'Targets'), 'ArrowUp');
    expect(p.onSelectSection).toHaveBeenLastCalledWith('people');
    pressKey(byRole(root, 'tab', 'Targets'), 'End');
    expect(p.onSelectSection).toHaveBeenLastCalledWith('settings');
    pressKey(byRole(root, 'tab', 'People'), 'ArrowUp');
    expect(p.onSelectSection).toHaveBeenLastCalledWith('settings');
  });

  it("shows a person's page in the People section when one is open", () => {
    const onBack = vi.fn();
    const root = mount(
      <OptionsPage
        {...props('people', {
          personPage: {
            today,
            person: { id: 'email:dana@example.com', displayName: 'Dana Reyes' },
            history: [],
            talkingPoints: [],
            onBack,
            onLogMeeting: noop,
            onAddTalkingPoint: noop,
            onDeleteTalkingPoint: noop,
            onOpenMeeting: noop,
          },
        })}
      />,
    );
    const panel = byRole(root, 'tabpanel');
    expect(byRole(panel, 'heading', 'Dana Reyes')).toBeDefined();
    expect(queryByRole(panel, 'table')).toBeUndefined();
    expect(text(panel)).toContain('No 1:1s with Dana Reyes yet.');
    click(byRole(panel, 'button', '← All people'));
    expect(onBack).toHaveBeenCalledTimes(1);
  });
});
