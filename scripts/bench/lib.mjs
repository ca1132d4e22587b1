// Shared by the bench's sections: paths, statistics, formatting.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle } from '../generate/spec-walker.mjs';

/** @typedef {import('../generate/spec-walker.mjs').SpecNode} SpecNode */

/**
 * What every stage's `run` takes: fewer rounds for trying the bench (`quick`), and where progress goes.
 * @typedef {{ quick?: boolean, log?: (line: string) => void }} StageOptions
 */
/** The built SDK's ESM entry, as the stages import it at run time (`import(clientEntry)`). */
/** @typedef {typeof import('../../packages/client/dist/esm/index.js')} ClientModule */

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const clientDir = join(root, 'packages/client');
/** The SDK as users get it: the ESM build (`pnpm build` or `node scripts/build.mjs generate sdk`). */
export const clientEntry = join(clientDir, 'dist/esm/index.js');

/** The middle value (the mean of the middle two for an even count). */
export function median(/** @type {number[]} */ values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The spread of the middle half (25th to 75th percentile) as [low, high]. */
export function quartiles(/** @type {number[]} */ values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => {
    const i = (s.length - 1) * q;
    const lo = Math.floor(i);
    return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
  };
  return [at(0.25), at(0.75)];
}

export const pct = (/** @type {number} */ ratio, digits = 1) => `${(ratio * 100).toFixed(digits)} %`;
export const int = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US');
export const kb = (/** @type {number} */ bytes) => `${(bytes / 1000).toFixed(2)} kB`;
export const verdict = (/** @type {boolean} */ met) => (met ? 'met' : '**missed**');

/**
 * The example page of cases that dist/openapi.json gives for listCases' 200 answer.
 * @returns {Record<string, unknown>}
 */
export function casesExample() {
  const spec = readBundle(join(root, 'dist/openapi.json'));
  const op = spec.paths['/cases.json'].get;
  if (op.operationId !== 'listCases') throw new Error('bench: GET /cases.json is not listCases any more');
  const examples = op.responses['200'].content['application/json'].examples;
  const page = Object.values(examples)
    .map((/** @type {SpecNode} */ e) => e.value)
    .find((v) => v && typeof v === 'object' && '0' in v);
  if (!page) throw new Error('bench: listCases has no example page with entries');
  return page;
}

/**
 * A markdown table from a header row and rows.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function table(header, rows) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Forks the bench's server (server.mjs) with `env` added; resolves with its base URL and stop().
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ base: string, stop: () => boolean }>}
 */
export function startServer(env = {}) {
  const child = fork(join(root, 'scripts/bench/server.mjs'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.once('message', (/** @type {{ port: number }} */ { port }) =>
      resolve({ base: `http://127.0.0.1:${port}`, stop: () => child.kill() }),
    );
  });
}
