// The meeting record and the person for the 1:1 the sidebar opens on.
//
// A meeting the store already has (learnt from the Calendar API by the sync engine, or created by
// an earlier sidebar) is used as it is: the API is the source of truth for times and guests.
// Otherwise it is created from the page event: title, guests as attendees, organiser, the other
// person from the classification, `source: 'calendar'`, and a start from, in this order:
//   1. the instance id's `_<UTC start>` (recurring events): exact;
//   2. the sync engine: `sync:refresh` makes it fetch and store the event when signed in (the
//      answer carries only a status, so the meeting is read again from storage afterwards);
//   3. the dialog's time row, when it can be read with certainty (English pages, page-time.ts);
//   4. now (the sidebar is usually open during or just before the meeting).
// The person is created when unknown (identity: the email; else the title's name), with the
// relationship the organiser rule suggests (the user organises it: a direct).
import { newPersonFrom, suggestRelationship, type OtherPerson } from '../../domain/classify';
import type { Classification } from '../../domain/classify';
import { meetingIdForEvent, type Meeting, type Person } from '../../domain/schemas';
import { attendeesOf } from '../../background/page-events';
import type { PageEvent } from '../../calendar-page/page-event';
import { getMeeting, getPerson, putMeeting, putPerson, type CompanionDb, type StorageMessage } from '../../storage';
import { DEFAULT_MEETING_MS, parsePageTimeText, startFromInstanceId, type PageTime } from './page-time';

export type StartSource = 'instance-id' | 'calendar-api' | 'page-time' | 'now';

export type OneOnOne = Extract<Classification, { isOneOnOne: true }>;

/** The start and end of a meeting seen for the first time, from the page alone (no API). */
export function timeFromPage(pageEvent: Pick<PageEvent, 'eventId' | 'timeText'>, now: number, timeZone: string): PageTime & { source: StartSource } {
  const fromText = pageEvent.timeText === undefined ? undefined : parsePageTimeText(pageEvent.timeText, now, timeZone);
  const fromId = startFromInstanceId(pageEvent.eventId, timeZone);
  if (fromId) {
    // The id says when; the time row (if readable) says how long.
    const length = fromText && fromText.allDay === fromId.allDay ? fromText.end - fromText.start : fromId.allDay ? 86_400_000 : DEFAULT_MEETING_MS;
    return { start: fromId.start, end: fromId.start + length, allDay: fromId.allDay, source: 'instance-id' };
  }
  if (fromText) return { ...fromText, source: 'page-time' };
  return { start: now, end: now + DEFAULT_MEETING_MS, allDay: false, source: 'now' };
}

export interface MeetingFromPageInput {
  account: string;
  pageEvent: PageEvent;
  classification: OneOnOne;
  time: PageTime;
  /** The user's address and aliases. */
  selfEmails: readonly string[];
  now: number;
}

/** A meeting record made from what the page shows (see the top of this file). */
export function meetingFromPageEvent({ account, pageEvent, classification, time, selfEmails, now }: MeetingFromPageInput): Meeting {
  const self = new Set(selfEmails.map((email) => email.trim().toLowerCase()));
  const attendees = attendeesOf(pageEvent, [...self]);
  const organizer = pageEvent.guests.find((guest) => guest.organizer);
  const otherEmail = classification.other.email?.toLowerCase();
  const selfDeclined = pageEvent.guests.some((guest) => self.has(guest.email) && guest.responseStatus === 'declined');
  const otherDeclined = otherEmail !== undefined && pageEvent.guests.some((guest) => guest.email === otherEmail && guest.responseStatus === 'declined');
  return {
    account,
    id: meetingIdForEvent(account, pageEvent.eventId),
    source: 'calendar',
    eventId: pageEvent.eventId,
    calendarId: pageEvent.calendarId,
    ...(pageEvent.seriesId !== undefined && { seriesId: pageEvent.seriesId }),
    title: pageEvent.title,
    start: time.start,
    end: Math.max(time.start, time.end),
    allDay: time.allDay,
    attendees,
    ...(organizer !== undefined && { organizerEmail: organizer.email }),
    status: 'confirmed',
    ...(selfDeclined ? { declinedBy: 'me' as const } : otherDeclined ? { declinedBy: 'them' as const } : {}),
    personId: classification.other.personId,
    isOneOnOne: true,
    classificationReason: classification.reason,
    // The page does not say whether guests may modify the event: only someone else organising it
    // says "no". The sync engine corrects this from the API before it writes anything.
    canModify: organizer === undefined || self.has(organizer.email),
    markedHeld: false,
    updatedAt: now,
  };
}

