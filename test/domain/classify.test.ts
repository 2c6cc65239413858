import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClassifiableEvent,
  classifyEvent,
  findOverride,
  isLikelyDirect,
  isResourceGuest,
  newPersonFrom,
  oneOnOneFromTitle,
  organiserOf,
  suggestRelationship,
  whoOrganises,
} from '../../src/domain/classify';
import { type Attendee, type Meeting, Person as PersonSchema, type Person, personIdForName } from '../../src/domain/schemas';
import { ACCOUNT, baseContext, classifyCases } from './classify-cases';

describe('classifyEvent: the table', () => {
  it('has enough cases, each with its own name', () => {
    expect(classifyCases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(classifyCases.map((c) => c.name)).size).toBe(classifyCases.length);
  });

  it.each(classifyCases)('$name', ({ event, context, expected }) => {
    const result = classifyEvent(event, { ...baseContext, ...context });
    if (expected.isOneOnOne) {
      expect(result).toEqual(expected);
    } else {
      expect(result.isOneOnOne).toBe(false);
      expect(result.reason).toBe(expected.reason);
      if (!result.isOneOnOne) expect(result.detail).toMatch(expected.detail);
    }
  });
});

const me: Attendee = { email: 'sam.lee@acme.com', self: true, responseStatus: 'accepted' };
const human = (i: number): Attendee => ({ email: `person${i}@acme.com`, displayName: `Person ${i}` });
const roomArb = fc.oneof(
  fc.stringMatching(/^c_[a-z0-9]{4,12}$/).map((local): Attendee => ({ email: `${local}@resource.calendar.google.com` })),
  fc.stringMatching(/^[a-z]{3,10}$/).map((local): Attendee => ({ email: `${local}@acme.com`, resource: true })),
);
const randomCase = (email: string, flips: boolean[]) =>
  [...email].map((char, i) => (flips[i % flips.length] ? char.toUpperCase() : char)).join('');

