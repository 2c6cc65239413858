import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountIndexFromUrl,
  decodeEventRef,
  eidFromEventEditUrl,
  encodeEventRef,
  type EventRef,
  splitInstanceId,
} from '../../src/domain/event-id';

// Eids as Calendar wrote them into events' htmlLink (public API responses) and the page.
const calendarEids: { name: string; eid: string; expected: EventRef }[] = [
  {
    name: 'recurring instance on a secondary calendar (@g)',
    eid: 'M242azVjaDQxNTQ3ODJwNjk5OG5pbWtoMG9fMjAyMDAzMTZUMjMwMDAwWiBtOTFpYTI0czdtcTB0bG05OHJicm4zMXFta0Bn',
    expected: {
      eventId: '3n6k5ch4154782p6998nimkh0o_20200316T230000Z',
      calendarId: 'm91ia24s7mq0tlm98rbrn31qmk@group.calendar.google.com',
      seriesId: '3n6k5ch4154782p6998nimkh0o',
      instanceStart: '20200316T230000Z',
    },
  },
  {
    name: 'recurring instance on a gmail calendar (@m)',
    eid: 'NmxwbDZ1NnZhN3A4dTd2YjdnMzRjMmljb29fMjAyMjEwMDJUMDgwMDAwWiB0ZXN0Zm9yYXBpMDlAbQ',
    expected: {
      eventId: '6lpl6u6va7p8u7vb7g34c2icoo_20221002T080000Z',
      calendarId: 'testforapi09@gmail.com',
      seriesId: '6lpl6u6va7p8u7vb7g34c2icoo',
      instanceStart: '20221002T080000Z',
    },
  },
  {
    name: 'single event on a gmail calendar',
    eid: 'MGxtbmZ2OHF0aDA4M3RqdXVtNDIzM21lcHUgdGVzdGZvcmFwaTA5QG0',
    expected: { eventId: '0lmnfv8qth083tjuum4233mepu', calendarId: 'testforapi09@gmail.com' },
  },
  {
    name: 'instance far in the future',
    eid: 'ZWllZW1najBncjZhOWs0cWozM29iZDMzZWdfMjAzODExMDRUMTkzMDAwWiBsNjljbnQzbnBoY3FyOWlyb2ltb2V2ZDM1MEBn',
    expected: {
      eventId: 'eieemgj0gr6a9k4qj33obd33eg_20381104T193000Z',
      calendarId: 'l69cnt3nphcqr9iroimoevd350@group.calendar.google.com',
      seriesId: 'eieemgj0gr6a9k4qj33obd33eg',
      instanceStart: '20381104T193000Z',
    },
  },
];

// Written out here with Node's own codec, to check ours against an independent one.
const nodeEncode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The same eid with the unused low bits of its last character set (what no encoder writes). */
function withStrayBits(eid: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return eid.slice(0, -1) + alphabet[alphabet.indexOf(eid.slice(-1)) | 1];
}

