// A fault-injection HTTP server for the reliability tests: loopback only, port 0 (OS-assigned),
// one behaviour per test, every request counted (per "METHOD /path") and its body recorded.
// Every socket is tracked and destroyed by close(), so nothing outlives a test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { createOmnideskClient, type OmnideskClientOptions } from '../../src/index.js';

/** Obviously fake credentials; the secrets tests search every output for them. */
export const EMAIL = 'agent@example.com';
export const API_KEY = 'test-key-not-real-123';
export const BASIC = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;

export interface Recorded {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The raw query string (without `?`). */
  search: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** 0-based index of this request among those to the same `METHOD path`. */
  n: number;
  /** 0-based index among all requests. */
  index: number;
}

export type Handler = (req: Recorded, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface Harness {
  /** `http://127.0.0.1:<port>/api` */
  baseUrl: string;
  port: number;
  requests: Recorded[];
  /** How many requests reached `METHOD /path` (e.g. `GET /api/cases/1.json`). */
  count(key: string): number;
  /** Replace the behaviour (the default answers 500 `no_handler`). */
  handle(handler: Handler): void;
  /** Bytes written by huge-body answers (to prove a body was or was not downloaded). */
  bytesStreamed: number;
  /** Sockets currently open. */
  openSockets(): number;
  close(): Promise<void>;
}

/** Starts a harness server on 127.0.0.1, port 0. */
export async function startHarness(handler?: Handler): Promise<Harness> {
  let current: Handler = handler ?? ((_, res) => sendJson(res, 500, { error: 'no_handler' }));
  const sockets = new Set<Socket>();
  const perKey = new Map<string, number>();
  const requests: Recorded[] = [];

  const server: Server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    raw.on('data', (c: Buffer) => {
      size += c.length;
      // Bounded: request bodies are recorded up to 60 MB (the SDK refuses more than 50 MB).
      if (size <= 60 * 1024 * 1024) chunks.push(c);
    });
    raw.on('error', () => undefined);
    raw.on('end', () => {
      const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
      const key = `${raw.method} ${url.pathname}`;
      const n = perKey.get(key) ?? 0;
      perKey.set(key, n + 1);
      const rec: Recorded = {
        method: raw.method ?? '',
        path: url.pathname,
        search: url.search.slice(1),
        headers: raw.headers,
        body: Buffer.concat(chunks),
        n,
        index: requests.length,
      };
      requests.push(rec);
      Promise.resolve()
        .then(() => current(rec, res, raw))
        .catch((error: unknown) => {
          if (!res.headersSent) sendJson(res, 599, { error: 'harness_failure', message: String(error) });
          else res.destroy();
        });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const harness: Harness = {
    baseUrl: `http://127.0.0.1:${port}/api`,
    port,
    requests,
    bytesStreamed: 0,
    count: (key) => perKey.get(key) ?? 0,
    handle: (h) => {
      current = h;
    },
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return harness;
}

// ---- Answers -------------------------------------------------------------------------------

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  type: string,
  headers: Record<string, string | number> = {},
): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** 429 with Omnidesk's lowercase-underscore headers. */
export function tooMany(res: ServerResponse, retryAfter: number): void {
  sendJson(res, 429, { error: 'too_many_requests' }, { retry_after: retryAfter, rate_limit_per_minute: 60, api_calls_left: 0 });
}

/** Destroys the socket before any byte of the answer (the client sees ECONNRESET / "other side closed"). */
export function resetBeforeHeaders(res: ServerResponse): void {
  res.socket?.destroy();
}

/** Sends the status line, headers and part of the body, then destroys the socket. */
export function resetAfterHeaders(res: ServerResponse, partial = '{"case": {"case_id": 1, "subj'): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000 });
  res.write(partial, () => setTimeout(() => res.socket?.destroy(), 20));
}

/** Never answers: the socket stays open until the client gives up or the harness closes. */
export function hang(): void {
  // nothing
}

/** Sends headers and the start of a body, then stalls (never ends the body). */
export function hangAfterHeaders(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"0": {"case": {"case_id": 1}}, ');
}

export const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

