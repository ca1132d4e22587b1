// Each fault the harness can inject, and the SDK's documented reaction to it: the error class
// with its context, retries only where safe (counted on the server), timeouts that fire, no
// unhandled rejection, no hang.
//
// Backoff: the client has no injectable sleep, so Math.random is pinned to 0 before each client
// is created (the jitter factor becomes 0.5): waits are 250 ms, then 500 ms. No assertion is
// about time; every call is bounded by the SDK's `timeout` option and by vitest's testTimeout.

import { format, inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ConnectionError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  OmnideskError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedStatusError,
} from '../../src/index.js';
import {
  BASIC,
  clientFor,
  closedPort,
  type Harness,
  HTML_PAGE,
  hang,
  hangAfterHeaders,
  harnessPerTest,
  resetAfterHeaders,
  resetBeforeHeaders,
  sendJson,
  sendText,
  settle,
  settleWithin,
  startHarness,
  streamEndless,
  streamHuge,
  tooMany,
} from './harness.js';

vi.setConfig({ testTimeout: 20_000 });

const CASE = { case_id: 1, subject: 'Printer on fire', status: 'open' };
const NEW_CASE = { user_email: 'customer@example.com', subject: 'Help', content: 'It broke' };
const GET = 'GET /api/cases/1.json';
const POST = 'POST /api/cases.json';

let h: Harness;
harnessPerTest((harness) => (h = harness));

function expectContext(error: unknown, cls: abstract new (...a: never[]) => OmnideskError, ctx: Record<string, unknown>) {
  expect(error).toBeInstanceOf(cls);
  expect(error).toBeInstanceOf(OmnideskError);
  expect(error).toMatchObject(ctx);
}

describe('429 with retry_after', () => {
  it('GET waits retry_after and retries, then succeeds; the rate-limit headers are exposed', async () => {
    h.handle((req, res) =>
      req.n === 0 ? tooMany(res, 0) : sendJson(res, 200, { case: CASE }, { api_calls_left: 41, rate_limit_per_minute: 60 }),
    );
    const omnidesk = clientFor(h);
    expect(await omnidesk.cases.get(1)).toEqual(CASE);
    expect(h.count(GET)).toBe(2);
    expect(omnidesk.rateLimit).toMatchObject({ callsLeft: 41, perMinute: 60 });
  });

  it('POST on 429 is retried (the request was not processed) with the same body', async () => {
    h.handle((req, res) => (req.n === 0 ? tooMany(res, 0) : sendJson(res, 201, { case: { ...CASE, case_id: 7 } })));
    const created = await clientFor(h).cases.create(NEW_CASE);
    expect(created).toMatchObject({ case_id: 7 });
    expect(h.count(POST)).toBe(2);
    expect(h.requests[1]!.body.toString()).toBe(h.requests[0]!.body.toString());
    expect(JSON.parse(h.requests[1]!.body.toString())).toEqual({ case: NEW_CASE });
  });

  it('429 every time: RateLimitError after maxRetries + 1 requests, with retryAfter and context', async () => {
    h.handle((_, res) => tooMany(res, 0));
    const r = await settle(clientFor(h, { maxRetries: 3 }).cases.get(1));
    expect(r.ok).toBe(false);
    expect(h.count(GET)).toBe(4);
    expectContext(!r.ok && r.error, RateLimitError, {
      status: 429,
      code: 'too_many_requests',
      retryAfter: 0,
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/1.json',
      rateLimit: { callsLeft: 0, perMinute: 60, retryAfter: 0 },
    });
  });

  it('retry_after longer than maxRetryAfter fails at once (no retry, no long sleep)', async () => {
    h.handle((_, res) => tooMany(res, 3600));
    const r = await settle(clientFor(h, { maxRetryAfter: 60 }).cases.create(NEW_CASE));
    expect(h.count(POST)).toBe(1);
    expectContext(!r.ok && r.error, RateLimitError, {
      status: 429,
      retryAfter: 3600,
      operationId: 'createCase',
      method: 'POST',
      path: '/api/cases.json',
    });
  });
});

