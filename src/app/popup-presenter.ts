// The toolbar popup's view model from records: which directs are overdue (the domain's rule),
// this week's 1:1s, the time they take, and what the user owes. Pure: the records, the instant
// and the user's zone come in; nothing here reads storage or a clock.
import { dayOf, periodInstants, weekOf } from '../domain/calendar-time';
import { backupReminderDue } from '../storage/backup';
import { directStatuses, isActiveDirect, oneOnOneMinutesThisWeek, overdueDirects, takesPlace, type OverdueStatus } from '../domain/overdue';
import type { ActionItem, Meeting, Person, Settings } from '../domain/schemas';
import type {
  AccountView,
  HoursView,
  OverdueRowView,
  OwedItemView,
  PopupViewModel,
  SyncSummaryView,
  WeekMeetingView,
} from '../ui/popup/view-model';
import { indexPeople, personName } from './names';
import { minutesBetween, timeOfDay } from './time';

/** A 1:1's length when the person's last one does not say (DESIGN.md: weekly 30-minute 1:1s). */
export const USUAL_ONE_ON_ONE_MINUTES = 30;

export interface PopupData {
  /** Every person record (archived and merged ones too: the rules leave them out themselves). */
  people: readonly Person[];
  /**
   * The meetings the rules look at: at least each person's last held and next booked 1:1 and
   * every 1:1 of this week (more does no harm).
   */
  meetings: readonly Meeting[];
  /** Open action items the user owns. */
  owed: readonly ActionItem[];
  settings: Settings | undefined;
  account: AccountView;
  sync: SyncSummaryView;
  /** Shared notes reach the calendar (signed in): no backup reminder then. */
  syncEnabled: boolean;
}

/** The overdue rows: the domain's overdue directs, most overdue first, with days since and the next booking. */
export function overdueRows(statuses: readonly OverdueStatus[], timeZone: string): OverdueRowView[] {
  return statuses.map((status) => {
    const row: OverdueRowView = { personId: status.person.id, displayName: status.person.displayName || status.person.email || status.person.id };
    if (status.daysSince !== undefined) row.daysSinceLast = status.daysSince;
    if (status.nextBooked) {
      const next = status.nextBooked;
      row.next = { meetingId: next.id, day: dayOf(next.start, timeZone), ...(next.allDay ? {} : { timeText: timeOfDay(next.start, timeZone) }) };
    }
    return row;
  });
}

/** 1:1s overlapping the week of `now` (Monday to Sunday in the user's zone), cancelled ones marked. */
export function weekMeetings(meetings: readonly Meeting[], people: readonly Person[], now: number, timeZone: string): WeekMeetingView[] {
  const index = indexPeople(people);
  const range = periodInstants(weekOf(dayOf(now, timeZone)), timeZone);
  const seen = new Set<string>();
  const rows: WeekMeetingView[] = [];
  for (const meeting of meetings) {
    if (!meeting.isOneOnOne || seen.has(meeting.id)) continue;
    const end = Math.max(meeting.end, meeting.start + 1);
    if (meeting.start >= range.end || end <= range.start) continue;
    seen.add(meeting.id);
    const row: WeekMeetingView = {
      meetingId: meeting.id,
      start: meeting.start,
      day: dayOf(Math.max(meeting.start, range.start), timeZone),
      personName: meeting.personId === undefined ? otherAttendeeName(meeting) : personName(index, meeting.personId),
      title: meeting.title,
    };
    if (!meeting.allDay) row.timeText = timeOfDay(meeting.start, timeZone);
    if (!takesPlace(meeting)) row.cancelled = true;
    rows.push(row);
  }
  return rows.sort((a, b) => a.start - b.start || (a.meetingId < b.meetingId ? -1 : 1));
}

function otherAttendeeName(meeting: Meeting): string {
  const other = meeting.attendees.find((attendee) => !attendee.self && !attendee.resource);
  return other?.displayName || other?.email || meeting.title;
}

/**
 * Minutes of 1:1s this week against what a week would take if every active direct had their
 * 1:1 at their cadence, each as long as their last one (30 minutes when that is unknown).
 * Absent while there are no directs.
 */
export function hoursThisWeek(people: readonly Person[], meetings: readonly Meeting[], statuses: readonly OverdueStatus[], now: number, timeZone: string): HoursView | undefined {
  const directs = people.filter(isActiveDirect);
  if (directs.length === 0) return undefined;
  const lastLength = new Map<string, number>();
  for (const status of statuses) {
    const last = status.lastHeld;
    if (!last || last.allDay) continue;
    const minutes = minutesBetween(last.start, last.end);
    if (minutes > 0) lastLength.set(status.person.id, minutes);
  }
  let ifEvery = 0;
  for (const person of directs) ifEvery += ((lastLength.get(person.id) ?? USUAL_ONE_ON_ONE_MINUTES) * 7) / person.cadenceDays;
  const week = oneOnOneMinutesThisWeek(uniqueById(meetings), now, timeZone);
  return { spentMinutes: week.total, ifEveryDirectMinutes: Math.round(ifEvery) };
}

function uniqueById(meetings: readonly Meeting[]): Meeting[] {
  const byId = new Map<string, Meeting>();
  for (const meeting of meetings) byId.set(meeting.id, meeting);
  return [...byId.values()];
}

/** What the user owes, oldest first. */
export function owedItems(owed: readonly ActionItem[], people: readonly Person[], timeZone: string): OwedItemView[] {
  const index = indexPeople(people);
  return owed
    .filter((item) => item.owner === 'me' && item.status === 'open')
    .map((item): OwedItemView => ({
      id: item.id,
      text: item.text,
      personName: personName(index, item.personId),
      createdAt: item.createdAt,
      createdDay: dayOf(item.createdAt, timeZone),
      ...(item.due ? { due: item.due } : {}),
    }))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The toolbar popup's model. */
export function popupViewModel(data: PopupData, now: number, timeZone: string): PopupViewModel {
  const meetings = uniqueById(data.meetings);
  const statuses = directStatuses(data.people, meetings, now, timeZone);
  const model: PopupViewModel = {
    today: dayOf(now, timeZone),
    account: data.account,
    sync: data.sync,
    noOneOnOnesYet: !meetings.some((meeting) => meeting.isOneOnOne),
    overdue: overdueRows(statuses.filter((status) => status.overdue), timeZone),
    week: weekMeetings(meetings, data.people, now, timeZone),
    owed: owedItems(data.owed, data.people, timeZone),
  };
  const hours = hoursThisWeek(data.people, meetings, statuses, now, timeZone);
  if (hours) model.hours = hours;
  if (backupReminderDue(data.settings, data.syncEnabled, now)) {
    const last = data.settings?.lastBackupAt;
    model.backupReminder = last === undefined ? {} : { lastBackupDay: dayOf(last, timeZone) };
  }
  return model;
}

/** The number the toolbar badge shows: overdue directs (CONTRACT.md "Popup"). */
export function overdueCount(people: readonly Person[], meetings: readonly Meeting[], now: number, timeZone: string): number {
  return overdueDirects(people, uniqueById(meetings), now, timeZone).length;
}

/** The badge's text: the count, or nothing when no one is overdue. */
export function overdueBadgeText(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}
