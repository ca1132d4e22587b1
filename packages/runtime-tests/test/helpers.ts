import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import type { SeenRequest } from './fake-api.js';
import { CASES, RATE_LIMIT, TOTAL_COUNT } from './fake-api.js';
import { CREDENTIALS } from './fixtures/scenario.mjs';

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const fixtures = join(pkgDir, 'test/fixtures');
/** The built package, as the workspace link in this package's node_modules points at it. */
export const clientDir = join(pkgDir, '../client');
/** The built ESM entry by file path (what Bun and Deno import). */
export const esmEntry = pathToFileURL(join(clientDir, 'dist/esm/index.js')).href;

/**
 * Runs a command in its own process group and returns its stdout; fails on a non-zero exit or
 * after `timeout` ms, killing the whole group (wrappers such as node_modules/.bin/deno start a
 * child of their own), so nothing outlives the test.
 */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? pkgDir,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`${command} ${args.join(' ')}: no exit after ${options.timeout ?? 30_000} ms\n${stderr}`));
    }, options.timeout ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')}: exit ${code ?? signal}\n${stderr}\n${stdout}`));
    });
  });
}

/** The one JSON line a runner printed. */
export function lastJsonLine(stdout: string): any {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!);
}

/** What every runtime must get back from the scenario (fixtures/scenario.mjs). */
export function expectResult(result: any, runtime: string): void {
  expect(result.runtime.name).toBe(runtime);
  expect(result.list).toEqual({ total: TOTAL_COUNT, ids: [2000, 2001, 2002, 2003], statuses: ['open', 'waiting', 'open', 'waiting'] });
  expect(result.get).toEqual({
    case_id: 2000,
    subject: CASES[2000]!.subject,
    custom_fields: CASES[2000]!.custom_fields,
    labels: [101, 102],
  });
  expect(result.rateLimit).toMatchObject(RATE_LIMIT);
  expect(result.trash).toEqual({ succeeded: [2000], failed: [2001] });
  expect(result.notFound).toEqual({
    name: 'NotFoundError',
    status: 404,
    code: 'case_not_found',
    operationId: 'getCase',
    isNotFoundError: true,
    isOmnideskError: true,
  });
}

/** What the fake API must have seen from one scenario run, on the wire. */
export function expectRequests(seen: SeenRequest[]): void {
  const auth = `${CREDENTIALS.email}:${CREDENTIALS.apiKey}`;
  expect(seen.map((r) => `${r.method} ${r.rawUrl.split('?')[0]}`)).toEqual([
    'GET /api/cases.json',
    'GET /api/cases/2000.json',
    'PUT /api/cases/2000,2001/trash.json', // raw commas, not %2C
    'GET /api/cases/404.json',
  ]);
  for (const r of seen) expect(r.basic, `${r.method} ${r.rawUrl}: Basic credentials`).toBe(auth);
  // PHP-style brackets for the status array.
  expect([...seen[0]!.query].sort()).toEqual([
    ['limit', '4'],
    ['page', '1'],
    ['status[]', 'open'],
    ['status[]', 'waiting'],
  ]);
  for (const r of seen.slice(1)) expect(r.query).toEqual([]);
  // The bulk trash has no body to send.
  expect(seen[2]!.body).toBe('');
}
