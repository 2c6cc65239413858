// The sync engine: learns 1:1s from the primary calendar, writes each meeting's shared notes and
// action items into its event's description, and reads blocks found there back into local data.
// Plain class with everything injected (API client, databases, clock, state store), so it runs in
// Node tests against the fake Calendar API exactly as in the service worker.
//
// Learning (`learn`)
// - Lists the primary calendar from 8 weeks (+1 day) back to 2 weeks (+1 day) ahead, instances
//   expanded. A full listing at start-up when none was made in the last day; between full ones
//   the same window with `updatedMin` (a sync token cannot be combined with time bounds), which
//   also brings deletions. A 410 for a too old `updatedMin` falls back to a full listing.
// - The account is the primary calendar's id as the listing names it (`summary`, else the `self`
//   flags): no extra request. It is stored as the current account.
// - Every event that is a 1:1 (or a known meeting) is stored as a meeting: times, guests and their
//   answers (declined by me / them), status, organiser, whether the user may modify it. People are
//   created and their relationship suggested (`suggestRelationship`: never over a confirmed one).
// - After a full listing, meetings stored in the window that the listing did not name (moved out
//   of the window, or purged) are fetched one by one (a few at most) to learn what became of them.
//
// Reading back (inside learning, and `refresh` for one meeting)
// - A block naming this event is merged three ways into local notes and action items (base: the
//   last block synced here, kept in the outbox entry; see sync-record.ts). A block naming another
//   event (a copied event) is ignored. If the merged result differs from the calendar's block and
//   the user may modify the event, a write is queued.
//
// Writing (`flushOutbox`, `syncMeeting`)
// - Only the token's account is written, only per instance (a meeting is an instance; the series
//   master is never written), only where the user organises the event or guests may modify it,
//   never a private note (content.ts reads only the shared note and action items).
// - One edit costs one PATCH when the event's etag and description are known from the last read
//   or write, else a GET and a PATCH. `If-Match` always; a 412 fetches the event and merges again
//   (someone else's edit is never overwritten), up to three rounds.
// - Nothing is sent when the calendar's block already equals what would be written
//   (`blockEquals(parsedRemote, fitBlockContent(merged, form))`).
// - The whole description must stay within Calendar's ~8,192 characters: the block is capped to
//   what is left beside the other text.
// - The response must hold the block as written, else the write counts as failed and is retried.
// - Failures: 401 (after the client's one retry with a fresh token) → signed out, the entry stays
//   pending; 403 not allowed → "can't write" (the meeting is marked not modifiable); 404/410 → the
//   event is gone; 429/403-rate-limit → nothing is sent until Google's Retry-After has passed;
//   5xx/network → retried later with backoff. Entries stay in the outbox until written.
//
// Concurrency: learning, flushing and refreshing run one at a time (an in-memory queue), so they
// never interleave their reads and writes of the same outbox entry. The user typing meanwhile is
// safe: notes are saved compare-and-set on their revision, and the outbox's changeSeq keeps a
// change made during a write pending.
import type { CalendarApiError, CalendarClient, CalendarEvent, EventList } from '../calendar-api';
import { selfEmailOf } from '../calendar-api';
import type { KnownPerson, OtherPerson } from '../domain/classify';
import { newPersonFrom, suggestRelationship } from '../domain/classify';
import {
  blockEquals,
  detectForm,
  fitBlockContent,
  parseBlock,
  spliceBlock,
  type BlockContent,
  type SpliceResult,
} from '../domain/description-block';
import { mergeMeetingContent } from '../domain/merge';
import { defaultSettings, type Meeting, meetingIdForEvent, type Person, type Settings } from '../domain/schemas';
import {
  enqueueSync,
  getMeeting,
  getOutboxEntry,
  getPerson,
  getSettings,
  listAllPeople,
  listOutboxEntries,
  listOverrides,
  markFailed,
  markSent,
  cancelPending,
  meetingsBetween,
  meetingsOfPerson,
  nextDue,
  nextDueAt,
  putMeeting,
  putPerson,
  putSettings,
  setCurrentAccount,
  setLastSyncedBlock,
  type CompanionDb,
  type OutboxEntry,
  type StorageMessage,
} from '../storage';
import { applyMerged, isEmptyContent, readLocalState, toBlockContent } from './content';
import { learnEvent, type LearnContext } from './learn-event';
import {
  blockedError,
  CANNOT_WRITE_REASONS,
  otherAccountReason,
  readBlockedError,
  type AccountState,
  type CannotWriteCode,
  type MeetingSyncStatus,
  type SyncSummary,
} from './status';
import { readSyncRecord, syncRecord, type SyncRecord } from './sync-record';
import { emptySyncState, memorySyncStateStore, readSyncState, type PersistedSyncState, type SyncStateStore } from './sync-state';

const DAY_MS = 86_400_000;
/** 8 weeks back, plus a day so that day boundaries in any zone never cut the 8th week short. */
export const LEARN_BACK_MS = 57 * DAY_MS;
/** 2 weeks ahead, plus a day. */
export const LEARN_AHEAD_MS = 15 * DAY_MS;
/** A full listing at least this often; `updatedMin` listings between. */
export const FULL_RELIST_MS = DAY_MS;
/** `updatedMin` reaches back this far before the previous listing (clock skew, slow writes). */
export const UPDATED_MIN_OVERLAP_MS = 2 * 60_000;
/** Google Calendar keeps about this many characters of a description. */
export const MAX_DESCRIPTION_CHARS = 8192;
/** Below this, a block would hold too little to be worth writing. */
const MIN_BLOCK_CHARS = 400;
/** GET-merge-PATCH rounds per write before giving up until the next retry (the event keeps changing). */
const MAX_WRITE_ROUNDS = 3;
/** Meetings fetched one by one after a full listing did not name them. */
const MAX_UNSEEN_CHECKS = 25;
/** Backoff of failed writes: 15 s, 30 s, 1 min … up to 30 min (with ±20 % jitter). */
const WRITE_BACKOFF_BASE_MS = 15_000;
const WRITE_BACKOFF_MAX_MS = 30 * 60_000;

