// What the People section and a person's page ask for, against storage: relationship, level,
// cadence, snooze, archive, merging two records of one person, logging a 1:1 held off the
// calendar, talking points. Every handler checks the input first and answers with an Outcome;
// after a write it posts the matching StorageChannel notice.
import { dayOf, isCalendarDay } from '../domain/calendar-time';
import {
  Level,
  noteId,
  Relationship,
  type ActionItem,
  type CalendarDay,
  type Meeting,
  type Note,
  type Person,
  type ProgressEntry,
  type TalkingPoint,
  type Target,
} from '../domain/schemas';
import { checkRecord, getPerson, putPerson, putTalkingPoint, deleteTalkingPoint as removeTalkingPoint, toStoredTalkingPoint, validForWrite } from '../storage';
import type { LoggedMeetingInput, Outcome } from '../ui/options/view-model';
import { done, guarded, randomIdPart, refused, writeFailure, type ActionContext } from './action-context';
import { effectiveTimeZone, loadOrCreateSettings } from './settings';
import { instantAt } from './time';

export const MIN_CADENCE_DAYS = 1;
export const MAX_CADENCE_DAYS = 366;
export const MAX_LOGGED_MINUTES = 480;

async function todayOf(ctx: ActionContext): Promise<{ today: CalendarDay; timeZone: string }> {
  const settings = await loadOrCreateSettings(ctx.db, ctx.now());
  const timeZone = effectiveTimeZone(settings);
  return { today: dayOf(ctx.now(), timeZone), timeZone };
}

/** Reads a person that may be changed: known, and not merged into someone else. */
async function changeablePerson(ctx: ActionContext, personId: string): Promise<Person | Outcome> {
  const person = await getPerson(ctx.db, personId);
  if (!person) return refused('That person is no longer here (merged or removed elsewhere): reload the page.');
  if (person.mergedInto !== undefined) return refused(`${person.displayName} was merged into someone else; change that person instead.`);
  return person;
}

function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

async function updatePerson(ctx: ActionContext, personId: string, change: (person: Person) => Person | Outcome): Promise<Outcome> {
  return guarded(async () => {
    const person = await changeablePerson(ctx, personId);
    if (isOutcome(person)) return person;
    const updated = change(person);
    if (isOutcome(updated)) return updated;
    await putPerson(ctx.db, { ...updated, updatedAt: ctx.now() });
    ctx.notify({ type: 'people-changed', account: ctx.db.account, ids: [personId] });
    return done();
  });
}

export function setRelationship(ctx: ActionContext, personId: string, relationship: string): Promise<Outcome> {
  const parsed = Relationship.safeParse(relationship);
  if (!parsed.success) return Promise.resolve(refused(`“${relationship}” is not a relationship (direct, manager, peer or other).`));
  return updatePerson(ctx, personId, (person) => ({ ...person, relationship: parsed.data, relationshipSource: 'confirmed' }));
}

export function setLevel(ctx: ActionContext, personId: string, level: string): Promise<Outcome> {
  const parsed = Level.safeParse(level);
  if (!parsed.success) return Promise.resolve(refused(`“${level}” is not a level (frontline, manager, director, VP or executive).`));
  return updatePerson(ctx, personId, (person) => ({ ...person, level: parsed.data }));
}

export function setCadence(ctx: ActionContext, personId: string, cadenceDays: number): Promise<Outcome> {
  if (!Number.isInteger(cadenceDays) || cadenceDays < MIN_CADENCE_DAYS || cadenceDays > MAX_CADENCE_DAYS) {
    return Promise.resolve(refused(`Cadence must be a whole number of days from ${MIN_CADENCE_DAYS} to ${MAX_CADENCE_DAYS}.`));
  }
  return updatePerson(ctx, personId, (person) => ({ ...person, cadenceDays }));
}

