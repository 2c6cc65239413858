import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Note } from '../../src/domain/schemas';
import type { CompanionDb } from '../../src/storage/db';
import { hasNotes, loadOlderNotes, loadPersonThread } from '../../src/storage/person-thread';
import { putActionItems, putMeetings, putPerson, putProgressEntries, putRecords, putTalkingPoint, putTargets } from '../../src/storage/repositories';
import { actionItem, DAY_MS, freshDb, meeting, note, person, progress, T0, talkingPoint, target } from './fixtures';

let db: CompanionDb | undefined;
afterEach(() => db?.close());

const dana = person('dana@example.com');
const sam = person('sam@example.com');

describe('loadPersonThread', () => {
  it('shows the most recent earlier 1:1 with notes, skipping empty ones, later ones and other people', async () => {
    db = await freshDb();
    await putPerson(db, dana);
    await putPerson(db, sam);
    const weeks = [0, 1, 2, 3, 4].map((w) => meeting(dana.id, T0 + w * 7 * DAY_MS));
    const [w0, w1, w2, w3, w4] = weeks as [Meeting, Meeting, Meeting, Meeting, Meeting];
    const samMeeting = meeting(sam.id, T0 + 2.5 * 7 * DAY_MS);
    await putMeetings(db, [...weeks, samMeeting]);
    await putRecords(db, 'notes', [
      note(w0, 'shared', 'week 0 shared'),
      note(w1, 'private', 'week 1 private only'),
      note(w2, 'shared', '   \n '), // whitespace only: "no notes"
      note(w3, 'shared', 'this meeting'),
      note(w4, 'shared', 'a later meeting'),
      note(samMeeting, 'shared', 'sam, not dana'),
    ]);

    const thread = await loadPersonThread(db, { personId: dana.id, meetingId: w3.id, meetingStart: w3.start, today: '2026-02-02' });
    expect(thread.person?.displayName).toBe('dana');
    expect(thread.lastNotes?.meeting.id).toBe(w1.id);
    expect(thread.lastNotes?.private?.text).toBe('week 1 private only');
    expect(thread.lastNotes?.shared).toBeUndefined();
    expect(thread.thisMeetingNotes.shared?.text).toBe('this meeting');

    const older = await loadOlderNotes(db, thread.olderNotesCursor!, 5);
    expect(older.entries.map((e) => e.meeting.id)).toEqual([w0.id]);
    expect(older.next).toBeUndefined();
  });

  it('pages back through older notes with a cursor', async () => {
    db = await freshDb();
    const meetings = Array.from({ length: 12 }, (_, w) => meeting(dana.id, T0 + w * 7 * DAY_MS));
    await putMeetings(db, meetings);
    await putRecords(db, 'notes', meetings.map((m, w) => note(m, 'shared', `week ${w}`)));
    const current = meetings[11]!;
    const thread = await loadPersonThread(db, { personId: dana.id, meetingId: current.id, meetingStart: current.start, today: '2026-03-30' });
    expect(thread.lastNotes?.shared?.text).toBe('week 10');
    const seen: string[] = [];
    let cursor = thread.olderNotesCursor;
    while (cursor) {
      const page = await loadOlderNotes(db, cursor, 4);
      seen.push(...page.entries.map((e) => e.shared!.text));
      cursor = page.next;
    }
    expect(seen).toEqual(['week 9', 'week 8', 'week 7', 'week 6', 'week 5', 'week 4', 'week 3', 'week 2', 'week 1', 'week 0']);
  });

  it('has no last notes for a first 1:1 and an unknown person', async () => {
    db = await freshDb();
    const first = meeting('email:new@example.com', T0);
    await putMeetings(db, [first]);
    const thread = await loadPersonThread(db, { personId: 'email:new@example.com', meetingId: first.id, meetingStart: first.start, today: '2026-01-05' });
    expect(thread).toEqual({ talkingPoints: [], openActionItems: [], targets: [], thisMeetingNotes: {} });
  });

  it('collects open talking points and action items of this person only, oldest first', async () => {
    db = await freshDb();
    await putPerson(db, dana);
    const m1 = meeting(dana.id, T0);
    const m2 = meeting(dana.id, T0 + 7 * DAY_MS);
    const samM = meeting(sam.id, T0);
    await putMeetings(db, [m1, m2, samM]);
    await putActionItems(db, [
      actionItem(m2, 'newer open', { createdAt: m2.start }),
      actionItem(m1, 'older open', { owner: 'them', createdAt: m1.start }),
      actionItem(m1, 'done already', { status: 'done', doneAt: m2.start }),
      actionItem(samM, 'sam item'),
    ]);
    await putTalkingPoint(db, talkingPoint(dana.id, 'raise promotion', { createdAt: T0 + 1 }));
    await putTalkingPoint(db, talkingPoint(dana.id, 'discussed last week', { discussedInMeetingId: m1.id, discussedAt: m1.start }));
    await putTalkingPoint(db, talkingPoint(dana.id, 'discussed today', { discussedInMeetingId: m2.id, discussedAt: m2.start }));
    await putTalkingPoint(db, talkingPoint(sam.id, 'sam point'));
    const thread = await loadPersonThread(db, { personId: dana.id, meetingId: m2.id, meetingStart: m2.start, today: '2026-01-12' });
    expect(thread.openActionItems.map((i) => i.text)).toEqual(['older open', 'newer open']);
    expect(thread.talkingPoints.map((p) => p.text)).toEqual(['raise promotion', 'discussed today']);
  });

  it('shows current targets of the person and, for a direct, the team targets with their share of progress', async () => {
    db = await freshDb();
    await putPerson(db, dana);
    const m = meeting(dana.id, T0);
    await putMeetings(db, [m]);
    const january = { kind: 'month' as const, start: '2026-01-01', end: '2026-01-31' };
    const mine = target({ owner: { kind: 'person', personId: dana.id }, period: january });
    const lastYear = target({ owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2025-12-01', end: '2025-12-31' } });
    const nextQuarter = target({ owner: { kind: 'person', personId: dana.id }, period: { kind: 'quarter', start: '2026-04-01', end: '2026-06-30' } });
    const samTarget = target({ owner: { kind: 'person', personId: sam.id }, period: january });
    const team = target({ owner: { kind: 'team' }, period: { kind: 'quarter', start: '2026-01-01', end: '2026-03-31' } });
    await putTargets(db, [mine, lastYear, nextQuarter, samTarget, team]);
    await putProgressEntries(db, [
      progress(mine.id, '2026-01-02', 500),
      progress(team.id, '2026-01-02', 100, { personId: dana.id }),
      progress(team.id, '2026-01-02', 900, { personId: sam.id }),
    ]);
    const thread = await loadPersonThread(db, { personId: dana.id, meetingId: m.id, meetingStart: m.start, today: '2026-01-05' });
    expect(thread.targets.map((t) => t.target.id)).toEqual([mine.id, team.id]);
    expect(thread.targets[0]!.progress.map((p) => p.value)).toEqual([500]);
    expect(thread.targets[1]!.progress.map((p) => p.value)).toEqual([100]);

    // Not a direct: no team targets.
    await putPerson(db, { ...dana, relationship: 'manager' });
    const asManager = await loadPersonThread(db, { personId: dana.id, meetingId: m.id, meetingStart: m.start, today: '2026-01-05' });
    expect(asManager.targets.map((t) => t.target.id)).toEqual([mine.id]);
  });

  it('agrees with a plain filter over all records (property)', async () => {
    db = await freshDb();
    const open = db;
    const people = ['email:a@x.io', 'email:b@x.io', 'email:c@x.io'];
    const arbitraryMeeting = fc.record({
      person: fc.constantFrom(...people),
      week: fc.integer({ min: 0, max: 30 }),
      shared: fc.constantFrom('', ' ', 'notes', 'more notes'),
      private: fc.option(fc.constantFrom('', 'secret'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryMeeting, { maxLength: 25 }), fc.nat({ max: 24 }), async (specs, pick) => {
        await open.idb.clear('meetings');
        await open.idb.clear('notes');
        const meetings = specs.map((s, i) => meeting(s.person, T0 + s.week * 7 * DAY_MS + i, { eventId: `e${i}` }));
        const notes: Note[] = [];
        specs.forEach((s, i) => {
          notes.push(note(meetings[i]!, 'shared', s.shared));
          if (s.private !== undefined) notes.push(note(meetings[i]!, 'private', s.private));
        });
        await putMeetings(open, meetings);
        await putRecords(open, 'notes', notes);
        const current = meetings[pick % Math.max(1, meetings.length)];
        if (!current) return;
        const thread = await loadPersonThread(open, { personId: current.personId!, meetingId: current.id, meetingStart: current.start, today: '2026-01-05' });
        const expected = meetings
          .filter((m) => m.personId === current.personId && m.start < current.start)
          .filter((m) => hasNotes({ shared: notes.find((n) => n.id === `${m.id}|shared`), private: notes.find((n) => n.id === `${m.id}|private`) }))
          .sort((a, b) => b.start - a.start)[0];
        expect(thread.lastNotes?.meeting.id).toBe(expected?.id);
      }),
      { numRuns: 40 },
    );
  });

});
