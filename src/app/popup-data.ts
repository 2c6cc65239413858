// The popup's (and the badge's) reads from storage: every person, each one's last held and next
// booked 1:1 (index walks of a step or two per person, see storage/popup-reads.ts), this week's
// 1:1s, and what the user owes. Nothing here grows with the length of the history.
import { dayOf, periodInstants, weekOf } from '../domain/calendar-time';
import { takesPlace } from '../domain/overdue';
import type { ActionItem, Meeting, Person, Settings } from '../domain/schemas';
import { listAllPeople, loadDirectsSummary, meetingsBetween, whatIOwe, type CompanionDb } from '../storage';
import { effectiveTimeZone, loadOrCreateSettings } from './settings';

/** A 1:1 counts as held by the domain's rule (logged and marked-held ones too). */
export function heldOneOnOne(meeting: Meeting): boolean {
  return meeting.isOneOnOne && takesPlace(meeting);
}

export interface OverdueInputs {
  settings: Settings;
  timeZone: string;
  people: Person[];
  /** Each person's last held and next booked 1:1 and this week's 1:1s. */
  meetings: Meeting[];
}

/** What the overdue rule and the week's lists need. */
export async function loadOverdueInputs(db: CompanionDb, now: number): Promise<OverdueInputs> {
  const settings = await loadOrCreateSettings(db, now);
  const timeZone = effectiveTimeZone(settings);
  const week = periodInstants(weekOf(dayOf(now, timeZone)), timeZone);
  const [people, summaries, thisWeek] = await Promise.all([
    // Merged and archived records too: the overdue rule and the names follow `mergedInto`.
    listAllPeople(db),
    loadDirectsSummary(db, now, { people: 'all', isHeld: (meeting) => meeting.start < now && heldOneOnOne(meeting) }),
    meetingsBetween(db, week.start, week.end),
  ]);
  const meetings: Meeting[] = [...thisWeek];
  for (const summary of summaries) {
    if (summary.lastHeld) meetings.push(summary.lastHeld);
    if (summary.nextBooked) meetings.push(summary.nextBooked);
  }
  return { settings, timeZone, people, meetings };
}

export interface PopupRecords extends OverdueInputs {
  owed: ActionItem[];
}

export async function loadPopupRecords(db: CompanionDb, now: number): Promise<PopupRecords> {
  const [inputs, owed] = await Promise.all([loadOverdueInputs(db, now), whatIOwe(db)]);
  return { ...inputs, owed };
}
