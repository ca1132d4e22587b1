// Debian's Chromium for the browser tests (docs/test/site.test.ts and
// packages/runtime-tests/test/browser.test.ts), driven by playwright-core: where it is
// (CHROMIUM_PATH, else /usr/bin/chromium), the flags it is launched with, and the rule when it is
// missing (scripts/required-tool.mjs): the suite is skipped locally, with how to install it, and
// fails under CI=true.
import { existsSync } from 'node:fs';
import { requireTool, skipWithout } from './required-tool.mjs';

/** The Chromium executable: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Whether there is a file at `chromiumPath`. */
export const haveChromium = existsSync(chromiumPath);
const chromium = {
  name: 'Chromium',
  present: haveChromium,
  where: `at ${chromiumPath}`,
  install: 'apt-get update && apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)',
};

/**
 * Whether a Chromium suite is skipped: no Chromium and not under CI. Says so on the console,
 * naming the test file and how to install Chromium. Call it once, at the top of the file.
 * @param {string} testFile the test file, from the repository root (`docs/test/site.test.ts`)
 * @returns {boolean}
 */
export function skipWithoutChromium(testFile) {
  return skipWithout(testFile, chromium);
}

/**
 * Throws when Chromium is missing (the suite runs without it only under CI=true, to fail): call
 * it first in the suite's beforeAll.
 * @returns {void}
 */
export function requireChromium() {
  requireTool(chromium);
}

/**
 * The options of playwright-core's `chromium.launch()` and `launchPersistentContext()`: the
 * executable, headless, no sandbox, GPU, QUIC or background traffic (sync, component updates).
 * @returns {{ executablePath: string, headless: boolean, args: string[] }}
 */
export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
