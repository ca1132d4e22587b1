// A worker process of the two-process test: takes from a shared Redis budget as fast as it can
// and sends its parent the spend numbers it was granted. Arguments: url key now perMinute tries.
import { createClient } from 'redis';
import { redisStore } from '../src/index.js';

const [url, key, now, perMinute, tries] = process.argv.slice(2);
// Forked with an IPC channel (store.test.ts): `send` is there.
const send = /** @type {NonNullable<typeof process.send>} */ (process.send?.bind(process));
const redis = await createClient({ url }).connect();
const store = redisStore(redis, { key });
// Both workers start taking together, once both are connected.
await new Promise((resolve) => {
  process.once('message', resolve);
  send('ready');
});
/** @type {(number | undefined)[]} the spends granted, as the store numbered them */
const granted = [];
// Ten takes in flight at a time, all at the same instant of the budget's minute.
/** @type {Set<Promise<void>>} */
const pending = new Set();
for (let i = 0; i < Number(tries); i++) {
  const p = Promise.resolve(store.take({ now: Number(now), cost: 1, perMinute: Number(perMinute) })).then((answer) => {
    if (answer.wait === 0) granted.push(answer.seq);
    pending.delete(p);
  });
  pending.add(p);
  if (pending.size >= 10) await Promise.race(pending);
}
await Promise.all(pending);
await redis.close();
send(granted, () => process.disconnect());
