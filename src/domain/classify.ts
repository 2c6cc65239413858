// Which events are 1:1s and with whom (CONTRACT.md, "Who is who"), and the direct rule.
// Pure: the page (guests read from the DOM, signed out) and the API (events.get / list) both
// feed `classifyEvent` the same shape.
//
// Decisions, where the contract is silent:
// - Guests are counted as invited, whatever they answered: a guest who declined is still a
//   guest, so a declined 1:1 stays a 1:1 (the overdue logic reads `responseStatus` itself) and
//   a three-person meeting with one "no" is still a group meeting.
// - Rooms, resources and calendars are not people: `resource: true`, or an address under
//   `resource.calendar.google.com` or `group[.v].calendar.google.com`.
// - The user is an attendee with `self: true`, any of `selfEmails` (aliases included, any case),
//   or the organiser when the organiser is the user. When exactly one other person is listed and
//   the user is not, the user is taken as the second guest: the event is on the user's calendar,
//   the API may list an organiser apart from the attendees and Calendar's page may leave the
//   viewer out of its guest list.
// - Only an event with no other human guest is judged by its title; a title never turns a group
//   meeting into a 1:1, and never overrules guests. All-day events with guests are judged by
//   their guests; all-day events without guests never by title ("Dana OOO", "1:1 week" are
//   markers, not meetings).
// - Cancelled and tentative events classify like any other: the overdue logic needs to see
//   cancelled 1:1s to skip them.
// - An override for the event beats one for its series; a marked 1:1 needs the other person
//   (the override's `personEmail`, else the person detected anyway), otherwise it is not a 1:1.
// - Numbers that only look like a 1:1 are not one: "11:00", "1:15", "10:1", "21-1", "1-1-2026",
//   "Q1-1 review" (a quarter's first item), "1/2 day", "1/1". Time blocked to prepare ("1:1
//   prep") is not the 1:1.
// - Names in titles: a known person matches by full name, first name or address, ignoring case
//   and accents; a first name two known people share gives a provisional `name:` id. A name not
//   known yet has to look like one (capitalised, not a meeting word such as "Team"), except
//   right after "with"; otherwise nobody is invented.
// - The other person's display name is what the source shows: the guest's name, else the
//   address (a marked person not among the guests: the known person's name, else the address).
import { splitInstanceId } from './event-id';
import {
  type Attendee,
  type ClassificationOverride,
  type ClassificationReason,
  type Meeting,
  type Person,
  type Relationship,
  personIdForEmail,
  personIdForName,
} from './schemas';

export interface ClassifiableEvent {
  /** The instance's event id (used to find an event override and, for instances, the series). */
  eventId?: string;
  /** The series' event id; derived from an instance id (`<series>_<start>`) when absent. */
  seriesId?: string;
  title: string;
  /** Guests as listed (may be empty: no guests). Rooms and the user may be among them. */
  attendees: readonly Attendee[];
  organizerEmail?: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  /** All-day events without guests are never 1:1s by title. */
  allDay?: boolean;
}

export interface KnownPerson {
  id: string;
  email?: string;
  displayName: string;
}

export interface ClassificationContext {
  /** The user's address and aliases, any case. */
  selfEmails: readonly string[];
  /** The user's display names (e.g. from the Google account button), for titles like "Sam <> Dana". */
  selfNames?: readonly string[];
  /** People the user already has 1:1s with, for titles that name them (indexed per array: pass a new array when it changes). */
  knownPeople: readonly KnownPerson[];
  /** The user's marks, for events and series. Only this account's overrides should be passed. */
  overrides: readonly ClassificationOverride[];
}

export interface OtherPerson {
  email?: string;
  displayName: string;
  personId: string;
}

export type Classification =
  | { isOneOnOne: true; reason: ClassificationReason; other: OtherPerson }
  | { isOneOnOne: false; reason: ClassificationReason; detail: string };

