// The limiter as users meet it: on by default, it learns the budget from the answers' headers and
// makes calls wait their turn instead of provoking a 429. Fake timers; assertions wait on states.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLimiter, memoryStore } from '../src/rate-limit.js';
import { storeContract } from './store-contract.js';
import { json, miniClient, scriptedFetch } from './util.js';

storeContract('memoryStore', memoryStore);

const CASE = { case: { case_id: 2000, subject: 'Help', status: 'open' } };
const NEW = { subject: 's', content: 'c', user_email: 'u@x.ru' };
const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
/** An answer announcing the account's budget, as the API's headers do. */
const limited = (body: unknown, headers: Record<string, string>, status = 200) => json(body, status, headers);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('adaptive limiter (on by default)', () => {
  it('learns rate_limit_per_minute from the first answer and paces the rest to it', async () => {
    const { fetch, seen } = scriptedFetch(limited(CASE, { rate_limit_per_minute: '3' }));
    const client = miniClient(fetch);
    await client.cases.get(1);
    const rest = Promise.all([2, 3, 4, 5].map((id) => client.cases.get(id)));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(seen).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    // The first three left the window together: the last two go together.
    await rest;
    expect(seen.map((s) => s.target)).toEqual([1, 2, 3, 4, 5].map((id) => `/api/cases/${id}.json`));
  });

  it('counts POST, PUT and DELETE as two calls', async () => {
    const { fetch, seen } = scriptedFetch(limited(CASE, { rate_limit_per_minute: '4' }));
    const client = miniClient(fetch);
    await client.cases.get(1);
    const writes = Promise.all([client.cases.create(NEW), client.cases.create(NEW)]);
    await vi.advanceTimersByTimeAsync(0);
    // 1 + 2 = 3 of 4: the second write (2 more) waits for the first read to leave the window.
    expect(seen.map((s) => s.method)).toEqual(['GET', 'POST']);
    await vi.advanceTimersByTimeAsync(60_000);
    await writes;
    expect(seen.map((s) => s.method)).toEqual(['GET', 'POST', 'POST']);
  });

  it('waits for retry_after ahead of time when api_calls_left is low, with no 429', async () => {
    const { fetch, seen } = scriptedFetch(
      limited(CASE, { rate_limit_per_minute: '100', api_calls_left: '1', retry_after: '20' }),
      json(CASE),
    );
    const client = miniClient(fetch);
    await client.cases.get(1);
    const second = settle(client.cases.get(2));
    const third = settle(client.cases.get(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect((await third).value).toEqual(CASE.case);
    expect((await second).value).toEqual(CASE.case);
  });

  it('after a 429 with retry_after, every other call waits too, and the limited one is sent again', async () => {
    const tooMany = limited({ error: 'too_many_requests' }, { retry_after: '10', api_calls_left: '0', rate_limit_per_minute: '20' }, 429);
    const { fetch, seen } = scriptedFetch(tooMany, json(CASE));
    const client = miniClient(fetch);
    const first = settle(client.cases.get(1));
    await vi.advanceTimersByTimeAsync(0);
    const other = settle(client.cases.get(2));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await first).value).toEqual(CASE.case);
    expect((await other).value).toEqual(CASE.case);
    expect(seen.map((s) => s.target).sort()).toEqual(['/api/cases/1.json', '/api/cases/1.json', '/api/cases/2.json']);
  });

  it('an abort while waiting for a turn rejects at once with AbortError and spends nothing', async () => {
    const { fetch, seen } = scriptedFetch(limited(CASE, { rate_limit_per_minute: '1' }));
    const client = miniClient(fetch);
    await client.cases.get(1);
    const controller = new AbortController();
    const waiting = settle(client.cases.get(2, { signal: controller.signal }));
    const next = settle(client.cases.get(3));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    expect(((await waiting).error as Error).name).toBe('AbortError');
    await vi.advanceTimersByTimeAsync(59_000);
    // The aborted call took no slot: the next one goes first at the window's end.
    expect((await next).value).toEqual(CASE.case);
    expect(seen.map((s) => s.target)).toEqual(['/api/cases/1.json', '/api/cases/3.json']);
  });

  it('a signal timeout fires while waiting: a TimeoutError, nothing sent', async () => {
    const { fetch, seen } = scriptedFetch(limited(CASE, { rate_limit_per_minute: '1' }));
    const client = miniClient(fetch);
    await client.cases.get(1);
    // What AbortSignal.timeout(5000) does, on the fake clock (its own timer is not faked).
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('signal timed out', 'TimeoutError')), 5_000);
    const waiting = settle(client.cases.get(2, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(((await waiting).error as Error).name).toBe('TimeoutError');
    expect(seen).toHaveLength(1);
  });

  it('a budget set by hand overrides the learned one', async () => {
    const { fetch, seen } = scriptedFetch(limited(CASE, { rate_limit_per_minute: '100' }));
    const client = miniClient(fetch, { rateLimit: { perMinute: 1 } });
    await client.cases.get(1);
    const second = client.cases.get(2);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(seen).toHaveLength(2);
  });

  it('rateLimit: false turns it off: calls go out beyond the announced budget', async () => {
    const { fetch, seen } = scriptedFetch(limited(CASE, { rate_limit_per_minute: '1', api_calls_left: '0' }));
    const client = miniClient(fetch, { rateLimit: false });
    await client.cases.get(1);
    await Promise.all([client.cases.get(2), client.cases.get(3)]);
    expect(seen).toHaveLength(3);
  });

  it('two clients on one store share one budget', async () => {
    const store = memoryStore();
    const a = scriptedFetch(limited(CASE, { rate_limit_per_minute: '2' }));
    const b = scriptedFetch(limited(CASE, { rate_limit_per_minute: '2' }));
    const one = miniClient(a.fetch, { rateLimit: { store } });
    const two = miniClient(b.fetch, { rateLimit: { store } });
    await one.cases.get(1);
    await two.cases.get(2);
    const third = one.cases.get(3);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(a.seen.length + b.seen.length).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await third;
    expect(a.seen).toHaveLength(2);
  });

  it('asks the store again when an answer comes in, instead of sleeping out a wait that answer may have ended', async () => {
    // An answer can free calls that an earlier, more cautious estimate held back for a minute.
    let free = false;
    const limiter = createLimiter({
      store: { take: () => (free ? { wait: 0, seq: 2 } : { wait: 60_000 }), learn: () => void (free = true) },
    });
    let granted: number | undefined;
    const turn = limiter.acquire('GET').then((seq) => (granted = seq));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(granted).toBeUndefined();
    await limiter.learn(1, { callsLeft: 5, perMinute: 20, retryAfter: undefined }, false);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(2);
    await turn;
    // Its timer went with it: nothing keeps the process alive for the rest of the minute.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects a store without take and learn, naming the option', () => {
    expect(() => miniClient(scriptedFetch(json(CASE)).fetch, { rateLimit: { store: {} as never } })).toThrow(/rateLimit\.store/);
  });
});