describe.each([500, 502, 503])('HTTP %i', (status) => {
  it('GET is retried up to maxRetries, then ServerError with status, code and the call', async () => {
    h.handle((_, res) => sendJson(res, status, { error: 'internal_server_error' }));
    const r = await settle(clientFor(h, { maxRetries: 2 }).cases.get(1));
    expect(h.count(GET)).toBe(3);
    expectContext(!r.ok && r.error, ServerError, {
      status,
      code: 'internal_server_error',
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/1.json',
    });
  });

  it('GET recovers when the server does', async () => {
    h.handle((req, res) => (req.n < 2 ? sendJson(res, status, { error: 'x' }) : sendJson(res, 200, { case: CASE })));
    expect(await clientFor(h, { maxRetries: 2 }).cases.get(1)).toEqual(CASE);
    expect(h.count(GET)).toBe(3);
  });

  it('POST is sent exactly once', async () => {
    h.handle((req, res) => (req.n === 0 ? sendJson(res, status, { error: 'x' }) : sendJson(res, 201, { case: CASE })));
    const r = await settle(clientFor(h, { maxRetries: 5 }).cases.create(NEW_CASE));
    expect(h.count(POST)).toBe(1);
    expectContext(!r.ok && r.error, ServerError, { status, operationId: 'createCase', method: 'POST', path: '/api/cases.json' });
  });

  it('PUT and DELETE (idempotent) are retried', async () => {
    h.handle((req, res) =>
      req.n === 0
        ? sendJson(res, status, { error: 'x' })
        : req.method === 'DELETE'
          ? void res.writeHead(204).end()
          : sendJson(res, 200, { case: CASE }),
    );
    const omnidesk = clientFor(h);
    expect(await omnidesk.cases.update(1, { subject: 'New subject' })).toEqual(CASE);
    expect(await omnidesk.cases.delete(1)).toBeUndefined();
    expect(h.count('PUT /api/cases/1.json')).toBe(2);
    expect(h.count('DELETE /api/cases/1.json')).toBe(2);
  });
});

describe('connection reset', () => {
  it('before headers: GET is retried up to maxRetries, then ConnectionError with the call', async () => {
    h.handle((_, res) => resetBeforeHeaders(res));
    const r = await settle(clientFor(h, { maxRetries: 2 }).cases.get(1));
    expect(h.count(GET)).toBe(3);
    expectContext(!r.ok && r.error, ConnectionError, { operationId: 'getCase', method: 'GET', path: '/api/cases/1.json' });
  });

  it('before headers: GET recovers on the next attempt', async () => {
    h.handle((req, res) => (req.n === 0 ? resetBeforeHeaders(res) : sendJson(res, 200, { case: CASE })));
    expect(await clientFor(h).cases.get(1)).toEqual(CASE);
    expect(h.count(GET)).toBe(2);
  });

  it('before headers: POST is sent exactly once (it may have been processed)', async () => {
    h.handle((req, res) => (req.n === 0 ? resetBeforeHeaders(res) : sendJson(res, 201, { case: CASE })));
    const r = await settle(clientFor(h, { maxRetries: 5 }).cases.create(NEW_CASE));
    expect(h.count(POST)).toBe(1);
    expectContext(!r.ok && r.error, ConnectionError, { operationId: 'createCase', method: 'POST', path: '/api/cases.json' });
  });

  it('after headers (body cut off): ConnectionError with the call, not a bare TypeError', async () => {
    h.handle((_, res) => resetAfterHeaders(res));
    const r = await settleWithin(clientFor(h, { maxRetries: 0, timeout: 1000 }).cases.get(1), 10_000);
    expect(r).not.toBe('hung');
    expect(r !== 'hung' && r.ok).toBe(false);
    expectContext(r !== 'hung' && !r.ok && r.error, ConnectionError, { operationId: 'getCase', method: 'GET', path: '/api/cases/1.json' });
  });

  it('after headers (body cut off): GET is retried like any connection error', async () => {
    h.handle((req, res) => (req.n === 0 ? resetAfterHeaders(res) : sendJson(res, 200, { case: CASE })));
    const r = await settleWithin(clientFor(h, { maxRetries: 2, timeout: 1000 }).cases.get(1), 10_000);
    expect(r).toEqual({ ok: true, value: CASE });
    expect(h.count(GET)).toBe(2);
  });
});

