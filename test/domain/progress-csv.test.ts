import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  isProgressCsvImportable,
  parseCsvAmount,
  parseProgressCsv,
  readCsvRecords,
  type ProgressCsvContext,
  type ProgressCsvRow,
} from '../../src/domain/progress-csv';

const dana = { id: 'email:dana@example.com', displayName: 'Dana Reyes', email: 'dana@example.com' };
const sam = { id: 'email:sam@example.com', displayName: 'Sam Lee', email: 'sam@example.com' };
const alex1 = { id: 'email:alex1@example.com', displayName: 'Alex Kim', email: 'alex1@example.com' };
const alex2 = { id: 'email:alex2@example.com', displayName: 'Alex Kim', email: 'alex2@example.com' };

const context: ProgressCsvContext = {
  people: [dana, sam, alex1, alex2],
  targets: [
    { id: 't-dana-bookings', metric: 'Bookings', owner: { kind: 'person', personId: dana.id }, ownerName: 'Dana Reyes', unit: 'USD', decimals: 2 },
    { id: 't-sam-bookings', metric: 'Bookings', owner: { kind: 'person', personId: sam.id }, ownerName: 'Sam Lee', unit: 'USD', decimals: 2 },
    { id: 't-team-calls', metric: 'Calls', owner: { kind: 'team' }, ownerName: 'Team', unit: 'calls', decimals: 0 },
    { id: 't-dana-nps', metric: 'NPS', owner: { kind: 'person', personId: dana.id }, ownerName: 'Dana Reyes', unit: 'points', decimals: 1 },
  ],
};

function onlyRow(text: string): ProgressCsvRow {
  const parse = parseProgressCsv(text, context);
  expect(parse.headerErrors).toEqual([]);
  expect(parse.rows).toHaveLength(1);
  return parse.rows[0]!;
}

function rowErrors(row: ProgressCsvRow): string[] {
  return row.ok ? [] : row.errors;
}

describe('readCsvRecords (RFC 4180)', () => {
  const cases: { name: string; text: string; delimiter: ',' | ';'; fields: string[][]; lines?: number[]; error?: RegExp }[] = [
    { name: 'plain', text: 'a,b\n1,2', delimiter: ',', fields: [['a', 'b'], ['1', '2']] },
    { name: 'CRLF and a trailing newline', text: 'a,b\r\n1,2\r\n', delimiter: ',', fields: [['a', 'b'], ['1', '2']] },
    { name: 'lone CR line ends', text: 'a,b\r1,2\r', delimiter: ',', fields: [['a', 'b'], ['1', '2']] },
    { name: 'quoted delimiter', text: '"1,234.56",x', delimiter: ',', fields: [['1,234.56', 'x']] },
    { name: 'escaped quote', text: '"say ""hi""",x', delimiter: ',', fields: [['say "hi"', 'x']] },
    {
      name: 'newline inside quotes keeps line numbers right',
      text: 'a,b\n"two\r\nlines",c\nd,e',
      delimiter: ',',
      fields: [['a', 'b'], ['two\r\nlines', 'c'], ['d', 'e']],
      lines: [1, 2, 4],
    },
    { name: 'empty fields', text: ',,\n', delimiter: ',', fields: [['', '', '']] },
    { name: 'semicolons', text: 'a;b\n"x;y";2', delimiter: ';', fields: [['a', 'b'], ['x;y', '2']] },
    { name: 'spaces before an opening quote', text: 'a, "b,c"', delimiter: ',', fields: [['a', 'b,c']] },
    { name: 'unclosed quote', text: 'a,"b\nc', delimiter: ',', fields: [['a', 'b\nc']], error: /never closed/ },
    { name: 'text after closing quote', text: '"a"b,c', delimiter: ',', fields: [['ab', 'c']], error: /after a closing quote/ },
    { name: 'quote inside unquoted field', text: 'a"b,c', delimiter: ',', fields: [['a"b', 'c']], error: /quote inside an unquoted/ },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const records = readCsvRecords(testCase.text, testCase.delimiter);
      expect(records.map((record) => record.fields)).toEqual(testCase.fields);
      if (testCase.lines) expect(records.map((record) => record.line)).toEqual(testCase.lines);
      if (testCase.error) expect(records[0]!.error).toMatch(testCase.error);
      else expect(records.every((record) => record.error === undefined)).toBe(true);
    });
  }

  it('detects the delimiter from the header line only', () => {
    expect(detectDelimiter('date,target,value\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('date;target;value\n1,2')).toBe(';');
    expect(detectDelimiter('date\ttarget\tvalue')).toBe('\t');
    expect(detectDelimiter('"a;b";"c;d",e\n')).toBe(',');
    expect(detectDelimiter('value')).toBe(',');
  });
});

