import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError, InvalidRequestError, InvalidResponseError, RateLimitError, ServerError, TimeoutError } from '../src/errors.js';
import { deadlineSlack } from '../src/transport.js';
import { json, miniClient, refused, reset, scriptedFetch } from './util.js';

const CASE = { case: { case_id: 2000, subject: 'Help', status: 'open' } };
const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retries', () => {
  it('retries a GET on 5xx with backoff, then succeeds', async () => {
    const { fetch, seen } = scriptedFetch(json({ error: 'x' }, 502), json({ error: 'x' }, 500), json(CASE));
    const result = settle(miniClient(fetch).cases.get(2000));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(CASE.case);
    expect(seen).toHaveLength(3);
  });

  it('gives up after maxRetries and throws ServerError with the call described', async () => {
    const { fetch, seen } = scriptedFetch(json({ error: 'internal_server_error' }, 500));
    const result = settle(miniClient(fetch, { maxRetries: 3 }).cases.get(2000));
    await vi.runAllTimersAsync();
    const { error } = await result;
    expect(seen).toHaveLength(4);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      status: 500,
      code: 'internal_server_error',
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/2000.json',
    });
  });

  it('never sends a POST twice after a 5xx', async () => {
    const { fetch, seen } = scriptedFetch(json({ error: 'x' }, 500), json(CASE, 201));
    const result = settle(miniClient(fetch).cases.create({ subject: 's', content: 'c', user_email: 'u@x.ru' }));
    await vi.runAllTimersAsync();
    expect((await result).error).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });

  it('never sends a POST twice after a connection reset, but retries a GET', async () => {
    const post = scriptedFetch(reset(), json(CASE, 201));
    const postResult = settle(miniClient(post.fetch).cases.create({ subject: 's', content: 'c', user_email: 'u@x.ru' }));
    await vi.runAllTimersAsync();
    const { error } = await postResult;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ operationId: 'createCase', method: 'POST' });
    expect(post.seen).toHaveLength(1);

    const get = scriptedFetch(reset(), json(CASE));
    const getResult = settle(miniClient(get.fetch).cases.get(2000));
    await vi.runAllTimersAsync();
    expect((await getResult).value).toEqual(CASE.case);
    expect(get.seen).toHaveLength(2);
  });

  it('never resends a PUT that is not idempotent (moveUp: one step per call) after a 5xx, a reset or a timeout', async () => {
    const MOVED = { kb_article: { article_id: 7 } };
    for (const first of [json({ error: 'x' }, 503), reset()]) {
      const { fetch, seen } = scriptedFetch(first, json(MOVED));
      const result = settle(miniClient(fetch).kbArticles.moveUp(7));
      await vi.runAllTimersAsync();
      expect((await result).error).toMatchObject({ operationId: 'moveKbArticleUp', method: 'PUT' });
      expect(seen).toHaveLength(1);
    }
    // Through the raw client as well.
    const raw = scriptedFetch(json({ error: 'x' }, 503), json(MOVED));
    const answer = miniClient(raw.fetch).raw.PUT('/kb_article/{article_id}/moveup.json', { params: { path: { article_id: 7 } } });
    await vi.runAllTimersAsync();
    expect((await answer).response.status).toBe(503);
    expect(raw.seen).toHaveLength(1);
    // A 429 proves it was not processed: resent.
    const limited = scriptedFetch(json({ error: 'too_many' }, 429, { retry_after: '1' }), json(MOVED));
    const moved = settle(miniClient(limited.fetch).kbArticles.moveUp(7));
    await vi.runAllTimersAsync();
    expect((await moved).value).toEqual(MOVED.kb_article);
    expect(limited.seen).toHaveLength(2);
  });

  it('resends a POST refused before any byte was sent (ECONNREFUSED), with the same body', async () => {
    const { fetch, seen } = scriptedFetch(refused(), json(CASE, 201));
    const result = settle(miniClient(fetch).cases.create({ subject: 's', content: 'c', user_email: 'u@x.ru' }));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(CASE.case);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(JSON.parse(seen[1]!.body)).toEqual({ case: { subject: 's', content: 'c', user_email: 'u@x.ru' } });
  });

  it('maxRetries: 0 per call turns retries off', async () => {
    const { fetch, seen } = scriptedFetch(json({ error: 'x' }, 503), json(CASE));
    const result = settle(miniClient(fetch).cases.get(2000, { maxRetries: 0 }));
    await vi.runAllTimersAsync();
    expect((await result).error).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });
});

