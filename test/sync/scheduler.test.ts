// The scheduler with the real engine against the fake API, and timers and alarms driven by hand:
// a change is written 2 s later (within 15 s), alarms back it up at 30 s or more, learning runs at
// start-up when due and by a periodic alarm that is created only once.
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../src/domain/description-block';
import { FLUSH_ALARM, FLUSH_DELAY_MS, LEARN_ALARM, MIN_ALARM_DELAY_MS, SyncScheduler, type SchedulerHost } from '../../src/sync/scheduler';
import { ME, meetingOf, type World } from './harness';
import { worldPerTest } from './world-per-test';

let world: World;
// Every write, in every test: no guest notifications, never without If-Match (checked after each).
worldPerTest((started) => (world = started));

function manualHost(world: World) {
  const timers = new Map<number, { at: number; callback: () => void }>();
  const alarms = new Map<string, { when?: number; periodInMinutes?: number; delayInMinutes?: number }>();
  const created: string[] = [];
  let next = 0;
  const host: SchedulerHost = {
    now: () => world.now(),
    setTimeout: (callback, ms) => {
      const id = ++next;
      timers.set(id, { at: world.now() + ms, callback });
      return id;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    getAlarm: async (name) => (alarms.has(name) ? { name } : undefined),
    createAlarm: async (name, info) => {
      created.push(name);
      alarms.set(name, info);
    },
    clearAlarm: async (name) => alarms.delete(name),
  };
  return {
    host,
    timers,
    alarms,
    created,
    /** Advances the clock to the earliest timer and runs it. */
    async runNextTimer(): Promise<number> {
      const [id, timer] = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !timer) throw new Error('no timer');
      timers.delete(id);
      world.set(Math.max(world.now(), timer.at));
      timer.callback();
      return timer.at;
    },
  };
}

describe('sync scheduling', () => {
  it('learns at start-up, creates the periodic learning alarm once, and does not learn again while recent', async () => {
    const browser = world.browser();
    const manual = manualHost(world);
    const scheduler = new SyncScheduler(browser.engine, manual.host);
    // The worker's start and runtime.onStartup arrive together: one learning.
    await Promise.all([scheduler.start(), scheduler.start()]);
    expect(manual.alarms.get(LEARN_ALARM)).toEqual({ periodInMinutes: 5, delayInMinutes: 5 });
    const lists = () => world.requests((r) => r.path === '/calendars/primary/events').length;
    expect(lists()).toBe(1);
    // The worker wakes again a minute later: no new listing, the alarm is left as it was.
    world.advance(60_000);
    await scheduler.start();
    expect(lists()).toBe(1);
    expect(manual.created.filter((name) => name === LEARN_ALARM)).toHaveLength(1);
    await scheduler.onAlarm(LEARN_ALARM);
    expect(lists()).toBe(2);
  });

  it('writes a change 2 s after it (typing coalesces), with a 30 s alarm as backstop', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const browser = world.browser();
    const manual = manualHost(world);
    const scheduler = new SyncScheduler(browser.engine, manual.host);
    await scheduler.start();
    const changedAt = world.now();
    for (const text of ['N', 'No', 'Notes']) {
      await browser.typeSharedNote(meetingId, text);
      await browser.engine.noteChanged(ME, meetingId);
      scheduler.changed();
      world.advance(300);
    }
    expect(manual.alarms.get(FLUSH_ALARM)?.when).toBeGreaterThanOrEqual(changedAt + MIN_ALARM_DELAY_MS);
    expect(manual.timers.size).toBe(1);
    const firedAt = await manual.runNextTimer();
    await scheduler.idle();
    expect(firedAt - changedAt).toBeLessThanOrEqual(FLUSH_DELAY_MS);
    expect(world.patches()).toHaveLength(1);
    const block = parseBlock(world.description(eventId), eventId);
    expect(block.kind === 'found' && block.content.sharedNotes).toBe('Notes');
    // Nothing pending: no alarm, no timer left.
    expect(manual.alarms.has(FLUSH_ALARM)).toBe(false);
    expect(manual.timers.size).toBe(0);
  });

  it('after a failure, schedules the retry by alarm (never sooner than 30 s) and writes when it fires', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const browser = world.browser();
    const manual = manualHost(world);
    const scheduler = new SyncScheduler(browser.engine, manual.host);
    await scheduler.start();
    await browser.typeSharedNote(meetingId, 'Notes');
    await browser.engine.noteChanged(ME, meetingId);
    world.api.state.failNext(1, { status: 429, retryAfter: 90 });
    scheduler.changed();
    await manual.runNextTimer();
    await scheduler.idle();
    const alarm = manual.alarms.get(FLUSH_ALARM);
    expect(alarm?.when).toBeGreaterThanOrEqual(world.now() + 90_000 - 1);
    expect(manual.timers.size).toBe(0);
    world.set(alarm!.when!);
    await scheduler.onAlarm(FLUSH_ALARM);
    const block = parseBlock(world.description(eventId), eventId);
    expect(block.kind === 'found' && block.content.sharedNotes).toBe('Notes');
  });
});