export interface SyncEngineOptions {
  client: CalendarClient;
  /** Opens (or returns the open) database of an account. */
  openDb: (account: string) => Promise<CompanionDb>;
  now?: () => number;
  state?: SyncStateStore;
  /** Told after the engine changed stored records, so open pages reload them (StorageChannel). */
  notify?: (message: StorageMessage) => void;
  /** Told when meetings' sync states changed (the sidebar asks for its meeting's state again). */
  onStatusChange?: (change: { account?: string; meetingIds?: string[] }) => void;
  /** Records the account learnt from the API as the current one (storage's setCurrentAccount). */
  rememberAccount?: (account: string, now: number) => Promise<void>;
  random?: () => number;
  log?: (message: string) => void;
}

export interface LearnOptions {
  /** List the whole window even when an `updatedMin` listing would do. */
  full?: boolean;
}

export type LearnReport =
  | {
      ok: true;
      account: string;
      full: boolean;
      events: number;
      meetingsChanged: number;
      peopleChanged: number;
      blocksRead: number;
      writesQueued: number;
    }
  | { ok: false; error: CalendarApiError };

export type WriteOutcome = 'sent' | 'unchanged' | 'nothing-to-write' | 'blocked' | 'failed' | 'retry' | 'signed-out' | 'paused';

export interface FlushReport {
  /** Why nothing was tried, when nothing was. */
  skipped?: 'signed-out' | 'paused' | 'no-account';
  outcomes: { eventId: string; outcome: WriteOutcome }[];
  /** When the next pending write is due (for a timer or an alarm). */
  nextDueAt?: number;
}

export interface FlushOptions {
  /** Only these events; they are tried now even when their retry time has not come. */
  eventIds?: readonly string[];
}

type Blocked = { code: CannotWriteCode; reason: string };

export class SyncEngine {
  private readonly client: CalendarClient;
  private readonly openDb: (account: string) => Promise<CompanionDb>;
  private readonly now: () => number;
  private readonly store: SyncStateStore;
  private readonly random: () => number;
  private readonly log: (message: string) => void;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<string>();

  constructor(private readonly options: SyncEngineOptions) {
    this.client = options.client;
    this.openDb = options.openDb;
    this.now = options.now ?? Date.now;
    this.store = options.state ?? memorySyncStateStore();
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
  }

  /** Runs `task` after every task queued before it (learning, flushing, refreshing never interleave). */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async loadState(): Promise<PersistedSyncState> {
    try {
      return readSyncState(await this.store.load());
    } catch (error) {
      this.log(`sync state could not be read (${String(error)}); starting afresh`);
      return emptySyncState();
    }
  }

  private async saveState(state: PersistedSyncState): Promise<void> {
    await this.store.save(state);
  }

  private statusChanged(account: string | undefined, meetingIds?: string[]): void {
    this.options.onStatusChange?.({ ...(account !== undefined && { account }), ...(meetingIds !== undefined && { meetingIds }) });
  }

  // -------------------------------------------------------------------------------------------
  // Account and sign-in

  /** Who the engine reads and writes as. */
  async accountState(): Promise<AccountState> {
    const state = await this.loadState();
    if (state.signedOut) return { state: 'signed-out', reason: state.signedOut.reason, ...(state.account !== undefined && { account: state.account }) };
    return { state: 'signed-in', ...(state.account !== undefined && { account: state.account }) };
  }

  /** The user signed in (or a token is available again): writes and reads resume. */
  async signedIn(): Promise<void> {
    await this.exclusive(async () => {
      const state = await this.loadState();
      if (!state.signedOut) return;
      delete state.signedOut;
      await this.saveState(state);
    });
    this.statusChanged(undefined);
  }

  /**
   * The user signed out: nothing is read or written until they sign in again. The account is
   * forgotten (the next sign-in may be another one); its data stays in its own database.
   */
  async signedOut(reason: string): Promise<void> {
    await this.exclusive(async () => {
      const state = await this.loadState();
      state.signedOut = { reason, at: this.now() };
      delete state.account;
      await this.saveState(state);
    });
    this.statusChanged(undefined);
  }

  private async markSignedOut(state: PersistedSyncState, error: CalendarApiError): Promise<void> {
    if (state.signedOut) return;
    state.signedOut = { reason: error.message, at: this.now() };
    await this.saveState(state);
    this.log(`signed out: ${error.message}`);
    this.statusChanged(undefined);
  }

  private async clearSignedOut(state: PersistedSyncState): Promise<void> {
    if (!state.signedOut) return;
    delete state.signedOut;
    await this.saveState(state);
    this.statusChanged(undefined);
  }

  /** Learns the account of the token with one probe request (only when no listing told it yet). */
  private async probeAccount(state: PersistedSyncState): Promise<{ ok: true; account: string } | { ok: false; error: CalendarApiError }> {
    const probe = await this.client.getPrimaryCalendar();
    if (!probe.ok) {
      await this.noteFailure(state, probe.error);
      return probe;
    }
    await this.adoptAccount(state, probe.value.id);
    return { ok: true, account: probe.value.id };
  }

