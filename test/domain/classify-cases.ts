// The 1:1 classification table: real-looking events as the API and the page give them.
import type { ClassifiableEvent, ClassificationContext, OtherPerson } from '../../src/domain/classify';
import type { Attendee, ClassificationOverride, ClassificationReason } from '../../src/domain/schemas';

export const ACCOUNT = 'sam.lee@acme.com';

export const baseContext: ClassificationContext = {
  // The user's address and an alias, written as the user typed them.
  selfEmails: ['sam.lee@acme.com', 'SLee@Acme-Corp.com'],
  selfNames: ['Sam Lee'],
  knownPeople: [
    { id: 'email:dana.reyes@acme.com', email: 'dana.reyes@acme.com', displayName: 'Dana Reyes' },
    { id: 'email:priya@acme.com', email: 'priya@acme.com', displayName: 'Priya Natarajan' },
    { id: 'email:jose.alvarez@acme.com', email: 'jose.alvarez@acme.com', displayName: 'José Álvarez' },
    { id: 'email:chris.park@acme.com', email: 'chris.park@acme.com', displayName: 'Chris Park' },
    { id: 'email:chris.wong@acme.com', email: 'chris.wong@acme.com', displayName: 'Chris Wong' },
    // Known only from earlier titles: a provisional person.
    { id: 'name:kenji', displayName: 'Kenji' },
  ],
  overrides: [],
};

const me: Attendee = { email: 'sam.lee@acme.com', displayName: 'Sam Lee', self: true, responseStatus: 'accepted' };
const meOrganiser: Attendee = { ...me, organizer: true };
const dana: Attendee = { email: 'dana.reyes@acme.com', displayName: 'Dana Reyes', responseStatus: 'accepted' };
const priya: Attendee = { email: 'priya@acme.com', displayName: 'Priya Natarajan', responseStatus: 'accepted' };
const room: Attendee = {
  email: 'c_1888a9b3f0@resource.calendar.google.com',
  displayName: 'HQ-3-Blue Room (6)',
  resource: true,
  responseStatus: 'accepted',
};

const danaOther: OtherPerson = { email: 'dana.reyes@acme.com', displayName: 'Dana Reyes', personId: 'email:dana.reyes@acme.com' };
const priyaOther: OtherPerson = { email: 'priya@acme.com', displayName: 'Priya Natarajan', personId: 'email:priya@acme.com' };
const joseOther: OtherPerson = { email: 'jose.alvarez@acme.com', displayName: 'José Álvarez', personId: 'email:jose.alvarez@acme.com' };
const kenjiOther: OtherPerson = { displayName: 'Kenji', personId: 'name:kenji' };
const nameOnly = (displayName: string, id: string): OtherPerson => ({ displayName, personId: `name:${id}` });

function override(
  scope: 'event' | 'series',
  targetId: string,
  isOneOnOne: boolean,
  personEmail?: string,
  updatedAt = 1_780_000_000_000,
): ClassificationOverride {
  return {
    account: ACCOUNT,
    id: `${scope}:${targetId}`,
    scope,
    targetId,
    isOneOnOne,
    ...(personEmail === undefined ? {} : { personEmail }),
    updatedAt,
  };
}

function staff(count: number): Attendee[] {
  return Array.from({ length: count }, (_, i) => ({
    email: `engineer${i + 1}@acme.com`,
    displayName: `Engineer ${i + 1}`,
    responseStatus: 'needsAction' as const,
  }));
}

/** A title-only event: no guests, as the API gives an event the user made alone. */
const titled = (title: string, extra: Partial<ClassifiableEvent> = {}): ClassifiableEvent => ({
  eventId: 'k7s0c1q8t9v2m3n4b5x6z7a8e0',
  title,
  attendees: [],
  organizerEmail: 'sam.lee@acme.com',
  status: 'confirmed',
  ...extra,
});

export type ExpectedClassification =
  | { isOneOnOne: true; reason: ClassificationReason; other: OtherPerson }
  | { isOneOnOne: false; reason: ClassificationReason; detail: RegExp };

