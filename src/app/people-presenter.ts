// The options page's People table and a person's page, from records. Pure.
import { dayOf } from '../domain/calendar-time';
import type { OverdueStatus } from '../domain/overdue';
import type { Meeting, Person, TalkingPoint } from '../domain/schemas';
import type { HistoryEntry } from '../storage/history';
import { LEVEL_LABELS, RELATIONSHIP_LABELS } from '../ui/options/PeopleSection';
import type { HistoryEntryView, HistoryState, PersonPageProps, PersonRowView, TalkingPointRowView } from '../ui/options/view-model';
import { timeRangeText } from './time';

/** The person page's data part (its callbacks come from the wiring). */
export type PersonPageModel = Pick<PersonPageProps, 'today' | 'person' | 'history' | 'talkingPoints'>;

/** What a direct's row flags from the domain's status: overdue, or no 1:1 held yet. */
export function attentionOf(status: OverdueStatus | undefined): PersonRowView['attention'] {
  if (!status) return undefined;
  if (status.overdue && status.daysSince !== undefined) return { kind: 'overdue', daysSinceLast: status.daysSince, cadenceDays: status.person.cadenceDays };
  if (status.noOneOnOneYet) return { kind: 'no-one-on-one-yet' };
  return undefined;
}

/**
 * Everyone but merged records, directs first, then by name. `lastHeld` and `meetingCounts` are
 * by person id (a person missing from them has no 1:1 on record). `statuses` are the domain's
 * directStatuses: an overdue direct, or one with no 1:1 yet, is flagged in its row.
 */
export function peopleRows(
  people: readonly Person[],
  lastHeld: ReadonlyMap<string, Meeting>,
  meetingCounts: ReadonlyMap<string, number>,
  timeZone: string,
  statuses: readonly OverdueStatus[] = [],
): PersonRowView[] {
  const statusById = new Map(statuses.map((status) => [status.person.id, status]));
  return people
    .filter((person) => person.mergedInto === undefined)
    .sort(
      (a, b) =>
        Number(b.relationship === 'direct') - Number(a.relationship === 'direct') ||
        a.displayName.localeCompare(b.displayName) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((person): PersonRowView => {
      const row: PersonRowView = {
        id: person.id,
        displayName: person.displayName,
        relationship: person.relationship,
        relationshipSuggested: person.relationshipSource === 'suggested',
        level: person.level,
        cadenceDays: person.cadenceDays,
        archived: person.archived,
        meetingCount: meetingCounts.get(person.id) ?? 0,
      };
      if (person.email) row.email = person.email;
      if (person.snoozedUntil) row.snoozedUntil = person.snoozedUntil;
      const last = lastHeld.get(person.id);
      if (last) row.lastOneOnOneDay = dayOf(last.start, timeZone);
      const attention = attentionOf(statusById.get(person.id));
      if (attention) row.attention = attention;
      return row;
    });
}

/** "Direct · Frontline · every 7 days". */
export function personSummaryText(person: Person): string {
  const cadence = person.cadenceDays === 1 ? 'every day' : `every ${person.cadenceDays} days`;
  const relationship = `${RELATIONSHIP_LABELS[person.relationship]}${person.relationshipSource === 'suggested' ? ' (suggested)' : ''}`;
  return [relationship, LEVEL_LABELS[person.level], cadence, person.archived ? 'archived' : ''].filter((part) => part !== '').join(' · ');
}

/** What became of a 1:1: logged, cancelled, declined, upcoming or held. */
export function historyState(meeting: Meeting, now: number): { state: HistoryState; declinedBy?: 'me' | 'them' } {
  if (meeting.source === 'logged') return { state: 'logged' };
  if (!meeting.markedHeld) {
    if (meeting.status === 'cancelled') return { state: 'cancelled' };
    if (meeting.declinedBy) return { state: 'declined', declinedBy: meeting.declinedBy };
  }
  if (meeting.start >= now) return { state: 'upcoming' };
  return { state: 'held' };
}

export function historyEntryView(entry: HistoryEntry, now: number, timeZone: string): HistoryEntryView {
  const { meeting } = entry;
  const view: HistoryEntryView = {
    meetingId: meeting.id,
    start: meeting.start,
    day: dayOf(meeting.start, timeZone),
    title: meeting.title,
    ...historyState(meeting, now),
    sharedNotes: entry.shared?.text ?? '',
    privateNotes: entry.private?.text ?? '',
    actionItems: entry.actionItems.map((item) => ({
      id: item.id,
      text: item.text,
      owner: item.owner,
      done: item.status === 'done',
      ...(item.due ? { due: item.due } : {}),
    })),
    inCalendar: meeting.source === 'calendar' && meeting.eventId !== undefined && meeting.calendarId !== undefined,
  };
  if (!meeting.allDay) view.timeText = timeRangeText(meeting.start, meeting.end, timeZone);
  return view;
}

export function personPageModel(
  person: Person,
  history: readonly HistoryEntry[],
  talkingPoints: readonly TalkingPoint[],
  now: number,
  timeZone: string,
): PersonPageModel {
  return {
    today: dayOf(now, timeZone),
    person: {
      id: person.id,
      displayName: person.displayName,
      ...(person.email ? { email: person.email } : {}),
      summaryText: personSummaryText(person),
    },
    history: history.map((entry) => historyEntryView(entry, now, timeZone)).sort((a, b) => b.start - a.start),
    talkingPoints: talkingPoints
      .filter((point) => point.discussedAt === undefined && point.discussedInMeetingId === undefined)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((point): TalkingPointRowView => ({ id: point.id, text: point.text, createdDay: dayOf(point.createdAt, timeZone) })),
  };
}
