// The toolbar popup's components, props only (see view-model.ts for the model and callbacks).
export { PopupView } from './PopupView';
export { AccountStatus } from './AccountStatus';
export type { AccountStatusProps } from './AccountStatus';
export { accountText, daysSinceText, formatMinutes, hoursLine, syncSummaryText, unbreakable } from './format';
export type {
  AccountView,
  HoursView,
  OverdueRowView,
  OwedItemView,
  PopupCallbacks,
  PopupViewModel,
  PopupViewProps,
  SyncSummaryView,
  WeekMeetingView,
} from './view-model';