export function classifyEvent(event: ClassifiableEvent, context: ClassificationContext): Classification {
  const selfEmails = selfEmailSet(context.selfEmails, event.attendees);
  const guests = analyseGuests(event, selfEmails);
  const detected = detectOneOnOne(event, guests, selfEmails, context);

  const override = findOverride(event, context.overrides);
  if (override === undefined) return detected;
  const scope = override.scope;
  if (!override.isOneOnOne) {
    return {
      isOneOnOne: false,
      reason: scope === 'event' ? 'unmarked-event' : 'unmarked-series',
      detail: `the user marked this ${scope} as not a 1:1`,
    };
  }
  const reason = scope === 'event' ? 'marked-event' : 'marked-series';
  const markedEmail = override.personEmail === undefined ? undefined : normaliseEmail(override.personEmail);
  if (markedEmail !== undefined && markedEmail !== '' && !selfEmails.has(markedEmail)) {
    const guest = guests.others.find((other) => other.email === markedEmail);
    const known = context.knownPeople.find((person) => normaliseEmail(person.email ?? '') === markedEmail);
    return {
      isOneOnOne: true,
      reason,
      other: {
        email: markedEmail,
        displayName: guest?.displayName ?? known?.displayName ?? markedEmail,
        personId: personIdForEmail(markedEmail),
      },
    };
  }
  if (detected.isOneOnOne) return { isOneOnOne: true, reason, other: detected.other };
  return {
    isOneOnOne: false,
    reason: 'not-one-on-one',
    detail: `the user marked this ${scope} as a 1:1 but did not say with whom`,
  };
}

/** The override that applies to an event: its own beats its series'; the latest of equals wins. */
export function findOverride(
  event: Pick<ClassifiableEvent, 'eventId' | 'seriesId'>,
  overrides: readonly ClassificationOverride[],
): ClassificationOverride | undefined {
  const latest = (scope: 'event' | 'series', targetId: string | undefined) => {
    if (targetId === undefined || targetId === '') return undefined;
    let found: ClassificationOverride | undefined;
    for (const override of overrides) {
      if (override.scope !== scope || override.targetId !== targetId) continue;
      if (found === undefined || override.updatedAt >= found.updatedAt) found = override;
    }
    return found;
  };
  // A series master (or a single event) is looked up under its own id as a series too.
  const seriesId =
    event.seriesId ?? (event.eventId === undefined ? undefined : splitInstanceId(event.eventId)?.seriesId) ?? event.eventId;
  return latest('event', event.eventId) ?? latest('series', seriesId);
}

