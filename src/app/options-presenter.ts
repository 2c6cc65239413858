// The options page's view models, section by section, from records. Pure: the wiring loads the
// records (options-data.ts), calls this, and adds the callbacks (options-actions.ts).
import { dayOf } from '../domain/calendar-time';
import { directStatuses } from '../domain/overdue';
import type { Meeting, Person, ProgressEntry, Settings, TalkingPoint, Target } from '../domain/schemas';
import type { HistoryEntry } from '../storage/history';
import type { AccountView, SyncSummaryView } from '../ui/popup/view-model';
import type {
  AccountSectionProps,
  BackupSectionProps,
  DaysOffSectionProps,
  PeopleSectionProps,
  SettingsSectionProps,
  TargetsSectionProps,
} from '../ui/options/view-model';
import { peopleRows, personPageModel, type PersonPageModel } from './people-presenter';
import { targetOwnerOptions, targetViews } from './targets-presenter';

export interface OptionsData {
  /** Every person record (merged ones are left out of the lists here). */
  people: readonly Person[];
  /** Each person's last held 1:1, by person id. */
  lastHeld: ReadonlyMap<string, Meeting>;
  /** How many meetings each person has on record, by person id. */
  meetingCounts: ReadonlyMap<string, number>;
  targets: readonly Target[];
  progress: readonly ProgressEntry[];
  settings: Settings;
  account: AccountView;
  sync: SyncSummaryView;
  /** Shared notes reach the calendar (signed in). */
  syncEnabled: boolean;
  quarantinedCount: number;
  /** The person whose page is open, with their whole history and open talking points. */
  personPage?: { person: Person; history: readonly HistoryEntry[]; talkingPoints: readonly TalkingPoint[] };
}

export interface OptionsViewModels {
  today: string;
  people: Pick<PeopleSectionProps, 'today' | 'people'>;
  personPage?: PersonPageModel;
  targets: Pick<TargetsSectionProps, 'today' | 'owners' | 'targets'>;
  daysOff: Pick<DaysOffSectionProps, 'today' | 'daysOff' | 'weekendDays'>;
  backup: Pick<BackupSectionProps, 'today' | 'lastBackupDay' | 'nothingSyncs'>;
  account: Pick<AccountSectionProps, 'account' | 'sync' | 'quarantinedCount'>;
  settings: Pick<SettingsSectionProps, 'timeZone' | 'selfAliases' | 'useO3Template'>;
}

export function optionsViewModels(data: OptionsData, now: number, timeZone: string): OptionsViewModels {
  const today = dayOf(now, timeZone);
  // The popup's rule on the same records: each person's last held 1:1 is all it needs here.
  const statuses = directStatuses(data.people, [...data.lastHeld.values()], now, timeZone);
  const models: OptionsViewModels = {
    today,
    people: { today, people: peopleRows(data.people, data.lastHeld, data.meetingCounts, timeZone, statuses) },
    targets: {
      today,
      owners: targetOwnerOptions(data.people),
      targets: targetViews({ targets: data.targets, progress: data.progress, people: data.people, settings: data.settings }, today),
    },
    daysOff: { today, daysOff: [...data.settings.daysOff].sort(), weekendDays: [...data.settings.weekendDays].sort((a, b) => a - b) },
    backup: {
      today,
      nothingSyncs: !data.syncEnabled,
      ...(data.settings.lastBackupAt === undefined ? {} : { lastBackupDay: dayOf(data.settings.lastBackupAt, timeZone) }),
    },
    account: { account: data.account, sync: data.sync, quarantinedCount: data.quarantinedCount },
    settings: { timeZone: data.settings.timeZone, selfAliases: [...data.settings.selfAliases], useO3Template: data.settings.useO3Template },
  };
  if (data.personPage) {
    const { person, history, talkingPoints } = data.personPage;
    models.personPage = personPageModel(person, history, talkingPoints, now, timeZone);
  }
  return models;
}
