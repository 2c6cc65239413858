// `npm run bench [-- name…]`: runs every test/bench/*.bench.ts module in turn (or those whose file
// name contains one of the given names), prints their figures and merges them into
// bench-results.json at the repo root, keeping keys other benchmarks wrote. Timings are figures to
// read, never pass/fail: a benchmark fails only when it cannot measure.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/build-extension';
import { createBenchContext, type BenchModule } from './bench-context';

const resultsPath = path.join(repoRoot, 'bench-results.json');

function readResults(): Record<string, unknown> {
  if (!existsSync(resultsPath)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(resultsPath, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  console.warn('bench-results.json was not a JSON object: starting a new one');
  return {};
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const benchDir = path.join(repoRoot, 'test/bench');
  const modules = readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
    .sort();
  if (modules.length === 0) throw new Error(`no benchmark matches ${filters.join(', ')}`);
  const context = createBenchContext((message) => console.log(`  ${message}`));
  let failed = false;
  for (const file of modules) {
    console.log(`\n${file}`);
    try {
      const imported = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default: BenchModule };
      const figures = await imported.default(context);
      const results = readResults();
      for (const [key, value] of Object.entries(figures)) {
        results[key] = value;
        console.log(`  ${key}: ${value}`);
      }
      writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    } catch (error) {
      failed = true;
      console.error(`  ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`\nresults merged into ${path.relative(process.cwd(), resultsPath) || resultsPath}`);
  if (failed) process.exitCode = 1;
}

await main();