/** Rooms, resources and calendars invited to an event are not people. */
export function isResourceGuest(attendee: Pick<Attendee, 'email' | 'resource'>): boolean {
  if (attendee.resource === true) return true;
  const domain = normaliseEmail(attendee.email).split('@').pop() ?? '';
  return /(^|\.)resource\.calendar\.google\.com$|(^|\.)group(\.v)?\.calendar\.google\.com$/.test(domain);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Guests

interface Guest {
  email: string;
  displayName?: string;
}

interface GuestAnalysis {
  /** Human guests other than the user, each address once. */
  others: Guest[];
  /** The user is among the guests (listed, or the organiser). */
  userIsGuest: boolean;
  /** Names the user goes by on this event, for title matching. */
  selfNames: string[];
}

function selfEmailSet(selfEmails: readonly string[], attendees: readonly Attendee[]): Set<string> {
  const set = new Set(selfEmails.map(normaliseEmail).filter((email) => email !== ''));
  for (const attendee of attendees) if (attendee.self === true) set.add(normaliseEmail(attendee.email));
  return set;
}

function analyseGuests(event: ClassifiableEvent, selfEmails: ReadonlySet<string>): GuestAnalysis {
  const others = new Map<string, Guest>();
  const selfNames: string[] = [];
  let userIsGuest = false;
  for (const attendee of event.attendees) {
    const email = normaliseEmail(attendee.email);
    if (email === '' || isResourceGuest(attendee)) continue;
    const displayName = attendee.displayName?.trim() || undefined;
    if (selfEmails.has(email)) {
      userIsGuest = true;
      if (displayName !== undefined) selfNames.push(displayName);
      continue;
    }
    const seen = others.get(email);
    if (seen === undefined) others.set(email, { email, displayName });
    else if (seen.displayName === undefined && displayName !== undefined) seen.displayName = displayName;
  }
  if (event.organizerEmail !== undefined && selfEmails.has(normaliseEmail(event.organizerEmail))) userIsGuest = true;
  return { others: [...others.values()], userIsGuest, selfNames };
}

function detectOneOnOne(
  event: ClassifiableEvent,
  guests: GuestAnalysis,
  selfEmails: ReadonlySet<string>,
  context: ClassificationContext,
): Classification {
  // One other person: a 1:1 even when the user is not listed (see the header).
  if (guests.others.length === 1) {
    const other = guests.others[0]!;
    return {
      isOneOnOne: true,
      reason: 'two-human-guests',
      other: { email: other.email, displayName: other.displayName ?? other.email, personId: personIdForEmail(other.email) },
    };
  }
  if (guests.others.length > 1) {
    const humans = guests.others.length + (guests.userIsGuest ? 1 : 0);
    return { isOneOnOne: false, reason: 'not-one-on-one', detail: `${humans} people are invited` };
  }
  // No other human guest: the title decides.
  if (event.allDay === true) {
    return { isOneOnOne: false, reason: 'not-one-on-one', detail: 'an all-day event without guests' };
  }
  const fromTitle = oneOnOneFromTitle(event.title, {
    selfEmails: [...selfEmails],
    selfNames: [...(context.selfNames ?? []), ...guests.selfNames],
    knownPeople: context.knownPeople,
  });
  if (fromTitle.ok) return { isOneOnOne: true, reason: 'title', other: fromTitle.other };
  return { isOneOnOne: false, reason: 'not-one-on-one', detail: fromTitle.detail };
}

// ---------------------------------------------------------------------------------------------
// Titles

export type TitleMatch = { ok: true; other: OtherPerson } | { ok: false; detail: string };

export interface TitleContext {
  selfEmails: readonly string[];
  selfNames: readonly string[];
  knownPeople: readonly KnownPerson[];
}

// Scripts written with spaces between words: a token glued to their letters is part of a word
// ("Q1-1", "co3"). Other scripts (Japanese, Chinese, …) write "田中さんと1on1" without spaces.
const WORD_CHAR = String.raw`\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}`;
const ONE_ON_ONE_TOKEN = new RegExp(
  String.raw`(?<![${WORD_CHAR}])(?<!\p{N}[-:./,])` +
    String.raw`(?:1(?::|-|on| on |-on-|to|-to-)1|one[- ]on[- ]one|one[- ]to[- ]one|o3)` +
    String.raw`(?![${WORD_CHAR}])(?![-:./,]\p{N})`,
  'iu',
);
const ALL_ONE_ON_ONE_TOKENS = new RegExp(ONE_ON_ONE_TOKEN.source, 'giu');

// A block to prepare for a 1:1 ("1:1 prep", "Prep: Dana / Sam") is not the 1:1.
const PREPARATION = /(?:^|[^\p{L}])(?:prep|preparation|prepare|preparing)(?:$|[^\p{L}])/iu;

// Words around a name that say how or how often, not who: taken off before reading the name.
// They never make a 1:1 on their own (a 1:1 token or a pair separator has to be there).
const DECORATION_WORDS = new Set([
  'weekly', 'bi-weekly', 'biweekly', 'fortnightly', 'monthly', 'daily', 'recurring', 'regular',
  'my', 'our', 'sync', 'catch-up', 'catchup', 'check-in', 'checkin', 'meeting', 'chat', 'call',
  'skip-level', 'skip', 'level',
]);

// Words that are never a person someone has a 1:1 with ("Team O3", "Mgr 1:1", "Hiring / Dana").
// They only ever stop a name from being taken as a new person.
const NOT_A_NAME = new Set([
  'team', 'teams', 'staff', 'group', 'all', 'everyone', 'mgr', 'manager', 'managers', 'mgmt',
  'management', 'lead', 'leads', 'leadership', 'eng', 'engineering', 'design', 'product', 'sales',
  'marketing', 'hiring', 'interview', 'review', 'planning', 'plan', 'notes', 'agenda', 'hold',
  'placeholder', 'tbd', 'focus', 'block', 'time', 'lunch', 'coffee', 'zoom', 'meet', 'office',
  'room', 'about', 'the', 'for', 'on', 'at', 'in', 're', 'fw', 'fwd',
]);

// Lower-case particles inside names ("Gonzalez de la Vega", "van Dijk").
const NAME_PARTICLES = new Set(['de', 'da', 'di', 'do', 'dos', 'das', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'du', 'bin', 'al', 'el', 'ter', 'ten', 'y']);

// "1:1 with Dana", "1:1 mit Dana", "1:1 avec Dana", "1:1 con Dana", "1:1 met Dana", …
const WITH_WORD = /^(?:w\/\s*|(?:with|mit|avec|con|met|com|med|z|с|со)\s+)/iu;
// Japanese "with" after the name, with or without an honorific: "田中さんと1on1".
const JAPANESE_WITH = /(?:さん|様|くん|ちゃん)?と$/u;
const JAPANESE_HONORIFIC = /(?:さん|様|くん|ちゃん)$/u;
const SELF_WORDS = new Set(['me']);

/** Whether a title names a 1:1 and with whom (used for events without other human guests). */
export function oneOnOneFromTitle(title: string, context: TitleContext): TitleMatch {
  const text = title
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    // Emoji and pictographs decorate titles ("🍕 1:1 Dana"); they are never part of a name.
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return { ok: false, detail: 'the event has no guests and no title' };
  if (PREPARATION.test(text)) return { ok: false, detail: 'the title names preparation for a 1:1, not a 1:1' };
  const matcher = new PeopleMatcher(context);

  const token = ONE_ON_ONE_TOKEN.exec(text);
  if (token === null) {
    const pair = splitPair(stripBrackets(text), false);
    if (pair === undefined || !pair.every(isPlausibleName)) return { ok: false, detail: 'the title does not name a 1:1' };
    const other = resolvePair(pair, matcher);
    return other === undefined
      ? { ok: false, detail: 'the title pairs two names, not recognisably the user and one other person' }
      : { ok: true, other };
  }

  const before = text.slice(0, token.index);
  const after = text.slice(token.index + token[0].length).replace(ALL_ONE_ON_ONE_TOKENS, ' ');
  const left = cleanLeft(before);
  // A heading ending in a colon or bar ("Eng: 1:1 Dana") is not the person when a name follows.
  const leftIsLabel = /[:|][\s([{【「]*$/u.test(stripBrackets(before));
  const rightRaw = stripBrackets(after).replace(/^[\s\-:|,·•~>)\]}】」]+/u, '');
  const rightHasWith = WITH_WORD.test(rightRaw);
  const right = cleanRight(rightRaw.replace(WITH_WORD, ''));

  let candidate: string;
  if (right !== '' && (left === '' || rightHasWith || leftIsLabel)) candidate = right;
  else if (left !== '' && right === '') candidate = left;
  else if (left === '' && right === '') return { ok: false, detail: 'the title names a 1:1 but not with whom' };
  else {
    // Names on both sides of the token: "Sam 1:1 Dana" (one is the user) or a known person.
    const other = resolvePair([left, right], matcher);
    return other === undefined
      ? { ok: false, detail: 'the title names a 1:1 but not clearly with whom' }
      : { ok: true, other };
  }

  const pair = splitPair(candidate, true);
  if (pair !== undefined) {
    const other = resolvePair(pair, matcher);
    return other === undefined
      ? { ok: false, detail: 'the title names a 1:1 between two names, not recognisably the user and one other person' }
      : { ok: true, other };
  }
  if (!isPlausibleName(candidate)) return { ok: false, detail: 'the title names a 1:1 but not with whom' };
  // The user's first name alone may as well be a known person's ("1:1 Sam" with a direct Sam).
  const self = matcher.selfMatch(candidate);
  if (self === 'full' || (self === 'first' && matcher.known(candidate) === undefined)) {
    return { ok: false, detail: 'the title names a 1:1 but only the user' };
  }
  // After "with" a name is a name even in lower case ("1:1 with maria").
  const other = matcher.person(candidate, { capitalised: !(rightHasWith && candidate === right) });
  return other === undefined ? { ok: false, detail: 'the title names a 1:1 but not with whom' } : { ok: true, other };
}

function stripBrackets(text: string): string {
  return text.replace(/\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|【[^】]*】|「[^」]*」/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** The text before a token, reduced to the name nearest it ("Weekly: Dana" → "Dana"). */
function cleanLeft(before: string): string {
  let text = stripBrackets(before).replace(/[\s\-:|,·•~<([{【「]+$/u, '');
  // Japanese "with": a particle after the name ("田中さんと1on1", "Dana と 1:1"). A name may end
  // in と itself ("まこと"), so a bare と is taken off only when glued to the token.
  const glued = !/\s$/.test(before);
  if (/\sと$/u.test(text)) text = text.slice(0, -1).trimEnd();
  else if (glued || /(?:さん|様|くん|ちゃん)と$/u.test(text)) text = text.replace(JAPANESE_WITH, '');
  text = lastSegment(text);
  text = text.replace(/['’]s$/u, '');
  return stripDecoration(text).replace(JAPANESE_HONORIFIC, '');
}

/** The text after a token, reduced to the name nearest it ("Dana - roadmap" → "Dana"). */
function cleanRight(after: string): string {
  const text = firstSegment(after.trim()).replace(/[\s\-:|,·•~>]+$/u, '');
  return stripDecoration(text).replace(JAPANESE_HONORIFIC, '');
}

// Segments of a title are separated by ": ", " - ", " | " (headings, topics).
const SEGMENT_SEPARATOR = /:\s|\s[-|]\s|\s\|/u;

function lastSegment(text: string): string {
  const parts = text.split(SEGMENT_SEPARATOR);
  return (parts[parts.length - 1] ?? '').trim();
}

function firstSegment(text: string): string {
  return (text.split(SEGMENT_SEPARATOR)[0] ?? '').trim();
}

function stripDecoration(text: string): string {
  const words = text.split(' ').filter((word) => word !== '');
  while (words.length > 0 && DECORATION_WORDS.has(fold(words[0]!))) words.shift();
  while (words.length > 0 && DECORATION_WORDS.has(fold(words[words.length - 1]!))) words.pop();
  return words.join(' ');
}

// Pairs: "Alice <> Bob", "Alice / Bob"; next to a 1:1 token also "Alice & Bob", "Alice + Bob",
// "Alice and Bob" (the token already says it is a 1:1).
const PAIR_SEPARATOR = /\s*(?:<->|<>|\/)\s*/gu;
const PAIR_SEPARATOR_BESIDE_TOKEN = /\s*(?:<->|<>|\/|&|\+)\s*|\s+(?:and|und|et)\s+/giu;

/** The two sides of a pair, each reduced to the name nearest the separator. "w/" is "with". */
function splitPair(text: string, besideToken: boolean): [string, string] | undefined {
  const matches = [...text.matchAll(besideToken ? PAIR_SEPARATOR_BESIDE_TOKEN : PAIR_SEPARATOR)];
  if (matches.length !== 1) return undefined;
  const match = matches[0]!;
  const leftRaw = text.slice(0, match.index);
  if (match[0].trim() === '/' && /(?:^|\s)w$/i.test(leftRaw)) return undefined;
  const left = stripDecoration(lastSegment(leftRaw.replace(/['’]s$/u, '')));
  const right = stripDecoration(firstSegment(text.slice(match.index + match[0].length)).replace(/[\s\-:|,]+$/u, ''));
  if (left === '' || right === '') return undefined;
  return [left, right];
}

/**
 * The other person of a pair of names. One side is the user: the other side is the person.
 * Neither is (the user written another way, say): the one known person, if exactly one side is
 * known and the other could be the user's name ("Dana / Alex", not "Hiring / Dana").
 */
function resolvePair([a, b]: [string, string], matcher: PeopleMatcher): OtherPerson | undefined {
  if (!isPlausibleName(a) || !isPlausibleName(b)) return undefined;
  const aSelf = matcher.isSelf(a);
  const bSelf = matcher.isSelf(b);
  if (aSelf && bSelf) return undefined;
  if (aSelf) return matcher.person(b);
  if (bSelf) return matcher.person(a);
  const aKnown = matcher.known(a);
  const bKnown = matcher.known(b);
  if (aKnown !== undefined && bKnown === undefined && looksLikeNewName(b)) return aKnown;
  if (bKnown !== undefined && aKnown === undefined && looksLikeNewName(a)) return bKnown;
  return undefined;
}

/** One to six words of letters (any script), no digits, not a list of people. */
function isPlausibleName(text: string): boolean {
  if (text.length === 0 || text.length > 80) return false;
  const words = text.split(' ');
  return (
    words.length <= 6 &&
    words.every((word) => /^[\p{L}\p{M}][\p{L}\p{M}'’.\-]*$/u.test(word)) &&
    !words.some((word) => /^(?:and|und|et|or|oder|ou)$/i.test(word))
  );
}

/**
 * A name not seen before must be written like one: capitalised words (particles aside; scripts
 * without case pass) and none of the words meetings are named after. Lower-case or generic
 * words ("1:1 about budget", "Team O3") are not taken as a new person.
 */
function looksLikeNewName(text: string, capitalised = true): boolean {
  if (!isPlausibleName(text)) return false;
  const words = text.split(' ');
  if (words.some((word) => NOT_A_NAME.has(fold(word)))) return false;
  return !capitalised || words.every((word, i) => {
    if (i > 0 && NAME_PARTICLES.has(word)) return true;
    const first = word.charAt(0);
    return first !== first.toLowerCase() || first === first.toUpperCase();
  });
}

/** Case- and accent-insensitive form for comparing names. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s._]+/g, ' ')
    .trim();
}

function firstName(text: string): string {
  return fold(text).split(' ')[0] ?? '';
}

interface KnownPeopleIndex {
  size: number;
  /** By full name, address and the address' local part, folded. */
  byFull: Map<string, KnownPerson[]>;
  byFirstName: Map<string, KnownPerson[]>;
}

// Built once per list of known people (callers pass the same array for a whole sync pass); a
// list that grew since is indexed again. Replace the array rather than edit it in place.
const knownPeopleIndexes = new WeakMap<readonly KnownPerson[], KnownPeopleIndex>();

function indexKnownPeople(people: readonly KnownPerson[]): KnownPeopleIndex {
  const cached = knownPeopleIndexes.get(people);
  if (cached !== undefined && cached.size === people.length) return cached;
  const index: KnownPeopleIndex = { size: people.length, byFull: new Map(), byFirstName: new Map() };
  const add = (map: Map<string, KnownPerson[]>, key: string, person: KnownPerson) => {
    if (key === '') return;
    const list = map.get(key) ?? [];
    if (!list.includes(person)) list.push(person);
    map.set(key, list);
  };
  for (const person of people) {
    add(index.byFull, fold(person.displayName), person);
    const email = normaliseEmail(person.email ?? '');
    if (email !== '') {
      add(index.byFull, fold(email), person);
      add(index.byFull, fold((email.split('@')[0] ?? '').replace(/-/g, ' ')), person);
    }
    add(index.byFirstName, firstName(person.displayName), person);
  }
  knownPeopleIndexes.set(people, index);
  return index;
}

class PeopleMatcher {
  private readonly selfForms = new Set<string>(SELF_WORDS);
  private readonly selfFirstNames = new Set<string>();
  private readonly knownPeople: KnownPeopleIndex;

  constructor(context: TitleContext) {
    for (const email of context.selfEmails) {
      const local = normaliseEmail(email).split('@')[0] ?? '';
      if (local === '') continue;
      this.selfForms.add(fold(email));
      this.selfForms.add(fold(local.replace(/[-+]/g, ' ')));
      // "sam.lee@…" goes by "Sam" too; a bare "slee@…" gives no first name.
      if (/[._-]/.test(local)) this.selfFirstNames.add(firstName(local.replace(/[-+]/g, ' ')));
    }
    for (const name of context.selfNames) {
      if (fold(name) === '') continue;
      this.selfForms.add(fold(name));
      this.selfFirstNames.add(firstName(name));
    }
    this.knownPeople = indexKnownPeople(context.knownPeople);
  }

  isSelf(name: string): boolean {
    return this.selfMatch(name) !== undefined;
  }

  /** How a name means the user: written out (address, full name, "me") or by first name. */
  selfMatch(name: string): 'full' | 'first' | undefined {
    const folded = fold(name);
    if (this.selfForms.has(folded)) return 'full';
    return this.selfFirstNames.has(folded) ? 'first' : undefined;
  }

  /** The known person a name means: a unique full match, else a unique first-name match. */
  known(name: string): OtherPerson | undefined {
    const folded = fold(name);
    const matches = this.knownPeople.byFull.get(folded) ?? this.knownPeople.byFirstName.get(folded) ?? [];
    if (new Set(matches.map((person) => person.id)).size !== 1) return undefined;
    const person = matches[0]!;
    const email = person.email === undefined ? undefined : normaliseEmail(person.email);
    return email === undefined
      ? { displayName: person.displayName, personId: person.id }
      : { email, displayName: person.displayName, personId: person.id };
  }

  /** The known person, else a new person known only by this name (provisional id), if it is one. */
  person(name: string, { capitalised = true } = {}): OtherPerson | undefined {
    const known = this.known(name);
    if (known !== undefined) return known;
    return looksLikeNewName(name, capitalised) ? { displayName: name, personId: personIdForName(name) } : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The direct rule

export type Organiser = 'me' | 'them';

/** Who organised a meeting: the user (any of their addresses), someone else, or unknown. */
export function organiserOf(
  meeting: Pick<Meeting, 'organizerEmail' | 'attendees'>,
  selfEmails: readonly string[],
): Organiser | undefined {
  const self = new Set(selfEmails.map(normaliseEmail));
  if (meeting.organizerEmail !== undefined && meeting.organizerEmail.trim() !== '') {
    const organiser = normaliseEmail(meeting.organizerEmail);
    const listed = meeting.attendees.find((attendee) => normaliseEmail(attendee.email) === organiser);
    return self.has(organiser) || listed?.self === true ? 'me' : 'them';
  }
  const flagged = meeting.attendees.find((attendee) => attendee.organizer === true);
  if (flagged === undefined) return undefined;
  return flagged.self === true || self.has(normaliseEmail(flagged.email)) ? 'me' : 'them';
}

/**
 * Who organises the 1:1s with a person: the organiser of the latest recurring 1:1 (the standing
 * arrangement), else of the latest 1:1. An ad-hoc 1:1 the other person booked does not undo a
 * series the user runs. Logged 1:1s and meetings with no known organiser are not evidence.
 */
export function whoOrganises(meetings: readonly Meeting[], selfEmails: readonly string[]): Organiser | undefined {
  let latestRecurring: { start: number; organiser: Organiser } | undefined;
  let latestAny: { start: number; organiser: Organiser } | undefined;
  for (const meeting of meetings) {
    if (!meeting.isOneOnOne || meeting.source !== 'calendar') continue;
    const organiser = organiserOf(meeting, selfEmails);
    if (organiser === undefined) continue;
    if (latestAny === undefined || meeting.start >= latestAny.start) latestAny = { start: meeting.start, organiser };
    if (meeting.seriesId !== undefined && (latestRecurring === undefined || meeting.start >= latestRecurring.start)) {
      latestRecurring = { start: meeting.start, organiser };
    }
  }
  return (latestRecurring ?? latestAny)?.organiser;
}

/** True when the user organises the 1:1s (a suggested direct), false when someone else does. */
export function isLikelyDirect(meetings: readonly Meeting[], selfEmails: readonly string[]): boolean | undefined {
  const organiser = whoOrganises(meetings, selfEmails);
  return organiser === undefined ? undefined : organiser === 'me';
}

export interface RelationshipSuggestion {
  relationship: Relationship;
  /** Whether the caller should store `relationship` (as `relationshipSource: 'suggested'`). */
  apply: boolean;
  reason: string;
}

/**
 * The relationship to suggest for a person from their 1:1s. The user organising them suggests
 * 'direct'; someone else organising them says only "not a direct", so 'other' is suggested (a
 * manager, peer or mentor cannot be told apart from the calendar) and an existing non-direct
 * suggestion is kept. A relationship the user confirmed is never changed.
 */
export function suggestRelationship(
  meetings: readonly Meeting[],
  person: Person | undefined,
  selfEmails: readonly string[],
): RelationshipSuggestion {
  if (person?.relationshipSource === 'confirmed') {
    return { relationship: person.relationship, apply: false, reason: 'the user confirmed the relationship' };
  }
  const organiser = whoOrganises(meetings, selfEmails);
  if (organiser === undefined) {
    return person === undefined
      ? { relationship: 'other', apply: true, reason: 'no 1:1 with a known organiser yet' }
      : { relationship: person.relationship, apply: false, reason: 'no 1:1 with a known organiser yet' };
  }
  if (organiser === 'me') {
    return {
      relationship: 'direct',
      apply: person?.relationship !== 'direct',
      reason: 'the user organises the 1:1s',
    };
  }
  if (person !== undefined && person.relationship !== 'direct') {
    return { relationship: person.relationship, apply: false, reason: 'someone else organises the 1:1s' };
  }
  return { relationship: 'other', apply: true, reason: 'someone else organises the 1:1s' };
}

/**
 * A person met for the first time in a 1:1 (the sidebar's page or the sync engine's calendar
 * read): the suggested relationship, and the defaults (frontline, weekly) until the user says
 * otherwise. The name is the one shown, else the address, else the id.
 */
export function newPersonFrom(account: string, other: OtherPerson, relationship: Relationship, now: number): Person {
  return {
    account,
    id: other.personId,
    ...(other.email !== undefined && { email: other.email.toLowerCase() }),
    displayName: other.displayName.trim() || other.email || other.personId,
    relationship,
    relationshipSource: 'suggested',
    level: 'frontline',
    cadenceDays: 7,
    archived: false,
    updatedAt: now,
  };
}