describe('connection refused', () => {
  it('POST refused before sending is retried, and the server gets it exactly once with its body', async () => {
    const dead = await closedPort();
    h.handle((_, res) => sendJson(res, 201, { case: { ...CASE, case_id: 9 } }));
    const attempts: string[] = [];
    const omnidesk = clientFor(h, {
      maxRetries: 2,
      // The first attempt goes to a closed port (a real ECONNREFUSED from fetch), the next to the harness.
      fetch: (request) => {
        attempts.push(request.url);
        const url = attempts.length === 1 ? request.url.replace(`:${h.port}/`, `:${dead}/`) : request.url;
        return fetch(new Request(url, request));
      },
    });
    expect(await omnidesk.cases.create(NEW_CASE)).toMatchObject({ case_id: 9 });
    expect(attempts).toHaveLength(2);
    expect(h.count(POST)).toBe(1);
    expect(JSON.parse(h.requests[0]!.body.toString())).toEqual({ case: NEW_CASE });
  });

  it('refused every time: ConnectionError after maxRetries + 1 attempts, with the call', async () => {
    const dead = await closedPort();
    let attempts = 0;
    const omnidesk = clientFor(h, {
      baseUrl: `http://127.0.0.1:${dead}/api`,
      maxRetries: 2,
      fetch: (request) => {
        attempts++;
        return fetch(request);
      },
    });
    const r = await settle(omnidesk.cases.create(NEW_CASE));
    expect(attempts).toBe(3);
    expectContext(!r.ok && r.error, ConnectionError, { operationId: 'createCase', method: 'POST', path: '/api/cases.json' });
  });
});

describe('hanging connection', () => {
  it('no answer: GET times out per attempt, is retried, then TimeoutError with the timeout and the call', async () => {
    h.handle(hang);
    const r = await settleWithin(clientFor(h, { timeout: 200, maxRetries: 1 }).cases.get(1), 10_000);
    expect(r).not.toBe('hung');
    expect(h.count(GET)).toBe(2);
    expectContext(r !== 'hung' && !r.ok && r.error, TimeoutError, {
      timeout: 200,
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/1.json',
    });
  });

  it('no answer: POST times out once and is not sent again', async () => {
    h.handle(hang);
    const r = await settleWithin(clientFor(h, { timeout: 200, maxRetries: 3 }).cases.create(NEW_CASE), 10_000);
    expect(r).not.toBe('hung');
    expect(h.count(POST)).toBe(1);
    expectContext(r !== 'hung' && !r.ok && r.error, TimeoutError, { timeout: 200, operationId: 'createCase', method: 'POST' });
  });

  it('a per-call timeout overrides the client one', async () => {
    h.handle(hang);
    const r = await settleWithin(clientFor(h, { timeout: 60_000 }).cases.get(1, { timeout: 150, maxRetries: 0 }), 10_000);
    expect(r).not.toBe('hung');
    expectContext(r !== 'hung' && !r.ok && r.error, TimeoutError, { timeout: 150 });
    expect(h.count(GET)).toBe(1);
  });

  it('headers sent, then the body stalls: the timeout still fires (TimeoutError, no hang)', async () => {
    h.handle((_, res) => hangAfterHeaders(res));
    const r = await settleWithin(clientFor(h, { timeout: 300, maxRetries: 0 }).cases.list(), 6_000);
    expect(r, 'the call settles within 20x its timeout option').not.toBe('hung');
    expectContext(r !== 'hung' && !r.ok && r.error, TimeoutError, {
      timeout: 300,
      operationId: 'listCases',
      method: 'GET',
      path: '/api/cases.json',
    });
  });
});

