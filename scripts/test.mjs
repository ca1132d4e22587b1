#!/usr/bin/env node
// `pnpm test`: every check of the project. It runs the whole build first (the lint is a stage of
// it, and the tests check what the build makes: the bundle, the SDK, the site), then every
// vitest project of the workspace (spec, SDK, contract against the mock, browser), and closes
// with one plain line: `tests: N passed, N failed, N skipped`.
// Extra arguments go to vitest: `pnpm test --project client`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const out = mkdtempSync(join(tmpdir(), 'omnidesk-test-'));
const report = join(out, 'vitest.json');
const vitest = spawnSync(
  join(root, 'node_modules/.bin/vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
let status = vitest.status ?? 1;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  // A run that executed nothing proves nothing.
  if (r.numPassedTests + r.numFailedTests === 0) {
    console.error('test: no test ran');
    status = 1;
  }
} catch (error) {
  console.error(`test: no vitest report (${error.message})`);
  status = status || 1;
}
rmSync(out, { recursive: true, force: true });
process.exit(status);
