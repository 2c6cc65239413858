// When the service worker runs the sync engine. A service worker sleeps after about 30 s without
// events, and a packed extension's alarms fire at most every 30 s, so:
// - a change (a message from the sidebar) flushes the outbox by a short timer, 2 s after the last
//   change: typing coalesces into one write, and the write lands well within 15 s while the
//   worker is awake (a message wakes it and keeps it awake that long);
// - while anything is pending, an alarm at least 30 s ahead is the backstop: it wakes the worker
//   if it went to sleep before the timer fired, or for a retry after a failure;
// - learning runs at start-up when the last listing is older than the period, and every 5
//   minutes by a periodic alarm. The periodic alarm is created only when missing: re-creating it
//   at every wake-up would push it back each time and it would never fire.
// Timers and alarms are injected (tests drive them by hand); nothing here depends on alarms
// firing faster than packed extensions allow.
import type { FlushReport, LearnReport } from './engine';

export const FLUSH_ALARM = 'one-on-one/sync-flush';
export const LEARN_ALARM = 'one-on-one/sync-learn';
/** After a change, the outbox is flushed this much later (typing coalesces meanwhile). */
export const FLUSH_DELAY_MS = 2_000;
export const LEARN_PERIOD_MINUTES = 5;
/** Packed extensions' alarms fire at most this often. */
export const MIN_ALARM_DELAY_MS = 30_000;
/** A timer further out than this is not relied on: the worker is likely asleep by then. */
const TIMER_HORIZON_MS = 25_000;
/** Flushes follow each other at least this far apart (an entry due again at once cannot spin). */
const MIN_FLUSH_GAP_MS = 1_000;

export interface SchedulerHost {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  getAlarm(name: string): Promise<{ name: string } | undefined>;
  createAlarm(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): Promise<void>;
  clearAlarm(name: string): Promise<unknown>;
}

/** The parts of SyncEngine the scheduler drives. */
export interface SchedulableEngine {
  learn(options?: { full?: boolean }): Promise<LearnReport>;
  flushOutbox(): Promise<FlushReport>;
  nextDueAt(): Promise<number | undefined>;
  lastListedAt(): Promise<number | undefined>;
}

export class SyncScheduler {
  private timer: unknown;
  private timerAt: number | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private starting: Promise<void> | undefined;

  constructor(
    private readonly engine: SchedulableEngine,
    private readonly host: SchedulerHost,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /**
   * The worker started (or the browser did, or the extension was installed): make sure learning
   * is scheduled, learn if due, flush. Calls while one is running share it (the worker's start
   * and runtime.onStartup arrive together).
   */
  start(): Promise<void> {
    this.starting ??= this.startOnce().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    if (!(await this.host.getAlarm(LEARN_ALARM))) {
      await this.host.createAlarm(LEARN_ALARM, { periodInMinutes: LEARN_PERIOD_MINUTES, delayInMinutes: LEARN_PERIOD_MINUTES });
    }
    const listedAt = await this.engine.lastListedAt();
    if (listedAt === undefined || this.host.now() - listedAt >= LEARN_PERIOD_MINUTES * 60_000) await this.learnAndFlush();
    else await this.flushNow();
  }

  /** A meeting's notes changed: flush soon. */
  changed(): void {
    this.flushAt(this.host.now() + FLUSH_DELAY_MS);
  }

  async onAlarm(name: string): Promise<void> {
    if (name === LEARN_ALARM) await this.learnAndFlush();
    else if (name === FLUSH_ALARM) await this.flushNow();
  }

  /** Lists the calendar (in full when asked), then writes what is due. */
  learnAndFlush(options: { full?: boolean } = {}): Promise<void> {
    return this.serial(async () => {
      const report = await this.engine.learn(options);
      if (!report.ok) this.log(`learning failed: ${report.error.message}`);
      await this.flushOnce();
    });
  }

  /** Writes what is due now and schedules the next flush. */
  flushNow(): Promise<void> {
    return this.serial(() => this.flushOnce());
  }

  private async flushOnce(): Promise<void> {
    this.clearTimer();
    const report = await this.engine.flushOutbox();
    await this.reschedule(report.nextDueAt ?? (await this.engine.nextDueAt()));
  }

  /** Settles once every task queued so far is done. */
  async idle(): Promise<void> {
    await this.running.catch(() => undefined);
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.running.then(task, task);
    this.running = run.catch((error: unknown) => this.log(`sync failed: ${String(error)}`));
    return run;
  }

  private flushAt(at: number): void {
    if (this.timerAt !== undefined && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.host.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      void this.flushNow();
    }, Math.max(0, at - this.host.now()));
    // The backstop in case the worker sleeps before the timer fires.
    void this.host.createAlarm(FLUSH_ALARM, { when: Math.max(at, this.host.now() + MIN_ALARM_DELAY_MS) });
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.host.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
  }

  private async reschedule(nextDueAt: number | undefined): Promise<void> {
    if (nextDueAt === undefined) {
      this.clearTimer();
      await this.host.clearAlarm(FLUSH_ALARM);
      return;
    }
    const now = this.host.now();
    if (nextDueAt - now <= TIMER_HORIZON_MS) {
      this.flushAt(Math.max(nextDueAt, now + MIN_FLUSH_GAP_MS));
      return;
    }
    await this.host.createAlarm(FLUSH_ALARM, { when: Math.max(nextDueAt, now + MIN_ALARM_DELAY_MS) });
  }
}
