import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  countWorkingDays,
  dayFromNumber,
  dayNumber,
  monthOf,
  periodOf,
  previousPeriod,
  quarterOf,
  weekOf,
  yearOf,
} from '../../src/domain/calendar-time';
import type { Level, Period, PeriodKind, ProgressEntry, Target } from '../../src/domain/schemas';
import {
  apportion,
  childTarget,
  currentPeriods,
  formatAmount,
  horizonsForLevel,
  lastPeriodResult,
  paceOf,
  parseAmount,
  splitAcrossPeople,
  splitTarget,
  targetAmountFor,
  type SplitResult,
  type TargetPart,
} from '../../src/domain/targets';

const WEEKDAYS = { weekendDays: [0, 6], daysOff: [] as string[] };
const OCTOBER_2026 = monthOf('2026-10-01');

function parts(result: SplitResult<TargetPart[]>): TargetPart[] {
  if (!result.ok) throw new Error(`expected a split, got ${result.code}: ${result.message}`);
  return result.value;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

let entryCount = 0;
function entry(date: string, value: number): ProgressEntry {
  entryCount++;
  return {
    account: 'me@example.com',
    id: `p${entryCount}`,
    targetId: 't1',
    date,
    value,
    source: 'manual',
    updatedAt: 0,
  };
}

describe('apportion', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [0, 1, 1], [0, 50, 50]],
    [10, [3, 3, 3, 1], [3, 3, 3, 1]],
    [1, [1, 1], [1, 0]], // ties go to the earlier share
    [-100, [1, 1, 1], [-34, -33, -33]], // symmetric for negative amounts
    [0, [0, 0], [0, 0]],
    [7, [2, 5], [2, 5]],
    [1001, [2, 1, 1], [501, 250, 250]],
  ])('apportion(%i, %j) = %j', (amount, weights, expected) => {
    expect(apportion(amount, weights)).toEqual(expected);
  });

  it('has nothing to carry a non-zero amount when every weight is zero', () => {
    expect(apportion(5, [0, 0])).toBeUndefined();
  });

  it('stays exact beyond 2^53 in the intermediate products', () => {
    const amount = Number.MAX_SAFE_INTEGER;
    const shares = apportion(amount, [366, 365, 1]) as number[];
    expect(BigInt(shares[0] as number) + BigInt(shares[1] as number) + BigInt(shares[2] as number)).toBe(
      BigInt(amount),
    );
  });
});

describe('splitTarget: the $100,000 month', () => {
  const target = { amount: 10_000_000, period: OCTOBER_2026 }; // cents

  it('October 2026 has 22 working days', () => {
    expect(countWorkingDays(OCTOBER_2026, WEEKDAYS)).toBe(22);
  });

  it('gives a 5-day week $22,727.27 and the parts add back up to the cent', () => {
    const weeks = parts(splitTarget(target, 'week', WEEKDAYS));
    expect(weeks.map((week) => [week.period.start, week.period.end, week.workingDays, week.amount])).toEqual([
      ['2026-10-01', '2026-10-04', 2, 909_091], // Thursday–Sunday: the month starts mid-week
      ['2026-10-05', '2026-10-11', 5, 2_272_728], // takes the second leftover cent (tie, earliest)
      ['2026-10-12', '2026-10-18', 5, 2_272_727],
      ['2026-10-19', '2026-10-25', 5, 2_272_727],
      ['2026-10-26', '2026-10-31', 5, 2_272_727],
    ]);
    expect(formatAmount(weeks[2]?.amount as number, 2, 'USD')).toBe('$22,727.27');
    expect(sum(weeks.map((week) => week.amount))).toBe(10_000_000);
  });

  it('gives each working day $4,545.45 or .46 and weekends nothing', () => {
    const days = parts(splitTarget(target, 'day', WEEKDAYS));
    expect(days).toHaveLength(31);
    expect(sum(days.map((day) => day.amount))).toBe(10_000_000);
    const working = days.filter((day) => day.workingDays === 1);
    expect(working).toHaveLength(22);
    // 10,000,000 / 22 = 454,545.45…: ten leftover cents go to the first ten working days.
    expect(working.map((day) => day.amount)).toEqual([...Array(10).fill(454_546), ...Array(12).fill(454_545)]);
    expect(days.filter((day) => day.workingDays === 0).every((day) => day.amount === 0)).toBe(true);
    expect(days.find((day) => day.period.start === '2026-10-03')?.amount).toBe(0); // Saturday
  });

  it('splits the week parts on to their days exactly too', () => {
    const week = parts(splitTarget(target, 'week', WEEKDAYS))[1] as TargetPart;
    const days = parts(splitTarget({ amount: week.amount, period: week.period }, 'day', WEEKDAYS));
    expect(days.map((day) => day.amount)).toEqual([454_546, 454_546, 454_546, 454_545, 454_545, 0, 0]);
  });
});