describe('429 and rate-limit headers', () => {
  const limited = (retryAfter: string) =>
    json({ error: 'too_many_requests' }, 429, { retry_after: retryAfter, api_calls_left: '0', rate_limit_per_minute: '60' });

  it('waits retry_after seconds, then resends (even a POST)', async () => {
    const { fetch, seen } = scriptedFetch(limited('12'), json(CASE, 201, { api_calls_left: '499', rate_limit_per_minute: '60' }));
    const client = miniClient(fetch);
    const result = settle(client.cases.create({ subject: 's', content: 'c', user_email: 'u@x.ru' }));
    await vi.advanceTimersByTimeAsync(11_999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(2);
    expect((await result).value).toEqual(CASE.case);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(client.rateLimit).toEqual({ callsLeft: 499, perMinute: 60, retryAfter: undefined });
  });

  it('throws RateLimitError at once when retry_after is over maxRetryAfter', async () => {
    const { fetch, seen } = scriptedFetch(limited('3600'), json(CASE));
    const result = settle(miniClient(fetch, { maxRetryAfter: 60 }).cases.get(2000));
    await vi.runAllTimersAsync();
    const { error } = await result;
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: 'too_many_requests',
      retryAfter: 3600,
      rateLimit: { callsLeft: 0, perMinute: 60, retryAfter: 3600 },
    });
  });

  it('throws RateLimitError after the retries allowed', async () => {
    const { fetch, seen } = scriptedFetch(limited('1'));
    const result = settle(miniClient(fetch, { maxRetries: 2 }).cases.get(2000));
    await vi.runAllTimersAsync();
    expect((await result).error).toBeInstanceOf(RateLimitError);
    expect(seen).toHaveLength(3);
  });

  it('the raw client retries and reads the headers too, and returns the error body', async () => {
    const { fetch, seen } = scriptedFetch(limited('2'), json({ error: 'case_not_found' }, 404, { api_calls_left: '7' }));
    const client = miniClient(fetch);
    const result = settle(client.raw.GET('/cases/{case_id}.json', { params: { path: { case_id: 5 } } }));
    await vi.runAllTimersAsync();
    const { value } = await result;
    expect(seen).toHaveLength(2);
    expect(value?.error).toEqual({ error: 'case_not_found' });
    expect(client.rateLimit?.callsLeft).toBe(7);
  });
});

