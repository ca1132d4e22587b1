// Budget use: a job of three minutes' worth of calls against the bench server's per-minute budget
// (server.mjs, /budget), run by the SDK's limiter and by today's alternatives, in one process and
// in two real processes sharing the budget (through the Redis store on a redis-server the bench
// starts on loopback). Minutes run on a scaled clock (clock.mjs): the limiter takes no clock of
// its own, so the server and every worker process run `Date.now()` and `setTimeout` SCALE times
// faster, and three minutes of budget pass in a few seconds.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { redisServerTool, startRedisServer } from '../redis-server.mjs';
import { median, root, startServer, table, verdict } from './lib.mjs';

/** @typedef {import('./lib.mjs').StageOptions} StageOptions */
/** @typedef {import('./server.mjs').Account} Account */
/** One call of the job: the list, a get or an update of a case. */
/** @typedef {{ op: 'list' } | { op: 'get' | 'update', id: number }} Task */
/**
 * A way to run the job (a row of the table).
 * @typedef {{ name: string, variant: 'limiter' | 'retry' | 'sleep' | 'redis', processes: number, target?: boolean, redis?: boolean }} Row
 */
/** What a worker is told to do (budget-worker.mjs). */
/** @typedef {{ variant: Row['variant'], base: string, tasks: Task[], lanes: number, budget: number, redisUrl?: string, key: string }} Orders */
/** One run of a row: the server's account of it (without its log), and the job's figures. */
/** @typedef {Omit<Account, 'log'> & { failed: number, seconds: number, minimum: number }} RunResult */

export const BUDGET = 20;
const SCALE = 10;
const LANES = 4;
const MINUTES = 3;

/**
 * The job: one list call per process, then gets of cases with an update every fourth call, up to
 * MINUTES × BUDGET calls' worth (writes count two). Split between `processes` (each its list, then
 * every n-th of the rest).
 * @param {number} processes
 */
export function job(processes) {
  /** @type {Task[][]} */
  const tasks = Array.from({ length: processes }, () => [{ op: 'list' }]);
  let cost = processes;
  for (let i = 1; cost < MINUTES * BUDGET; i++) {
    const op = i % 4 === 1 && cost + 2 <= MINUTES * BUDGET ? 'update' : 'get';
    tasks[i % processes].push({ op, id: 1000 + i });
    cost += op === 'get' ? 1 : 2;
  }
  return { tasks, cost, calls: tasks.flat().length };
}

/**
 * The least time the budget allows for calls of these costs in this order: each minute takes the
 * calls that fit, in order, and the last minute's calls start as the minute before it ends.
 * @param {number[]} costs
 */
export function minimumSeconds(costs) {
  let minutes = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > BUDGET) minutes++, (used = 0);
    used += cost;
  }
  return (minutes - 1) * 60;
}

/** The rows: what runs the job, in how many processes, and whether the targets apply to it. */
/** @type {Row[]} */
export const ROWS = [
  { name: 'SDK limiter (default), 1 process', variant: 'limiter', processes: 1, target: true },
  { name: 'no limiter, retry after 429 (`rateLimit: false`), 1 process', variant: 'retry', processes: 1 },
  { name: `no limiter, fixed sleep of 60 s / ${BUDGET} per call (writes twice), one call at a time`, variant: 'sleep', processes: 1 },
  { name: 'SDK limiter, Redis store shared, 2 processes', variant: 'redis', processes: 2, target: true, redis: true },
  { name: 'SDK limiter, in-memory store each (not shared), 2 processes', variant: 'limiter', processes: 2 },
  { name: 'no limiter, retry after 429, 2 processes', variant: 'retry', processes: 2 },
];

/**
 * Runs the job once in `row`'s way; answers the server's account of it.
 * @param {Row} row
 * @param {{ base: string }} server
 * @param {Record<string, string>} env
 * @param {{ url: string } | undefined} redis
 * @param {number} run
 * @returns {Promise<RunResult>}
 */
export async function once(row, server, env, redis, run) {
  await fetch(`${server.base}/bench/reset`, { method: 'POST' });
  const { tasks } = job(row.processes);
  const workers = tasks.map(() =>
    fork(join(root, 'scripts/bench/budget-worker.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...env },
    }),
  );
  /** @type {(w: import('node:child_process').ChildProcess) => Promise<unknown>} the worker's next message */
  const next = (w) =>
    new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('exit', (code) => code && reject(new Error(`bench: budget worker exited (${code})`)));
    });
  await Promise.all(workers.map(next));
  const key = `bench-${process.pid}-${run}-${row.variant}`;
  const connected = workers.map((w, i) => {
    /** @type {Orders} */
    const orders = { variant: row.variant, base: server.base, tasks: tasks[i], lanes: LANES, budget: BUDGET, redisUrl: redis?.url, key };
    w.send(orders);
    return next(w);
  });
  await Promise.all(connected);
  // Every process is ready: they start together.
  const done = workers.map((w) => (w.send('go'), next(w)));
  // The workers' last message: { failed }.
  const answers = /** @type {{ failed: number }[]} */ (await Promise.all(done));
  const failed = answers.reduce((n, m) => n + m.failed, 0);
  /** @type {Account} */
  const stats = await (await fetch(`${server.base}/bench/stats`)).json();
  // The minimum for the calls in the order the server counted them (the job's order, give or take
  // the lanes and the processes).
  const minimum = minimumSeconds(stats.log.filter((l) => l[2] === 200).map((l) => l[1]));
  const { log: _, ...rest } = stats;
  return { ...rest, failed, seconds: (Number(stats.last) - Number(stats.first)) / 1000, minimum };
}

