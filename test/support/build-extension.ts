// Builds the extension for tests, the demo and benchmarks. Each kind of build gets its own WXT
// mode, so its output lands in its own folder (`.output/chrome-mv3-<mode>/`) and never replaces
// the release build in `.output/chrome-mv3/`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface ExtensionBuildOptions {
  /** WXT mode; also the output folder's suffix. */
  mode: string;
  browser?: 'chrome' | 'firefox';
  /** Build-time settings (WXT_CALENDAR_API_URL, WXT_TEST_ACCESS_TOKEN, ...). */
  env?: Record<string, string>;
}

/** Runs `wxt build` and returns the absolute path of the unpacked extension. */
export function buildExtension({ mode, browser = 'chrome', env = {} }: ExtensionBuildOptions): string {
  const cleanEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Only the settings passed here reach the build; a stray variable in the shell must not.
    if (value !== undefined && !key.startsWith('WXT_')) cleanEnv[key] = value;
  }
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build', '--mode', mode, '-b', browser],
    { cwd: repoRoot, env: { ...cleanEnv, ...env, NO_COLOR: '1' }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`wxt build (${mode}) failed:\n${result.stdout}\n${result.stderr}`);
  }
  const manifestVersion = browser === 'firefox' ? 2 : 3;
  return path.join(repoRoot, '.output', `${browser}-mv${manifestVersion}-${mode}`);
}