export async function setSnooze(ctx: ActionContext, personId: string, until: CalendarDay | undefined): Promise<Outcome> {
  if (until !== undefined) {
    if (!isCalendarDay(until)) return refused(`“${until}” is not a date (YYYY-MM-DD).`);
    const { today } = await todayOf(ctx);
    if (until < today) return refused('Snooze until today or a later day.');
  }
  return updatePerson(ctx, personId, (person) => {
    const { snoozedUntil: _previous, ...rest } = person;
    return until === undefined ? rest : { ...rest, snoozedUntil: until };
  });
}

export function setArchived(ctx: ActionContext, personId: string, archived: boolean): Promise<Outcome> {
  if (typeof archived !== 'boolean') return Promise.resolve(refused('Archive is yes or no.'));
  return updatePerson(ctx, personId, (person) => ({ ...person, archived }));
}

// ---------------------------------------------------------------------------------------------
// Merge

export interface MergeResult {
  meetings: number;
  notes: number;
  actionItems: number;
  talkingPoints: number;
  targets: number;
  progress: number;
}

const MERGE_STORES = ['people', 'meetings', 'notes', 'actionItems', 'talkingPoints', 'targets', 'progress'] as const;

/**
 * Merges `sourceId` into `targetId`: the source's meetings, notes, action items, talking points,
 * targets and the progress credited to it move to the target, and the source record gets
 * `mergedInto` (readers follow it; it stops being listed). One readwrite transaction over every
 * store involved, and every moved record is validated before anything is written: either all of
 * it moves or nothing does. Records that are damaged (they fail validation) are left where they
 * are, for the quarantine.
 */
