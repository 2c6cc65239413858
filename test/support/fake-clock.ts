// A clock for the notes' autosave (AutosaveClock) that moves only when a test says so: timers run
// as time passes them, and the saves they start are let finish.
import type { AutosaveClock } from '../../src/storage/autosave';

export class FakeClock implements AutosaveClock {
  private timers: { at: number; run: () => void; id: number }[] = [];
  private nextId = 1;
  constructor(public time: number) {}
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  get pending() {
    return this.timers.length;
  }
  /** Moves time forward, running timers as they fall due, and lets their saves finish. */
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.run();
    }
    this.time = end;
    await settle();
  }
}

/** Lets pending promise chains (fake-indexeddb's included) run. */
export async function settle() {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
}
