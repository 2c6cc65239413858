// Command-line parsing for main.ts (kept apart so tests can import it without starting a server).
import type { FakeCalendarState } from './state';

export type SeedModule = (state: FakeCalendarState, context: { now: number }) => void | Promise<void>;

export interface CommandLine {
  port: number;
  host: string;
  seed?: string;
}

export function parseCommandLine(args: readonly string[]): CommandLine | { error: string } {
  const out: CommandLine = { port: 8787, host: '127.0.0.1' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === '--') continue;
    if (arg === '--port' || arg === '--host' || arg === '--seed') {
      if (value === undefined) return { error: `${arg} needs a value` };
      i++;
      if (arg === '--port') {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `not a port: ${value}` };
        out.port = port;
      } else if (arg === '--host') out.host = value;
      else out.seed = value;
    } else {
      return { error: `unknown argument: ${arg}` };
    }
  }
  return out;
}
