// Load through the harness: many concurrent calls, a long pagination with faults on the way,
// the client-side limiter's budget (counted per window on the server), flat memory.
// Counts, not durations, are asserted; the numbers measured are written to docs/reliability.md.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'qs';
import { describe, expect, it, vi } from 'vitest';
import { clientFor, type Harness, harnessPerTest, listPage, pool, type Settled, sendJson, settle, tooMany } from './harness.js';

vi.setConfig({ testTimeout: 60_000 });

let h: Harness;
harnessPerTest((harness) => (h = harness));

/** Answers `GET /cases/{id}.json` with that case after `delay` ms, counting `api_calls_left` down. */
function caseServer(opts: { fault?: (id: number, n: number) => 'ok' | '503' | '429'; budget?: number } = {}) {
  let left = opts.budget ?? 10_000;
  let inFlight = 0;
  const stats = { maxInFlight: 0 };
  h.handle((req, res) => {
    const id = Number(/\/cases\/(\d+)\.json$/.exec(req.path)?.[1]);
    const fault = opts.fault?.(id, h.requests.filter((r) => r.path === req.path).length - 1) ?? 'ok';
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      if (fault === '503') return sendJson(res, 503, { error: 'service_unavailable' });
      // The 429 announces the same limit as the other answers: the adaptive limiter follows the last one.
      if (fault === '429')
        return sendJson(res, 429, { error: 'too_many_requests' }, { retry_after: 0, rate_limit_per_minute: 600, api_calls_left: 0 });
      left--;
      sendJson(res, 200, { case: { case_id: id, subject: `case ${id}` } }, { api_calls_left: left, rate_limit_per_minute: 600 });
    }, 2);
  });
  return stats;
}

describe('concurrency', () => {
  it('200 calls, 20 at a time: every answer reaches its caller, each request sent once, calls-left counts down', async () => {
    const stats = caseServer({ budget: 1000 });
    const omnidesk = clientFor(h, { timeout: 10_000 });
    const ids = Array.from({ length: 200 }, (_, i) => i + 1);
    const { results, maxInFlight } = await pool(
      ids.map((id) => () => omnidesk.cases.get(id)),
      20,
    );

    expect(results.map((c) => c.case_id)).toEqual(ids);
    expect(h.requests).toHaveLength(200);
    expect(new Set(h.requests.map((r) => r.path)).size).toBe(200);
    expect(maxInFlight).toBe(20);
    expect(stats.maxInFlight).toBeLessThanOrEqual(20);
    // The state is the headers of one of the last 20 answers (they finish in any order).
    expect(omnidesk.rateLimit!.callsLeft).toBeGreaterThanOrEqual(800);
    expect(omnidesk.rateLimit!.callsLeft).toBeLessThan(820);
    await omnidesk.cases.get(201);
    expect(omnidesk.rateLimit).toMatchObject({ callsLeft: 799, perMinute: 600 });
  });

  it('200 calls, 20 at a time, with 503s and 429s mixed in: retried, nothing lost or duplicated', async () => {
    // Every 7th case fails once with 503, every 11th once with 429 (retry_after 0).
    caseServer({ fault: (id, n) => (n > 0 ? 'ok' : id % 7 === 0 ? '503' : id % 11 === 0 ? '429' : 'ok') });
    const omnidesk = clientFor(h, { timeout: 10_000, maxRetries: 2 });
    const ids = Array.from({ length: 200 }, (_, i) => i + 1);
    const { results } = await pool(
      ids.map((id) => () => omnidesk.cases.get(id)),
      20,
    );

    expect(results.map((c) => c.case_id)).toEqual(ids);
    const faulty = ids.filter((id) => id % 7 === 0 || id % 11 === 0);
    for (const id of ids) expect(h.count(`GET /api/cases/${id}.json`), `case ${id}`).toBe(faulty.includes(id) ? 2 : 1);
    expect(h.requests).toHaveLength(200 + faulty.length);
  });
});