describe('timeouts and cancellation', () => {
  const hang = (request: Request) =>
    new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));

  /** Tracks whether a promise has settled, without waiting for it. */
  const watch = <T>(p: Promise<T>) => {
    const state = { settled: false, result: settle(p) };
    void state.result.then(() => (state.settled = true));
    return state;
  };

  it('a per-call timeout aborts the attempt and throws TimeoutError (a POST is not resent)', async () => {
    let calls = 0;
    const client = miniClient(async (r) => (calls++, hang(r)), { timeout: 60_000 });
    const call = watch(client.cases.create({ subject: 's', content: 'c', user_email: 'u@x.ru' }, { timeout: 1000 }));
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1 + deadlineSlack(1000));
    const { error } = await call.result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeout: 1000, operationId: 'createCase' });
    await vi.runAllTimersAsync();
    expect(calls).toBe(1);
  });

  it('calls without a signal share a deadline, yet none times out before its own timeout', async () => {
    const client = miniClient(async (r) => hang(r), { timeout: 1000, maxRetries: 0 });
    const slack = deadlineSlack(1000);
    const first = watch(client.cases.get(1));
    await vi.advanceTimersByTimeAsync(slack / 2);
    // Started within the first call's window: both end when the later one's time is up, or just after.
    const second = watch(client.cases.get(2));
    await vi.advanceTimersByTimeAsync(slack);
    // Started after the window: a deadline of its own.
    const third = watch(client.cases.get(3));
    await vi.advanceTimersByTimeAsync(1000 - slack / 2 - 1);
    expect([first.settled, second.settled, third.settled]).toEqual([false, false, false]);
    await vi.advanceTimersByTimeAsync(1);
    for (const call of [first, second]) expect((await call.result).error).toBeInstanceOf(TimeoutError);
    expect(third.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(slack * 2);
    expect((await third.result).error).toMatchObject({ name: 'TimeoutError', operationId: 'getCase', timeout: 1000 });
  });

  it('thousands of calls in flight at once cause no listener-leak warning', async () => {
    // Each fetch leaves a listener on its signal until garbage collection: a deadline shared by
    // too many attempts would pass Node's limit and print a MaxListenersExceededWarning.
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const total = 2000;
      let inFlight = 0;
      let release!: () => void;
      const allSent = new Promise<void>((resolve) => (release = resolve));
      // Every call is in flight before any is answered.
      const fetch = async () => {
        if (++inFlight === total) release();
        await allSent;
        return json(CASE);
      };
      const client = miniClient(fetch, { timeout: 1000 });
      const results = await Promise.all(Array.from({ length: total }, (_, i) => client.cases.get(i + 1)));
      expect(results).toHaveLength(total);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => process.nextTick(resolve));
      expect(warnings.map((w) => w.name)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a call with a signal keeps a deadline of its own, to the millisecond', async () => {
    const client = miniClient(async (r) => hang(r), { timeout: 1000, maxRetries: 0 });
    const call = watch(client.cases.get(1, { signal: new AbortController().signal }));
    await vi.advanceTimersByTimeAsync(999);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call.result).error).toBeInstanceOf(TimeoutError);
  });

  it('timeouts and the caller signal work without AbortSignal.any (older browsers)', async () => {
    const original = AbortSignal.any;
    Object.defineProperty(AbortSignal, 'any', { value: undefined, configurable: true, writable: true });
    try {
      const timed = settle(miniClient(async (r) => hang(r), { timeout: 1000, maxRetries: 0 }).cases.get(1));
      await vi.advanceTimersByTimeAsync(1000 + deadlineSlack(1000));
      expect((await timed).error).toBeInstanceOf(TimeoutError);
      const controller = new AbortController();
      const aborted = settle(miniClient(async (r) => hang(r)).cases.get(1, { signal: controller.signal }));
      await vi.advanceTimersByTimeAsync(10);
      controller.abort();
      expect(((await aborted).error as Error).name).toBe('AbortError');
    } finally {
      Object.defineProperty(AbortSignal, 'any', { value: original, configurable: true, writable: true });
    }
  });

  it('a moveUp that times out is not resent (it may have moved the article)', async () => {
    let calls = 0;
    const result = settle(miniClient(async (r) => (calls++, hang(r)), { timeout: 1000 }).kbArticles.moveUp(7));
    await vi.runAllTimersAsync();
    expect((await result).error).toBeInstanceOf(TimeoutError);
    expect(calls).toBe(1);
  });

  it('refuses a per-call timeout or maxRetries that is not a valid number, naming it, before sending', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE));
    const client = miniClient(fetch);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ timeout: 0 }, /^cases\.get: `timeout` must be a positive number of milliseconds, at most 2147483647, got 0$/],
      [{ timeout: -5 }, /`timeout` must be a positive number of milliseconds, at most 2147483647, got -5/],
      [{ timeout: '5s' }, /`timeout` must be a positive number of milliseconds, at most 2147483647, got "5s"/],
      [{ maxRetries: Infinity }, /^cases\.get: `maxRetries` must be an integer, 0 or more, got Infinity$/],
      [{ maxRetries: -1 }, /`maxRetries` must be an integer, 0 or more, got -1/],
    ];
    for (const [options, message] of bad) {
      const { error } = await settle(client.cases.get(2000, options as never));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toMatch(message);
    }
    expect(seen).toHaveLength(0);
  });

  it('a GET that times out is retried', async () => {
    let calls = 0;
    const client = miniClient(async (r) => (++calls === 1 ? hang(r) : json(CASE)), { timeout: 5000 });
    const result = settle(client.cases.get(2000));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(CASE.case);
    expect(calls).toBe(2);
  });

  it("the caller's signal aborts the call and its retries", async () => {
    let calls = 0;
    const controller = new AbortController();
    const client = miniClient(async (r) => (calls++, hang(r)));
    const result = settle(client.cases.get(2000, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const { error } = await result;
    expect((error as Error).name).toBe('AbortError');
    await vi.runAllTimersAsync();
    expect(calls).toBe(1);
  });
});