describe('classifyEvent: properties', () => {
  const eventArb = fc.record({
    others: fc.integer({ min: 0, max: 4 }),
    userListed: fc.boolean(),
    title: fc.constantFrom('1:1 Dana', 'Sync', 'Dana <> Sam', 'Planning', ''),
  });
  const build = ({ others, userListed, title }: { others: number; userListed: boolean; title: string }): ClassifiableEvent => ({
    eventId: 'evt01',
    title,
    attendees: [...(userListed ? [me] : []), ...Array.from({ length: others }, (_, i) => human(i))],
  });

  it('rooms and resources never change the classification', () => {
    fc.assert(
      fc.property(eventArb, fc.array(roomArb, { maxLength: 3 }), fc.nat(), (shape, rooms, at) => {
        const event = build(shape);
        const withRooms = [...event.attendees];
        for (const room of rooms) withRooms.splice(at % (withRooms.length + 1), 0, room);
        expect(classifyEvent({ ...event, attendees: withRooms }, baseContext)).toEqual(classifyEvent(event, baseContext));
      }),
    );
  });

  it('neither the order of guests nor the case of addresses matters', () => {
    fc.assert(
      fc.property(eventArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }), (shape, flips) => {
        const event = build(shape);
        const changed = {
          ...event,
          attendees: [...event.attendees].reverse().map((a) => ({ ...a, email: randomCase(a.email, flips) })),
        };
        expect(classifyEvent(changed, baseContext)).toEqual(classifyEvent(event, baseContext));
      }),
    );
  });

  it('two or more other people make no 1:1, whatever the title, unless marked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.string({ maxLength: 60 }), fc.boolean(), (others, title, userListed) => {
        const result = classifyEvent(build({ others, userListed, title }), baseContext);
        expect(result.isOneOnOne).toBe(false);
        expect(result.reason).toBe('not-one-on-one');
      }),
    );
  });

  it('exactly one other person is a 1:1 with that person, whatever the title', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.boolean(), (title, userListed) => {
        const result = classifyEvent(build({ others: 1, userListed, title }), baseContext);
        expect(result).toMatchObject({ isOneOnOne: true, other: { personId: 'email:person0@acme.com' } });
      }),
    );
  });

  it('never throws on any title, and a 1:1 always names someone other than the user', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (title) => {
        const result = classifyEvent({ title, attendees: [] }, baseContext);
        if (result.isOneOnOne) {
          expect(result.other.personId).not.toBe('');
          expect(result.other.displayName.trim()).not.toBe('');
          expect(result.other.email).not.toBe('sam.lee@acme.com');
        }
      }),
    );
  });

  it('times, ratios and dates are never 1:1 titles', () => {
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`);
    const day = fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 })).map(([d, m]) => `${d}/${m}`);
    const ratio = fc.integer({ min: 2, max: 99 }).map((n) => `${n}:1`);
    const score = fc.integer({ min: 2, max: 99 }).map((n) => `${n}-1`);
    fc.assert(
      fc.property(fc.oneof(clock, day, ratio, score), fc.constantFrom('Dana at {}', '{} Dana', 'Review {}', '{}'), (value, template) => {
        const result = classifyEvent({ title: template.replace('{}', value), attendees: [] }, baseContext);
        expect(result.isOneOnOne).toBe(false);
      }),
    );
  });

  const newName = fc
    .tuple(fc.constantFrom('Maria', 'Olu', 'Ines', 'Björn', 'Mei', 'Tomasz', 'Aroha'), fc.constantFrom('', ' Okafor', ' García', ' Nowak', ' Lindqvist'))
    .map(([first, last]) => first + last);

  it('a new name after a 1:1 token, or beside the user, is that person with a name id', () => {
    fc.assert(
      fc.property(
        newName,
        fc.constantFrom('1:1 with {}', '{} 1:1', '1on1 {}', 'O3 - {}', '{} / me', 'Sam <> {}', '{} / Sam Lee', 'Weekly 1:1 - {}'),
        (name, template) => {
          const match = oneOnOneFromTitle(template.replace('{}', name), { ...baseContext, selfNames: baseContext.selfNames ?? [] });
          expect(match).toEqual({ ok: true, other: { displayName: name, personId: personIdForName(name) } });
        },
      ),
    );
  });
});

describe('classification helpers', () => {
  it.each([
    { attendee: { email: 'c_1888@resource.calendar.google.com' }, expected: true },
    { attendee: { email: 'C_1888@Resource.Calendar.Google.com' }, expected: true },
    { attendee: { email: 'projector@acme.com', resource: true }, expected: true },
    { attendee: { email: 'team@group.calendar.google.com' }, expected: true },
    { attendee: { email: 'en.usa#holiday@group.v.calendar.google.com' }, expected: true },
    { attendee: { email: 'resource.calendar.google.com@evil.example' }, expected: false },
    { attendee: { email: 'dana@acme.com' }, expected: false },
    { attendee: { email: 'dana@acme.com', resource: false }, expected: false },
  ])('isResourceGuest($attendee.email)', ({ attendee, expected }) => {
    expect(isResourceGuest(attendee)).toBe(expected);
  });

  it('findOverride prefers the event, then the series from the id', () => {
    const base = { account: ACCOUNT, isOneOnOne: true, updatedAt: 1 };
    const series = { ...base, id: 'series:s1', scope: 'series' as const, targetId: 's1' };
    const event = { ...base, id: 'event:s1_20261124', scope: 'event' as const, targetId: 's1_20261124', isOneOnOne: false };
    expect(findOverride({ eventId: 's1_20261124' }, [series, event])).toBe(event);
    expect(findOverride({ eventId: 's1_20261201' }, [series, event])).toBe(series);
    expect(findOverride({ eventId: 'other' }, [series, event])).toBeUndefined();
    expect(findOverride({}, [series, event])).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// The direct rule

const SELF = ['sam.lee@acme.com', 'SLee@Acme-Corp.com'];
const DAY = 86_400_000;
let meetingCounter = 0;

function meeting(overrides: Partial<Meeting> & { start: number }): Meeting {
  meetingCounter += 1;
  const eventId = `m${meetingCounter}`;
  return {
    account: ACCOUNT,
    id: `${ACCOUNT}|${eventId}`,
    source: 'calendar',
    eventId,
    title: '1:1',
    end: overrides.start + 30 * 60_000,
    allDay: false,
    attendees: [
      { email: 'sam.lee@acme.com', self: true },
      { email: 'dana.reyes@acme.com', displayName: 'Dana Reyes' },
    ],
    status: 'confirmed',
    personId: 'email:dana.reyes@acme.com',
    isOneOnOne: true,
    classificationReason: 'two-human-guests',
    canModify: true,
    markedHeld: false,
    updatedAt: overrides.start,
    ...overrides,
  };
}

function dana(relationship: Person['relationship'], relationshipSource: Person['relationshipSource']): Person {
  return {
    account: ACCOUNT,
    id: 'email:dana.reyes@acme.com',
    email: 'dana.reyes@acme.com',
    displayName: 'Dana Reyes',
    relationship,
    relationshipSource,
    level: 'frontline',
    cadenceDays: 7,
    archived: false,
    updatedAt: 1,
  };
}

const t0 = Date.UTC(2026, 9, 1, 15);
const mineWeekly = [0, 7, 14, 21].map((d) => meeting({ start: t0 + d * DAY, seriesId: 'mine', organizerEmail: 'sam.lee@acme.com' }));
const danasWeekly = [0, 7, 14, 21].map((d) => meeting({ start: t0 + d * DAY, seriesId: 'danas', organizerEmail: 'dana.reyes@acme.com' }));

const directCases: {
  name: string;
  meetings: Meeting[];
  person?: Person;
  expected: { relationship: Person['relationship']; apply: boolean };
}[] = [
  { name: 'no 1:1s yet, new person: other', meetings: [], expected: { relationship: 'other', apply: true } },
  { name: 'no 1:1s yet, existing suggestion kept', meetings: [], person: dana('direct', 'suggested'), expected: { relationship: 'direct', apply: false } },
  { name: 'the user organises a weekly 1:1: direct', meetings: mineWeekly, expected: { relationship: 'direct', apply: true } },
  {
    name: 'organised from the user’s alias in other case',
    meetings: [meeting({ start: t0, seriesId: 's', organizerEmail: 'slee@ACME-corp.com' })],
    expected: { relationship: 'direct', apply: true },
  },
  {
    name: 'organiser known only by the self attendee’s flag',
    meetings: [meeting({ start: t0, attendees: [{ email: 'sam.lee@acme.com', self: true, organizer: true }, { email: 'dana.reyes@acme.com' }] })],
    expected: { relationship: 'direct', apply: true },
  },
  {
    name: 'organiser address unknown to settings but flagged self',
    meetings: [meeting({ start: t0, organizerEmail: 'sam@acme.io', attendees: [{ email: 'sam@acme.io', self: true }, { email: 'dana.reyes@acme.com' }] })],
    expected: { relationship: 'direct', apply: true },
  },
  { name: 'Dana organises the weekly 1:1: not a direct', meetings: danasWeekly, expected: { relationship: 'other', apply: true } },
  { name: 'Dana organises, earlier suggested direct: becomes other', meetings: danasWeekly, person: dana('direct', 'suggested'), expected: { relationship: 'other', apply: true } },
  { name: 'Dana organises, suggested manager kept', meetings: danasWeekly, person: dana('manager', 'suggested'), expected: { relationship: 'manager', apply: false } },
  { name: 'the user organises, suggested other: becomes direct', meetings: mineWeekly, person: dana('other', 'suggested'), expected: { relationship: 'direct', apply: true } },
  { name: 'the user organises, already a suggested direct: nothing to do', meetings: mineWeekly, person: dana('direct', 'suggested'), expected: { relationship: 'direct', apply: false } },
  { name: 'confirmed other is never changed', meetings: mineWeekly, person: dana('other', 'confirmed'), expected: { relationship: 'other', apply: false } },
  { name: 'confirmed direct is never changed', meetings: danasWeekly, person: dana('direct', 'confirmed'), expected: { relationship: 'direct', apply: false } },
  {
    name: 'an ad-hoc 1:1 Dana booked does not undo the user’s series',
    meetings: [...mineWeekly, meeting({ start: t0 + 25 * DAY, organizerEmail: 'dana.reyes@acme.com' })],
    expected: { relationship: 'direct', apply: true },
  },
  {
    name: 'the latest series decides (Dana’s old series, the user’s new one)',
    meetings: [
      ...danasWeekly,
      meeting({ start: t0 + 60 * DAY, seriesId: 'new', organizerEmail: 'sam.lee@acme.com' }),
    ],
    expected: { relationship: 'direct', apply: true },
  },
  {
    name: 'without series the latest 1:1 decides',
    meetings: [meeting({ start: t0, organizerEmail: 'sam.lee@acme.com' }), meeting({ start: t0 + DAY, organizerEmail: 'dana.reyes@acme.com' })],
    expected: { relationship: 'other', apply: true },
  },
  {
    name: 'an assistant organising counts as someone else',
    meetings: [meeting({ start: t0, seriesId: 'ea', organizerEmail: 'ea.morgan@acme.com' })],
    expected: { relationship: 'other', apply: true },
  },
  {
    name: 'logged 1:1s are no evidence',
    meetings: [meeting({ start: t0, source: 'logged', organizerEmail: 'sam.lee@acme.com' })],
    expected: { relationship: 'other', apply: true },
  },
  {
    name: 'meetings that are not 1:1s are no evidence',
    meetings: [meeting({ start: t0, isOneOnOne: false, classificationReason: 'unmarked-event', organizerEmail: 'sam.lee@acme.com' })],
    person: dana('other', 'suggested'),
    expected: { relationship: 'other', apply: false },
  },
  {
    name: 'page-only 1:1s with no organiser are no evidence',
    meetings: [meeting({ start: t0 })],
    person: dana('direct', 'suggested'),
    expected: { relationship: 'direct', apply: false },
  },
  {
    name: 'cancelled 1:1s still tell who organises',
    meetings: [meeting({ start: t0, status: 'cancelled', seriesId: 's', organizerEmail: 'sam.lee@acme.com' })],
    expected: { relationship: 'direct', apply: true },
  },
];

describe('suggestRelationship: the direct rule', () => {
  it.each(directCases)('$name', ({ meetings, person, expected }) => {
    const suggestion = suggestRelationship(meetings, person, SELF);
    expect({ relationship: suggestion.relationship, apply: suggestion.apply }).toEqual(expected);
    expect(suggestion.reason).not.toBe('');
  });

  it('never changes a confirmed relationship, whatever the meetings', () => {
    const organiserArb = fc.constantFrom('sam.lee@acme.com', 'dana.reyes@acme.com', 'ea@acme.com', undefined);
    const meetingArb = fc
      .record({ day: fc.integer({ min: 0, max: 400 }), organiser: organiserArb, recurring: fc.boolean() })
      .map(({ day, organiser, recurring }) =>
        meeting({ start: t0 + day * DAY, ...(organiser ? { organizerEmail: organiser } : {}), ...(recurring ? { seriesId: 's' } : {}) }),
      );
    fc.assert(
      fc.property(fc.array(meetingArb, { maxLength: 12 }), fc.constantFrom('direct', 'manager', 'peer', 'other') as fc.Arbitrary<Person['relationship']>, (meetings, relationship) => {
        const suggestion = suggestRelationship(meetings, dana(relationship, 'confirmed'), SELF);
        expect(suggestion).toMatchObject({ relationship, apply: false });
      }),
    );
  });

  it('organiserOf, whoOrganises and isLikelyDirect agree', () => {
    expect(organiserOf({ organizerEmail: 'SAM.LEE@acme.com', attendees: [] }, SELF)).toBe('me');
    expect(organiserOf({ organizerEmail: 'dana.reyes@acme.com', attendees: [] }, SELF)).toBe('them');
    expect(organiserOf({ attendees: [{ email: 'dana.reyes@acme.com', organizer: true }] }, SELF)).toBe('them');
    expect(organiserOf({ attendees: [{ email: 'dana.reyes@acme.com' }] }, SELF)).toBeUndefined();
    expect(whoOrganises(mineWeekly, SELF)).toBe('me');
    expect(whoOrganises(danasWeekly, SELF)).toBe('them');
    expect(isLikelyDirect(mineWeekly, SELF)).toBe(true);
    expect(isLikelyDirect(danasWeekly, SELF)).toBe(false);
    expect(isLikelyDirect([], SELF)).toBeUndefined();
  });
});

describe('newPersonFrom: a person met for the first time', () => {
  it.each([
    ['a guest with a name', { email: 'Dana.Reyes@Example.com', displayName: ' Dana Reyes ', personId: 'email:dana.reyes@example.com' }, { email: 'dana.reyes@example.com', displayName: 'Dana Reyes' }],
    ['a guest without a name: the address', { email: 'ari@example.com', displayName: '  ', personId: 'email:ari@example.com' }, { email: 'ari@example.com', displayName: 'ari@example.com' }],
    ['a name from a title, no address', { displayName: 'Priya', personId: personIdForName('Priya') }, { displayName: 'Priya' }],
    ['nothing to call them by: the id', { displayName: '', personId: personIdForName('x') }, { displayName: personIdForName('x') }],
  ])('%s', (_what, other, expected) => {
    const person = newPersonFrom(ACCOUNT, other, 'direct', 1_000);
    expect(person).toEqual({
      account: ACCOUNT,
      id: other.personId,
      ...expected,
      relationship: 'direct',
      relationshipSource: 'suggested',
      level: 'frontline',
      cadenceDays: 7,
      archived: false,
      updatedAt: 1_000,
    });
    expect(PersonSchema.safeParse(person).success).toBe(true);
  });
});