describe('bad bodies', () => {
  it.each([
    ['truncated JSON', '{"case": {"case_id": 1, "subject": "Prin', 'application/json'],
    ['malformed JSON', "{'case': {case_id: 1,}}", 'application/json'],
    ['an HTML page', HTML_PAGE, 'text/html'],
  ])('200 with %s: InvalidResponseError with status 200 and the call, not a bare SyntaxError', async (_, body, type) => {
    h.handle((_req, res) => sendText(res, 200, body, type));
    const r = await settle(clientFor(h).cases.get(1));
    expect(r.ok).toBe(false);
    expectContext(!r.ok && r.error, InvalidResponseError, {
      status: 200,
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/1.json',
    });
    expect(h.count(GET)).toBe(1);
  });

  it('200 with an empty body where an entity is promised: InvalidResponseError, not a silent undefined', async () => {
    h.handle((_, res) => void res.writeHead(200, { 'content-type': 'application/json', 'content-length': 0 }).end());
    const r = await settle(clientFor(h).cases.get(1));
    expectContext(!r.ok && r.error, InvalidResponseError, {
      status: 200,
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/1.json',
    });
  });

  it('502 with an HTML page: ServerError with the page as body, GET retried', async () => {
    h.handle((_, res) => sendText(res, 502, HTML_PAGE, 'text/html'));
    const r = await settle(clientFor(h, { maxRetries: 2 }).cases.get(1));
    expect(h.count(GET)).toBe(3);
    expectContext(!r.ok && r.error, ServerError, {
      status: 502,
      code: undefined,
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/1.json',
    });
    expect(!r.ok && (r.error as ServerError).body).toContain('502 Bad Gateway');
  });

  it('200 with an empty body (Content-Length: 0 and chunked): a list is empty, not an error', async () => {
    h.handle((req, res) => {
      if (req.n === 0) return void res.writeHead(200, { 'content-type': 'application/json', 'content-length': 0 }).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
    });
    const omnidesk = clientFor(h);
    expect(await omnidesk.cases.list()).toEqual({ items: [], total: 0 });
    expect(await omnidesk.cases.list()).toEqual({ items: [], total: 0 });
    expect(h.count('GET /api/cases.json')).toBe(2);
  });

  it('204 on delete is undefined, not an error', async () => {
    h.handle((_, res) => void res.writeHead(204).end());
    expect(await clientFor(h).cases.delete(1)).toBeUndefined();
    expect(h.count('DELETE /api/cases/1.json')).toBe(1);
  });

  it('204 on a bulk action (no body) means every id succeeded, as runtime.ts documents', async () => {
    h.handle((_, res) => void res.writeHead(204).end());
    const r = await settle(clientFor(h).cases.trash([1, 2, 3]));
    expect(r).toEqual({ ok: true, value: { succeeded: [1, 2, 3], failed: [] } });
    expect(h.count('PUT /api/cases/1,2,3/trash.json')).toBe(1);
  });

  it('wrong content type: JSON labelled text/html is still read; a 404 labelled text/plain keeps its code', async () => {
    h.handle((req, res) =>
      req.path.endsWith('/1.json')
        ? sendText(res, 200, JSON.stringify({ case: CASE }), 'text/html; charset=utf-8')
        : sendText(res, 404, JSON.stringify({ error: 'case_not_found' }), 'text/plain'),
    );
    const omnidesk = clientFor(h);
    expect(await omnidesk.cases.get(1)).toEqual(CASE);
    const r = await settle(omnidesk.cases.get(2));
    expectContext(!r.ok && r.error, NotFoundError, {
      status: 404,
      code: 'case_not_found',
      operationId: 'getCase',
      path: '/api/cases/2.json',
    });
  });
});

describe('huge bodies (50 MB, streamed)', () => {
  const SIZE = 50 * 1024 * 1024;

  it('a valid 50 MB list page is read whole: every entry, in order', async () => {
    h.handle((_, res) => streamHuge(h, res, 200, SIZE, true));
    const r = await settleWithin(clientFor(h, { timeout: 15_000 }).cases.list(), 30_000);
    expect(r).not.toBe('hung');
    const page = r !== 'hung' && r.ok ? r.value : { items: [], total: -1 };
    expect(page.items.length).toBeGreaterThan(40_000);
    expect(page.total).toBe(page.items.length);
    expect(page.items.every((c, i) => (c as { case_id: number }).case_id === i + 1)).toBe(true);
  }, 60_000);

  it('a 50 MB HTML page with 200: InvalidResponseError with status 200 and a short body sample, no hang', async () => {
    h.handle((_, res) => streamHuge(h, res, 200, SIZE, false));
    const r = await settleWithin(clientFor(h, { timeout: 15_000 }).cases.get(1), 30_000);
    expect(r).not.toBe('hung');
    expectContext(r !== 'hung' && !r.ok && r.error, InvalidResponseError, { status: 200, operationId: 'getCase' });
    // The error does not carry the 50 MB page around (it would end up in every log line).
    expect(String((r !== 'hung' && !r.ok && (r.error as InvalidResponseError).body) || '').length).toBeLessThan(10_000);
  }, 60_000);

  it('a 50 MB 502 page: retried, and the bodies of the retried attempts are not downloaded', async () => {
    h.handle((_, res) => streamHuge(h, res, 502, SIZE, false));
    const r = await settleWithin(clientFor(h, { timeout: 15_000, maxRetries: 2 }).cases.get(1), 45_000);
    expect(r).not.toBe('hung');
    expectContext(r !== 'hung' && !r.ok && r.error, ServerError, { status: 502, operationId: 'getCase' });
    expect(h.count(GET)).toBe(3);
    // No body is downloaded whole: the two retried ones are cancelled, and of the last one only the
    // first 64 KiB are read (its first 2,000 characters become error.body).
    expect(h.bytesStreamed).toBeLessThan(0.5 * SIZE);
    expect(((r !== 'hung' && !r.ok && r.error) as ServerError).body).toMatch(/… \(more than 65536 bytes in all\)$/);
  }, 90_000);
});