describe('long pagination', () => {
  const TOTAL = 5000;

  function pagedServer(fault: (page: number, n: number) => 'ok' | '503' | '429' = () => 'ok') {
    let left = 10_000;
    const served: number[] = [];
    h.handle((req, res) => {
      const q = parse(req.search) as { page?: string; limit?: string };
      const page = Number(q.page ?? 1);
      const limit = Number(q.limit ?? 100);
      const attempt = h.requests.filter((r) => r.search === req.search).length - 1;
      const f = fault(page, attempt);
      if (f === '503') return sendJson(res, 503, { error: 'service_unavailable' });
      if (f === '429') return tooMany(res, 0);
      served.push(page);
      const first = (page - 1) * limit;
      const entries = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - first)) }, (_, i) => ({
        case_id: first + i + 1,
        subject: `s${first + i + 1}`,
      }));
      left--;
      sendJson(res, 200, listPage(entries, TOTAL), { api_calls_left: left, rate_limit_per_minute: 600 });
    });
    return served;
  }

  it('5,000 items over 50 pages: every id exactly once, in order, each page fetched once', async () => {
    const served = pagedServer();
    const omnidesk = clientFor(h);
    const seen: number[] = [];
    for await (const c of omnidesk.cases.listAll({ status: ['open'] }, { limit: 100 })) seen.push(c.case_id);

    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(served).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(h.requests).toHaveLength(50);
    expect(parse(h.requests[0]!.search)).toEqual({ status: ['open'], page: '1', limit: '100' });
    expect(omnidesk.rateLimit!.callsLeft).toBe(10_000 - 50);
  });

  it('5,000 items over 50 pages with 503s and 429s on the way: still every id exactly once', async () => {
    const served = pagedServer((page, n) => (n > 0 ? 'ok' : page % 9 === 0 ? '503' : page % 13 === 0 ? '429' : 'ok'));
    const omnidesk = clientFor(h, { maxRetries: 2 });
    const seen: number[] = [];
    for await (const c of omnidesk.cases.listAll({}, { limit: 100 })) seen.push(c.case_id);

    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(served).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const faulty = Array.from({ length: 50 }, (_, i) => i + 1).filter((p) => p % 9 === 0 || p % 13 === 0);
    expect(h.requests).toHaveLength(50 + faulty.length);
  });

  it('maxItems stops early without fetching further pages', async () => {
    pagedServer();
    const seen: number[] = [];
    for await (const c of clientFor(h).cases.listAll({}, { limit: 100, maxItems: 250 })) seen.push(c.case_id);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(h.requests).toHaveLength(3);
  });
});