export interface ClassifyCase {
  name: string;
  event: ClassifiableEvent;
  context?: Partial<ClassificationContext>;
  expected: ExpectedClassification;
}

const oneOnOne = (other: OtherPerson, reason: ClassificationReason = 'two-human-guests'): ExpectedClassification => ({
  isOneOnOne: true,
  reason,
  other,
});
const byTitle = (other: OtherPerson) => oneOnOne(other, 'title');
const notOne = (detail: RegExp, reason: ClassificationReason = 'not-one-on-one'): ExpectedClassification => ({
  isOneOnOne: false,
  reason,
  detail,
});

export const classifyCases: ClassifyCase[] = [
  // --- Guests -----------------------------------------------------------------------------------
  {
    name: 'API: the user and Dana, both accepted',
    event: { eventId: 'a1', title: 'Dana / Sam', attendees: [meOrganiser, dana], organizerEmail: 'sam.lee@acme.com' },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'API: Dana organises, the user is a guest',
    event: { eventId: 'a2', title: 'Catch up', attendees: [{ ...dana, organizer: true }, me], organizerEmail: 'dana.reyes@acme.com' },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'the title does not matter when the guests make a 1:1',
    event: { eventId: 'a3', title: 'Q3 roadmap review', attendees: [me, dana] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'Dana declined: still a 1:1 (declines are the overdue logic’s business)',
    event: { eventId: 'a4', title: '1:1', attendees: [meOrganiser, { ...dana, responseStatus: 'declined' }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'the user declined: still a 1:1',
    event: { eventId: 'a5', title: 'Sync', attendees: [{ ...me, responseStatus: 'declined' }, { ...dana, organizer: true }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'a room booked for the 1:1 is not a guest',
    event: { eventId: 'a6', title: 'Dana <> Sam', attendees: [meOrganiser, dana, room] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'page: a room known only by its resource address',
    event: {
      eventId: 'a7',
      title: 'Dana <> Sam',
      attendees: [{ email: 'sam.lee@acme.com' }, { email: 'dana.reyes@acme.com', displayName: 'Dana Reyes' }, { email: 'c_19xk2@resource.calendar.google.com' }],
    },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'two rooms (hybrid offices) and two people',
    event: { eventId: 'a8', title: 'Weekly', attendees: [me, dana, room, { email: 'c_2b@resource.calendar.google.com', displayName: 'Berlin-2-Spree' }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'a shared calendar invited as a guest is not a person',
    event: { eventId: 'a9', title: 'Dana', attendees: [me, dana, { email: 'eng-ooo-7f3k@group.calendar.google.com', displayName: 'Eng OOO' }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'the same address twice in other case counts once',
    event: { eventId: 'a10', title: 'Sync', attendees: [me, dana, { email: 'Dana.Reyes@ACME.com' }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'an address in mixed case is kept in lower case',
    event: { eventId: 'a11', title: 'Sync', attendees: [me, { email: 'Dana.Reyes@Acme.com', displayName: 'Dana Reyes' }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'the name comes from whichever duplicate has one',
    event: { eventId: 'a12', title: 'Sync', attendees: [me, { email: 'DANA.REYES@acme.com' }, { email: 'dana.reyes@acme.com', displayName: 'Dana Reyes' }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'page: the user listed under an alias, in other case, without a self flag',
    event: { eventId: 'a13', title: 'Sync', attendees: [{ email: 'slee@acme-corp.com' }, { email: 'dana.reyes@acme.com', displayName: 'Dana Reyes' }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'the user listed under both addresses is one person',
    event: { eventId: 'a14', title: 'Sync', attendees: [me, { email: 'SLEE@acme-corp.com' }, dana] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'API: self flag on an address the settings do not know yet',
    event: { eventId: 'a15', title: 'Sync', attendees: [{ email: 'sam@acme.io', self: true }, dana] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'page: only Dana listed (the page left the viewer out)',
    event: { eventId: 'a16', title: 'Sync', attendees: [{ email: 'dana.reyes@acme.com', displayName: 'Dana Reyes' }] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'API: the user organises but is not in the attendee list',
    event: { eventId: 'a17', title: 'Sync', attendees: [dana], organizerEmail: 'sam.lee@acme.com' },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'an assistant organised it and is not a guest',
    event: { eventId: 'a18', title: 'Dana / Sam', attendees: [me, dana], organizerEmail: 'ea.morgan@acme.com' },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'a guest without a name is shown by address',
    event: { eventId: 'a19', title: 'Intro', attendees: [me, { email: 'new.hire@acme.com' }] },
    expected: oneOnOne({ email: 'new.hire@acme.com', displayName: 'new.hire@acme.com', personId: 'email:new.hire@acme.com' }),
  },
  {
    name: 'a 1:1 with someone outside the company',
    event: { eventId: 'a20', title: 'Coffee', attendees: [me, { email: 'mentor@gmail.com', displayName: 'Ana Mentor' }] },
    expected: oneOnOne({ email: 'mentor@gmail.com', displayName: 'Ana Mentor', personId: 'email:mentor@gmail.com' }),
  },
  {
    name: 'cancelled 1:1 still classifies',
    event: { eventId: 'a21', title: '1:1 Dana', attendees: [meOrganiser, dana], status: 'cancelled' },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'all-day event with two human guests classifies by guests',
    event: { eventId: 'a22', title: 'Dana shadowing day', attendees: [meOrganiser, dana], allDay: true },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'three people: not a 1:1',
    event: { eventId: 'b1', title: 'Planning', attendees: [meOrganiser, dana, priya] },
    expected: notOne(/3 people/),
  },
  {
    name: 'three people where one declined: still a group meeting',
    event: { eventId: 'b2', title: 'Planning', attendees: [meOrganiser, dana, { ...priya, responseStatus: 'declined' }] },
    expected: notOne(/3 people/),
  },
  {
    name: 'a group meeting titled as a 1:1 is not one',
    event: { eventId: 'b3', title: '1:1 Dana', attendees: [meOrganiser, dana, priya] },
    expected: notOne(/3 people/),
  },
  {
    name: '12 guests',
    event: { eventId: 'b4', title: 'Eng all-hands', attendees: [meOrganiser, ...staff(11)] },
    expected: notOne(/12 people/),
  },
  {
    name: 'two other people and no user (someone else’s calendar)',
    event: { eventId: 'b5', title: 'Dana / Priya', attendees: [dana, priya] },
    expected: notOne(/2 people/),
  },
  {
    name: 'two people with a room, and a duplicate of the user',
    event: { eventId: 'b6', title: 'Interview', attendees: [me, { email: 'SAM.LEE@acme.com' }, dana, priya, room] },
    expected: notOne(/3 people/),
  },

  // --- No guests: the title -----------------------------------------------------------------------
  { name: '"1:1 Dana": a known person by first name', event: titled('1:1 Dana'), expected: byTitle(danaOther) },
  { name: '"1:1 with Dana Reyes"', event: titled('1:1 with Dana Reyes'), expected: byTitle(danaOther) },
  { name: '"Dana 1:1"', event: titled('Dana 1:1'), expected: byTitle(danaOther) },
  { name: '"Dana / Sam": the user by first name', event: titled('Dana / Sam'), expected: byTitle(danaOther) },
  { name: '"Sam <> Dana"', event: titled('Sam <> Dana'), expected: byTitle(danaOther) },
  { name: '"Sam<>Dana" without spaces', event: titled('Sam<>Dana'), expected: byTitle(danaOther) },
  { name: '"Dana <> me"', event: titled('Dana <> me'), expected: byTitle(danaOther) },
  { name: '"Dana / me"', event: titled('Dana / me'), expected: byTitle(danaOther) },
  { name: '"Sam Lee / Maria": the user’s full name, someone new', event: titled('Sam Lee / Maria'), expected: byTitle(nameOnly('Maria', 'maria')) },
  { name: '"slee <> Dana": the alias’ local part', event: titled('slee <> Dana'), expected: byTitle(danaOther) },
  { name: '"1-1 Priya"', event: titled('1-1 Priya'), expected: byTitle(priyaOther) },
  { name: '"1on1 Kenji": a provisional known person keeps its id', event: titled('1on1 Kenji'), expected: byTitle(kenjiOther) },
  { name: '"1 on 1: Maria": someone new gets a name id', event: titled('1 on 1: Maria'), expected: byTitle(nameOnly('Maria', 'maria')) },
  { name: '"1-on-1 Maria"', event: titled('1-on-1 Maria'), expected: byTitle(nameOnly('Maria', 'maria')) },
  {
    name: '"One-on-One with Maria Lopez"',
    event: titled('One-on-One with Maria Lopez'),
    expected: byTitle(nameOnly('Maria Lopez', 'maria lopez')),
  },
  { name: '"one on one - Maria"', event: titled('one on one - Maria'), expected: byTitle(nameOnly('Maria', 'maria')) },
  { name: '"O3 Dana"', event: titled('O3 Dana'), expected: byTitle(danaOther) },
  { name: '"Dana O3"', event: titled('Dana O3'), expected: byTitle(danaOther) },
  { name: '"Weekly 1:1 - Dana"', event: titled('Weekly 1:1 - Dana'), expected: byTitle(danaOther) },
  { name: '"Dana’s 1:1"', event: titled('Dana’s 1:1'), expected: byTitle(danaOther) },
  { name: '"Dana Reyes | 1:1 | Weekly"', event: titled('Dana Reyes | 1:1 | Weekly'), expected: byTitle(danaOther) },
  { name: '"Eng: 1:1 Dana": a heading before the token', event: titled('Eng: 1:1 Dana'), expected: byTitle(danaOther) },
  { name: '"[Zoom] 1:1 w/ Dana (biweekly)"', event: titled('[Zoom] 1:1 w/ Dana (biweekly)'), expected: byTitle(danaOther) },
  { name: '"Dana Reyes (1:1)"', event: titled('Dana Reyes (1:1)'), expected: byTitle(danaOther) },
  { name: '"1:1 Sam / Dana"', event: titled('1:1 Sam / Dana'), expected: byTitle(danaOther) },
  { name: '"Sam & Dana 1:1"', event: titled('Sam & Dana 1:1'), expected: byTitle(danaOther) },
  { name: '"Dana Reyes and Sam Lee 1:1"', event: titled('Dana Reyes and Sam Lee 1:1'), expected: byTitle(danaOther) },
  { name: '"Canceled: 1:1 Dana" (Calendar’s prefix)', event: titled('Canceled: 1:1 Dana'), expected: byTitle(danaOther) },
  { name: '"🍕 1:1 Dana 🍕": emoji are no part of a name', event: titled('🍕 1:1 Dana 🍕'), expected: byTitle(danaOther) },
  { name: '"1:1 with maria": after "with", lower case will do', event: titled('1:1 with maria'), expected: byTitle(nameOnly('maria', 'maria')) },
  {
    name: '"1:1 Lucía Gonzalez de la Vega": particles in a new name',
    event: titled('1:1 Lucía Gonzalez de la Vega'),
    expected: byTitle(nameOnly('Lucía Gonzalez de la Vega', 'lucía gonzalez de la vega')),
  },
  { name: '"Ana <> Sam": someone new beside the user', event: titled('Ana <> Sam'), expected: byTitle(nameOnly('Ana', 'ana')) },
  { name: '"1:1 dana.reyes": a known address’ local part', event: titled('1:1 dana.reyes'), expected: byTitle(danaOther) },
  { name: '"jose 1:1": accents and case do not matter', event: titled('jose 1:1'), expected: byTitle(joseOther) },
  { name: '"1:1 JOSÉ ÁLVAREZ"', event: titled('1:1 JOSÉ ÁLVAREZ'), expected: byTitle(joseOther) },
  { name: '"1:1 Chris": two known Chrises, so a name id', event: titled('1:1 Chris'), expected: byTitle(nameOnly('Chris', 'chris')) },
  { name: '"1:1 Chris Park": the full name settles it', event: titled('1:1 Chris Park'), expected: byTitle({ email: 'chris.park@acme.com', displayName: 'Chris Park', personId: 'email:chris.park@acme.com' }) },
  {
    name: '"1:1 Sam" where a known direct is also called Sam',
    event: titled('1:1 Sam'),
    context: { knownPeople: [{ id: 'email:sam.ortiz@acme.com', email: 'sam.ortiz@acme.com', displayName: 'Sam Ortiz' }] },
    expected: byTitle({ email: 'sam.ortiz@acme.com', displayName: 'Sam Ortiz', personId: 'email:sam.ortiz@acme.com' }),
  },
  {
    name: '"Dana / Alex": a known person beside an unknown name (taken as the user, per the contract)',
    event: titled('Dana / Alex'),
    expected: byTitle(danaOther),
  },
  {
    name: 'the user’s own guest row names them for the title',
    event: titled('Samuel <> Dana', { attendees: [{ email: 'sam.lee@acme.com', self: true, displayName: 'Samuel Lee' }] }),
    context: { selfNames: [] },
    expected: byTitle(danaOther),
  },
  { name: 'only the user and a room: the title decides', event: titled('1:1 Dana', { attendees: [meOrganiser, room] }), expected: byTitle(danaOther) },
  { name: 'only the user listed: "O3 - Priya"', event: titled('O3 - Priya', { attendees: [meOrganiser] }), expected: byTitle(priyaOther) },
  { name: 'a cancelled title-only 1:1', event: titled('1:1 Dana', { status: 'cancelled' }), expected: byTitle(danaOther) },

  // --- Titles in other languages --------------------------------------------------------------
  { name: '"1:1 mit Jürgen"', event: titled('1:1 mit Jürgen'), expected: byTitle(nameOnly('Jürgen', 'jürgen')) },
  { name: '"1:1 avec Zoé"', event: titled('1:1 avec Zoé'), expected: byTitle(nameOnly('Zoé', 'zoé')) },
  { name: '"1:1 con Lucía"', event: titled('1:1 con Lucía'), expected: byTitle(nameOnly('Lucía', 'lucía')) },
  { name: '"Dana と 1:1"', event: titled('Dana と 1:1'), expected: byTitle(danaOther) },
  { name: '"田中さんと1on1"', event: titled('田中さんと1on1'), expected: byTitle(nameOnly('田中', '田中')) },
  { name: '"1on1 田中"', event: titled('1on1 田中'), expected: byTitle(nameOnly('田中', '田中')) },
  { name: '"１：１ 田中" (full-width)', event: titled('１：１ 田中'), expected: byTitle(nameOnly('田中', '田中')) },
  { name: '"1:1 с Анной"', event: titled('1:1 с Анной'), expected: byTitle(nameOnly('Анной', 'анной')) },
  { name: '"Tête-à-tête Dana" is not in the list', event: titled('Tête-à-tête Dana'), expected: notOne(/does not name a 1:1/) },
  { name: '"Einzelgespräch mit Dana" is not in the list', event: titled('Einzelgespräch mit Dana'), expected: notOne(/does not name a 1:1/) },

  // --- Titles that only look like a 1:1 -------------------------------------------------------------
  { name: '"11:00 standup"', event: titled('11:00 standup'), expected: notOne(/does not name/) },
  { name: '"Call Dana at 1:15"', event: titled('Call Dana at 1:15'), expected: notOne(/does not name/) },
  { name: '"1/2 day"', event: titled('1/2 day'), expected: notOne(/does not name/) },
  { name: '"Design / Eng"', event: titled('Design / Eng'), expected: notOne(/not recognisably the user/) },
  { name: '"Hiring / Dana": a known person beside a word that is no name', event: titled('Hiring / Dana'), expected: notOne(/not recognisably the user/) },
  { name: '"Sam / Design": the user beside a word that is no name', event: titled('Sam / Design'), expected: notOne(/not recognisably the user/) },
  { name: '"TCP/IP"', event: titled('TCP/IP'), expected: notOne(/not recognisably the user/) },
  { name: '"Sam / Dana / Priya"', event: titled('Sam / Dana / Priya'), expected: notOne(/does not name/) },
  { name: '"Offsite 2026-1-1"', event: titled('Offsite 2026-1-1'), expected: notOne(/does not name/) },
  { name: '"1:1 prep": preparation is not the 1:1', event: titled('1:1 prep'), expected: notOne(/preparation/) },
  { name: '"Prep: Dana / Sam"', event: titled('Prep: Dana / Sam'), expected: notOne(/preparation/) },
  { name: '"Team O3" names no person', event: titled('Team O3'), expected: notOne(/not with whom/) },
  { name: '"Mgr 1:1" names no person', event: titled('Mgr 1:1'), expected: notOne(/not with whom/) },
  { name: '"1:1 about budget"', event: titled('1:1 about budget'), expected: notOne(/not with whom/) },
  { name: '"1:1 on Friday"', event: titled('1:1 on Friday'), expected: notOne(/not with whom/) },
  { name: '"1:1 maria": an unknown name must be written like one', event: titled('1:1 maria'), expected: notOne(/not with whom/) },
  { name: '"Q1-1 review"', event: titled('Q1-1 review'), expected: notOne(/does not name/) },
  { name: '"10:1 ratio check"', event: titled('10:1 ratio check'), expected: notOne(/does not name/) },
  { name: '"21-1 win party"', event: titled('21-1 win party'), expected: notOne(/does not name/) },
  { name: '"Holiday 1/1"', event: titled('Holiday 1/1'), expected: notOne(/does not name/) },
  { name: '"1-1-2026 planning"', event: titled('1-1-2026 planning'), expected: notOne(/does not name/) },
  { name: '"Plan 1:1s for Q3"', event: titled('Plan 1:1s for Q3'), expected: notOne(/does not name/) },
  { name: '"Lunch w/ Dana"', event: titled('Lunch w/ Dana'), expected: notOne(/does not name/) },
  { name: '"Dana <> Priya": two known people, neither the user', event: titled('Dana <> Priya'), expected: notOne(/not recognisably the user/) },
  { name: '"1:1 Dana & Priya"', event: titled('1:1 Dana & Priya'), expected: notOne(/not recognisably the user/) },
  { name: '"1:1 with Dana and Priya"', event: titled('1:1 with Dana and Priya'), expected: notOne(/not recognisably the user/) },
  { name: '"1:1" alone', event: titled('1:1'), expected: notOne(/not with whom/) },
  { name: '"Weekly 1:1" names no one', event: titled('Weekly 1:1'), expected: notOne(/not with whom/) },
  { name: '"1:1 Sam": only the user', event: titled('1:1 Sam'), expected: notOne(/only the user/) },
  { name: '"1:1 notes 2026-11-24" has no name', event: titled('1:1 notes 2026-11-24'), expected: notOne(/not with whom/) },
  { name: 'empty title, no guests', event: titled('   '), expected: notOne(/no title/) },
  { name: 'all-day "Dana OOO" without guests', event: titled('Dana OOO', { allDay: true }), expected: notOne(/all-day/) },
  { name: 'all-day "1:1 Dana" without guests is a marker, not a meeting', event: titled('1:1 Dana', { allDay: true }), expected: notOne(/all-day/) },

  // --- The user's marks ------------------------------------------------------------------------
  {
    name: 'a group event marked as a 1:1 with Priya',
    event: { eventId: 'c1', title: 'Priya + shadow', attendees: [meOrganiser, priya, { email: 'intern@acme.com' }] },
    context: { overrides: [override('event', 'c1', true, 'priya@acme.com')] },
    expected: oneOnOne(priyaOther, 'marked-event'),
  },
  {
    name: 'a series marked as a 1:1 (series id given)',
    event: { eventId: 'c2_20261124T150000Z', seriesId: 'c2', title: 'Mentoring', attendees: [meOrganiser, priya, dana] },
    context: { overrides: [override('series', 'c2', true, 'Priya@Acme.com')] },
    expected: oneOnOne(priyaOther, 'marked-series'),
  },
  {
    name: 'a series mark found from the instance id alone (page)',
    event: { eventId: 'c3_20261124T150000Z', title: 'Mentoring', attendees: [me, priya, dana] },
    context: { overrides: [override('series', 'c3', true, 'dana.reyes@acme.com')] },
    expected: oneOnOne(danaOther, 'marked-series'),
  },
  {
    name: 'a mark on the series master applies to the master',
    event: { eventId: 'c4', title: 'Mentoring', attendees: [me, priya, dana] },
    context: { overrides: [override('series', 'c4', true, 'dana.reyes@acme.com')] },
    expected: oneOnOne(danaOther, 'marked-series'),
  },
  {
    name: 'a detected 1:1 marked as not one',
    event: { eventId: 'c5', title: 'Interview loop debrief', attendees: [me, dana] },
    context: { overrides: [override('event', 'c5', false)] },
    expected: notOne(/marked this event as not a 1:1/, 'unmarked-event'),
  },
  {
    name: 'a detected 1:1 series marked as not one',
    event: { eventId: 'c6_20261124T150000Z', seriesId: 'c6', title: 'Pairing', attendees: [me, dana] },
    context: { overrides: [override('series', 'c6', false)] },
    expected: notOne(/marked this series as not a 1:1/, 'unmarked-series'),
  },
  {
    name: 'a title-only 1:1 marked as not one',
    event: titled('1:1 Dana (moved to Slack)', { eventId: 'c7' }),
    context: { overrides: [override('event', 'c7', false)] },
    expected: notOne(/not a 1:1/, 'unmarked-event'),
  },
  {
    name: 'the event’s mark beats its series’ (marked one)',
    event: { eventId: 'c8_20261201T150000Z', seriesId: 'c8', title: 'Pairing', attendees: [me, dana, priya] },
    context: { overrides: [override('series', 'c8', false), override('event', 'c8_20261201T150000Z', true, 'dana.reyes@acme.com')] },
    expected: oneOnOne(danaOther, 'marked-event'),
  },
  {
    name: 'the event’s mark beats its series’ (marked not one)',
    event: { eventId: 'c9_20261201T150000Z', seriesId: 'c9', title: 'Pairing', attendees: [me, dana] },
    context: { overrides: [override('series', 'c9', true, 'dana.reyes@acme.com'), override('event', 'c9_20261201T150000Z', false)] },
    expected: notOne(/event as not a 1:1/, 'unmarked-event'),
  },
  {
    name: 'a mark without a person on a detected 1:1 keeps the detected person',
    event: { eventId: 'c10', title: 'Sync', attendees: [me, dana] },
    context: { overrides: [override('event', 'c10', true)] },
    expected: oneOnOne(danaOther, 'marked-event'),
  },
  {
    name: 'a mark without a person on a group event is not enough',
    event: { eventId: 'c11', title: 'Sync', attendees: [me, dana, priya] },
    context: { overrides: [override('event', 'c11', true)] },
    expected: notOne(/did not say with whom/),
  },
  {
    name: 'a mark naming the user is no person',
    event: { eventId: 'c12', title: 'Sync', attendees: [me, dana, priya] },
    context: { overrides: [override('event', 'c12', true, 'SLee@acme-corp.com')] },
    expected: notOne(/did not say with whom/),
  },
  {
    name: 'a mark naming someone not on the guest list takes the known name',
    event: titled('Walk', { eventId: 'c13' }),
    context: { overrides: [override('event', 'c13', true, 'jose.alvarez@acme.com')] },
    expected: oneOnOne(joseOther, 'marked-event'),
  },
  {
    name: 'a mark naming a stranger shows the address',
    event: titled('Walk', { eventId: 'c14' }),
    context: { overrides: [override('event', 'c14', true, 'guest@example.org')] },
    expected: oneOnOne({ email: 'guest@example.org', displayName: 'guest@example.org', personId: 'email:guest@example.org' }, 'marked-event'),
  },
  {
    name: 'marks for other events do not apply',
    event: { eventId: 'c15', title: 'Sync', attendees: [me, dana] },
    context: { overrides: [override('event', 'c16', false), override('series', 'c15x', false)] },
    expected: oneOnOne(danaOther),
  },
  {
    name: 'the later of two marks for the same event wins',
    event: { eventId: 'c17', title: 'Sync', attendees: [me, dana] },
    context: { overrides: [override('event', 'c17', true, undefined, 2_000), override('event', 'c17', false, undefined, 1_000)] },
    expected: oneOnOne(danaOther, 'marked-event'),
  },
];