describe('parseCsvAmount', () => {
  const cases: { text: string; decimals: number; separator: '.' | ','; unit?: string; value?: number; error?: RegExp }[] = [
    { text: '1234.56', decimals: 2, separator: '.', value: 123456 },
    { text: '1,234.56', decimals: 2, separator: '.', value: 123456 },
    { text: '$1,234.56', decimals: 2, separator: '.', value: 123456 },
    { text: '-$1,234.56', decimals: 2, separator: '.', value: -123456 },
    { text: '$-5', decimals: 2, separator: '.', value: -500 },
    { text: '(12.50)', decimals: 2, separator: '.', value: -1250 },
    { text: 'USD 1,000', decimals: 2, separator: '.', unit: 'USD', value: 100000 },
    { text: '12 calls', decimals: 0, separator: '.', unit: 'calls', value: 12 },
    { text: '1234,56', decimals: 2, separator: ',', value: 123456 },
    { text: '1.234,56 €', decimals: 2, separator: ',', value: 123456 },
    { text: '1 234,56', decimals: 2, separator: ',', value: 123456 },
    { text: '1\u00A0234,56', decimals: 2, separator: ',', value: 123456 },
    { text: "1'234.50", decimals: 2, separator: '.', value: 123450 },
    { text: '12,34,567.00', decimals: 2, separator: '.', value: 1234567_00 },
    { text: '0.1', decimals: 2, separator: '.', value: 10 },
    // 0.1 + 0.2 style float traps: exact by construction.
    { text: '0.29', decimals: 2, separator: '.', value: 29 },
    { text: '1.005', decimals: 2, separator: '.', error: /3 decimal places; this target allows 2/ },
    { text: '1.500', decimals: 2, separator: '.', value: 150 },
    { text: '.5', decimals: 1, separator: '.', value: 5 },
    { text: '7', decimals: 0, separator: '.', value: 7 },
    { text: '7.5', decimals: 0, separator: '.', error: /allows no decimal places/ },
    { text: '-0', decimals: 0, separator: '.', value: 0 },
    { text: '12.5', decimals: 2, separator: ',', error: /decimal separator is a comma/ },
    { text: '1234,56', decimals: 2, separator: '.', error: /decimal separator is a point/ },
    { text: '1.234,56', decimals: 2, separator: '.', error: /decimal separator is a point/ },
    { text: '1,23.4', decimals: 2, separator: '.', error: /decimal separator is a point|not in thousands/ },
    { text: '1.2.3', decimals: 2, separator: '.', error: /more than one decimal separator/ },
    { text: '1.2E+05', decimals: 2, separator: '.', error: /scientific notation/ },
    { text: 'twelve', decimals: 2, separator: '.', error: /not a number/ },
    { text: '12 apples', decimals: 0, separator: '.', unit: 'calls', error: /not a number/ },
    { text: '', decimals: 2, separator: '.', error: /no value/ },
    { text: '99999999999999999999', decimals: 0, separator: '.', error: /too large/ },
  ];
  for (const testCase of cases) {
    it(`${JSON.stringify(testCase.text)} (${testCase.decimals} decimals, "${testCase.separator}")`, () => {
      const format = { decimals: testCase.decimals, decimalSeparator: testCase.separator, ...(testCase.unit ? { unit: testCase.unit } : {}) };
      const result = parseCsvAmount(testCase.text, format);
      if (testCase.error) {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(testCase.error);
      } else {
        expect(result).toEqual({ ok: true, value: testCase.value });
      }
    });
  }

  it('is exact for every amount with up to 4 decimals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.bigInt({ min: 0n, max: 10n ** 14n }), (decimals, minor) => {
        const digits = minor.toString().padStart(decimals + 1, '0');
        const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
        expect(parseCsvAmount(text, { decimals, decimalSeparator: '.' })).toEqual({ ok: true, value: Number(minor) });
      }),
    );
  });
});

