// @ts-check
// The one rule for tests that need a program of the machine (Chromium for the browser tests,
// redis-server for the Redis store): when it is missing, the suite is skipped locally, saying how
// to install it, and fails under CI=true, where .ci/run has installed it.

/** Whether this run is CI (`CI=true` or `CI=1`): there a missing tool fails the suite. */
export const inCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * @typedef {object} Tool
 * @property {string} name what the tool is ("Chromium", "redis-server")
 * @property {boolean} present whether this machine has it
 * @property {string} where where it was looked for ("at /usr/bin/chromium", "on PATH")
 * @property {string} install the command that installs it
 */

/**
 * Whether a suite that needs `tool` is skipped: the tool is missing and this is not CI. Says so
 * on the console, naming the suite and how to install the tool.
 * @param {string} suite the test file or package, from the repository root
 * @param {Tool} tool
 */
export function skipWithout(suite, tool) {
  const skip = !tool.present && !inCI;
  if (skip) console.warn(`${suite}: skipped, no ${tool.name} ${tool.where}. Install it: ${tool.install}`);
  return skip;
}

/**
 * Throws when `tool` is missing (a suite runs without it only under CI, to fail there).
 * @param {Tool} tool
 * @returns {void}
 */
export function requireTool(tool) {
  if (!tool.present) throw new Error(`${tool.name} is required (CI=true) and missing ${tool.where}. Install it: ${tool.install}`);
}
