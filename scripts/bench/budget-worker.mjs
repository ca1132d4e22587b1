// One process of the budget benchmark (scripts/bench/budget.mjs forks it): runs its share of the
// job against the bench server's /budget account, in one of the ways a user might, on the
// bench's scaled clock (clock.mjs, set up by the parent's environment). Gets its orders over IPC
// once ready, answers { failed } when its calls are done.
import './clock.mjs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clientEntry, root } from './lib.mjs';

/** @typedef {import('./budget.mjs').Orders} Orders */
/** @typedef {import('./budget.mjs').Task} Task */

const { createOmnideskClient } = /** @type {import('./lib.mjs').ClientModule} */ (await import(pathToFileURL(clientEntry).href));

// Forked by budget.mjs: the IPC channel is there.
const send = /** @type {NonNullable<typeof process.send>} */ (process.send).bind(process);

/**
 * The ways a job may be paced, by name; `lanes` calls in flight at a time.
 * @param {Orders} orders
 * @returns {Promise<{ omnidesk: ReturnType<typeof createOmnideskClient>, close?: () => Promise<unknown> }>}
 */
async function clientFor({ variant, base, redisUrl, key }) {
  const common = { baseUrl: `${base}/budget`, email: 'bench@example.com', apiKey: 'bench-key' };
  if (variant === 'limiter') return { omnidesk: createOmnideskClient(common) };
  // Today's alternatives: no limiter, the SDK's own retry after a 429's `retry_after` (enough
  // retries that no call is given up), with or without a fixed sleep between calls.
  if (variant === 'retry' || variant === 'sleep')
    return { omnidesk: createOmnideskClient({ ...common, rateLimit: false, maxRetries: 20 }) };
  if (variant === 'redis') {
    const require = createRequire(join(root, 'packages/ratelimit-redis/package.json'));
    const { createClient } = await import(pathToFileURL(require.resolve('redis')).href);
    const { redisStore } = await import(pathToFileURL(join(root, 'packages/ratelimit-redis/src/index.js')).href);
    const redis = await createClient({ url: redisUrl }).connect();
    return { omnidesk: createOmnideskClient({ ...common, rateLimit: { store: redisStore(redis, { key }) } }), close: () => redis.close() };
  }
  throw new Error(`bench: unknown budget variant ${variant}`);
}

const orders = await new Promise((/** @type {(orders: Orders) => void} */ resolve) => {
  process.once('message', resolve);
  send('ready');
});
const { omnidesk, close } = await clientFor(orders);
await new Promise((resolve) => {
  process.once('message', resolve);
  send('connected');
});

const call = (/** @type {Task} */ task) =>
  task.op === 'list'
    ? omnidesk.cases.list({ limit: 10 })
    : task.op === 'get'
      ? omnidesk.cases.get(task.id)
      : omnidesk.cases.update(task.id, { subject: `bench ${task.id}` });
const pause = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

let failed = 0;
const [first, ...rest] = orders.tasks;
// The job starts with one list call (an audit lists, then works through the cases), then the
// rest `lanes` at a time.
const run = async (/** @type {Task} */ task) => {
  try {
    await call(task);
  } catch (error) {
    failed++;
    console.error(`bench: ${task.op} ${'id' in task ? task.id : ''} failed: ${error instanceof Error ? error.message : error}`);
  }
  if (orders.variant === 'sleep') await pause((60_000 / orders.budget) * (task.op === 'get' || task.op === 'list' ? 1 : 2));
};
await run(first);
let next = 0;
const lanes = orders.variant === 'sleep' ? 1 : orders.lanes;
await Promise.all(
  Array.from({ length: lanes }, async () => {
    while (next < rest.length) await run(rest[next++]);
  }),
);
await close?.();
send({ failed }, () => process.disconnect());