describe('decodeEventRef', () => {
  it.each(calendarEids)('decodes $name', ({ eid, expected }) => {
    expect(decodeEventRef(eid)).toEqual({ ok: true, value: expected });
  });

  it.each(calendarEids)('re-encodes $name to the same eid', ({ eid, expected }) => {
    expect(encodeEventRef(expected)).toBe(eid);
  });

  it.each([
    { name: 'workspace address written out', text: 'abc123def45 dana@example.com', calendarId: 'dana@example.com' },
    { name: 'resource calendar written out', text: 'abc123def45 c_188@resource.calendar.google.com', calendarId: 'c_188@resource.calendar.google.com' },
    { name: 'holiday calendar (not shortened)', text: '20260101_60o30dr46oo30c1g60o30dr4ck en.usa#holiday@group.v.calendar.google.com', calendarId: 'en.usa#holiday@group.v.calendar.google.com' },
    { name: 'UTF-8 in the calendar id', text: 'abc123def45 jürgen@bücher.example', calendarId: 'jürgen@bücher.example' },
    { name: 'astral characters in the calendar id', text: 'abc123def45 team-🚀@example.com', calendarId: 'team-🚀@example.com' },
  ])('keeps $name', ({ text, calendarId }) => {
    const decoded = decodeEventRef(nodeEncode(text));
    expect(decoded.ok && decoded.value.calendarId).toBe(calendarId);
  });

  it('accepts padding and standard base64 characters', () => {
    const text = 'abc1 dana@example.co'; // 20 bytes: needs padding
    const padded = Buffer.from(text).toString('base64');
    expect(padded.endsWith('=')).toBe(true);
    expect(decodeEventRef(padded)).toEqual({ ok: true, value: { eventId: 'abc1', calendarId: 'dana@example.co' } });
    const withSlash = Buffer.from('a?>~ x@example.com').toString('base64');
    expect(withSlash).toMatch(/[+/]/);
    expect(decodeEventRef(withSlash)).toEqual({ ok: true, value: { eventId: 'a?>~', calendarId: 'x@example.com' } });
  });

  it('decodes all-day instance ids', () => {
    const decoded = decodeEventRef(nodeEncode('4sv9k0m1q2r3_20261124 dana@example.com'));
    expect(decoded).toEqual({
      ok: true,
      value: {
        eventId: '4sv9k0m1q2r3_20261124',
        calendarId: 'dana@example.com',
        seriesId: '4sv9k0m1q2r3',
        instanceStart: '20261124',
      },
    });
  });

  it.each([
    { name: 'empty', input: '', reason: /empty/ },
    { name: 'only spaces', input: '   ', reason: /empty/ },
    { name: 'a task chip id', input: 'tasks_Zk9wN2xQdWJ4', reason: /canonical/ },
    { name: 'a reminder-like id', input: 'reminder:abc', reason: /not base64/ },
    { name: 'characters outside base64', input: 'abc$def', reason: /not base64.*"\$"/ },
    { name: 'non-ASCII character', input: 'abcé', reason: /not base64.*U\+00E9/ },
    { name: 'impossible length', input: 'abcde', reason: /length/ },
    { name: 'stray low bits', input: withStrayBits(nodeEncode('abc x@example.com')), reason: /canonical/ },
    { name: 'no space', input: nodeEncode('abcdefdana@example.com'), reason: /no space/ },
    { name: 'two spaces', input: nodeEncode('abc dana@example.com extra'), reason: /more than one space/ },
    { name: 'empty event id', input: nodeEncode(' dana@example.com'), reason: /empty event id/ },
    { name: 'empty calendar id', input: nodeEncode('abcdef '), reason: /empty calendar id/ },
    { name: 'calendar id without @', input: nodeEncode('abcdef primary'), reason: /not an address/ },
    { name: 'calendar id that is only a short domain', input: nodeEncode('abcdef @m'), reason: /not an address/ },
    { name: 'control character', input: nodeEncode('abc\u0000def dana@example.com'), reason: /control/ },
    { name: 'newline', input: nodeEncode('abc\ndef dana@example.com'), reason: /control/ },
    { name: 'tab as separator', input: nodeEncode('abc\tdana@example.com'), reason: /control/ },
    { name: 'no-break space', input: nodeEncode('abc dana@exa\u00a0mple.com'), reason: /whitespace/ },
    { name: 'invalid UTF-8', input: Buffer.from([0x61, 0x20, 0xff, 0x40, 0x62]).toString('base64url'), reason: /UTF-8/ },
    { name: 'overlong UTF-8', input: Buffer.from([0x61, 0x20, 0xc0, 0xa0, 0x40, 0x62]).toString('base64url'), reason: /UTF-8/ },
    { name: 'UTF-8 surrogate', input: Buffer.from([0x61, 0x20, 0xed, 0xa0, 0x80, 0x40, 0x62]).toString('base64url'), reason: /UTF-8/ },
    { name: 'cut UTF-8 sequence', input: Buffer.from([0x61, 0x20, 0x40, 0x62, 0xe2, 0x82]).toString('base64url'), reason: /UTF-8/ },
    { name: 'far too long', input: 'A'.repeat(5000), reason: /too long/ },
  ])('rejects $name with a reason', ({ input, reason }) => {
    const decoded = decodeEventRef(input);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(reason);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        const decoded = decodeEventRef(input);
        expect(typeof decoded.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        const decoded = decodeEventRef(Buffer.from(bytes).toString('base64url'));
        if (decoded.ok) expect(decoded.value.calendarId).toContain('@');
      }),
    );
    expect(decodeEventRef(undefined as unknown as string).ok).toBe(false);
  });

  it('agrees with Node on any base64url text that is an event reference', () => {
    fc.assert(
      fc.property(eventIdArb, calendarIdArb, (eventId, calendarId) => {
        const decoded = decodeEventRef(nodeEncode(`${eventId} ${calendarId}`));
        expect(decoded.ok && decoded.value.eventId).toBe(eventId);
      }),
    );
  });
});

