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

// Two phases: every project but the browser test of the site, then that test alone, so Chromium
// has the cores to itself (under the other projects' load Redoc's search index took minutes).
// Extra arguments choose what runs instead, in one phase.
const extra = process.argv.slice(2);
const phases =
  extra.length > 0
    ? [extra]
    : [
        ['--project', '!site'],
        ['--project', 'site'],
      ];

const out = mkdtempSync(join(tmpdir(), 'omnidesk-test-'));
let status = 0;
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const [index, args] of phases.entries()) {
  const report = join(out, `vitest-${index}.json`);
  const vitest = spawnSync(
    join(root, 'node_modules/.bin/vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    { cwd: root, stdio: 'inherit' },
  );
  status ||= vitest.status ?? 1;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } catch (error) {
    console.error(`test: no vitest report for \`vitest run ${args.join(' ')}\` (${error instanceof Error ? error.message : error})`);
    status ||= 1;
  }
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
// A run that executed nothing proves nothing.
if (totals.passed + totals.failed === 0) {
  console.error('test: no test ran');
  status = 1;
}
rmSync(out, { recursive: true, force: true });
process.exit(status);
