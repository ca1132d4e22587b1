// omnidesk-verify, the installed command, against the Prism mock of the bundled spec (the contract
// tests' own Prism helper): the mock answers the spec's examples, so everything conforms.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mockSpecPath } from '../../contract-tests/src/bundle.js';
import { type Prism, startPrism } from '../../contract-tests/src/prism.js';
import { GET_COUNT } from './spec-gets.js';

const bin = fileURLToPath(new URL('../bin/omnidesk-verify.mjs', import.meta.url));
let prism: Prism;
let out: string;

beforeAll(async () => {
  prism = await startPrism({ spec: mockSpecPath, errors: true });
  out = mkdtempSync(join(tmpdir(), 'omnidesk-verify-mock-'));
});
afterAll(async () => {
  await prism?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Runs the bin; resolves with its exit code and what it printed (stdout and stderr). */
function runBin(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('every GET of the spec against the mock conforms: exit 0, reports written', async () => {
  const r = await runBin(['--base-url', prism.url, '--max-calls', String(GET_COUNT), '--per-minute', '6000', '--out', out], {
    OMNIDESK_EMAIL: 'staff@example.com',
    OMNIDESK_API_KEY: 'mock-key',
  });
  expect(r.stderr + r.stdout).toContain(`${GET_COUNT} pass, 0 drift, 0 error, 0 no access, 0 skipped; ${GET_COUNT} calls.`);
  expect(r.code).toBe(0);
  const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  expect(json).toMatchObject({
    tool: 'omnidesk-verify',
    conforms: true,
    summary: { operations: GET_COUNT, pass: GET_COUNT, drift: 0, calls: GET_COUNT },
  });
  expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Every answer that came conforms to the spec.');
  // The progress lines name each operation, n of m.
  expect(r.stderr).toMatch(new RegExp(`^\\[${GET_COUNT}/${GET_COUNT}\\] \\w+ GET \\S+: pass$`, 'm'));
});