describe('redirects (never followed)', () => {
  it('POST answered 307 to a refused port: UnexpectedStatusError naming the redirect, the POST sent once', async () => {
    const dead = await closedPort();
    h.handle((_, res) => sendJson(res, 307, {}, { location: `http://127.0.0.1:${dead}/api/cases.json` }));
    const r = await settle(clientFor(h, { maxRetries: 2 }).cases.create(NEW_CASE));
    expectContext(!r.ok && r.error, UnexpectedStatusError, {
      status: 307,
      operationId: 'createCase',
      method: 'POST',
      path: '/api/cases.json',
    });
    expect((!r.ok && (r.error as Error).message) || '').toMatch(
      /307 redirect to "http:\/\/127\.0\.0\.1:\d+\/api\/cases\.json", not followed/,
    );
    expect(h.count(POST)).toBe(1);
  });

  it.each([301, 302, 303, 307, 308])('%i to another origin: nothing reaches it (no body, no headers), every method', async (status) => {
    const other = await startHarness((_, res) => sendJson(res, 201, { case: { case_id: 666 } }));
    try {
      h.handle((req, res) => sendJson(res, status, {}, { location: `${other.baseUrl}${req.path.slice(4)}` }));
      const omnidesk = clientFor(h, { headers: { 'x-custom': 'secret-ish' } });
      const calls: (() => Promise<unknown>)[] = [
        () => omnidesk.cases.create(NEW_CASE),
        () => omnidesk.cases.get(1),
        () => omnidesk.cases.update(1, { subject: 'x' }),
        () => omnidesk.cases.delete(1),
      ];
      for (const call of calls) {
        const r = await settle(call());
        expect(r.ok).toBe(false);
        expectContext(!r.ok && r.error, UnexpectedStatusError, { status });
      }
      const raw = await omnidesk.raw.GET('/cases/{case_id}.json', { params: { path: { case_id: 1 } } });
      expect(raw.response.status).toBe(status);
      expect(other.requests).toEqual([]);
      // Each call once: a redirect is not retried.
      expect(h.requests).toHaveLength(5);
    } finally {
      await other.close();
    }
  });
});

describe('success body bound (64 MiB, counted after decompression)', () => {
  it('a gzip answer that inflates past the bound: InvalidResponseError, the rest not read', async () => {
    // ~70 MiB of valid JSON, ~70 KB on the wire: today's reader would return it as a case.
    const json = Buffer.alloc(70 * 1024 * 1024, 'x');
    json.write('{"case": {"subject": "', 0);
    json.write('"}}', json.length - 3);
    const gz = gzipSync(json);
    expect(gz.length).toBeLessThan(1024 * 1024);
    h.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gz.length });
      res.end(gz);
    });
    const r = await settleWithin(clientFor(h, { timeout: 15_000 }).cases.get(1), 30_000);
    expect(r).not.toBe('hung');
    expectContext(r !== 'hung' && !r.ok && r.error, InvalidResponseError, { status: 200, operationId: 'getCase', method: 'GET' });
    expect((r !== 'hung' && !r.ok && (r.error as Error).message) || '').toMatch(/over 67108864 bytes/);
    expect(h.count(GET)).toBe(1);
  }, 60_000);

  it('an endless chunked body stops at the bound (InvalidResponseError), not at the timeout', async () => {
    h.handle((_, res) => streamEndless(h, res));
    // A timeout far beyond the test's: only the bound can end this call.
    const r = await settleWithin(clientFor(h, { timeout: 600_000 }).cases.get(1), 40_000);
    expect(r).not.toBe('hung');
    expectContext(r !== 'hung' && !r.ok && r.error, InvalidResponseError, { status: 200, operationId: 'getCase' });
    expect(h.bytesStreamed).toBeLessThan(96 * 1024 * 1024);
  }, 60_000);
});

