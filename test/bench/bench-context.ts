// What the benchmark runner hands every benchmark module (test/bench/*.bench.ts).
import { buildExtension } from '../support/build-extension';

export interface BenchContext {
  /** The unpacked extension built in `mode` (built once per run, shared by modules). */
  extension(mode: string): string;
  /** Progress lines for the console (figures are printed by the runner). */
  log(message: string): void;
}

/** A benchmark module's default export: returns its figures, keyed as in bench-results.json. */
export type BenchModule = (context: BenchContext) => Promise<Record<string, number>>;

export function createBenchContext(log: (message: string) => void): BenchContext {
  const builds = new Map<string, string>();
  return {
    extension(mode) {
      let built = builds.get(mode);
      if (!built) {
        log(`building the extension (mode ${mode})…`);
        built = buildExtension({ mode });
        builds.set(mode, built);
      }
      return built;
    },
    log,
  };
}