export async function mergePeople(ctx: ActionContext, sourceId: string, targetId: string): Promise<Outcome> {
  if (sourceId === targetId) return refused('Choose two different people.');
  const { db } = ctx;
  const now = ctx.now();
  let moved: MergeResult;
  let source: Person;
  let target: Person;
  const movedIds = { meetings: [] as string[], actionItems: [] as string[], talkingPoints: [] as string[], targets: [] as string[] };
  try {
    const tx = db.idb.transaction([...MERGE_STORES], 'readwrite');
    // An aborted merge rejects tx.done; the abort is the answer, not an error to report twice.
    tx.done.catch(() => {});
    try {
      const people = tx.objectStore('people');
      const sourceCheck = checkRecord('people', await people.get(sourceId), db.account);
      const targetCheck = checkRecord('people', await people.get(targetId), db.account);
      if (!sourceCheck.ok || !targetCheck.ok) {
        tx.abort();
        return refused('One of the two people is no longer here or cannot be read: reload the page.');
      }
      source = sourceCheck.value;
      target = targetCheck.value;
      const problem = mergeProblem(source, target);
      if (problem) {
        tx.abort();
        return refused(problem);
      }
      const personRange = IDBKeyRange.bound([sourceId], [sourceId, []]);
      const [rawMeetings, rawNotes, rawItems, rawPoints, rawTargets, rawProgress] = await Promise.all([
        tx.objectStore('meetings').index('by-person-start').getAll(personRange),
        tx.objectStore('notes').index('by-person-updated').getAll(personRange),
        tx.objectStore('actionItems').index('by-person-status-created').getAll(personRange),
        tx.objectStore('talkingPoints').index('by-person-created').getAll(personRange),
        tx.objectStore('targets').index('by-person-end').getAll(personRange),
        // Progress credited to a person has no index by person (it is read by target): a merge is
        // rare, so one walk over the store is fine.
        tx.objectStore('progress').getAll(),
      ]);
      const valid = <S extends (typeof MERGE_STORES)[number]>(store: S, raws: unknown[]) =>
        raws.flatMap((raw) => {
          const check = checkRecord(store, raw, db.account);
          return check.ok ? [check.value] : [];
        });
      // Everything is computed and validated before the first write.
      const meetings = valid('meetings', rawMeetings).map((m) => validForWrite(db, 'meetings', { ...(m as Meeting), personId: targetId, updatedAt: now }));
      const notes = valid('notes', rawNotes).map((n) => validForWrite(db, 'notes', { ...(n as Note), personId: targetId }));
      const items = valid('actionItems', rawItems).map((i) => validForWrite(db, 'actionItems', { ...(i as ActionItem), personId: targetId, updatedAt: now }));
      const points = valid('talkingPoints', rawPoints).map((p) => validForWrite(db, 'talkingPoints', { ...(p as TalkingPoint), personId: targetId }));
      const targets = valid('targets', rawTargets)
        .filter((t) => (t as Target).owner.kind === 'person')
        .map((t) => validForWrite(db, 'targets', { ...(t as Target), owner: { kind: 'person', personId: targetId }, updatedAt: now }));
      const progress = valid('progress', rawProgress)
        .filter((p) => (p as ProgressEntry).personId === sourceId)
        .map((p) => validForWrite(db, 'progress', { ...(p as ProgressEntry), personId: targetId, updatedAt: now }));
      const mergedSource = validForWrite(db, 'people', { ...source, mergedInto: targetId, updatedAt: now });
      const updatedTarget = validForWrite(db, 'people', { ...target, updatedAt: now });

      await Promise.all([
        ...meetings.map((m) => tx.objectStore('meetings').put(m)),
        ...notes.map((n) => tx.objectStore('notes').put(n)),
        ...items.map((i) => tx.objectStore('actionItems').put(i)),
        ...points.map((p) => tx.objectStore('talkingPoints').put(toStoredTalkingPoint(p))),
        ...targets.map((t) => tx.objectStore('targets').put(t)),
        ...progress.map((p) => tx.objectStore('progress').put(p)),
        people.put(mergedSource),
        people.put(updatedTarget),
      ]);
      await tx.done;
      moved = { meetings: meetings.length, notes: notes.length, actionItems: items.length, talkingPoints: points.length, targets: targets.length, progress: progress.length };
      movedIds.meetings = meetings.map((m) => m.id);
      movedIds.actionItems = items.map((i) => i.id);
      movedIds.talkingPoints = points.map((p) => p.id);
      movedIds.targets = targets.map((t) => t.id);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      throw error;
    }
  } catch (error) {
    return writeFailure(error);
  }
  const account = db.account;
  ctx.notify({ type: 'people-changed', account, ids: [sourceId, targetId] });
  if (movedIds.meetings.length > 0) ctx.notify({ type: 'meetings-changed', account, ids: movedIds.meetings });
  if (movedIds.actionItems.length > 0) ctx.notify({ type: 'action-items-changed', account, ids: movedIds.actionItems });
  if (movedIds.talkingPoints.length > 0) ctx.notify({ type: 'talking-points-changed', account, ids: movedIds.talkingPoints });
  if (movedIds.targets.length > 0 || moved.progress > 0) ctx.notify({ type: 'targets-changed', account, ids: movedIds.targets });
  return done(`Merged ${source.displayName} into ${target.displayName}: ${describeMoved(moved)}.`);
}

/** Why two records cannot be merged, or undefined when they can. */
export function mergeProblem(source: Person, target: Person): string | undefined {
  if (source.id === target.id) return 'Choose two different people.';
  if (source.mergedInto !== undefined) return `${source.displayName} was already merged into someone else.`;
  if (target.mergedInto !== undefined) return `${target.displayName} was merged into someone else; merge into that person instead.`;
  if (source.email && !target.email) {
    return `Merge the other way round: “${target.displayName}” is known by name only, so merge it into ${source.displayName} <${source.email}>.`;
  }
  return undefined;
}