describe('printing an error never throws and stays short', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const printings = (error: unknown) => [
    () => inspect(error),
    () => inspect(error, { depth: Infinity, showHidden: true }),
    () => JSON.stringify(error),
    () => String(error),
    () => format('%o %O %s %j', error, error, error, error),
  ];

  it.each([
    ['a 404 whose body is JSON nested 30,000 deep', 404, () => deep(30_000), NotFoundError],
    ['a 200 whose body is JSON nested 100,000 deep, without the entity', 200, () => `{"x": ${deep(100_000)}}`, InvalidResponseError],
    [
      'an 8 MB 200 answer without the entity',
      200,
      () => JSON.stringify({ x: 'y'.repeat(8 * 1024 * 1024), list: Array.from({ length: 50_000 }, (_, i) => i) }),
      InvalidResponseError,
    ],
  ] as const)('%s', async (_, status, body, cls) => {
    const text = body();
    h.handle((__, res) => sendText(res, status, text, 'application/json'));
    const r = await settle(clientFor(h).cases.get(1));
    expectContext(!r.ok && r.error, cls, { status, operationId: 'getCase' });
    for (const print of printings(!r.ok && r.error)) {
      const out = print();
      expect(out.length).toBeLessThan(20_000);
    }
  });
});

describe('Retry-After as an HTTP date', () => {
  it('a date an hour ahead is read as ~3600 s: over maxRetryAfter, RateLimitError at once', async () => {
    const at = new Date(Date.now() + 3_600_000).toUTCString();
    h.handle((_, res) => sendJson(res, 429, { error: 'too_many_requests' }, { 'retry-after': at }));
    const r = await settle(clientFor(h, { maxRetryAfter: 60 }).cases.get(1));
    expectContext(!r.ok && r.error, RateLimitError, { status: 429 });
    const retryAfter = (!r.ok && (r.error as RateLimitError).retryAfter) as number;
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3601);
    expect(h.count(GET)).toBe(1);
  });

  it('a date in the past is a wait of 0: retried, then the answer', async () => {
    const at = new Date(Date.now() - 60_000).toUTCString();
    h.handle((req, res) =>
      req.n === 0 ? sendJson(res, 429, { error: 'too_many_requests' }, { 'retry-after': at }) : sendJson(res, 200, { case: CASE }),
    );
    const omnidesk = clientFor(h);
    expect(await omnidesk.cases.get(1)).toEqual(CASE);
    expect(h.count(GET)).toBe(2);
    // The last rate-limit headers seen are the 429's: its date read as a wait of 0 s.
    expect(omnidesk.rateLimit?.retryAfter).toBe(0);
  });
});

describe('a walk that never ends', () => {
  const page = (from: number) => Object.fromEntries(Array.from({ length: 100 }, (_, i) => [String(i), { case: { case_id: from + i } }]));

  it('a server that ignores `page` and sends no total_count: listAll stops at the repeated page', async () => {
    h.handle((_, res) => sendJson(res, 200, page(1)));
    const seen: number[] = [];
    for await (const c of clientFor(h).cases.listAll()) seen.push(c.case_id);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(h.requests).toHaveLength(2);
  });

  it('pages that never end: InvalidResponseError after maxPages, no more requests', async () => {
    h.handle((req, res) => sendJson(res, 200, page(1 + 100 * (Number(new URLSearchParams(req.search).get('page')) - 1))));
    let items = 0;
    const walk = (async () => {
      for await (const _ of clientFor(h).cases.listAll({}, { maxPages: 5 })) items++;
    })();
    const r = await settleWithin(walk, 15_000);
    expect(r).not.toBe('hung');
    expect(r !== 'hung' && !r.ok && r.error).toBeInstanceOf(InvalidResponseError);
    expect((r !== 'hung' && !r.ok && (r.error as Error).message) || '').toMatch(/after 5 pages \(maxPages\)/);
    expect(items).toBe(500);
    expect(h.requests).toHaveLength(5);
  });
});