  private async adoptAccount(state: PersistedSyncState, account: string): Promise<void> {
    if (state.account === account) return;
    const previous = state.account;
    state.account = account;
    await this.saveState(state);
    await (this.options.rememberAccount ?? setCurrentAccount)(account, this.now());
    this.log(previous === undefined ? `signed in as ${account}` : `the token now belongs to ${account} (was ${previous})`);
    this.statusChanged(undefined);
  }

  /** Updates the state after a failed request: signed out after a 401, paused after a rate limit. */
  private async noteFailure(state: PersistedSyncState, error: CalendarApiError): Promise<void> {
    if (error.kind === 'unauthorized') {
      await this.markSignedOut(state, error);
    } else if (error.kind === 'rate-limited') {
      state.pausedUntil = this.now() + (error.retryAfterMs ?? 60_000);
      state.pauseReason = error.message;
      await this.saveState(state);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Learning

  /** Lists the calendar window and learns from it; see the top of this file. */
  learn(options: LearnOptions = {}): Promise<LearnReport> {
    return this.exclusive(() => this.learnNow(options));
  }

  private async learnNow(options: LearnOptions): Promise<LearnReport> {
    const now = this.now();
    const state = await this.loadState();
    if (state.pausedUntil !== undefined && state.pausedUntil > now) {
      return { ok: false, error: { kind: 'rate-limited', message: state.pauseReason ?? 'Google Calendar asked to slow down', retryAfterMs: state.pausedUntil - now } };
    }
    const timeMin = now - LEARN_BACK_MS;
    const timeMax = now + LEARN_AHEAD_MS;
    const previous = state.account === undefined ? undefined : state.lists[state.account];
    let full =
      options.full === true ||
      state.account === undefined ||
      previous?.lastListAt === undefined ||
      previous.lastFullListAt === undefined ||
      now - previous.lastFullListAt >= FULL_RELIST_MS;

    const list = (asFull: boolean) =>
      this.client.listEvents('primary', {
        timeMin,
        timeMax,
        singleEvents: true,
        showDeleted: true,
        ...(!asFull && previous?.lastListAt !== undefined && { updatedMin: previous.lastListAt - UPDATED_MIN_OVERLAP_MS }),
      });
    let listing = await list(full);
    if (!listing.ok && listing.error.kind === 'gone' && !full) {
      full = true;
      listing = await list(true);
    }
    if (!listing.ok) {
      await this.noteFailure(state, listing.error);
      if (listing.error.kind !== 'unauthorized') {
        state.lastListError = listing.error.message;
        await this.saveState(state);
      }
      return listing;
    }
    await this.clearSignedOut(state);

    let account = accountOfListing(listing.value);
    if (account === undefined) {
      if (state.account !== undefined) account = state.account;
      else {
        const probed = await this.probeAccount(state);
        if (!probed.ok) return probed;
        account = probed.account;
      }
    }
    if (account !== state.account) {
      await this.adoptAccount(state, account);
      if (!full) {
        // The incremental listing was for another account's history: read this one in full.
        full = true;
        listing = await list(true);
        if (!listing.ok) {
          await this.noteFailure(state, listing.error);
          return listing;
        }
      }
    }

    const db = await this.openDb(account);
    const report = await this.learnFromEvents(db, listing.value, { full, timeMin, timeMax, now });
    const lists = state.lists[account] ?? {};
    state.lists[account] = { ...lists, lastListAt: now, ...(full && { lastFullListAt: now }) };
    delete state.lastListError;
    delete state.pausedUntil;
    delete state.pauseReason;
    await this.saveState(state);
    return { ok: true, account, full, events: listing.value.events.length, ...report };
  }

  private async learnFromEvents(
    db: CompanionDb,
    listing: EventList,
    window: { full: boolean; timeMin: number; timeMax: number; now: number },
  ): Promise<{ meetingsChanged: number; peopleChanged: number; blocksRead: number; writesQueued: number }> {
    const learning = await this.learningContext(db, listing.timeZone, window.now);
    const seen = new Set<string>();
    for (const event of listing.events) {
      seen.add(event.id);
      await this.learnOne(db, event, learning);
    }
    if (window.full) {
      const stored = await meetingsBetween(db, window.timeMin, window.timeMax);
      const unseen = stored
        .filter((m) => isOnPrimaryCalendar(m, db.account) && m.eventId !== undefined && m.status !== 'cancelled' && !seen.has(m.eventId))
        .slice(0, MAX_UNSEEN_CHECKS);
      for (const meeting of unseen) {
        const got = await this.client.getEvent(db.account, meeting.eventId!);
        if (got.ok) await this.learnOne(db, got.value, learning);
        else if (got.error.kind === 'not-found' || got.error.kind === 'gone') await this.learnOne(db, { id: meeting.eventId!, status: 'cancelled' }, learning);
        else break; // try again after the next full listing
      }
    }
    const peopleChanged = await this.updatePeople(db, learning);
    if (learning.changedMeetings.length > 0) {
      this.options.notify?.({ type: 'meetings-changed', account: db.account, ids: learning.changedMeetings });
      this.statusChanged(db.account, learning.changedMeetings);
    }
    return { meetingsChanged: learning.changedMeetings.length, peopleChanged, blocksRead: learning.blocksRead, writesQueued: learning.writesQueued };
  }

  private async learningContext(db: CompanionDb, calendarTimeZone: string | undefined, now: number): Promise<Learning> {
    let settings = await getSettings(db);
    if (!settings && calendarTimeZone !== undefined) {
      // The first listing of this account: its days are counted in the calendar's zone until the
      // user says otherwise in the options.
      settings = defaultSettings(db.account, calendarTimeZone, now);
      await putSettings(db, settings);
      this.options.notify?.({ type: 'settings-changed', account: db.account });
    }
    settings ??= defaultSettings(db.account, 'UTC', now); // not stored: the first listing sets the zone
    const people = await listAllPeople(db);
    const byId = new Map(people.map((person) => [person.id, person]));
    const resolvePersonId = (id: string) => {
      let current = id;
      for (let hops = 0; hops < 10; hops++) {
        const next = byId.get(current)?.mergedInto;
        if (next === undefined || next === current) break;
        current = next;
      }
      return current;
    };
    const knownPeople: KnownPerson[] = people
      .filter((person) => person.mergedInto === undefined)
      .map((person) => ({ id: person.id, displayName: person.displayName, ...(person.email !== undefined && { email: person.email }) }));
    const selfEmails = [db.account, ...settings.selfAliases];
    return {
      settings,
      people: byId,
      context: {
        account: db.account,
        selfEmails,
        knownPeople,
        overrides: await listOverrides(db),
        timeZone: calendarTimeZone ?? settings.timeZone,
        resolvePersonId,
        now,
      },
      touched: new Map(),
      changedMeetings: [],
      blocksRead: 0,
      writesQueued: 0,
    };
  }

  /** Stores what one event says and reads its block back. */
  private async learnOne(db: CompanionDb, event: CalendarEvent, learning: Learning): Promise<Meeting | undefined> {
    const id = meetingIdForEvent(db.account, event.id);
    const existing = await getMeeting(db, id);
    const learned = learnEvent(event, existing, learning.context);
    if (learned.kind === 'skip') return undefined;
    const meeting = learned.meeting;
    if (meeting !== existing) {
      await putMeeting(db, meeting);
      learning.changedMeetings.push(meeting.id);
    }
    if (learned.other && meeting.personId !== undefined) learning.touched.set(meeting.personId, learned.other);
    if (meeting.status === 'cancelled') {
      await this.blockPending(db, event.id, { code: 'deleted', reason: CANNOT_WRITE_REASONS.deleted });
      return meeting;
    }
    if (!meeting.isOneOnOne || meeting.personId === undefined || meeting.eventId === undefined) return meeting;
    const outcome = await this.readBack(db, meeting as ReadyMeeting, event, learning.people.get(meeting.personId), learning.settings.timeZone);
    if (outcome.blockRead) learning.blocksRead++;
    if (outcome.queued) learning.writesQueued++;
    return meeting;
  }

  /** Creates the people met in 1:1s and suggests their relationship; returns how many changed. */
  private async updatePeople(db: CompanionDb, learning: Learning): Promise<number> {
    const changed: string[] = [];
    const now = learning.context.now;
    for (const [personId, other] of learning.touched) {
      const person = learning.people.get(personId);
      const meetings = await meetingsOfPerson(db, personId);
      const suggestion = suggestRelationship(meetings, person, learning.context.selfEmails);
      if (!person) {
        const created = newPersonFrom(db.account, { ...other, personId }, suggestion.relationship, now);
        await putPerson(db, created);
        learning.people.set(personId, created);
        changed.push(personId);
        continue;
      }
      let updated: Person = person;
      if (suggestion.apply && person.relationshipSource === 'suggested' && suggestion.relationship !== person.relationship) {
        updated = { ...updated, relationship: suggestion.relationship };
      }
      // A name learnt from the calendar replaces only a placeholder (the address), never a name
      // the user may have typed.
      const name = other.displayName.trim();
      if (name !== '' && name !== person.displayName && (person.displayName === person.email || person.displayName === other.email)) {
        updated = { ...updated, displayName: name };
      }
      if (updated.email === undefined && other.email !== undefined && personId === `email:${other.email}`) updated = { ...updated, email: other.email };
      if (updated !== person) {
        updated = { ...updated, updatedAt: now };
        await putPerson(db, updated);
        learning.people.set(personId, updated);
        changed.push(personId);
      }
    }
    if (changed.length > 0) this.options.notify?.({ type: 'people-changed', account: db.account, ids: changed });
    return changed.length;
  }

  // -------------------------------------------------------------------------------------------
  // Reading back

  /**
   * Merges the block found in an event's description into local data and notes the event as
   * seen (etag and description) for the next write. Queues a write when the calendar lacks what
   * this browser has and the user may modify the event.
   */
  private async readBack(
    db: CompanionDb,
    meeting: ReadyMeeting,
    event: CalendarEvent,
    person: Person | undefined,
    timeZone: string,
  ): Promise<{ blockRead: boolean; queued: boolean }> {
    const now = this.now();
    const entry = await getOutboxEntry(db, event.id);
    const record = readSyncRecord(entry?.lastSyncedBlock);
    // Seen exactly like this before: nothing new from the calendar (local changes are queued by
    // whoever made them).
    if (entry && record?.etag !== undefined && record.etag === event.etag) return { blockRead: false, queued: false };
    const request = { eventId: event.id, calendarId: db.account, meetingId: meeting.id };
    const description = event.description ?? '';
    const parsed = parseBlock(description, event.id);
    const remote = parsed.kind === 'found' ? parsed.content : undefined;
    const local = await readLocalState(db, meeting, person, timeZone);
    if (!remote) {
      if (entry) await setLastSyncedBlock(db, request, syncRecord({ base: record?.base, etag: event.etag, description, seenAt: now }), now);
      // Notes here that the event lacks (typed before signing in, or the block was removed in the
      // calendar: the merge rule writes it afresh).
      const queue = meeting.canModify && !isEmptyContent(local.content) && !entry?.pending;
      if (queue) await enqueueSync(db, request, now);
      return { blockRead: false, queued: queue };
    }
    const { merged } = mergeMeetingContent(record?.base, local.content, remote, { now });
    const applied = await applyMerged(db, meeting, local, merged, now, this.random);
    if (applied.stale) {
      // The user saved the note meanwhile; their save queued a write, which merges again.
      return { blockRead: true, queued: false };
    }
    this.announceLocalChanges(db, meeting, applied);
    await setLastSyncedBlock(db, request, syncRecord({ base: remote, etag: event.etag, description, seenAt: now }), now);
    const wanted = toBlockContent(applied.content);
    const queue = meeting.canModify && !blockEquals(remote, fitBlockContent(wanted, detectForm(description))) && !entry?.pending;
    if (queue) await enqueueSync(db, request, now);
    return { blockRead: true, queued: queue };
  }

  private announceLocalChanges(db: CompanionDb, meeting: Meeting, applied: Awaited<ReturnType<typeof applyMerged>>): void {
    if (applied.note) {
      this.options.notify?.({ type: 'note-saved', account: db.account, noteId: applied.note.id, meetingId: meeting.id, revision: applied.note.revision });
    }
    if (applied.itemIds.length > 0) this.options.notify?.({ type: 'action-items-changed', account: db.account, ids: applied.itemIds });
  }

  /**
   * Fetches one meeting's event and reads its block back (the sidebar opening a meeting: notes
   * another browser wrote show at once). Only for the token's account.
   */
  refresh(account: string, meetingId: string): Promise<MeetingSyncStatus> {
    return this.exclusive(async () => {
      const state = await this.loadState();
      if (state.signedOut || state.account !== account) return this.statusNow(account, meetingId, state);
      const db = await this.openDb(account);
      const eventId = eventIdOfMeetingId(account, meetingId);
      const meeting = await getMeeting(db, meetingId);
      if (eventId === undefined || (meeting && !isOnPrimaryCalendar(meeting, account))) {
        return this.statusNow(account, meetingId, state);
      }
      const got = await this.client.getEvent(account, eventId);
      if (got.ok) {
        const learning = await this.learningContext(db, undefined, this.now());
        await this.learnOne(db, got.value, learning);
        await this.updatePeople(db, learning);
        if (learning.changedMeetings.length > 0) this.options.notify?.({ type: 'meetings-changed', account, ids: learning.changedMeetings });
      } else {
        await this.noteFailure(state, got.error);
      }
      return this.statusNow(account, meetingId, await this.loadState());
    });
  }

  // -------------------------------------------------------------------------------------------
  // Writing

  /**
   * A meeting's shared notes or action items changed (the sidebar says so): queue a write of its
   * event. Queued in the meeting's own account's database, also when that is not the signed-in
   * account (it is then written after signing in as that account, never with another).
   */
  async noteChanged(account: string, meetingId: string): Promise<MeetingSyncStatus> {
    const db = await this.openDb(account);
    const eventId = eventIdOfMeetingId(db.account, meetingId);
    const meeting = await getMeeting(db, meetingId);
    if (eventId !== undefined && (meeting === undefined || meeting.source === 'calendar')) {
      await enqueueSync(db, { eventId, calendarId: db.account, meetingId }, this.now());
      this.statusChanged(db.account, [meetingId]);
    }
    return this.status(account, meetingId);
  }

  /** Writes what is due in the signed-in account's outbox (or the given events now). */
  flushOutbox(options: FlushOptions = {}): Promise<FlushReport> {
    return this.exclusive(() => this.flushNow(options));
  }

  /** Queues and writes one meeting now (the sidebar's "Retry", tests). */
  async syncMeeting(account: string, meetingId: string): Promise<MeetingSyncStatus> {
    await this.noteChanged(account, meetingId);
    const eventId = eventIdOfMeetingId(account, meetingId);
    const state = await this.loadState();
    if (eventId !== undefined && state.account === account) await this.flushOutbox({ eventIds: [eventId] });
    return this.status(account, meetingId);
  }

  private async flushNow(options: FlushOptions): Promise<FlushReport> {
    const report: FlushReport = { outcomes: [] };
    const state = await this.loadState();
    if (state.signedOut) return { ...report, skipped: 'signed-out' };
    const now = this.now();
    if (state.pausedUntil !== undefined && state.pausedUntil > now) return { ...report, skipped: 'paused', nextDueAt: state.pausedUntil };
    let account = state.account;
    if (account === undefined) {
      const probed = await this.probeAccount(state);
      if (!probed.ok) return { ...report, skipped: probed.error.kind === 'unauthorized' ? 'signed-out' : 'no-account' };
      account = probed.account;
    }
    const db = await this.openDb(account);
    let entries: OutboxEntry[];
    if (options.eventIds) {
      const found = await Promise.all(options.eventIds.map((id) => getOutboxEntry(db, id)));
      entries = found.filter((entry): entry is OutboxEntry => entry?.pending === true);
    } else {
      entries = await nextDue(db, now);
    }
    for (const entry of entries) {
      const outcome = await this.writeEntry(db, entry, state);
      report.outcomes.push({ eventId: entry.eventId, outcome });
      if (outcome === 'signed-out' || outcome === 'paused') break;
    }
    const latest = await this.loadState();
    const due = await nextDueAt(db);
    const paused = latest.pausedUntil !== undefined && latest.pausedUntil > this.now() ? latest.pausedUntil : undefined;
    const next = due === undefined ? undefined : Math.max(due, paused ?? 0);
    if (next !== undefined) report.nextDueAt = next;
    return report;
  }

  /** One event's write; see the top of this file. */
  private async writeEntry(db: CompanionDb, entry: OutboxEntry, state: PersistedSyncState): Promise<WriteOutcome> {
    const key = `${db.account}|${entry.eventId}`;
    this.inFlight.add(key);
    this.statusChanged(db.account, [entry.meetingId]);
    try {
      return await this.writeEntryNow(db, entry, state);
    } catch (error) {
      // A bug or a storage failure: keep the write and try again later, never lose it.
      const reason = `could not write (${error instanceof Error ? error.message : String(error)})`;
      this.log(`${entry.eventId}: ${reason}`);
      await markFailed(db, entry.eventId, reason, this.now(), this.now() + this.backoff(entry.attempts + 1)).catch(() => undefined);
      return 'failed';
    } finally {
      this.inFlight.delete(key);
      this.statusChanged(db.account, [entry.meetingId]);
    }
  }

  private async writeEntryNow(db: CompanionDb, entry: OutboxEntry, state: PersistedSyncState): Promise<WriteOutcome> {
    const account = db.account;
    const request = { eventId: entry.eventId, calendarId: entry.calendarId, meetingId: entry.meetingId };
    let meeting = await getMeeting(db, entry.meetingId);
    let event: CalendarEvent | undefined;
    if (meeting && !isOnPrimaryCalendar(meeting, account)) {
      return this.block(db, entry, { code: 'not-on-calendar', reason: CANNOT_WRITE_REASONS['not-on-calendar'] });
    }
    if (!meeting) {
      // Notes were taken on an event not learnt yet (beyond the listing window, or before the
      // first listing): learn it now.
      const got = await this.client.getEvent(account, entry.eventId);
      if (!got.ok) return this.writeFailed(db, entry, state, got.error);
      event = got.value;
      const learning = await this.learningContext(db, undefined, this.now());
      meeting = await this.learnOne(db, event, learning);
      await this.updatePeople(db, learning);
      if (!meeting) return this.block(db, entry, { code: 'not-one-on-one', reason: CANNOT_WRITE_REASONS['not-one-on-one'] });
    }
    if (meeting.status === 'cancelled') return this.block(db, entry, { code: 'deleted', reason: CANNOT_WRITE_REASONS.deleted });
    if (!meeting.isOneOnOne || meeting.personId === undefined || meeting.eventId === undefined) {
      return this.block(db, entry, { code: 'not-one-on-one', reason: CANNOT_WRITE_REASONS['not-one-on-one'] });
    }
    if (!meeting.canModify) return this.block(db, entry, { code: 'not-organiser', reason: CANNOT_WRITE_REASONS['not-organiser'] });
    const ready = meeting as ReadyMeeting;

    // Read now: learning the event above may have read its block back and set a new base.
    let record: SyncRecord | undefined = readSyncRecord(event ? (await getOutboxEntry(db, entry.eventId))?.lastSyncedBlock : entry.lastSyncedBlock);
    let seen: { etag: string; description: string } | undefined =
      event?.etag !== undefined
        ? { etag: event.etag, description: event.description ?? '' }
        : record?.etag !== undefined && record.description !== undefined
          ? { etag: record.etag, description: record.description }
          : undefined;
    const settings = await getSettings(db);
    const timeZone = settings?.timeZone ?? 'UTC';
    const person = await getPerson(db, ready.personId);

    for (let round = 0; round < MAX_WRITE_ROUNDS; round++) {
      if (seen === undefined) {
        const got = await this.client.getEvent(account, entry.eventId);
        if (!got.ok) return this.writeFailed(db, entry, state, got.error);
        if (got.value.status === 'cancelled') {
          await putMeeting(db, { ...ready, status: 'cancelled', updatedAt: this.now() });
          return this.block(db, entry, { code: 'deleted', reason: CANNOT_WRITE_REASONS.deleted });
        }
        if (got.value.etag === undefined) {
          return this.writeFailed(db, entry, state, { kind: 'invalid-response', message: 'Google Calendar sent the event without an etag' });
        }
        seen = { etag: got.value.etag, description: got.value.description ?? '' };
      }
      const now = this.now();
      const parsed = parseBlock(seen.description, entry.eventId);
      const remote = parsed.kind === 'found' ? parsed.content : undefined;
      const local = await readLocalState(db, ready, person, timeZone);
      const { merged } = mergeMeetingContent(record?.base, local.content, remote, { now });
      const applied = await applyMerged(db, ready, local, merged, now, this.random);
      if (applied.stale) return 'retry'; // the user's save queued this write again
      this.announceLocalChanges(db, ready, applied);
      const wanted = toBlockContent(applied.content);
      const form = detectForm(seen.description);

      if (!remote && isEmptyContent(wanted) && parsed.kind !== 'malformed') {
        // Nothing typed and no block there: nothing to write (an empty block helps nobody).
        await markSent(db, { eventId: entry.eventId, changeSeq: entry.changeSeq, syncedBlock: syncRecord({ base: record?.base, etag: seen.etag, description: seen.description, seenAt: now }) }, now);
        return 'nothing-to-write';
      }
      const splice = this.spliceWithinLimit(seen.description, wanted);
      if ('code' in splice) return this.block(db, entry, splice);
      if ((remote && blockEquals(remote, fitBlockContent(wanted, form, { maxChars: splice.maxChars }))) || splice.result.change === 'unchanged') {
        await markSent(db, { eventId: entry.eventId, changeSeq: entry.changeSeq, syncedBlock: syncRecord({ base: remote ?? splice.result.written, etag: seen.etag, description: seen.description, seenAt: now }) }, now);
        return 'unchanged';
      }

      const patched = await this.client.patchEvent(account, entry.eventId, { description: splice.result.description }, { ifMatch: seen.etag });
      if (patched.ok) {
        const written = patched.value.description ?? '';
        const back = parseBlock(written, entry.eventId);
        const etag = patched.value.etag;
        if (back.kind !== 'found' || !blockEquals(back.content, splice.result.written) || etag === undefined) {
          // Keep what the calendar holds as the event seen; the base stays the last confirmed block.
          await setLastSyncedBlock(db, request, syncRecord({ base: record?.base, etag, description: written, seenAt: now }), now);
          return this.writeFailed(db, entry, state, { kind: 'invalid-response', message: 'the calendar did not keep the notes block as written' });
        }
        await markSent(db, { eventId: entry.eventId, changeSeq: entry.changeSeq, syncedBlock: syncRecord({ base: splice.result.written, etag, description: written, seenAt: now }) }, now);
        this.log(`${entry.eventId}: written`);
        return 'sent';
      }
      if (patched.error.kind === 'precondition-failed') {
        // Changed in the calendar since it was read: read it again and merge (next round).
        seen = undefined;
        record = readSyncRecord((await getOutboxEntry(db, entry.eventId))?.lastSyncedBlock) ?? record;
        continue;
      }
      return this.writeFailed(db, entry, state, patched.error);
    }
    return this.writeFailed(db, entry, state, { kind: 'precondition-failed', message: 'the event kept changing in the calendar while writing' });
  }

  /** The description with the block, capped so the whole stays within Calendar's limit. */
  private spliceWithinLimit(description: string, content: BlockContent): { result: Extract<SpliceResult, { kind: 'spliced' }>; maxChars?: number } | Blocked {
    const first = spliceBlock(description, content);
    if (first.kind === 'refused') return { code: 'newer-format', reason: `${first.reason}; the notes stay in this browser` };
    if (first.description.length <= MAX_DESCRIPTION_CHARS) return { result: first };
    const outside = first.description.length - (first.range.end - first.range.start);
    const budget = MAX_DESCRIPTION_CHARS - outside;
    if (budget < MIN_BLOCK_CHARS) {
      return { code: 'too-long', reason: 'the event’s description is too long to add the notes to it; they stay in this browser' };
    }
    const capped = spliceBlock(description, content, { maxChars: budget });
    if (capped.kind === 'refused') return { code: 'newer-format', reason: capped.reason };
    return { result: capped, maxChars: budget };
  }

  /** The write cannot be made: not retried; the reason stays for the sidebar. */
  private async block(db: CompanionDb, entry: Pick<OutboxEntry, 'eventId' | 'meetingId'>, blocked: Blocked): Promise<WriteOutcome> {
    const now = this.now();
    await markFailed(db, entry.eventId, blockedError(blocked.code, blocked.reason), now, now);
    await cancelPending(db, entry.eventId, now);
    this.log(`${entry.eventId}: not written: ${blocked.reason}`);
    this.statusChanged(db.account, [entry.meetingId]);
    return 'blocked';
  }

  /** A pending write of an event that turned out to be gone or unwritable during learning. */
  private async blockPending(db: CompanionDb, eventId: string, blocked: Blocked): Promise<void> {
    const entry = await getOutboxEntry(db, eventId);
    if (entry?.pending) await this.block(db, entry, blocked);
  }

  private async writeFailed(db: CompanionDb, entry: OutboxEntry, state: PersistedSyncState, error: CalendarApiError): Promise<WriteOutcome> {
    const now = this.now();
    switch (error.kind) {
      case 'unauthorized':
        // Stays pending as it is: written after signing in.
        await this.noteFailure(state, error);
        return 'signed-out';
      case 'forbidden': {
        if (error.reason === 'insufficientPermissions') break; // the sign-in lacks the scope: a retry after signing in again may work
        const meeting = await getMeeting(db, entry.meetingId);
        if (meeting) await putMeeting(db, { ...meeting, canModify: false, updatedAt: now });
        return this.block(db, entry, { code: 'not-organiser', reason: CANNOT_WRITE_REASONS['not-organiser'] });
      }
      case 'not-found':
      case 'gone': {
        const meeting = await getMeeting(db, entry.meetingId);
        if (meeting) await putMeeting(db, { ...meeting, status: 'cancelled', updatedAt: now });
        return this.block(db, entry, { code: 'deleted', reason: CANNOT_WRITE_REASONS.deleted });
      }
      case 'rate-limited':
        await this.noteFailure(state, error);
        await markFailed(db, entry.eventId, error.message, now, now + Math.max(error.retryAfterMs ?? 0, this.backoff(entry.attempts + 1)));
        return 'paused';
      default:
        break;
    }
    const retryAt = now + Math.max(error.retryAfterMs ?? 0, this.backoff(entry.attempts + 1));
    await markFailed(db, entry.eventId, error.message, now, retryAt);
    this.log(`${entry.eventId}: write failed (${error.message}); retry in ${Math.round((retryAt - now) / 1000)} s`);
    return 'failed';
  }

  private backoff(attempt: number): number {
    const step = Math.min(WRITE_BACKOFF_MAX_MS, WRITE_BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
    return Math.round(step * (0.8 + 0.4 * this.random()));
  }

  /** When the signed-in account's calendar was last listed (to decide whether learning is due). */
  async lastListedAt(): Promise<number | undefined> {
    const state = await this.loadState();
    return state.account === undefined ? undefined : state.lists[state.account]?.lastListAt;
  }

  /** When the signed-in account's next pending write is due, if any (for timers and alarms). */
  async nextDueAt(): Promise<number | undefined> {
    const state = await this.loadState();
    if (state.signedOut || state.account === undefined) return undefined;
    const due = await nextDueAt(await this.openDb(state.account));
    if (due === undefined) return undefined;
    return state.pausedUntil !== undefined ? Math.max(due, state.pausedUntil) : due;
  }

  // -------------------------------------------------------------------------------------------
  // State for the UI

  /** One meeting's sync state, for the sidebar. */
  async status(account: string, meetingId: string): Promise<MeetingSyncStatus> {
    return this.statusNow(account, meetingId, await this.loadState());
  }

  private async statusNow(account: string, meetingId: string, state: PersistedSyncState): Promise<MeetingSyncStatus> {
    const db = await this.openDb(account);
    const meeting = await getMeeting(db, meetingId);
    const eventId = meeting?.eventId ?? eventIdOfMeetingId(db.account, meetingId);
    if (meeting?.source === 'logged' || eventId === undefined) {
      return { kind: 'cannot-write', code: 'not-on-calendar', reason: CANNOT_WRITE_REASONS['not-on-calendar'] };
    }
    if (state.signedOut) return { kind: 'signed-out', reason: state.signedOut.reason };
    if (state.account !== undefined && state.account !== db.account) {
      return { kind: 'cannot-write', code: 'other-account', reason: otherAccountReason(db.account, state.account) };
    }
    if (meeting && !meeting.canModify) return { kind: 'cannot-write', code: 'not-organiser', reason: CANNOT_WRITE_REASONS['not-organiser'] };
    if (this.inFlight.has(`${db.account}|${eventId}`)) return { kind: 'syncing' };
    const entry = await getOutboxEntry(db, eventId);
    const blocked = readBlockedError(entry?.lastError);
    if (entry?.pending) {
      if (entry.attempts > 0 && entry.lastError !== undefined && !blocked) {
        return { kind: 'failed', reason: entry.lastError, ...(entry.dueAt !== undefined && { retryAt: entry.dueAt }) };
      }
      return { kind: 'saved-locally' };
    }
    if (blocked) return { kind: 'cannot-write', ...blocked };
    if (meeting?.status === 'cancelled') return { kind: 'cannot-write', code: 'deleted', reason: CANNOT_WRITE_REASONS.deleted };
    const record = readSyncRecord(entry?.lastSyncedBlock);
    if (entry?.lastSyncedAt !== undefined && record?.base !== undefined) return { kind: 'synced', at: entry.lastSyncedAt };
    return { kind: 'nothing-to-sync' };
  }

  /** The state over all events, for the popup and the options page. */
  async summary(): Promise<SyncSummary> {
    const state = await this.loadState();
    if (state.signedOut) return { kind: 'signed-out', reason: state.signedOut.reason };
    if (state.account === undefined) return { kind: 'never' };
    if ([...this.inFlight].some((key) => key.startsWith(`${state.account}|`))) return { kind: 'syncing' };
    const entries = await listOutboxEntries(await this.openDb(state.account));
    const pending = entries.filter((entry) => entry.pending);
    const failed = pending.find((entry) => entry.attempts > 0 && entry.lastError !== undefined);
    if (state.pausedUntil !== undefined && state.pausedUntil > this.now()) {
      return { kind: 'failed', reason: state.pauseReason ?? 'Google Calendar asked to slow down', retryAt: state.pausedUntil };
    }
    if (failed) return { kind: 'failed', reason: failed.lastError!, ...(failed.dueAt !== undefined && { retryAt: failed.dueAt }) };
    if (state.lastListError !== undefined) return { kind: 'failed', reason: state.lastListError };
    if (pending.length > 0) return { kind: 'pending', count: pending.length };
    const listedAt = state.lists[state.account]?.lastListAt;
    if (listedAt === undefined) return { kind: 'never' };
    const lastWrite = Math.max(0, ...entries.map((entry) => entry.lastSyncedAt ?? 0));
    return { kind: 'synced', at: Math.max(listedAt, lastWrite) };
  }
}

// ---------------------------------------------------------------------------------------------

type ReadyMeeting = Meeting & { personId: string; eventId: string };

interface Learning {
  settings: Settings;
  people: Map<string, Person>;
  context: LearnContext;
  /** People met in this pass, with what the events said about them. */
  touched: Map<string, OtherPerson>;
  changedMeetings: string[];
  blocksRead: number;
  writesQueued: number;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/** The account a listing of `primary` belongs to: its title when that is an address, else a `self` flag. */
export function accountOfListing(listing: Pick<EventList, 'summary' | 'events'>): string | undefined {
  const summary = listing.summary?.trim();
  if (summary !== undefined && EMAIL_SHAPE.test(summary)) return summary.toLowerCase();
  for (const event of listing.events) {
    const email = selfEmailOf(event);
    if (email) return email;
  }
  return undefined;
}

/**
 * A meeting of an event on the account's primary calendar (the only calendar listed and written).
 * Pages may store the calendar as the account's address or as 'primary'.
 */
export function isOnPrimaryCalendar(meeting: Pick<Meeting, 'source' | 'calendarId'>, account: string): boolean {
  if (meeting.source !== 'calendar') return false;
  const calendarId = meeting.calendarId?.trim().toLowerCase();
  return calendarId === undefined || calendarId === 'primary' || calendarId === account;
}

/** `account|eventId` → eventId (meeting ids of calendar events); undefined for logged 1:1s. */
export function eventIdOfMeetingId(account: string, meetingId: string): string | undefined {
  const prefix = `${account}|`;
  if (!meetingId.startsWith(prefix)) return undefined;
  const eventId = meetingId.slice(prefix.length);
  return eventId === '' || eventId.startsWith('logged:') ? undefined : eventId;
}