function describeMoved(moved: MergeResult): string {
  const parts: string[] = [];
  const add = (count: number, one: string, many: string) => {
    if (count > 0) parts.push(`${count} ${count === 1 ? one : many}`);
  };
  add(moved.meetings, '1:1', '1:1s');
  add(moved.notes, 'note', 'notes');
  add(moved.actionItems, 'action item', 'action items');
  add(moved.talkingPoints, 'talking point', 'talking points');
  add(moved.targets, 'target', 'targets');
  add(moved.progress, 'progress entry', 'progress entries');
  return parts.length === 0 ? 'nothing else to move' : `moved ${parts.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// A 1:1 held off the calendar

/**
 * Stores a 1:1 that happened without a calendar event (a walk, a call) as a `Meeting` with
 * source 'logged', marked held, and its notes, in one transaction. It counts as held, so the
 * person's overdue clock restarts from its day.
 */
export async function logMeeting(ctx: ActionContext, personId: string, input: LoggedMeetingInput): Promise<Outcome> {
  const { today, timeZone } = await todayOf(ctx);
  if (!isCalendarDay(input.day)) return refused(`“${input.day}” is not a date (YYYY-MM-DD).`);
  if (input.day > today) return refused('A 1:1 held off the calendar is today or earlier.');
  const start = instantAt(input.day, input.time, timeZone);
  if (start === undefined) return refused('Enter a time as HH:MM (24-hour).');
  if (start > ctx.now()) return refused('That time is still to come: log a 1:1 once it was held.');
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > MAX_LOGGED_MINUTES) {
    return refused(`Duration must be a whole number of minutes from 1 to ${MAX_LOGGED_MINUTES}.`);
  }
  if (typeof input.sharedNotes !== 'string' || typeof input.privateNotes !== 'string') return refused('Notes must be text.');
  return guarded(async () => {
    const person = await changeablePerson(ctx, personId);
    if (isOutcome(person)) return person;
    const now = ctx.now();
    const { db } = ctx;
    const id = `${db.account}|logged:${randomIdPart(ctx.random)}`;
    const meeting = validForWrite(db, 'meetings', {
      account: db.account,
      id,
      source: 'logged',
      title: '1:1 off the calendar',
      start,
      end: start + input.durationMinutes * 60_000,
      allDay: false,
      attendees: [],
      status: 'confirmed',
      personId,
      isOneOnOne: true,
      classificationReason: 'marked-event',
      canModify: false,
      markedHeld: true,
      updatedAt: now,
    } satisfies Meeting);
    const notes = (['shared', 'private'] as const)
      .map((kind) => ({ kind, text: kind === 'shared' ? input.sharedNotes : input.privateNotes }))
      .filter((note) => note.text.trim() !== '')
      .map((note) =>
        validForWrite(db, 'notes', {
          account: db.account,
          id: noteId(id, note.kind),
          meetingId: id,
          personId,
          kind: note.kind,
          text: note.text,
          updatedAt: now,
          revision: 1,
        } satisfies Note),
      );
    const tx = db.idb.transaction(['meetings', 'notes'], 'readwrite');
    await Promise.all([tx.objectStore('meetings').put(meeting), ...notes.map((note) => tx.objectStore('notes').put(note)), tx.done]);
    ctx.notify({ type: 'meetings-changed', account: db.account, ids: [id] });
    for (const note of notes) ctx.notify({ type: 'note-saved', account: db.account, noteId: note.id, meetingId: id, revision: note.revision });
    return done(`Logged a 1:1 with ${person.displayName} on ${input.day}.`);
  });
}

// ---------------------------------------------------------------------------------------------
// Talking points

export const MAX_TALKING_POINT_LENGTH = 2000;

export async function addTalkingPoint(ctx: ActionContext, personId: string, text: string): Promise<Outcome> {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return refused('Write the talking point first.');
  if (trimmed.length > MAX_TALKING_POINT_LENGTH) return refused(`A talking point is at most ${MAX_TALKING_POINT_LENGTH} characters.`);
  return guarded(async () => {
    const person = await changeablePerson(ctx, personId);
    if (isOutcome(person)) return person;
    const point: TalkingPoint = { account: ctx.db.account, id: `tp-${randomIdPart(ctx.random)}`, personId, text: trimmed, createdAt: ctx.now() };
    await putTalkingPoint(ctx.db, point);
    ctx.notify({ type: 'talking-points-changed', account: ctx.db.account, ids: [point.id] });
    return done();
  });
}

export async function deleteTalkingPoint(ctx: ActionContext, id: string): Promise<Outcome> {
  return guarded(async () => {
    await removeTalkingPoint(ctx.db, id);
    ctx.notify({ type: 'talking-points-changed', account: ctx.db.account, ids: [id] });
    return done();
  });
}