describe('splitTarget: periods and calendars', () => {
  it('clips a week that straddles two months to each month (April 2026 starts on a Wednesday)', () => {
    const march = parts(splitTarget({ amount: 2_200, period: monthOf('2026-03-01') }, 'week', WEEKDAYS));
    const april = parts(splitTarget({ amount: 2_200, period: monthOf('2026-04-01') }, 'week', WEEKDAYS));
    expect(march.at(-1)).toEqual({ period: { kind: 'week', start: '2026-03-30', end: '2026-03-31' }, amount: 200, workingDays: 2 });
    expect(april[0]).toEqual({ period: { kind: 'week', start: '2026-04-01', end: '2026-04-05' }, amount: 300, workingDays: 3 });
    // March 2026 starts on a Sunday: its first week part has no working day and gets nothing.
    expect(march[0]).toEqual({ period: { kind: 'week', start: '2026-03-01', end: '2026-03-01' }, amount: 0, workingDays: 0 });
  });

  it('splits a year into quarters and months by working days', () => {
    const year = yearOf('2026-01-01');
    const quarters = parts(splitTarget({ amount: 100_000_000, period: year }, 'quarter', WEEKDAYS));
    expect(quarters.map((q) => q.workingDays)).toEqual([64, 65, 66, 66]);
    expect(quarters.map((q) => q.amount)).toEqual([24_521_073, 24_904_215, 25_287_356, 25_287_356]);
    const months = parts(splitTarget({ amount: 120_000_000, period: year }, 'month', WEEKDAYS));
    expect(months.map((m) => m.workingDays)).toEqual([22, 20, 22, 22, 21, 22, 23, 21, 22, 22, 21, 23]);
    expect(months.map((m) => m.amount)).toEqual([
      10_114_943, 9_195_402, 10_114_943, 10_114_943, 9_655_172, 10_114_943, 10_574_713, 9_655_172, 10_114_942,
      10_114_942, 9_655_172, 10_574_713,
    ]);
    expect(sum(months.map((m) => m.amount))).toBe(120_000_000);
    const weeks = parts(splitTarget({ amount: 52_000, period: year }, 'week', WEEKDAYS));
    expect(weeks).toHaveLength(53);
    expect(weeks[0]?.period).toEqual({ kind: 'week', start: '2026-01-01', end: '2026-01-04' });
    expect(weeks.at(-1)?.period).toEqual({ kind: 'week', start: '2026-12-28', end: '2026-12-31' });
    expect(sum(weeks.map((w) => w.amount))).toBe(52_000);
    const quarterMonths = parts(splitTarget({ amount: 3_000, period: quarterOf('2026-02-01') }, 'month', WEEKDAYS));
    expect(quarterMonths.map((m) => m.amount)).toEqual([1_031, 938, 1_031]); // 22, 20, 22 of 64 days
  });

  it('leaves out a holiday and the user’s days off', () => {
    const christmas = { weekendDays: [0, 6], daysOff: ['2026-12-24', '2026-12-25'] };
    const december = parts(splitTarget({ amount: 10_000_000, period: monthOf('2026-12-01') }, 'week', christmas));
    expect(december.map((week) => week.workingDays)).toEqual([4, 5, 5, 3, 4]);
    expect(december.map((week) => week.amount)).toEqual([1_904_762, 2_380_952, 2_380_952, 1_428_572, 1_904_762]);
    const withoutDaysOff = parts(splitTarget({ amount: 10_000_000, period: monthOf('2026-12-01') }, 'week', WEEKDAYS));
    expect(withoutDaysOff.map((week) => week.workingDays)).toEqual([4, 5, 5, 5, 4]);
  });

  it('honours another weekend and another first day of the week', () => {
    const fridaySaturday = { weekendDays: [5, 6], daysOff: [] };
    const week = parts(splitTarget({ amount: 500, period: weekOf('2026-10-04', 0) }, 'day', fridaySaturday));
    expect(week.map((day) => [day.period.start, day.amount])).toEqual([
      ['2026-10-04', 100],
      ['2026-10-05', 100],
      ['2026-10-06', 100],
      ['2026-10-07', 100],
      ['2026-10-08', 100],
      ['2026-10-09', 0],
      ['2026-10-10', 0],
    ]);
    const sundayWeeks = parts(splitTarget({ amount: 2_200, period: OCTOBER_2026 }, 'week', WEEKDAYS, 0));
    expect(sundayWeeks.map((w) => w.period.start)).toEqual(['2026-10-01', '2026-10-04', '2026-10-11', '2026-10-18', '2026-10-25']);
    expect(sundayWeeks.map((w) => w.amount)).toEqual([200, 500, 500, 500, 500]);
  });

  it('fails clearly instead of dividing by zero when the parent has no working days', () => {
    const weekend: Period = { kind: 'week', start: '2026-10-03', end: '2026-10-04' };
    const result = splitTarget({ amount: 100, period: weekend }, 'day', WEEKDAYS);
    expect(result).toMatchObject({ ok: false, code: 'no-working-days' });
    if (!result.ok) expect(result.message).toContain('2026-10-03 to 2026-10-04');
    // Nothing to spread: zeros are exact.
    expect(parts(splitTarget({ amount: 0, period: weekend }, 'day', WEEKDAYS)).map((d) => d.amount)).toEqual([0, 0]);
  });

  it('refuses to split into a longer period, or a fractional amount', () => {
    expect(splitTarget({ amount: 100, period: OCTOBER_2026 }, 'quarter', WEEKDAYS)).toMatchObject({
      ok: false,
      code: 'longer-period',
    });
    expect(splitTarget({ amount: 100, period: weekOf('2026-10-05') }, 'month', WEEKDAYS)).toMatchObject({
      ok: false,
      code: 'longer-period',
    });
    expect(splitTarget({ amount: 1.5, period: OCTOBER_2026 }, 'day', WEEKDAYS)).toMatchObject({
      ok: false,
      code: 'unsafe-amount',
    });
    // The same kind is a split into one part.
    expect(parts(splitTarget({ amount: 100, period: OCTOBER_2026 }, 'month', WEEKDAYS))).toEqual([
      { period: OCTOBER_2026, amount: 100, workingDays: 22 },
    ]);
  });

  it('makes child targets that point at their parent', () => {
    const parent: Target = {
      account: 'me@example.com',
      id: 't-oct',
      owner: { kind: 'person', personId: 'email:dana@example.com' },
      metric: 'Bookings',
      unit: 'USD',
      decimals: 2,
      period: OCTOBER_2026,
      amount: 10_000_000,
      createdAt: 1,
      updatedAt: 1,
    };
    const week = parts(splitTarget(parent, 'week', WEEKDAYS))[2] as TargetPart;
    expect(childTarget(parent, week, 't-oct-w3', 99)).toEqual({
      ...parent,
      id: 't-oct-w3',
      period: week.period,
      amount: 2_272_727,
      parentId: 't-oct',
      createdAt: 99,
      updatedAt: 99,
    });
  });

  const KINDS: PeriodKind[] = ['day', 'week', 'month', 'quarter', 'year'];
  const rank = (kind: PeriodKind) => KINDS.indexOf(kind);

  it('adds back up exactly for any amount, period and calendar, with no negative part', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 13 }),
        fc.constantFrom(...KINDS),
        fc.constantFrom(...KINDS),
        fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2060-12-31') }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 6 }),
        (amount, kindA, kindB, start, weekendDays, offsets, weekStartsOn) => {
          const [outer, inner] = rank(kindA) >= rank(kindB) ? [kindA, kindB] : [kindB, kindA];
          const period = periodOf(outer, dayFromNumber(start), weekStartsOn);
          const calendar = { weekendDays, daysOff: offsets.map((offset) => addDays(period.start, offset)) };
          const result = splitTarget({ amount, period }, inner, calendar, weekStartsOn);
          if (!result.ok) {
            // Only a period without a single working day may refuse, and only a non-zero amount.
            expect(result.code).toBe('no-working-days');
            expect(countWorkingDays(period, calendar)).toBe(0);
            expect(amount).not.toBe(0);
            return;
          }
          const split = result.value;
          expect(sum(split.map((part) => part.amount))).toBe(amount);
          const totalDays = countWorkingDays(period, calendar);
          for (const part of split) {
            expect(part.amount).toBeGreaterThanOrEqual(0);
            if (part.workingDays === 0) expect(part.amount).toBe(0);
            // Within one unit of the exact share.
            expect(Math.abs(part.amount - (amount * part.workingDays) / totalDays)).toBeLessThan(1.0001);
          }
          // The parts tile the parent: contiguous, inside it, nothing missing.
          expect(split[0]?.period.start).toBe(period.start);
          expect(split.at(-1)?.period.end).toBe(period.end);
          for (let i = 1; i < split.length; i++) {
            expect(split[i]?.period.start).toBe(addDays(split[i - 1]?.period.end as string, 1));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitAcrossPeople', () => {
  it.each([
    ['equal', 10_000, [{ personId: 'a' }, { personId: 'b' }, { personId: 'c' }], [3_334, 3_333, 3_333]],
    ['weights', 1_001, [{ personId: 'a', weight: 1 }, { personId: 'b', weight: 0.5 }, { personId: 'c', weight: 0.5 }], [501, 250, 250]],
    ['a zero weight', 900, [{ personId: 'a', weight: 2 }, { personId: 'b', weight: 0 }, { personId: 'c' }], [600, 0, 300]],
    ['one person', 12_345, [{ personId: 'a' }], [12_345]],
    ['fractional weights', 100, [{ personId: 'a', weight: 0.1 }, { personId: 'b', weight: 0.2 }], [33, 67]],
  ])('%s', (_name, amount, people, expected) => {
    const result = splitAcrossPeople({ amount }, people);
    expect(result).toEqual({
      ok: true,
      value: people.map((person, index) => ({ personId: person.personId, amount: expected[index] })),
    });
  });

  it.each([
    ['no-people', []],
    ['duplicate-person', [{ personId: 'a' }, { personId: 'a' }]],
    ['bad-weight', [{ personId: 'a', weight: -1 }]],
    ['bad-weight', [{ personId: 'a', weight: Number.NaN }]],
    ['bad-weight', [{ personId: 'a', weight: Number.POSITIVE_INFINITY }]],
    ['zero-weights', [{ personId: 'a', weight: 0 }, { personId: 'b', weight: 0 }]],
  ])('fails with %s', (code, people) => {
    const result = splitAcrossPeople({ amount: 100 }, people);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });

  it('always adds back up exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 12), max: 10 ** 12 }),
        fc.array(fc.option(fc.double({ min: 0.001, max: 100, noNaN: true }), { nil: undefined }), {
          minLength: 1,
          maxLength: 30,
        }),
        (amount, weights) => {
          const people = weights.map((weight, index) =>
            weight === undefined ? { personId: `p${index}` } : { personId: `p${index}`, weight },
          );
          const result = splitAcrossPeople({ amount }, people);
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(sum(result.value.map((share) => share.amount))).toBe(amount);
            for (const share of result.value) expect(Math.sign(share.amount) * Math.sign(amount)).not.toBe(-1);
          }
        },
      ),
    );
  });
});

