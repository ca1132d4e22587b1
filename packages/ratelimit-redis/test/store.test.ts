// The Redis store against a real redis-server: the same contract as the in-memory store, then
// two processes spending one budget at once.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storeContract } from '../../client/test/store-contract.js';
import { redisStore } from '../src/index.js';

const connectRedis = (url: string | undefined) => createClient({ url }).connect();

const url = inject('redisUrl');

describe.skipIf(!url)('the Redis store against redis-server', () => {
  let redis: Awaited<ReturnType<typeof connectRedis>>;

  beforeAll(async () => {
    redis = await connectRedis(url);
  });
  afterAll(async () => {
    await redis.close();
  });

  // A fresh key per test: every test starts from an empty budget.
  storeContract('redisStore', () => redisStore(redis, { key: `test:${randomUUID()}` }));

  describe('redisStore', () => {
    it('loads its script again after SCRIPT FLUSH', async () => {
      const store = redisStore(redis, { key: `test:${randomUUID()}` });
      expect((await store.take({ now: 1_000, cost: 1, perMinute: 1 })).wait).toBe(0);
      await redis.scriptFlush();
      expect((await store.take({ now: 1_001, cost: 1, perMinute: 1 })).wait).toBe(59_999);
    });

    it('rejects a value that is not a redis client, and an empty key', () => {
      expect(() => redisStore({} as never)).toThrow(/node-redis client/);
      expect(() => redisStore(redis, { key: '' })).toThrow(/key/);
    });

    it('two processes taking from one budget at once never get more than it', async () => {
      const key = `test:${randomUUID()}`;
      const now = Date.now();
      const workers = [0, 1].map(() => {
        // Each worker tries 60 takes of one call against a budget of 50 per minute.
        const child = fork(join(import.meta.dirname, 'worker.mjs'), [url, key, String(now), '50', '60'], {
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        const next = () =>
          new Promise<unknown>((resolve, reject) => {
            child.once('message', resolve);
            child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
          });
        return { child, next };
      });
      await Promise.all(workers.map((w) => w.next()));
      const results = workers.map((w) => w.next() as Promise<number[]>);
      for (const w of workers) w.child.send('go');
      const [a, b] = await Promise.all(results);
      expect(a.length + b.length).toBe(50);
      // No spend was given twice.
      expect(new Set([...a, ...b]).size).toBe(50);
      // Starting two Node processes that load `redis` takes seconds on a busy machine.
    }, 120_000);
  });
});
