// Deterministic test data at product scale: N people × Y years of weekly 1:1s, each with shared
// and private notes and 2 action items, plus a current target with progress and a couple of open
// talking points per person. Used by the storage benchmark (in Chromium) and by tests.
import type { ActionItem, Meeting, Note, ProgressEntry, TalkingPoint, Target } from '../../src/domain/schemas';
import { meetingIdForEvent, noteId, personIdForEmail, type Person } from '../../src/domain/schemas';
import { BACKUP_FORMAT, BACKUP_VERSION, emptyBackupRecords, type Backup } from '../../src/storage/backup';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface HistorySpec {
  account: string;
  people: number;
  years: number;
  /** The latest 1:1 of every person starts at this instant (the sidebar is open on it). */
  latestStart: number;
}

export interface HistoryData {
  backup: Backup;
  recordCount: number;
  /** For each person: the meeting the sidebar is open on. */
  openMeetings: { personId: string; meetingId: string; meetingStart: number }[];
  today: string;
}

/** A small seeded generator (mulberry32): same data on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'pipeline pricing launch hiring offsite promotion burnout roadmap customer renewal quota forecast feedback coaching demo onboarding budget'.split(' ');

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  return out.join(' ');
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function generateHistory(spec: HistorySpec): HistoryData {
  const rand = random(42);
  const { account } = spec;
  const records = emptyBackupRecords();
  const weeks = Math.round(spec.years * 52);
  const openMeetings: HistoryData['openMeetings'] = [];
  const today = day(spec.latestStart);
  const monthStart = `${today.slice(0, 7)}-01`;
  const monthEnd = day(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0));
  let itemCounter = 0;
  const updatedAt = spec.latestStart;

  for (let p = 0; p < spec.people; p++) {
    const email = `person${p}@example.com`;
    const personId = personIdForEmail(email);
    const person: Person = {
      account, id: personId, email, displayName: `Person ${p}`, relationship: 'direct', relationshipSource: 'confirmed',
      level: 'frontline', cadenceDays: 7, archived: false, updatedAt,
    };
    records.people.push(person);
    for (let w = 0; w < weeks; w++) {
      // Each person's 1:1 at a different hour, so starts interleave across people.
      const start = spec.latestStart - (weeks - 1 - w) * WEEK_MS + p * 30 * 60 * 1000;
      const eventId = `p${p}w${w}`;
      const meeting: Meeting = {
        account, id: meetingIdForEvent(account, eventId), source: 'calendar', eventId, calendarId: 'primary', seriesId: `p${p}`,
        title: `Person ${p} / Me`, start, end: start + 30 * 60 * 1000, allDay: false,
        attendees: [{ email: account, self: true, responseStatus: 'accepted' }, { email, responseStatus: 'accepted' }],
        organizerEmail: account, status: 'confirmed', personId, isOneOnOne: true, classificationReason: 'two-human-guests',
        canModify: true, markedHeld: false, updatedAt: start,
      };
      records.meetings.push(meeting);
      const isLatest = w === weeks - 1;
      if (isLatest) {
        openMeetings.push({ personId, meetingId: meeting.id, meetingStart: start });
        continue; // the meeting the sidebar is open on has no notes yet
      }
      const shared: Note = { account, id: noteId(meeting.id, 'shared'), meetingId: meeting.id, personId, kind: 'shared', text: sentence(rand, 60), updatedAt: start + 1, revision: 3 };
      const priv: Note = { account, id: noteId(meeting.id, 'private'), meetingId: meeting.id, personId, kind: 'private', text: sentence(rand, 20), updatedAt: start + 1, revision: 2 };
      records.notes.push(shared, priv);
      for (let i = 0; i < 2; i++) {
        itemCounter++;
        // Items from the last month are still open; older ones are done.
        const open = w >= weeks - 5;
        const item: ActionItem = {
          account, id: itemCounter.toString(36).padStart(8, '0'), personId, meetingId: meeting.id, text: sentence(rand, 6),
          owner: i === 0 ? 'me' : 'them', status: open ? 'open' : 'done', createdAt: start + i, updatedAt: start + i,
          ...(open ? {} : { doneAt: start + WEEK_MS }),
        };
        records.actionItems.push(item);
      }
    }
    const target: Target = {
      account, id: `target-${p}`, owner: { kind: 'person', personId }, metric: 'Bookings', unit: 'USD', decimals: 2,
      period: { kind: 'month', start: monthStart, end: monthEnd }, amount: 10_000_000, createdAt: updatedAt, updatedAt,
    };
    records.targets.push(target);
    for (let d = 0; d < 10; d++) {
      const entry: ProgressEntry = {
        account, id: `progress-${p}-${d}`, targetId: target.id, date: day(spec.latestStart - d * 86_400_000), value: Math.floor(rand() * 500_000),
        source: 'manual', updatedAt,
      };
      records.progress.push(entry);
    }
    for (let t = 0; t < 2; t++) {
      const point: TalkingPoint = { account, id: `tp-${p}-${t}`, personId, text: sentence(rand, 5), createdAt: updatedAt - t };
      records.talkingPoints.push(point);
    }
  }
  const recordCount = Object.values(records).reduce((sum, list) => sum + list.length, 0);
  return {
    backup: { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: spec.latestStart, account, records },
    recordCount,
    openMeetings,
    today,
  };
}