describe('paceOf', () => {
  const target = { amount: 10_000_000, period: OCTOBER_2026 };

  it('is not started before the period, and says what a day needs', () => {
    const pace = paceOf(target, [entry('2026-09-30', 500_000)], '2026-09-30', WEEKDAYS);
    expect(pace).toMatchObject({
      status: 'not-started',
      actual: 0,
      expectedToDate: 0,
      expectedTotal: 10_000_000,
      projectedEnd: undefined,
      remainingWorkingDays: 22,
      neededPerWorkingDay: 454_546,
    });
    expect(pace.hit).toBeUndefined();
  });

  it('expects nothing on the first day and counts what today brought', () => {
    expect(paceOf(target, [], '2026-10-01', WEEKDAYS)).toMatchObject({
      status: 'on-track',
      expectedToDate: 0,
      elapsedWorkingDays: 0,
      percentOfExpected: undefined,
      projectedEnd: undefined,
    });
    expect(paceOf(target, [entry('2026-10-01', 100_000)], '2026-10-01', WEEKDAYS)).toMatchObject({
      status: 'ahead',
      actual: 100_000,
    });
  });

  // Thursday 15 October: ten working days (1–2, 5–9, 12–14) are over; twelve remain with today.
  // Expected: 10,000,000 × 10 / 22 = 4,545,454.54…, on track within 5%: 4,318,181.8 – 4,772,727.2.
  it.each([
    [4_545_455, 'on-track', 10_000_001],
    [5_000_000, 'ahead', 11_000_000],
    [4_772_727, 'on-track', 10_499_999],
    [4_772_728, 'ahead', 10_500_002],
    [4_318_182, 'on-track', 9_500_000],
    [4_318_181, 'behind', 9_499_998],
    [4_000_000, 'behind', 8_800_000],
    [0, 'behind', 0],
  ] as const)('on 15 October with %i done it is %s, projecting %i', (actual, status, projectedEnd) => {
    const pace = paceOf(target, [entry('2026-10-02', actual)], '2026-10-15', WEEKDAYS);
    expect(pace).toMatchObject({
      actual,
      status,
      projectedEnd,
      expectedToDate: 4_545_455,
      workingDays: 22,
      elapsedWorkingDays: 10,
      remainingWorkingDays: 12,
    });
    expect(pace.percentOfTarget).toBeCloseTo(actual / 100_000, 10);
    expect(pace.percentOfExpected).toBeCloseTo((actual / (10_000_000 * 10 / 22)) * 100, 10);
    expect(pace.neededPerWorkingDay).toBe(Math.ceil((10_000_000 - actual) / 12));
  });

  it('sums only entries inside the period and not after today', () => {
    const progress = [
      entry('2026-09-30', 9_999_999), // before the period
      entry('2026-10-05', 1_000_000),
      entry('2026-10-15', 250_000), // today counts
      entry('2026-10-16', 3_000_000), // tomorrow does not
      entry('2026-11-01', 9_999_999),
    ];
    expect(paceOf(target, progress, '2026-10-15', WEEKDAYS).actual).toBe(1_250_000);
  });

  it('counts a weekend day after the week’s working days', () => {
    const pace = paceOf(target, [], '2026-10-17', WEEKDAYS); // Saturday
    expect(pace.elapsedWorkingDays).toBe(12);
    expect(pace.remainingWorkingDays).toBe(10);
  });

  it('knows it was hit as soon as the amount is reached', () => {
    const pace = paceOf(target, [entry('2026-10-05', 10_000_000)], '2026-10-15', WEEKDAYS);
    expect(pace).toMatchObject({ status: 'ahead', hit: true, neededPerWorkingDay: 0 });
    expect(paceOf(target, [entry('2026-10-05', 9_999_999)], '2026-10-15', WEEKDAYS).hit).toBeUndefined();
  });

  it.each([
    [10_000_000, true],
    [10_500_000, true],
    [9_999_999, false],
  ])('after the period, %i done: hit %s', (actual, hit) => {
    const pace = paceOf(target, [entry('2026-10-30', actual), entry('2026-11-02', 1)], '2026-11-02', WEEKDAYS);
    expect(pace).toMatchObject({
      status: 'ended',
      hit,
      actual,
      expectedToDate: 10_000_000,
      projectedEnd: actual,
      elapsedWorkingDays: 22,
      remainingWorkingDays: 0,
      neededPerWorkingDay: undefined,
    });
  });

  it('has no percentages for a zero target and no projection in a period with no working days', () => {
    expect(paceOf({ amount: 0, period: OCTOBER_2026 }, [], '2026-10-15', WEEKDAYS).percentOfTarget).toBeUndefined();
    const weekend: Period = { kind: 'week', start: '2026-10-03', end: '2026-10-04' };
    expect(paceOf({ amount: 100, period: weekend }, [], '2026-10-04', WEEKDAYS)).toMatchObject({
      status: 'on-track',
      expectedToDate: 0,
      projectedEnd: undefined,
      neededPerWorkingDay: undefined,
    });
  });

  it('takes a tolerance', () => {
    const progress = [entry('2026-10-02', 4_400_000)]; // 96.8% of expected
    expect(paceOf(target, progress, '2026-10-15', WEEKDAYS).status).toBe('on-track');
    expect(paceOf(target, progress, '2026-10-15', WEEKDAYS, 0.01).status).toBe('behind');
  });
});