describe('client-side limiter', () => {
  it('perMinute: 10 with 35 calls at once: at most 10 reach the server in any 60 s window, all 35 complete', async () => {
    // The limiter's clock and sleep are Date.now and setTimeout: faked here (only those), so that
    // a minute passes on demand. The harness and fetch keep running on real I/O.
    const realSetTimeout = globalThis.setTimeout;
    const realWait = (ms: number) => new Promise((r) => realSetTimeout(r, ms));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const arrivals: number[] = [];
    let left = 500;
    h.handle((req, res) => {
      arrivals.push(Date.now());
      left--;
      sendJson(
        res,
        200,
        { case: { case_id: Number(/(\d+)\.json$/.exec(req.path)![1]) } },
        { api_calls_left: left, rate_limit_per_minute: 10 },
      );
    });
    // A long per-attempt timeout: the jumps of the fake clock must not fire it.
    const omnidesk = clientFor(h, { rateLimit: { perMinute: 10 }, timeout: 3_600_000 });
    const ids = Array.from({ length: 35 }, (_, i) => i + 1);
    let done = 0;
    const all = Promise.all(ids.map((id) => omnidesk.cases.get(id).then((c) => (done++, c))));

    const countsPerWindow: number[] = [];
    for (let window = 0; window < 6 && done < 35; window++) {
      const expected = Math.min(35, 10 * (window + 1));
      // Wait (real time, bounded) for this window's requests, then a little longer for any extra one.
      for (let i = 0; i < 200 && done < expected; i++) await realWait(10);
      await realWait(100);
      countsPerWindow.push(h.requests.length);
      expect(h.requests.length, `requests after window ${window + 1}`).toBe(expected);
      await vi.advanceTimersByTimeAsync(60_000);
    }
    const results = await all;

    expect(results.map((c) => c.case_id)).toEqual(ids);
    expect(countsPerWindow).toEqual([10, 20, 30, 35]);
    // The server's own view: no 60 s window (by the shared clock) holds more than 10 arrivals.
    for (const t of arrivals) expect(arrivals.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(10);
    expect(new Set(h.requests.map((r) => r.path)).size).toBe(35);
    expect(omnidesk.rateLimit!.callsLeft).toBe(500 - 35);
  });
});

describe('client-side limiter and aborts', () => {
  it('a call aborted while queued behind another rejects at once, and uses no budget', async () => {
    const realSetTimeout = globalThis.setTimeout;
    const realWait = (ms: number) => new Promise((r) => realSetTimeout(r, ms));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    h.handle((req, res) => sendJson(res, 200, { case: { case_id: Number(/(\d+)\.json$/.exec(req.path)![1]) } }));
    const omnidesk = clientFor(h, { rateLimit: { perMinute: 1 }, timeout: 3_600_000 });
    expect(await omnidesk.cases.get(1)).toEqual({ case_id: 1 });
    // Queued in this order: 3 (waits a window), then 2 (aborted while waiting behind 3), then 4.
    const done: number[] = [];
    const third = omnidesk.cases.get(3).then(() => done.push(3));
    const controller = new AbortController();
    let outcome: Settled<unknown> | undefined;
    void settle(omnidesk.cases.get(2, { signal: controller.signal })).then((o) => (outcome = o));
    const fourth = omnidesk.cases.get(4).then(() => done.push(4));
    for (let i = 0; i < 5; i++) await realWait(10);
    controller.abort();
    // Bounded wait on a state (real time; the fake clock does not move): the abort settles the call.
    for (let i = 0; i < 200 && !outcome; i++) await realWait(10);
    expect(outcome, 'the aborted call settled without the clock moving').toBeDefined();
    expect(outcome!.ok).toBe(false);
    expect(h.requests).toHaveLength(1);
    // One window: 3 goes; the next window: 4 goes (the aborted call took no slot in between).
    for (const expected of [[3], [3, 4]]) {
      await vi.advanceTimersByTimeAsync(60_000);
      for (let i = 0; i < 200 && done.length < expected.length; i++) await realWait(10);
      expect(done).toEqual(expected);
    }
    await Promise.all([third, fourth]);
    expect(h.requests.map((r) => r.path)).toEqual(['/api/cases/1.json', '/api/cases/3.json', '/api/cases/4.json']);
  });
});

describe('memory', () => {
  function getGc(): (() => void) | undefined {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) return g;
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  }

  it('3,000 list calls (100 entries each, 10 at a time): heap after GC stays flat, sockets are reused', async () => {
    const gc = getGc();
    expect(typeof gc).toBe('function');
    const heap = () => {
      gc!();
      gc!();
      return process.memoryUsage().heapUsed;
    };
    const entries = Array.from({ length: 100 }, (_, i) => ({ case_id: i + 1, subject: 'x'.repeat(200) }));
    const body = JSON.stringify(listPage(entries, 1_000_000));
    h.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), api_calls_left: 100 });
      res.end(body);
    });
    const omnidesk = clientFor(h);
    let items = 0;
    let served = 0;
    const run = async (calls: number) => {
      const { results } = await pool(
        Array.from({ length: calls }, () => () => omnidesk.cases.list({ page: 1, limit: 100 }).then((p) => p.items.length)),
        10,
      );
      items += results.reduce((a, b) => a + b, 0);
      // The harness's own record of each request would grow the heap too: counted, then dropped.
      served += h.requests.length;
      h.requests.length = 0;
    };

    await run(500); // warm-up: JIT, connection pool, caches
    const h0 = heap();
    await run(1250);
    const h1 = heap();
    await run(1250);
    const h2 = heap();
    const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
    // Reported to docs/reliability.md (vitest prints it with the test output).
    console.info(`memory: heapUsed after GC ${mb(h0)} MB -> ${mb(h1)} MB -> ${mb(h2)} MB; sockets open ${h.openSockets()}`);

    expect(items).toBe(3000 * 100);
    expect(served).toBe(3000);
    // Generous bounds: a leak of one 30 KB page per call would add ~37 MB per half.
    expect(h2 / h1).toBeLessThan(1.25);
    expect(h2 - h0).toBeLessThan(16 * 1024 * 1024);
    // Keep-alive reuses connections: no socket per call.
    expect(h.openSockets()).toBeLessThanOrEqual(10);
  });
});