/** A person seen for the first time, with the relationship the organiser rule suggests. */
export function personFromPage(account: string, other: OtherPerson, meeting: Meeting, selfEmails: readonly string[], now: number): Person {
  return newPersonFrom(account, other, suggestRelationship([meeting], undefined, selfEmails).relationship, now);
}

export interface MeetingSetupInput {
  db: CompanionDb;
  pageEvent: PageEvent;
  classification: OneOnOne;
  selfEmails: readonly string[];
  timeZone: string;
  now: () => number;
  /**
   * Asks the sync engine to fetch and store the event (`sync:refresh`); resolves when it answered
   * or gave up. Absent or failing: the page's own data is used.
   */
  refreshFromCalendar?: () => Promise<void>;
  notify: (message: StorageMessage) => void;
}

export interface MeetingSetup {
  meeting: Meeting;
  person: Person;
  /** Where the stored meeting came from: 'stored' when it existed before this sidebar opened. */
  source: 'stored' | StartSource;
}

/** Follows `mergedInto` (a provisional person merged into an address) a few hops at most. */
async function currentPerson(db: CompanionDb, personId: string): Promise<Person | undefined> {
  let id = personId;
  for (let hop = 0; hop < 4; hop++) {
    const person = await getPerson(db, id);
    if (!person?.mergedInto) return person;
    id = person.mergedInto;
  }
  return undefined;
}

/**
 * The meeting and the person for the open 1:1, stored when new (see the top of this file). A
 * stored meeting that is not (or no longer) a 1:1 with someone (the user just marked it as one)
 * takes this classification's person.
 */
export async function setUpMeeting(input: MeetingSetupInput): Promise<MeetingSetup> {
  const { db, pageEvent, classification, selfEmails, timeZone, now, notify } = input;
  const id = meetingIdForEvent(db.account, pageEvent.eventId);
  let meeting = await getMeeting(db, id);
  let source: MeetingSetup['source'] = 'stored';
  if (!meeting) {
    let time = timeFromPage(pageEvent, now(), timeZone);
    if (time.source !== 'instance-id' && input.refreshFromCalendar) {
      await input.refreshFromCalendar().catch(() => undefined);
      meeting = await getMeeting(db, id);
      if (meeting) source = 'calendar-api';
      else time = timeFromPage(pageEvent, now(), timeZone);
    }
    if (!meeting) {
      meeting = meetingFromPageEvent({ account: db.account, pageEvent, classification, time, selfEmails, now: now() });
      source = time.source;
      await putMeeting(db, meeting);
      notify({ type: 'meetings-changed', account: db.account, ids: [meeting.id] });
    }
  }
  const marked = classification.reason === 'marked-event' || classification.reason === 'marked-series';
  if (meeting.personId === undefined || (!meeting.isOneOnOne && marked) || (marked && meeting.personId !== classification.other.personId)) {
    meeting = { ...meeting, personId: classification.other.personId, isOneOnOne: true, classificationReason: classification.reason, updatedAt: now() };
    await putMeeting(db, meeting);
    notify({ type: 'meetings-changed', account: db.account, ids: [meeting.id] });
  }
  const personId = meeting.personId!;
  let person = await currentPerson(db, personId);
  if (!person) {
    const other: OtherPerson = personId === classification.other.personId ? classification.other : { ...classification.other, personId };
    person = personFromPage(db.account, other, meeting, selfEmails, now());
    await putPerson(db, person);
    notify({ type: 'people-changed', account: db.account, ids: [person.id] });
  } else if (person.email !== undefined && person.displayName === person.email && classification.other.email === person.email) {
    // Known by address only so far; the page shows the name.
    const name = classification.other.displayName.trim();
    if (name !== '' && name !== person.email) {
      person = { ...person, displayName: name, updatedAt: now() };
      await putPerson(db, person);
      notify({ type: 'people-changed', account: db.account, ids: [person.id] });
    }
  }
  return { meeting, person, source };
}