/**
 * Streams `total` bytes: a JSON list page of filler entries when `json` (valid JSON, so the size
 * is the only fault), otherwise HTML filler. Respects backpressure and stops when the socket
 * closes, so the server never buffers more than one chunk.
 */
export function streamHuge(h: Harness, res: ServerResponse, status: number, total: number, json: boolean): void {
  res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/html' });
  const filler = 'x'.repeat(1000);
  let sent = 0;
  let index = 0;
  let stopped = false;
  res.on('close', () => (stopped = true));
  const head = json ? '{' : '<html><body>';
  const tail = json ? `"total_count": ${0}}` : '</body></html>';
  const piece = (): string => {
    if (json) {
      const p = `"${index}": {"case": {"case_id": ${index + 1}, "subject": "${filler}"}}, `;
      index++;
      return p;
    }
    return filler;
  };
  const write = () => {
    while (!stopped) {
      if (sent === 0) {
        sent += head.length;
        h.bytesStreamed += head.length;
        if (!res.write(head)) return void res.once('drain', write);
        continue;
      }
      if (sent >= total - 2000) {
        const end = json ? tail.replace('0}', `${index}}`) : tail;
        h.bytesStreamed += end.length;
        res.end(end);
        return;
      }
      let chunk = '';
      while (chunk.length < 64 * 1024) chunk += piece();
      sent += chunk.length;
      h.bytesStreamed += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', write);
    }
  };
  write();
}

/** A keyed Omnidesk list page: `{"0": {"case": {...}}, ..., "total_count": n}`. */
export function listPage(entries: unknown[], total: number, key = 'case'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  entries.forEach((e, i) => (body[String(i)] = { [key]: e }));
  body.total_count = total;
  return body;
}

// ---- Client and test helpers ---------------------------------------------------------------

export function clientFor(h: Harness, options: Partial<OmnideskClientOptions> = {}) {
  return createOmnideskClient({ baseUrl: h.baseUrl, email: EMAIL, apiKey: API_KEY, timeout: 2000, ...options });
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Never rejects: the outcome of a promise as a value. */
export function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/**
 * A liveness bound, not a timing assertion: resolves `'hung'` when the call has not settled after
 * `ms` (chosen as many times the SDK's own timeout option), so a hang fails with a clear message
 * instead of vitest's generic test timeout.
 */
export async function settleWithin<T>(p: Promise<T>, ms: number): Promise<Settled<T> | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)));
  try {
    return await Promise.race([settle(p), bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** Collects unhandled promise rejections between start() and stop(). */
export function rejectionWatch() {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  return {
    seen,
    start: () => process.on('unhandledRejection', listener),
    /** Waits two macrotasks (rejections are reported after the microtask queue drains), then detaches. */
    stop: async () => {
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 10));
      process.off('unhandledRejection', listener);
      return seen;
    },
  };
}

/**
 * The per-test setup of the fault and load tests: before each test, Math.random pinned to 0 (the
 * backoff's jitter factor becomes 0.5), a fresh harness handed to `use`, and a rejection watch;
 * after it, real timers back, the mocks restored, the harness closed, and the test fails if a
 * promise rejection went unhandled.
 */
export function harnessPerTest(use: (harness: Harness) => void): void {
  let harness: Harness;
  let watch: ReturnType<typeof rejectionWatch>;

  beforeEach(async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    harness = await startHarness();
    use(harness);
    watch = rejectionWatch();
    watch.start();
  });

  afterEach(async () => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    await harness.close();
    expect(await watch.stop(), 'no unhandled promise rejection').toEqual([]);
  });
}

/** Runs `tasks` with at most `concurrency` in flight; results in task order. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<{ results: T[]; maxInFlight: number }> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        results[i] = await tasks[i]!();
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return { results, maxInFlight };
}

/** A port that refuses connections: listened on, then closed. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Sends headers, then body bytes for ever (respecting backpressure) until the client goes away. */
export function streamEndless(h: Harness, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = `{"case": {"subject": "${'x'.repeat(64 * 1024)}`;
  let stopped = false;
  res.on('close', () => (stopped = true));
  const write = () => {
    while (!stopped) {
      h.bytesStreamed += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', write);
    }
  };
  write();
}