describe('client-side limiter', () => {
  it('keeps to perMinute: the third call in a minute waits for the window', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE));
    const client = miniClient(fetch, { rateLimit: { perMinute: 2 } });
    const all = Promise.all([client.cases.get(1), client.cases.get(2), client.cases.get(3)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await all;
    expect(seen.map((s) => s.target)).toEqual(['/api/cases/1.json', '/api/cases/2.json', '/api/cases/3.json']);
  });

  it('rejects a nonsense budget', () => {
    expect(() => miniClient(scriptedFetch(json(CASE)).fetch, { rateLimit: { perMinute: 0 } })).toThrow(/perMinute/);
  });
});

describe('logger', () => {
  it('logs method, path, status and attempt, never credentials or query values', async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string, d?: Record<string, unknown>) => lines.push(`${m} ${JSON.stringify(d)}`) };
    const { fetch } = scriptedFetch(json({ error: 'x' }, 500), json({ '0': CASE, total_count: 1 }));
    const result = settle(miniClient(fetch, { logger }).cases.list({ custom_fields: { cf_1: 'private@mail.ru' } }));
    await vi.runAllTimersAsync();
    await result;
    const text = lines.join('\n');
    expect(text).toContain('"method":"GET","path":"/api/cases.json","status":500,"attempt":0');
    expect(text).toContain('"status":200,"attempt":1');
    expect(text).not.toMatch(/private|SECRET|Basic|agent@example/);
  });
});

describe('the body is part of the attempt', () => {
  const streamed = (chunks: string[], end: 'close' | 'error' | 'stall') =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
          if (end === 'close') controller.close();
          if (end === 'error') controller.error(new TypeError('terminated'));
        },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );

  it('a body cut off after the headers is a ConnectionError, and a GET is retried', async () => {
    const { fetch, seen } = scriptedFetch((_s, n) => (n === 0 ? streamed(['{"case": {"ca'], 'error') : json(CASE)));
    const result = settle(miniClient(fetch).cases.get(2000));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(CASE.case);
    expect(seen).toHaveLength(2);

    const post = scriptedFetch(streamed(['{"case"'], 'error'));
    const created = settle(miniClient(post.fetch).cases.create({ subject: 's', content: 'c', user_email: 'u' }));
    await vi.runAllTimersAsync();
    expect((await created).error).toBeInstanceOf(ConnectionError);
    expect(post.seen).toHaveLength(1);
  });

  it('a body that stalls after the headers runs into the timeout', async () => {
    const { fetch } = scriptedFetch(() => streamed(['{"case": '], 'stall'));
    // The stream ignores aborts by itself; the transport's signal must still end the read.
    const stalling = async (request: Request) => {
      const response = await fetch(request);
      const reader = response.body!.getReader();
      const body = new ReadableStream({
        async pull(controller) {
          const abort = new Promise<never>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
          const { done, value } = await Promise.race([reader.read(), abort]);
          if (done) controller.close();
          else controller.enqueue(value);
        },
      });
      return new Response(body, { status: 200, headers: response.headers });
    };
    const result = settle(miniClient(stalling, { timeout: 300, maxRetries: 0 }).cases.get(2000));
    await vi.advanceTimersByTimeAsync(300 + deadlineSlack(300));
    const { error } = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeout: 300, operationId: 'getCase', method: 'GET', path: '/api/cases/2000.json' });
  });

  it('a 2xx body that is not JSON is an InvalidResponseError naming the call', async () => {
    const { fetch } = scriptedFetch(new Response('<html>maintenance</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const error = await miniClient(fetch)
      .cases.get(2000)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, operationId: 'getCase', body: '<html>maintenance</html>' });
  });
});
