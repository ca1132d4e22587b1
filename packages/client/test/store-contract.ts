// The rules every RateLimitStore keeps, run against the in-memory store (limiter.test.ts) and the
// Redis store (packages/ratelimit-redis). Times are given explicitly: no clock, no timers.
import { describe, expect, it } from 'vitest';
import type { RateLimitStore } from '../src/rate-limit.js';

export function storeContract(name: string, makeStore: () => RateLimitStore | Promise<RateLimitStore>): void {
  const T = 1_000_000;
  describe(`${name}: the RateLimitStore contract`, () => {
    it('grants calls within perMinute with rising spend numbers, then answers the wait until the oldest leaves', async () => {
      const store = await makeStore();
      const a = await store.take({ now: T, cost: 1, perMinute: 2 });
      const b = await store.take({ now: T + 10, cost: 1, perMinute: 2 });
      expect(a.wait).toBe(0);
      expect(b.wait).toBe(0);
      expect(b.seq).toBeGreaterThan(a.seq!);
      expect(await store.take({ now: T + 20, cost: 1, perMinute: 2 })).toEqual({ wait: 60_000 - 20 });
      // A refused take spent nothing: the same answer again, and a grant once the oldest left.
      expect(await store.take({ now: T + 30, cost: 1, perMinute: 2 })).toEqual({ wait: 60_000 - 30 });
      expect((await store.take({ now: T + 60_000, cost: 1, perMinute: 2 })).wait).toBe(0);
      expect((await store.take({ now: T + 60_001, cost: 1, perMinute: 2 })).wait).toBe(60_010 - 60_001);
    });

    it('counts a write as two calls', async () => {
      const store = await makeStore();
      expect((await store.take({ now: T, cost: 2, perMinute: 3 })).wait).toBe(0);
      expect((await store.take({ now: T, cost: 2, perMinute: 3 })).wait).toBe(60_000);
      expect((await store.take({ now: T, cost: 1, perMinute: 3 })).wait).toBe(0);
    });

    it('a call dearer than the whole budget waits for an empty window, then passes', async () => {
      const store = await makeStore();
      expect((await store.take({ now: T, cost: 1, perMinute: 1 })).wait).toBe(0);
      expect((await store.take({ now: T + 1, cost: 2, perMinute: 1 })).wait).toBe(59_999);
      expect((await store.take({ now: T + 60_000, cost: 2, perMinute: 1 })).wait).toBe(0);
    });

    it('learns rate_limit_per_minute from an answer; a budget set by hand overrides it', async () => {
      const store = await makeStore();
      const first = await store.take({ now: T, cost: 1 });
      expect(first.wait).toBe(0);
      await store.learn({ now: T + 5, seq: first.seq!, limited: false, perMinute: 2, callsLeft: undefined, retryAfter: undefined });
      expect((await store.take({ now: T + 6, cost: 1 })).wait).toBe(0);
      expect((await store.take({ now: T + 7, cost: 1 })).wait).toBe(60_000 - 7);
      expect((await store.take({ now: T + 7, cost: 1, perMinute: 5 })).wait).toBe(0);
    });

    it('waits for the reset when api_calls_left is lower than the call costs', async () => {
      const store = await makeStore();
      const first = await store.take({ now: T, cost: 1 });
      await store.learn({ now: T + 100, seq: first.seq!, limited: false, perMinute: 50, callsLeft: 1, retryAfter: 30 });
      expect((await store.take({ now: T + 200, cost: 2 })).wait).toBe(30_000 - 100);
      expect((await store.take({ now: T + 200, cost: 1 })).wait).toBe(0);
      expect((await store.take({ now: T + 300, cost: 1 })).wait).toBe(30_000 - 200);
      // After the reset the old count no longer holds.
      expect((await store.take({ now: T + 30_100, cost: 1 })).wait).toBe(0);
    });

    it('subtracts the calls spent after the answered one, and assumes a minute without retry_after', async () => {
      const store = await makeStore();
      const first = await store.take({ now: T, cost: 1 });
      await store.take({ now: T + 1, cost: 1 });
      await store.take({ now: T + 2, cost: 1 });
      // The server counted `first` only: two calls left, both already spent by the later takes.
      await store.learn({ now: T + 50, seq: first.seq!, limited: false, perMinute: 100, callsLeft: 2, retryAfter: undefined });
      expect((await store.take({ now: T + 60, cost: 1 })).wait).toBe(60_000 - 10);
    });

    it('without retry_after, the window ends a minute after its first answer: later answers do not push the reset back', async () => {
      const store = await makeStore();
      const a = await store.take({ now: T, cost: 1 });
      await store.learn({ now: T + 10, seq: a.seq!, limited: false, perMinute: 2, callsLeft: 1, retryAfter: undefined });
      const b = await store.take({ now: T + 20, cost: 1 });
      // The last call of the minute is answered late: the server's minute still began before T + 10.
      await store.learn({ now: T + 5_000, seq: b.seq!, limited: false, perMinute: 2, callsLeft: 0, retryAfter: undefined });
      expect((await store.take({ now: T + 30_000, cost: 1 })).wait).toBe(60_010 - 30_000);
    });

    it("after the reset the learned budget is the new window's, whole at once (not freed call by call like a sliding minute)", async () => {
      const store = await makeStore();
      const a = await store.take({ now: T, cost: 1 });
      await store.learn({ now: T + 10, seq: a.seq!, limited: false, perMinute: 3, callsLeft: 2, retryAfter: undefined });
      await store.take({ now: T + 20_000, cost: 1 });
      const c = await store.take({ now: T + 40_000, cost: 1 });
      await store.learn({ now: T + 40_010, seq: c.seq!, limited: false, perMinute: 3, callsLeft: 0, retryAfter: undefined });
      expect((await store.take({ now: T + 60_000, cost: 1 })).wait).toBe(10);
      // The server's minute (from T) is over at T + 60 010: three calls at once, then the fourth waits.
      for (let i = 0; i < 3; i++) expect((await store.take({ now: T + 60_010, cost: 1 })).wait).toBe(0);
      expect((await store.take({ now: T + 60_010, cost: 1 })).wait).toBe(60_000);
    });

    it('an answer to a call sent before the reset does not hold the new window back', async () => {
      const store = await makeStore();
      const a = await store.take({ now: T, cost: 1 });
      await store.learn({ now: T + 10, seq: a.seq!, limited: false, perMinute: 2, callsLeft: 1, retryAfter: undefined });
      const late = await store.take({ now: T + 59_000, cost: 1 });
      const fresh = await store.take({ now: T + 60_010, cost: 1 });
      // `late` was counted in the old minute and is answered after the reset.
      await store.learn({ now: T + 60_020, seq: late.seq!, limited: false, perMinute: 2, callsLeft: 0, retryAfter: undefined });
      expect((await store.take({ now: T + 60_030, cost: 1 })).wait).toBe(0);
      await store.learn({ now: T + 60_040, seq: fresh.seq!, limited: false, perMinute: 2, callsLeft: 0, retryAfter: undefined });
      expect((await store.take({ now: T + 60_050, cost: 1 })).wait).toBe(60_000 - 10);
    });

    it('an answer counts the calls that reached the server before it, whatever their spend numbers', async () => {
      const store = await makeStore();
      const a = await store.take({ now: T, cost: 1 });
      await store.learn({ now: T + 10, seq: a.seq!, limited: false, perMinute: 5, callsLeft: 4, retryAfter: undefined });
      const b = await store.take({ now: T + 20, cost: 1 });
      const c = await store.take({ now: T + 21, cost: 1 });
      // c overtakes b on the way: the server counts a, c (3 left), then b (2 left).
      await store.learn({ now: T + 30, seq: c.seq!, limited: false, perMinute: 5, callsLeft: 3, retryAfter: undefined });
      await store.learn({ now: T + 40, seq: b.seq!, limited: false, perMinute: 5, callsLeft: 2, retryAfter: undefined });
      expect((await store.take({ now: T + 50, cost: 1 })).wait).toBe(0);
      expect((await store.take({ now: T + 50, cost: 1 })).wait).toBe(0);
      expect((await store.take({ now: T + 50, cost: 1 })).wait).toBe(60_010 - 50);
    });

    it('an answer does not count the calls still on their way, whatever their spend numbers', async () => {
      const store = await makeStore();
      const a = await store.take({ now: T, cost: 1 });
      await store.learn({ now: T + 10, seq: a.seq!, limited: false, perMinute: 3, callsLeft: 2, retryAfter: undefined });
      await store.take({ now: T + 20, cost: 1 });
      const c = await store.take({ now: T + 21, cost: 1 });
      // c arrives first and is answered; b, spent before it, is still on its way: no call is left.
      await store.learn({ now: T + 30, seq: c.seq!, limited: false, perMinute: 3, callsLeft: 1, retryAfter: undefined });
      expect((await store.take({ now: T + 40, cost: 1, perMinute: 10 })).wait).toBe(60_010 - 40);
    });

    it('pauses every caller for retry_after after a 429', async () => {
      const store = await makeStore();
      const first = await store.take({ now: T, cost: 1 });
      await store.learn({ now: T + 10, seq: first.seq!, limited: true, perMinute: 100, callsLeft: undefined, retryAfter: 5 });
      expect((await store.take({ now: T + 10, cost: 1 })).wait).toBe(5_000);
      expect((await store.take({ now: T + 5_010, cost: 1 })).wait).toBe(0);
    });

    it('keeps perHour over a longer window', async () => {
      const store = await makeStore();
      expect((await store.take({ now: T, cost: 1, perMinute: 10, perHour: 2 })).wait).toBe(0);
      expect((await store.take({ now: T + 61_000, cost: 1, perMinute: 10, perHour: 2 })).wait).toBe(0);
      expect((await store.take({ now: T + 122_000, cost: 1, perMinute: 10, perHour: 2 })).wait).toBe(3_600_000 - 122_000);
    });

    it('never grants more than the budget to takes made at once', async () => {
      const store = await makeStore();
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => store.take({ now: T + i, cost: 1, perMinute: 7 })));
      const granted = answers.filter((a) => a.wait === 0);
      expect(granted).toHaveLength(7);
      expect(new Set(granted.map((a) => a.seq)).size).toBe(7);
    });
  });
}
