// listAll({ ... }, { concurrency: n }): after the first page gave total_count, n pages at a
// time, items still in order, and the first failed page ends the walk.
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, NotFoundError } from '../src/errors.js';
import { json, miniClient } from './util.js';

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const page = (list: number[], total: number) =>
  json({
    ...Object.fromEntries(list.map((id, i) => [String(i), { case: { case_id: id, subject: 's', status: 'open' } }])),
    total_count: total,
  });

/** A server of `total` cases whose answers wait until the test releases them (any order). */
function heldServer(total: number, limit: number, fail?: number) {
  const held = new Map<number, () => void>();
  const asked: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let arrived: () => void = () => undefined;
  const fetch = async (request: Request): Promise<Response> => {
    const n = Number(new URL(request.url).searchParams.get('page'));
    asked.push(n);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    arrived();
    if (n > 1) await new Promise<void>((resolve) => held.set(n, resolve));
    inFlight--;
    if (n === fail) return json({ error: 'case_not_found' }, 404);
    return page(ids((n - 1) * limit + 1, Math.min(limit, total - (n - 1) * limit)), total);
  };
  /** Resolves once `count` pages were asked for. */
  const asks = async (count: number) => {
    while (asked.length < count) await new Promise<void>((resolve) => (arrived = resolve));
  };
  const release = (n: number) => held.get(n)!();
  return { fetch, asked, held, asks, release, stats: () => ({ maxInFlight }) };
}

describe('listAll with concurrency', () => {
  it('fetches n pages at a time and yields every item once, in order, whatever order pages arrive in', async () => {
    const server = heldServer(95, 10);
    const got: number[] = [];
    const walk = (async () => {
      for await (const c of miniClient(server.fetch, { rateLimit: false }).cases.listAll({}, { limit: 10, concurrency: 3 }))
        got.push(c.case_id);
    })();
    await server.asks(4);
    // Pages 2-4 are asked at once; answers come back last first.
    expect(server.asked).toEqual([1, 2, 3, 4]);
    server.release(4);
    server.release(3);
    expect(got).toEqual(ids(1, 10));
    server.release(2);
    for (let n = 5; n <= 10; n++) {
      await server.asks(n);
      server.release(n);
    }
    await walk;
    expect(got).toEqual(ids(1, 95));
    expect(server.asked.slice().sort((a, b) => a - b)).toEqual(ids(1, 10));
    expect(server.stats().maxInFlight).toBe(3);
  });

  it('stops at the first failed page: the items before it, then its error; no page after it is asked for once it failed', async () => {
    const server = heldServer(100, 10, 3);
    const got: number[] = [];
    const walk = (async () => {
      for await (const c of miniClient(server.fetch, { rateLimit: false }).cases.listAll({}, { limit: 10, concurrency: 2 }))
        got.push(c.case_id);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    await server.asks(3);
    server.release(2);
    await server.asks(4);
    server.release(3);
    const error = await walk;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(got).toEqual(ids(1, 20));
    server.release(4);
    expect(server.asked).toEqual([1, 2, 3, 4]);
  });

  it('asks only for the pages maxItems needs', async () => {
    const server = heldServer(100, 10);
    const got: number[] = [];
    const walk = (async () => {
      for await (const c of miniClient(server.fetch, { rateLimit: false }).cases.listAll({}, { limit: 10, concurrency: 4, maxItems: 25 }))
        got.push(c.case_id);
    })();
    await server.asks(3);
    server.release(2);
    server.release(3);
    await walk;
    expect(got).toEqual(ids(1, 25));
    expect(server.asked).toEqual([1, 2, 3]);
  });

  it('keeps to maxPages: asks for no page past it, then fails as the sequential walk does', async () => {
    const server = heldServer(100, 10);
    const walk = (async () => {
      for await (const _ of miniClient(server.fetch, { rateLimit: false }).cases.listAll({}, { limit: 10, concurrency: 4, maxPages: 3 }));
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    await server.asks(3);
    server.release(2);
    server.release(3);
    expect(await walk).toMatchObject({ name: 'InvalidResponseError', message: expect.stringMatching(/maxPages/) });
    expect(server.asked).toEqual([1, 2, 3]);
  });

  it('rejects a concurrency outside 1-16 before sending anything', async () => {
    const server = heldServer(10, 10);
    const walk = miniClient(server.fetch).cases.listAll({}, { concurrency: 0 });
    await expect(walk.next()).rejects.toThrow(InvalidRequestError);
    await expect(miniClient(server.fetch).cases.listAll({}, { concurrency: 2.5 }).next()).rejects.toThrow(/concurrency/);
    expect(server.asked).toEqual([]);
  });
});