describe('a logger that throws', () => {
  it('never ends the call nor skips the retries', async () => {
    h.handle((req, res) => (req.n < 2 ? sendJson(res, 503, { error: 'unavailable' }) : sendJson(res, 200, { case: CASE })));
    let lines = 0;
    const logger = {
      debug() {
        lines++;
        throw new Error('logger broke');
      },
    };
    expect(await clientFor(h, { logger }).cases.get(1)).toEqual(CASE);
    expect(h.count(GET)).toBe(3);
    expect(lines).toBeGreaterThanOrEqual(3);
  });

  it('an async logger that rejects leaves no unhandled rejection (checked after each test)', async () => {
    h.handle((req, res) => (req.n < 1 ? sendJson(res, 503, { error: 'unavailable' }) : sendJson(res, 200, { case: CASE })));
    const logger = { debug: () => Promise.reject(new Error('logger broke')) as never };
    expect(await clientFor(h, { logger }).cases.get(1)).toEqual(CASE);
    expect(h.count(GET)).toBe(2);
  });
});

describe('a custom fetch in either call style', () => {
  it.each([
    [
      '(url, init), spreading init.headers',
      (url: Request, init: RequestInit & { headers: Record<string, string> }) =>
        fetch(url, { ...init, headers: { ...init.headers, 'x-trace': '1' } }),
    ],
    [
      '(url.url, init): the URL as a string',
      (url: Request, init: RequestInit & { headers: Record<string, string> }) =>
        fetch(url.url, { ...init, headers: { ...init.headers, 'x-trace': '1' } }),
    ],
    ['(request) alone', (request: Request) => (request.headers.set('x-trace', '1'), fetch(request))],
  ] as const)('%s: Authorization kept, method and body sent', async (_, customFetch) => {
    h.handle((_req, res) => sendJson(res, 201, { case: { ...CASE, case_id: 5 } }));
    expect(await clientFor(h, { fetch: customFetch as never }).cases.create(NEW_CASE)).toMatchObject({ case_id: 5 });
    expect(h.requests).toHaveLength(1);
    const [req] = h.requests;
    expect(req!.method).toBe('POST');
    expect(req!.headers.authorization).toBe(BASIC);
    expect(req!.headers['x-trace']).toBe('1');
    expect(JSON.parse(req!.body.toString())).toEqual({ case: NEW_CASE });
  });
});

describe('small ones', () => {
  it('a 200 {"case": []} (the empty-list shape) for cases.get: InvalidResponseError, not [] typed as a Case', async () => {
    h.handle((_, res) => sendJson(res, 200, { case: [] }));
    const r = await settle(clientFor(h).cases.get(1));
    expectContext(!r.ok && r.error, InvalidResponseError, { status: 200, operationId: 'getCase' });
  });

  it('trash([1, 1]): the id is sent once and reported once', async () => {
    h.handle((_, res) => sendJson(res, 200, { case_success_id: [1] }));
    const outcome = await clientFor(h).cases.trash([1, 1]);
    expect(outcome).toEqual({ succeeded: [1], failed: [] });
    expect(h.requests.map((r) => r.path)).toEqual(['/api/cases/1/trash.json']);
  });
});