/** @param {StageOptions} [options] */
export async function runBudget({ quick = false, log = console.error } = {}) {
  // The rows with a target run five times, the baselines once.
  const runs = quick ? 1 : 5;
  const env = { BENCH_CLOCK_SCALE: String(SCALE), BENCH_CLOCK_EPOCH: String(Date.now()), BENCH_BUDGET: String(BUDGET) };
  const server = await startServer(env);
  const redis = redisServerTool.present ? await startRedisServer() : undefined;
  if (!redis) log(`bench: redis-server is not installed (${redisServerTool.install}): the Redis rows are skipped`);
  try {
    /** @type {Record<string, RunResult[]>} the runs of each row, by its name */
    const results = {};
    for (let run = 0; run < runs; run++) {
      for (const row of ROWS) {
        if ((row.redis && !redis) || (run > 0 && !row.target)) continue;
        const r = await once(row, server, env, redis, run);
        log(
          `bench: budget, ${row.name}, run ${run + 1}/${runs}: ${r.seconds.toFixed(1)} s, ${r.limited} × 429 (${r.limitedAfterAnnounce} after the budget was announced), ${r.spent} calls' worth spent`,
        );
        (results[row.name] ??= []).push(r);
      }
    }
    const { tasks, cost, calls } = job(1);
    return {
      budget: BUDGET,
      scale: SCALE,
      lanes: LANES,
      runs,
      cost,
      calls,
      minimum: minimumSeconds(tasks[0].map((t) => (t.op === 'update' ? 2 : 1))),
      redis: Boolean(redis),
      rows: ROWS.map((row) => ({ ...row, runs: results[row.name] ?? [] })),
    };
  } finally {
    server.stop();
    await redis?.stop();
  }
}

/** @typedef {Awaited<ReturnType<typeof runBudget>>} BudgetResults */

/**
 * Per row: the median time, its ratio to the minimum, the 429s in all runs, and the verdict.
 * @param {BudgetResults} b
 */
export function budgetFigures(b) {
  return b.rows.map((row) => {
    if (!row.runs.length) return { ...row, skipped: /** @type {const} */ (true) };
    // Each run against the minimum for the order its calls were counted in.
    const ratios = row.runs.map((r) => r.seconds / r.minimum);
    const seconds = median(row.runs.map((r) => r.seconds));
    const worst = Math.max(...ratios);
    const limited = row.runs.reduce((n, r) => n + r.limited, 0);
    const after = row.runs.reduce((n, r) => n + r.limitedAfterAnnounce, 0);
    const failed = row.runs.reduce((n, r) => n + r.failed, 0);
    const met = median(ratios) <= 1.05 && after === 0 && failed === 0;
    return { ...row, skipped: /** @type {const} */ (false), seconds, worst, ratio: median(ratios), limited, after, failed, met };
  });
}

export function budgetMarkdown(/** @type {BudgetResults} */ b) {
  const rows = budgetFigures(b).map((f) =>
    f.skipped
      ? [f.name, 'skipped: redis-server is not installed', '', '', '']
      : [
          f.name,
          `${f.seconds.toFixed(1)} s`,
          `${(f.ratio * 100).toFixed(1)} % (worst ${(f.worst * 100).toFixed(1)} %)`,
          `${f.limited} (${f.after} after the budget was announced)${f.failed ? `, **${f.failed} calls failed**` : ''}`,
          f.target ? `median ≤ 105 %, no 429 after the announcement in any run: ${verdict(f.met)}` : '',
        ],
  );
  return [
    '## Budget use',
    '',
    `A job of three minutes' worth of calls on an account of ${b.budget} calls a minute (the smallest plan): one`,
    `\`cases.list\`, then \`cases.get\` of one case after another with a \`cases.update\` every fourth call, ${b.calls} calls`,
    `worth ${b.cost} (writes count two), ${b.lanes} calls in flight per process. The budget allows it no sooner than`,
    `${b.minimum} s after its first call (the last minute's calls start as the minute before it ends): that is the minimum`,
    '(each run is held to the minimum for the order in which the server counted its calls, 120 s unless the',
    'lanes or processes shuffled a write to the end of a minute where it no longer fits).',
    "Time is from the first call the server sees to its last answer, on the server's clock; a row is the median",
    `of ${b.runs} run${b.runs > 1 ? 's' : ''} for the rows with a target (one for the others), and counts the 429 answers of all of them.`,
    '',
    "The server (scripts/bench/server.mjs) keeps the API's per-minute rules: a budget for the whole account,",
    'writes count two, `rate_limit_per_minute` and `api_calls_left` on every answer, 429 with `retry_after`',
    '(seconds to the reset) over the budget, not counted. Its minute is a fixed window from the first call after',
    'the last one ended: the API does not say how its interval is aligned, so that is an assumption. Minutes',
    `run ${b.scale} times faster than real time (scripts/bench/clock.mjs scales \`Date.now\` and \`setTimeout\` in the`,
    'server and every client process: the limiter has no clock option), so a round trip on loopback weighs',
    `${b.scale} times more than in real life. Two processes are two child processes, each with its half of the job.`,
    '',
    table(['job run by', 'time (median of runs)', 'of the minimum (median)', '429 answers', 'target'], rows),
  ].join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname)
  console.log(budgetMarkdown(await runBudget({ quick: process.argv.includes('--quick') })));