describe('last period', () => {
  it.each([
    [2_272_727, true],
    [2_300_000, true],
    [2_272_726, false],
  ])('last week with %i done against $22,727.27: hit %s', (done, hit) => {
    const week = parts(splitTarget({ amount: 10_000_000, period: OCTOBER_2026 }, 'week', WEEKDAYS))[2] as TargetPart;
    const result = lastPeriodResult(week, [entry('2026-10-14', done), entry('2026-10-19', 5_000_000)]);
    expect(result).toMatchObject({ period: week.period, amount: 2_272_727, actual: done, hit });
    expect(result.percentOfTarget).toBeCloseTo((done / 2_272_727) * 100, 10);
  });

  it('adds up last week’s target across the two months it straddles', () => {
    const september = { amount: 9_000_000, period: monthOf('2026-09-01') }; // 22 working days
    const october = { amount: 10_000_000, period: OCTOBER_2026 };
    const lastWeek = previousPeriod(weekOf('2026-10-07')); // 28 September – 4 October
    expect(lastWeek).toEqual({ kind: 'week', start: '2026-09-28', end: '2026-10-04' });
    // September's last 3 working days: 1,227,273; October's first 2: 909,091.
    expect(targetAmountFor(lastWeek, [september, october], WEEKDAYS)).toEqual({ ok: true, value: 2_136_364 });
    const result = lastPeriodResult({ period: lastWeek, amount: 2_136_364 }, [entry('2026-09-29', 2_000_000)]);
    expect(result.hit).toBe(false);
  });

  it('sums shorter targets inside the period, and the days of one sticking out', () => {
    const weeks = [
      { amount: 500, period: { kind: 'week' as const, start: '2026-10-05', end: '2026-10-11' } },
      { amount: 700, period: { kind: 'week' as const, start: '2026-10-26', end: '2026-11-01' } }, // 5 days in October
      { amount: 999, period: { kind: 'week' as const, start: '2026-11-09', end: '2026-11-15' } }, // outside
    ];
    expect(targetAmountFor(OCTOBER_2026, weeks, WEEKDAYS)).toEqual({ ok: true, value: 1_200 });
    const shortWeek = { amount: 500, period: { kind: 'week' as const, start: '2026-10-26', end: '2026-11-01' } };
    expect(targetAmountFor(monthOf('2026-11-01'), [shortWeek], WEEKDAYS)).toEqual({ ok: true, value: 0 });
  });
});

