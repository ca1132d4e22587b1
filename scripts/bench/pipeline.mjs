// Wall times of the pipeline: `pnpm build` stage by stage (scripts/build.mjs prints
// `build: <stage> done in X s`), then the vitest run of `pnpm test` (which is the same build
// followed by `vitest run`), per project from vitest's JSON report. Plain wall times of this
// machine, not ratios: they say where the minutes go, not how fast anything is in general.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { root, table } from './lib.mjs';

/**
 * The part of vitest's JSON report read here.
 * @typedef {object} VitestReport
 * @property {{ name: string, startTime: number, endTime: number, assertionResults: { status: string }[] }[]} testResults
 * @property {number} numPassedTests
 * @property {number} numFailedTests
 * @property {number} numPendingTests
 * @property {number} numTodoTests
 */

const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` };

/**
 * Runs a command, passing its output through to stderr (stdout stays the bench's table).
 * @param {string} cmd
 * @param {string[]} args
 * @returns {Promise<{ status: number | null, out: string, seconds: number }>}
 */
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (/** @type {Buffer} */ chunk) => {
      out += chunk;
      process.stderr.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, out, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

/**
 * The vitest project a test file belongs to: the `name` in the nearest vitest.config.ts above it.
 * @param {string} file
 * @param {Map<string, string>} cache the project of each config read
 * @returns {string}
 */
function projectOf(file, cache = new Map()) {
  for (let dir = dirname(file); dir.startsWith(root) && dir !== root; dir = dirname(dir)) {
    const config = join(dir, 'vitest.config.ts');
    if (existsSync(config)) {
      if (!cache.has(config)) cache.set(config, readFileSync(config, 'utf8').match(/name:\s*['"]([^'"]+)['"]/)?.[1] ?? relative(root, dir));
      return /** @type {string} */ (cache.get(config));
    }
  }
  return '(none)';
}

/** @param {import('./lib.mjs').StageOptions} [options] */
export async function runPipeline({ log = console.error } = {}) {
  log('bench: pnpm build (node scripts/build.mjs)');
  const build = await run(process.execPath, [join(root, 'scripts/build.mjs')]);
  if (build.status !== 0) throw new Error(`bench: the build failed (exit ${build.status}); nothing to measure`);
  const stages = [...build.out.matchAll(/^build: (\S+) done in ([\d.]+) s$/gm)].map((m) => ({ stage: m[1], seconds: Number(m[2]) }));

  log('bench: the tests of pnpm test (vitest run --reporter=json)');
  const dir = mkdtempSync(join(tmpdir(), 'omnidesk-bench-vitest-'));
  try {
    const report = join(dir, 'vitest.json');
    const vitest = await run(join(root, 'node_modules/.bin/vitest'), [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ]);
    /** @type {VitestReport} */
    const r = JSON.parse(readFileSync(report, 'utf8'));
    /** @type {Map<string, string>} */
    const cache = new Map();
    /** @type {Record<string, { files: number, tests: number, failed: number, busy: number, start: number, end: number }>} */
    const projects = {};
    for (const file of r.testResults) {
      const p = (projects[projectOf(file.name, cache)] ??= { files: 0, tests: 0, failed: 0, busy: 0, start: Infinity, end: 0 });
      p.files++;
      p.tests += file.assertionResults.length;
      p.failed += file.assertionResults.filter((a) => a.status === 'failed').length;
      p.busy += (file.endTime - file.startTime) / 1000;
      p.start = Math.min(p.start, file.startTime);
      p.end = Math.max(p.end, file.endTime);
    }
    return {
      build: { seconds: build.seconds, stages },
      test: {
        seconds: vitest.seconds,
        status: vitest.status,
        passed: r.numPassedTests,
        failed: r.numFailedTests,
        skipped: r.numPendingTests + r.numTodoTests,
        projects,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @typedef {Awaited<ReturnType<typeof runPipeline>> & { cores?: number }} PipelineResults */

/**
 * @param {PipelineResults} p
 * @param {number | undefined} cores
 */
export function pipelineMarkdown(p, cores) {
  const s = (/** @type {number} */ x) => `${x.toFixed(1)} s`;
  const t = p.test;
  return [
    '## Pipeline',
    '',
    `Plain wall times on this machine (${cores} cores), one run each: not ratios, so expect them to move`,
    "with the machine's load. `pnpm test` is the same build followed by the vitest run below.",
    '',
    table(
      ['`pnpm build` stage', 'wall time'],
      [...p.build.stages.map((x) => [x.stage, s(x.seconds)]), ['**whole build**', s(p.build.seconds)]],
    ),
    '',
    'The projects run in parallel: "busy" adds up the durations of the project\'s test files, "span" is',
    "from its first file's start to its last file's end.",
    '',
    table(
      ['vitest project', 'files', 'tests', 'busy', 'span'],
      [
        ...Object.entries(t.projects)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, x]) => [
            name,
            String(x.files),
            `${x.tests}${x.failed ? ` (${x.failed} failed)` : ''}`,
            s(x.busy),
            s((x.end - x.start) / 1000),
          ]),
        ['**whole vitest run**', '', `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`, '', s(t.seconds)],
      ],
    ),
  ].join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { availableParallelism } = await import('node:os');
  console.log(pipelineMarkdown(await runPipeline(), availableParallelism()));
}