describe('parseProgressCsv', () => {
  it('reads a well-formed file into entries in minor units', () => {
    const parse = parseProgressCsv(
      '\uFEFFDate,Target,Person,Value,Note\r\n2025-11-03,Bookings,Dana Reyes,"$1,234.56",Acme renewal\r\n2025-11-03,bookings,sam@example.com,100,\r\n2025-11-04,Calls,Dana Reyes,12\r\n',
      context,
    );
    expect(parse.headerErrors).toEqual([]);
    expect(parse.delimiter).toBe(',');
    expect(parse.rows).toEqual([
      {
        line: 2,
        ok: true,
        entry: { targetId: 't-dana-bookings', personId: dana.id, date: '2025-11-03', value: 123456, note: 'Acme renewal' },
        cells: { date: '2025-11-03', target: 'Bookings', person: 'Dana Reyes', value: '$1,234.56' },
      },
      {
        line: 3,
        ok: true,
        entry: { targetId: 't-sam-bookings', personId: sam.id, date: '2025-11-03', value: 10000 },
        cells: { date: '2025-11-03', target: 'bookings', person: 'sam@example.com', value: '100' },
      },
      {
        line: 4,
        ok: true,
        // A team target: the progress is credited to the person named.
        entry: { targetId: 't-team-calls', personId: dana.id, date: '2025-11-04', value: 12 },
        cells: { date: '2025-11-04', target: 'Calls', person: 'Dana Reyes', value: '12' },
      },
    ]);
    expect(isProgressCsvImportable(parse)).toBe(true);
  });

  it('reads a European export: semicolons, decimal commas, columns in another order', () => {
    const parse = parseProgressCsv('VALUE;date;Metric;EMAIL\n1.234,56;2025-11-03;Bookings;dana@example.com\n', context);
    expect(parse.delimiter).toBe(';');
    expect(parse.rows[0]).toMatchObject({ ok: true, entry: { targetId: 't-dana-bookings', value: 123456 } });
  });

  it('honours an Excel "sep=" line and counts lines from the top of the file', () => {
    const parse = parseProgressCsv('sep=;\ndate;target;value\n2025-11-03;NPS;8,5\n', context);
    expect(parse.rows).toEqual([
      expect.objectContaining({ line: 3, ok: true, entry: { targetId: 't-dana-nps', date: '2025-11-03', value: 85 } }),
    ]);
  });

  it('skips blank lines and ignores extra columns, naming them', () => {
    const parse = parseProgressCsv('date,target,value,region\n\n2025-11-03,NPS,8,EMEA\n\n', context);
    expect(parse.ignoredColumns).toEqual(['region']);
    expect(parse.rows).toHaveLength(1);
    expect(parse.rows[0]!.line).toBe(3);
  });

  const headerCases: { name: string; text: string; errors: RegExp[] }[] = [
    { name: 'empty file', text: '', errors: [/file is empty/] },
    { name: 'only a BOM and blank lines', text: '\uFEFF\r\n\r\n', errors: [/file is empty/] },
    {
      name: 'missing value column',
      text: 'date,target,person\n2025-11-03,NPS,Dana Reyes',
      errors: [/no column for the value \("value" or "amount"\)/, /It has: “date”, “target”, “person”/],
    },
    {
      name: 'foreign headers',
      text: 'Datum;Ziel;Wert\n',
      errors: [/no column for the date/, /no column for the target/, /no column for the value/, /“Datum”, “Ziel”, “Wert”/],
    },
    { name: 'two target columns', text: 'date,target,metric,value\n', errors: [/Two columns give the target: “target” and “metric”/] },
    { name: 'header only', text: 'date,target,value\n', errors: [/header but no rows/] },
    { name: 'broken header', text: 'date,"target,value\n', errors: [/header row \(line 1\) has a quoted field/] },
  ];
  for (const testCase of headerCases) {
    it(`refuses the file: ${testCase.name}`, () => {
      const parse = parseProgressCsv(testCase.text, context);
      expect(parse.rows).toEqual([]);
      expect(parse.headerErrors).toHaveLength(testCase.errors.length);
      testCase.errors.forEach((pattern, index) => expect(parse.headerErrors[index]).toMatch(pattern));
      expect(isProgressCsvImportable(parse)).toBe(false);
    });
  }

  const rowCases: { name: string; row: string; errors: RegExp[] }[] = [
    { name: 'unknown target, named', row: '2025-11-03,Revenue,Dana Reyes,5', errors: [/No target named “Revenue” \(targets are Bookings, Calls, NPS\)/] },
    { name: 'unknown person, named', row: '2025-11-03,Bookings,Pat Doe,5', errors: [/No person named “Pat Doe”/] },
    { name: 'unknown email', row: '2025-11-03,Bookings,pat@example.com,5', errors: [/No person with the email “pat@example.com”/] },
    { name: 'two people with one name', row: '2025-11-03,Calls,Alex Kim,5', errors: [/2 people are called “Alex Kim”; use their email/] },
    { name: 'ambiguous metric without a person', row: '2025-11-03,Bookings,,5', errors: [/matches 2 targets \(Dana Reyes, Sam Lee\); add a person column/] },
    { name: 'someone else\'s target', row: '2025-11-03,NPS,Sam Lee,5', errors: [/Sam Lee has no “NPS” target \(it belongs to Dana Reyes\)/] },
    { name: 'target id of someone else', row: '2025-11-03,t-dana-nps,Sam Lee,5', errors: [/is Dana Reyes's, not Sam Lee's/] },
    { name: 'ambiguous day-month date', row: '03/04/2025,NPS,,5', errors: [/could be 3 April 2025 or 4 March 2025; write dates as YYYY-MM-DD/] },
    { name: 'two-digit year', row: '03/04/25,NPS,,5', errors: [/two-digit year/] },
    { name: 'not a real date', row: '2025-02-30,NPS,,5', errors: [/“2025-02-30” is not a real date/] },
    { name: 'words for a date', row: 'Nov 3 2025,NPS,,5', errors: [/not a date this import reads; write dates as YYYY-MM-DD/] },
    { name: 'a date with a zone', row: '2025-11-03T23:00Z,NPS,,5', errors: [/time zone/] },
    { name: 'too many decimals for the target', row: '2025-11-03,NPS,,8.25', errors: [/2 decimal places; this target allows 1 decimal place/] },
    { name: 'unquoted thousands comma splits the row', row: '2025-11-03,Bookings,Dana Reyes,1,234.56', errors: [/5 fields but the header has 4 \(a number with a comma needs quotes/] },
    { name: 'everything missing but the target', row: ',NPS,,', errors: [/has no date/, /Value is missing/] },
    { name: 'several problems reported together', row: '2025-13-01,Revenue,,abc', errors: [/not a real date/, /No target named “Revenue”/] },
  ];
  for (const testCase of rowCases) {
    it(`row error: ${testCase.name}`, () => {
      const row = onlyRow(`date,target,person,value\n${testCase.row}\n`);
      expect(row.ok).toBe(false);
      const errors = rowErrors(row);
      expect(errors).toHaveLength(testCase.errors.length);
      testCase.errors.forEach((pattern, index) => expect(errors[index]).toMatch(pattern));
      expect(row.line).toBe(2);
    });
  }

  const dateCases: { name: string; dates: string[]; expected: (string | RegExp)[]; order?: 'day-first' | 'month-first' }[] = [
    { name: 'ISO', dates: ['2025-11-03'], expected: ['2025-11-03'] },
    { name: 'ISO with slashes and single digits', dates: ['2025/1/5'], expected: ['2025-01-05'] },
    { name: 'ISO with a local time', dates: ['2025-11-03 17:30:00'], expected: ['2025-11-03'] },
    { name: 'day equals month reads the same either way', dates: ['04/04/2025'], expected: ['2025-04-04'] },
    {
      name: 'a day-first date elsewhere settles the order',
      dates: ['03/04/2025', '25.12.2025'],
      expected: ['2025-04-03', '2025-12-25'],
      order: 'day-first',
    },
    {
      name: 'a month-first date elsewhere settles the order',
      dates: ['03/04/2025', '12/25/2025'],
      expected: ['2025-03-04', '2025-12-25'],
      order: 'month-first',
    },
    {
      name: 'both orders in one file: refused',
      dates: ['25/12/2025', '12/25/2025', '2025-11-03'],
      expected: [/both day-first \(line 2\) and month-first \(line 3\)/, /both day-first/, '2025-11-03'],
    },
    { name: 'settled order still checks the day', dates: ['31/02/2025', '25/12/2025'], expected: [/not a real date/, '2025-12-25'], order: 'day-first' },
  ];
  for (const testCase of dateCases) {
    it(`dates: ${testCase.name}`, () => {
      const text = ['date,target,value', ...testCase.dates.map((date, index) => `${date},NPS,${index + 1}`)].join('\n');
      const parse = parseProgressCsv(text, context);
      expect(parse.dateOrder).toBe(testCase.order);
      parse.rows.forEach((row, index) => {
        const expected = testCase.expected[index]!;
        if (typeof expected === 'string') {
          expect(row.ok && row.entry.date).toBe(expected);
        } else {
          expect(rowErrors(row).join(' ')).toMatch(expected);
        }
      });
      expect(parse.rows).toHaveLength(testCase.expected.length);
    });
  }

  it('refuses a second row for the same target, person and day, naming the first', () => {
    const parse = parseProgressCsv('date,target,person,value\n2025-11-03,Calls,Dana Reyes,1\n2025-11-03,Calls,Sam Lee,2\n2025-11-03,Calls,dana@example.com,3\n', context);
    expect(parse.rows.map((row) => row.ok)).toEqual([true, true, false]);
    expect(rowErrors(parse.rows[2]!)).toEqual(['Same target, person and day as line 2; put one total per day.']);
    expect(isProgressCsvImportable(parse)).toBe(false);
  });

  it('one bad row makes the whole file not importable, and the good rows are still shown', () => {
    const parse = parseProgressCsv('date,target,value\n2025-11-03,NPS,8\n2025-11-04,NPS,x\n', context);
    expect(parse.rows.map((row) => row.ok)).toEqual([true, false]);
    expect(isProgressCsvImportable(parse)).toBe(false);
  });

  it('never throws, whatever the text (property)', () => {
    const csvish = fc.stringMatching(/^[a-zA-Z0-9 ,;\t"\r\n.\-/$€()'\uFEFF@]{0,200}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), csvish), (text) => {
        for (const prefix of ['', 'date,target,person,value\n', 'date;target;value\n']) {
          const parse = parseProgressCsv(prefix + text, context);
          expect(Array.isArray(parse.rows)).toBe(true);
          for (const row of parse.rows) {
            if (row.ok) {
              expect(Number.isSafeInteger(row.entry.value)).toBe(true);
              expect(row.entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            } else {
              expect(row.errors.length).toBeGreaterThan(0);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips values written by a spreadsheet in either convention (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), fc.boolean(), (minor, european) => {
        const sign = minor < 0 ? '-' : '';
        const units = Math.floor(Math.abs(minor) / 100);
        const cents = String(Math.abs(minor) % 100).padStart(2, '0');
        const grouped = units.toString().replace(/\B(?=(\d{3})+(?!\d))/g, european ? '.' : ',');
        const text = european
          ? `date;target;person;value\n2025-11-03;Bookings;Dana Reyes;${sign}${grouped},${cents}\n`
          : `date,target,person,value\n2025-11-03,Bookings,Dana Reyes,"${sign}$${grouped}.${cents}"\n`;
        const row = onlyRow(text);
        expect(row.ok && row.entry.value).toBe(minor === 0 ? 0 : minor);
      }),
    );
  });
});