describe('horizons', () => {
  it.each([
    ['frontline', { focus: ['day', 'week'], against: 'month' }],
    ['manager', { focus: ['week'], against: 'month', planFor: 'month' }],
    ['director', { focus: ['month'], against: 'quarter' }],
    ['vp', { focus: ['month'], against: 'quarter' }],
    ['executive', { focus: ['quarter'], against: 'year', visionYears: 3 }],
  ] as const)('%s', (level, horizon) => {
    expect(horizonsForLevel(level as Level)).toEqual(horizon);
  });

  it('finds the periods containing today', () => {
    expect(currentPeriods('2026-10-15', ['day', 'week', 'month', 'quarter', 'year'])).toEqual([
      { kind: 'day', start: '2026-10-15', end: '2026-10-15' },
      { kind: 'week', start: '2026-10-12', end: '2026-10-18' },
      { kind: 'month', start: '2026-10-01', end: '2026-10-31' },
      { kind: 'quarter', start: '2026-10-01', end: '2026-12-31' },
      { kind: 'year', start: '2026-01-01', end: '2026-12-31' },
    ]);
    expect(currentPeriods('2026-10-15', ['week'], 0)).toEqual([{ kind: 'week', start: '2026-10-11', end: '2026-10-17' }]);
  });
});

describe('amounts as text', () => {
  it.each([
    [2_272_727, 2, 'USD', '$22,727.27'],
    [45, 0, 'calls', '45 calls'],
    [1_234_567, 0, 'calls', '1,234,567 calls'],
    [-123_456, 2, 'USD', '-$1,234.56'],
    [5, 2, 'USD', '$0.05'],
    [0, 2, 'EUR', '€0.00'],
    [100_000, 2, 'CHF', 'CHF 1,000.00'],
    [12_345, 3, 'km', '12.345 km'],
    [1, 0, 'JPY', '¥1'],
    [999_999_999_999_99, 2, 'USD', '$999,999,999,999.99'],
    [100, 2, 'KPI', '1.00 KPI'], // three capitals that are no currency
  ])('formatAmount(%i, %i, %s) = %s', (amount, decimals, unit, text) => {
    expect(formatAmount(amount, decimals, unit)).toBe(text);
  });

  it.each([
    ['22,727.27', 2, 'USD', 2_272_727],
    ['$22,727.27', 2, 'USD', 2_272_727],
    ['22727.27', 2, 'USD', 2_272_727],
    ['  $ 22,727.27 ', 2, 'USD', 2_272_727],
    ['USD 100', 2, 'USD', 10_000],
    ['100 usd', 2, 'USD', 10_000],
    ['0.29', 2, 'USD', 29], // 0.29 × 100 is 28.999999999999996 as a float
    ['1.1', 2, 'USD', 110],
    ['.5', 2, 'USD', 50],
    ['1.50', 1, 'km', 15],
    ['-$1,234.56', 2, 'USD', -123_456],
    ['$-5', 2, 'USD', -500],
    ['−5', 0, 'calls', -5],
    ['45 calls', 0, 'calls', 45],
    ['45', 0, 'calls', 45],
    ['$1.5k', 2, 'USD', 150_000],
    ['100k', 2, 'USD', 10_000_000],
    ['2M', 2, 'USD', 200_000_000],
    ['1.25m', 0, 'calls', 1_250_000],
    ['1,000,000', 0, undefined, 1_000_000],
    ['€5', 2, 'EUR', 500],
    ['CHF 1,000.00', 2, 'CHF', 100_000],
    ['9007199254740991', 0, undefined, Number.MAX_SAFE_INTEGER],
  ])('parseAmount(%j, %i, %s) = %i', (input, decimals, unit, amount) => {
    expect(parseAmount(input, decimals, unit)).toEqual({ ok: true, amount });
  });

  it.each([
    ['', 2, 'USD', 'enter an amount'],
    ['   ', 2, 'USD', 'enter an amount'],
    ['abc', 2, 'USD', 'unexpected "a"'],
    ['1e5', 2, 'USD', 'unexpected "e"'],
    ['€5', 2, 'USD', 'unexpected "€"'],
    ['1.005', 2, 'USD', 'at most 2 decimal places'],
    ['1.5', 0, 'calls', 'whole numbers only'],
    ['1.2345k', 0, 'calls', 'whole numbers only'],
    ['1.2.3', 2, 'USD', 'more than one decimal point'],
    ['1,00', 2, 'USD', 'groups of three'],
    ['1,0000', 2, 'USD', 'groups of three'],
    [',100', 2, 'USD', 'groups of three'],
    ['1.000,5', 2, 'USD', 'commas go before the decimal point'],
    ['--5', 2, 'USD', 'unexpected "-"'],
    ['$', 2, 'USD', 'no digits'],
    ['k', 2, 'USD', 'unexpected "k"'],
    ['9007199254740992', 0, undefined, 'too large'],
    ['5 5', 0, undefined, 'unexpected " "'],
  ])('parseAmount(%j, %i, %s) fails: %s', (input, decimals, unit, message) => {
    const result = parseAmount(input, decimals, unit);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('reads -0 as 0', () => {
    expect(parseAmount('-0', 2)).toEqual({ ok: true, amount: 0 });
    const result = parseAmount('-0', 2);
    if (result.ok) expect(Object.is(result.amount, -0)).toBe(false);
  });

  it('reads back whatever it formats', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('USD', 'EUR', 'CHF', 'JPY', 'calls', 'meetings booked'),
        (amount, decimals, unit) => {
          expect(parseAmount(formatAmount(amount, decimals, unit), decimals, unit)).toEqual({ ok: true, amount });
        },
      ),
    );
  });
});