// Event ids: base32hex like Calendar's, sometimes an instance suffix; calendar ids: addresses
// on any domain but the one-letter `m` and `g` (see encodeEventRef).
const eventIdArb = fc.oneof(
  fc.stringMatching(/^[a-v0-9]{5,40}$/),
  fc.tuple(fc.stringMatching(/^[a-v0-9]{5,30}$/), fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 0, 1), noInvalidDate: true }))
    .map(([id, date]) => `${id}_${date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`),
);
const calendarIdArb = fc.oneof(
  fc.stringMatching(/^[a-z0-9.]{1,20}$/).map((local) => `${local}@gmail.com`),
  fc.stringMatching(/^[a-z0-9]{10,26}$/).map((local) => `${local}@group.calendar.google.com`),
  fc
    .tuple(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !/[\s\p{Cc}@]/u.test(s)),
      fc.string({ unit: 'grapheme', minLength: 2, maxLength: 20 }).filter((s) => !/[\s\p{Cc}@]/u.test(s)),
    )
    .map(([local, domain]) => `${local}@${domain}`),
);

describe('encodeEventRef', () => {
  it('round-trips: decode(encode(x)) = x', () => {
    fc.assert(
      fc.property(eventIdArb, calendarIdArb, (eventId, calendarId) => {
        const decoded = decodeEventRef(encodeEventRef({ eventId, calendarId }));
        expect(decoded.ok).toBe(true);
        if (decoded.ok) {
          expect(decoded.value.eventId).toBe(eventId);
          expect(decoded.value.calendarId).toBe(calendarId);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips: encode(decode(s)) = s for eids in Calendar form', () => {
    fc.assert(
      fc.property(eventIdArb, calendarIdArb, (eventId, calendarId) => {
        const short = calendarId.replace(/@gmail\.com$/, '@m').replace(/@group\.calendar\.google\.com$/, '@g');
        const eid = nodeEncode(`${eventId} ${short}`);
        const decoded = decodeEventRef(eid);
        expect(decoded.ok && encodeEventRef(decoded.value)).toBe(eid);
      }),
      { numRuns: 500 },
    );
  });

  it('shortens the two known calendar domains and nothing else', () => {
    const decodeText = (eid: string) => Buffer.from(eid, 'base64url').toString('utf8');
    expect(decodeText(encodeEventRef({ eventId: 'abcde', calendarId: 'sam@gmail.com' }))).toBe('abcde sam@m');
    expect(decodeText(encodeEventRef({ eventId: 'abcde', calendarId: 'x1@group.calendar.google.com' }))).toBe('abcde x1@g');
    expect(decodeText(encodeEventRef({ eventId: 'abcde', calendarId: 'sam@example.com' }))).toBe('abcde sam@example.com');
    expect(decodeText(encodeEventRef({ eventId: 'abcde', calendarId: 'h@group.v.calendar.google.com' }))).toBe(
      'abcde h@group.v.calendar.google.com',
    );
    expect(encodeEventRef({ eventId: 'abcde', calendarId: 'sam@gmail.com' })).not.toMatch(/[=+/]/);
  });
});

describe('splitInstanceId', () => {
  it.each([
    { id: '3n6k5ch4154782p6998nimkh0o_20200316T230000Z', expected: { seriesId: '3n6k5ch4154782p6998nimkh0o', instanceStart: '20200316T230000Z' } },
    { id: 'abc123_20261124', expected: { seriesId: 'abc123', instanceStart: '20261124' } },
    // "This and following" splits a series into `<id>_R<start>`; its instances add their own start.
    { id: 'abc123_R20260301T090000_20260308T090000Z', expected: { seriesId: 'abc123_R20260301T090000', instanceStart: '20260308T090000Z' } },
    { id: 'abc123_R20260301T090000', expected: undefined },
    { id: 'abc123', expected: undefined },
    { id: '20260101_60o30dr46oo30c1g60o30dr4ck', expected: undefined },
    { id: 'abc123_20261324', expected: undefined },
    { id: 'abc123_20261100', expected: undefined },
    { id: 'abc123_20261124T250000Z', expected: undefined },
    { id: 'abc123_20261124T230000', expected: undefined },
    { id: '_20261124', expected: undefined },
    { id: '', expected: undefined },
  ])('$id', ({ id, expected }) => {
    expect(splitInstanceId(id)).toEqual(expected);
  });
});

describe('eidFromEventEditUrl and accountIndexFromUrl', () => {
  const eid = 'M242azVjaDQxNTQ3ODJwNjk5OG5pbWtoMG9fMjAyMDAzMTZUMjMwMDAwWiBtOTFpYTI0czdtcTB0bG05OHJicm4zMXFta0Bn';
  it.each([
    { url: `https://calendar.google.com/calendar/u/0/r/eventedit/${eid}`, eid, account: 0 },
    { url: `https://calendar.google.com/calendar/u/2/r/eventedit/${eid}`, eid, account: 2 },
    { url: `https://calendar.google.com/calendar/r/eventedit/${eid}`, eid, account: 0 },
    { url: `https://calendar.google.com/calendar/u/1/r/eventedit/${eid}?sf=true&output=xml`, eid, account: 1 },
    { url: `https://calendar.google.com/calendar/u/1/r/eventedit/${eid}#details`, eid, account: 1 },
    { url: `https://calendar.google.com/calendar/u/1/r/eventedit/${eid}/`, eid, account: 1 },
    { url: `/calendar/u/3/r/eventedit/${eid}`, eid, account: 3 },
    { url: `https://calendar.google.com/calendar/r/eventedit/${eid}?authuser=4`, eid, account: 4 },
    { url: 'https://calendar.google.com/calendar/u/0/r/eventedit', eid: undefined, account: 0 },
    { url: 'https://calendar.google.com/calendar/u/0/r/eventedit/copy/abc', eid: undefined, account: 0 },
    { url: 'https://calendar.google.com/calendar/u/1/r/week/2026/11/24', eid: undefined, account: 1 },
    { url: 'https://calendar.google.com/calendar/u/1/r', eid: undefined, account: 1 },
    { url: 'https://calendar.google.com/calendar/u/12', eid: undefined, account: 12 },
    { url: 'https://calendar.google.com/calendar/r/search?q=u/5/', eid: undefined, account: 0 },
    { url: `https://calendar.google.com/calendar/u/0/r/eventedit?eid=${eid}`, eid: undefined, account: 0 },
    { url: 'not a url', eid: undefined, account: 0 },
    { url: '', eid: undefined, account: 0 },
  ])('$url', ({ url, eid: expectedEid, account }) => {
    expect(eidFromEventEditUrl(url)).toBe(expectedEid);
    expect(accountIndexFromUrl(url)).toBe(account);
  });

  it('finds an eid that decodes to the event it names', () => {
    const found = eidFromEventEditUrl(`https://calendar.google.com/calendar/u/0/r/eventedit/${eid}?pli=1`);
    expect(found && decodeEventRef(found)).toMatchObject({ ok: true, value: { seriesId: '3n6k5ch4154782p6998nimkh0o' } });
  });
});