describe('aborts are errors of the SDK', () => {
  it("the caller's abort: AbortError (an OmnideskError) with the call, the reason as its cause", async () => {
    h.handle(hang);
    const controller = new AbortController();
    const call = settle(clientFor(h, { timeout: 600_000 }).cases.get(1, { signal: controller.signal }));
    // Aborted once the request is on the server (a state, not a delay).
    for (let i = 0; i < 500 && h.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const reason = new Error('user left');
    controller.abort(reason);
    const r = await call;
    expectContext(!r.ok && r.error, AbortError, {
      name: 'AbortError',
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/1.json',
      cause: reason,
    });
  });

  it("AbortSignal.timeout(): the SDK's TimeoutError, not a bare DOMException named TimeoutError", async () => {
    h.handle(hang);
    const r = await settleWithin(clientFor(h, { timeout: 600_000 }).cases.get(1, { signal: AbortSignal.timeout(200) }), 10_000);
    expect(r).not.toBe('hung');
    expectContext(r !== 'hung' && !r.ok && r.error, TimeoutError, { operationId: 'getCase', method: 'GET', timeout: undefined });
  });
});

describe('one encoding rule for Date, null, booleans and empty arrays: JSON, form and query alike', () => {
  const when = new Date(1_400_000_000_000);

  it('a Date is Unix seconds in a JSON body, a multipart body and a query; null is left out of each', async () => {
    h.handle((_, res) => sendJson(res, 201, { case: { ...CASE, case_id: 8 }, total_count: 0 }));
    const omnidesk = clientFor(h);
    await omnidesk.cases.create({ ...NEW_CASE, created_at: when as never, cc_emails: null as never });
    await omnidesk.cases.create({ ...NEW_CASE, created_at: when as never, cc_emails: null as never, attachments: [new Blob(['x'])] });
    await omnidesk.cases.list({ from_time: when as never, to_time: null as never });
    const [json, form, query] = h.requests;
    expect(JSON.parse(json!.body.toString())).toEqual({ case: { ...NEW_CASE, created_at: 1_400_000_000 } });
    expect(form!.body.toString()).toContain('name="case[created_at]"\r\n\r\n1400000000\r\n');
    expect(form!.body.toString()).not.toContain('cc_emails');
    expect(query!.search).toBe('from_time=1400000000');
  });

  it('a boolean is true/false in a JSON body, a multipart body and a query (forms sent 1/0)', async () => {
    h.handle((_, res) => sendJson(res, 201, { message: { message_id: 8 }, case: [] }));
    const omnidesk = clientFor(h);
    await omnidesk.messages.create(1, { content: 'c', do_not_send_email: true });
    await omnidesk.messages.create(1, { content: 'c', do_not_send_email: false, attachments: [new Blob(['x'])] });
    await omnidesk.messages.create(1, { content: 'c', do_not_send_email: true, attachments: [new Blob(['x'])] });
    await omnidesk.cases.list({ show_merged_cases: true, show_active_chats: false });
    const [json, formFalse, formTrue, query] = h.requests;
    expect(JSON.parse(json!.body.toString())).toEqual({ message: { content: 'c', do_not_send_email: true } });
    expect(formFalse!.body.toString()).toContain('name="message[do_not_send_email]"\r\n\r\nfalse\r\n');
    expect(formTrue!.body.toString()).toContain('name="message[do_not_send_email]"\r\n\r\ntrue\r\n');
    expect(query!.search).toBe('show_merged_cases=true&show_active_chats=false');
  });

  it('an empty array is [] in JSON; in a query or a form, which cannot carry it: InvalidRequestError naming it, nothing sent', async () => {
    h.handle((_, res) => sendJson(res, 201, { case: { ...CASE, case_id: 8 } }));
    const omnidesk = clientFor(h);
    await omnidesk.cases.update(1, { add_labels: [] });
    expect(JSON.parse(h.requests[0]!.body.toString())).toEqual({ case: { add_labels: [] } });
    const refused = [
      // `status: []` was dropped: the empty multi-select matched every case.
      [() => omnidesk.cases.list({ status: [] }), 'query parameter status: cannot send an empty array'],
      [
        () => omnidesk.cases.list({ custom_fields: { cf_26: [] } } as never),
        'query parameter custom_fields[cf_26]: cannot send an empty array',
      ],
      [() => omnidesk.cases.list({ labels: [null, undefined] } as never), 'query parameter labels: cannot send an empty array'],
      // `labels: []` beside a file was dropped from the form: the labels were not cleared.
      [
        () => omnidesk.cases.create({ ...NEW_CASE, labels: [], attachments: [new Blob(['x'])] } as never),
        'case[labels]: cannot send an empty array',
      ],
    ] as const;
    for (const [call, message] of refused) {
      const r = await settle(call() as Promise<unknown>);
      expect(!r.ok && r.error).toBeInstanceOf(InvalidRequestError);
      expect((!r.ok && (r.error as Error).message) || '').toContain(message);
    }
    expect(h.requests).toHaveLength(1);
  });

  it('an invalid Date in a JSON body: InvalidRequestError naming the field, nothing sent', async () => {
    const r = await settle(clientFor(h).cases.create({ ...NEW_CASE, created_at: new Date('nope') as never }));
    expect(!r.ok && r.error).toBeInstanceOf(InvalidRequestError);
    expect((!r.ok && (r.error as Error).message) || '').toMatch(/body field created_at: cannot send an invalid Date/);
    expect(h.requests).toEqual([]);
  });
});
