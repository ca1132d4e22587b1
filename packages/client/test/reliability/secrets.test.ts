// The API key and the Basic header value never leave the client: not in any error the harness can
// provoke (message, stack, toString, JSON, util.inspect, anything reachable from it), not in the
// client object, not in the debug log, not on the console.
import { format, inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AttachmentTooLargeError,
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  type Logger,
  NotFoundError,
  type OmnideskError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedStatusError,
  ValidationError,
} from '../../src/index.js';
import {
  API_KEY,
  BASIC,
  clientFor,
  closedPort,
  EMAIL,
  type Harness,
  HTML_PAGE,
  hang,
  resetBeforeHeaders,
  sendJson,
  sendText,
  settle,
  startHarness,
  tooMany,
} from './harness.js';

vi.setConfig({ testTimeout: 20_000 });

const BASIC_VALUE = BASIC.slice('Basic '.length);
const SECRETS = [API_KEY, BASIC_VALUE, encodeURIComponent(API_KEY)];

/** Every string reachable from `root` through own properties (enumerable or not), bounded. */
function reachableText(root: unknown): string {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (v: unknown, depth: number) => {
    if (typeof v === 'string') return void out.push(v);
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return void out.push(String(v));
    if (!v || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v) || depth > 8 || seen.size > 5000) return;
    seen.add(v);
    if (v instanceof Headers) return void v.forEach((value, key) => out.push(key, value));
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) visit(d.value, depth + 1);
      if (typeof key === 'string') out.push(key);
    }
  };
  visit(root, 0);
  return out.join('\n');
}

/** All the ways a user (or a logging library) turns an error into text. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    message: String(e.message),
    stack: String(e.stack),
    toString: String(e),
    json: JSON.stringify(e) ?? '',
    inspect: inspect(e, { depth: Infinity, showHidden: true }),
    inspectCause: inspect((e as { cause?: unknown }).cause, { depth: Infinity, showHidden: true }),
    format: format('%o %O %s %j', e, e, e, e),
    reachable: reachableText(e),
  };
}

function expectNoSecret(label: string, text: string) {
  for (const secret of SECRETS) expect(text.includes(secret), `${label} contains a credential`).toBe(false);
}

let h: Harness;
const logLines: string[] = [];
const consoleLines: string[] = [];
const logger: Logger = {
  debug: (message, data) => void logLines.push(`${message} ${JSON.stringify(data)} ${inspect(data, { depth: Infinity })}`),
};

beforeAll(async () => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleLines.push(format(...args)));
  }
  h = await startHarness((req, res) => {
    const m = /\/cases\/(\d+)\.json$/.exec(req.path);
    const id = m ? Number(m[1]) : 0;
    switch (id) {
      case 400:
        return sendJson(res, 400, { error: 'wrong_email' }, { 'sl-violations': JSON.stringify([{ message: 'bad' }]) });
      case 401:
        return sendJson(res, 401, { error: 'wrong_api_key' });
      case 403:
        return sendJson(res, 403, { error: 'staff_not_active' });
      case 404:
        return sendJson(res, 404, { error: 'case_not_found' });
      case 418:
        return sendText(res, 418, 'teapot', 'text/plain');
      case 422:
        return sendJson(res, 422, { error: 'incorrect_user_email' });
      case 429:
        return tooMany(res, 0);
      case 500:
        return sendJson(res, 500, { error: 'internal_server_error' });
      case 502:
        return sendText(res, 502, HTML_PAGE, 'text/html');
      case 700:
        return sendText(res, 200, '{"case": {"case_id": 1', 'application/json');
      case 701:
        return sendText(res, 200, HTML_PAGE, 'text/html');
      case 800:
        return resetBeforeHeaders(res);
      case 900:
        return hang();
      default:
        return sendJson(res, 200, { case: { case_id: id } }, { api_calls_left: 99 });
    }
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await h.close();
});

afterEach(() => {
  expectNoSecret('debug log', logLines.join('\n'));
  expectNoSecret('console', consoleLines.join('\n'));
});

describe('credentials never leak', () => {
  it('the detector itself finds a credential hidden deep in an error (so a pass means something)', () => {
    const hidden = new Error('outer', { cause: { request: { headers: new Headers({ authorization: BASIC }) } } });
    Object.defineProperty(hidden, 'secret', { value: { deep: [API_KEY] }, enumerable: false });
    const r = renderings(hidden);
    expect(r.reachable).toContain(BASIC_VALUE);
    expect(r.reachable).toContain(API_KEY);
    expect(r.inspect).toContain(API_KEY);
  });

  it('the harness really receives the Basic header (the search below is not vacuous)', async () => {
    await clientFor(h, { logger }).cases.get(1);
    expect(h.requests.at(-1)!.headers.authorization).toBe(BASIC);
    expect(Buffer.from(BASIC_VALUE, 'base64').toString()).toBe(`${EMAIL}:${API_KEY}`);
  });

  it.each([
    [400, 'ValidationError', ValidationError],
    [401, 'AuthenticationError', AuthenticationError],
    [403, 'PermissionDeniedError', PermissionDeniedError],
    [404, 'NotFoundError', NotFoundError],
    [418, 'UnexpectedStatusError', UnexpectedStatusError],
    [422, 'ValidationError', ValidationError],
    [429, 'RateLimitError', RateLimitError],
    [500, 'ServerError', ServerError],
    [502, 'ServerError', ServerError],
    [800, 'ConnectionError', ConnectionError],
    [900, 'TimeoutError', TimeoutError],
  ] as const)('case %i → %s: no credential in any rendering of the error', async (id, _name, cls) => {
    const omnidesk = clientFor(h, { logger, maxRetries: 1, timeout: 300 });
    const r = await settle(omnidesk.cases.get(id));
    expect(r.ok).toBe(false);
    const error = !r.ok && r.error;
    expect(error).toBeInstanceOf(cls);
    // Log it the way applications do, so the console capture sees it too.
    console.error('request failed', error);
    console.log(String(error), JSON.stringify(error));
    for (const [label, text] of Object.entries(renderings(error))) expectNoSecret(`${cls.name} ${label}`, text);
  });

  it.each([
    [700, 'truncated JSON with 200'],
    [701, 'an HTML page with 200'],
  ])('case %i (%s): whatever the SDK throws holds no credential', async (id) => {
    const r = await settle(clientFor(h, { logger }).cases.get(id));
    expect(r.ok).toBe(false);
    console.error(!r.ok && r.error);
    for (const [label, text] of Object.entries(renderings(!r.ok && r.error))) expectNoSecret(label, text);
  });

  it('connection refused (raw client and resource method): no credential', async () => {
    const dead = await closedPort();
    const omnidesk = clientFor(h, { baseUrl: `http://127.0.0.1:${dead}/api`, logger, maxRetries: 0 });
    const viaResource = await settle(omnidesk.cases.create({ user_email: 'c@example.com', subject: 's', content: 'c' }));
    const viaRaw = await settle(omnidesk.raw.GET('/cases/{case_id}.json', { params: { path: { case_id: 1 } } }));
    for (const r of [viaResource, viaRaw]) {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toBeInstanceOf(ConnectionError);
      for (const [label, text] of Object.entries(renderings(!r.ok && r.error))) expectNoSecret(label, text);
    }
  });

  it('errors raised before sending (bad arguments, oversized attachment): no credential', async () => {
    const omnidesk = clientFor(h, { logger });
    const bad = await settle(omnidesk.cases.get(-1 as number));
    const big = await settle(
      omnidesk.cases.create({
        user_email: 'c@example.com',
        subject: 's',
        content: 'c',
        attachments: [{ name: 'big.bin', data: new Blob([new Uint8Array(25 * 1024 * 1024 + 1)]) }],
      }),
    );
    expect(!bad.ok && bad.error).toBeInstanceOf(InvalidRequestError);
    expect(!big.ok && big.error).toBeInstanceOf(AttachmentTooLargeError);
    for (const r of [bad, big]) for (const [label, text] of Object.entries(renderings(!r.ok && r.error))) expectNoSecret(label, text);
  });

  it('the client object: JSON, toString, util.inspect, everything reachable', async () => {
    const omnidesk = clientFor(h, { logger });
    await omnidesk.cases.get(1);
    const texts = {
      json: JSON.stringify(omnidesk),
      toString: String(omnidesk),
      inspect: inspect(omnidesk, { depth: Infinity, showHidden: true }),
      inspectRaw: inspect(omnidesk.raw, { depth: Infinity, showHidden: true }),
      format: format('%o %O %j', omnidesk, omnidesk, omnidesk),
      reachable: reachableText(omnidesk),
    };
    for (const [label, text] of Object.entries(texts)) expectNoSecret(`client ${label}`, text);
    // Not vacuous: the renderings do describe the client.
    expect(texts.json).toContain(h.baseUrl);
    expect(texts.inspect).toContain(h.baseUrl);
  });

  it('the debug log got a line per attempt, and none holds a credential', () => {
    // afterEach checks the whole log; this checks that there is a log to check.
    expect(logLines.length).toBeGreaterThan(20);
    expect(logLines.some((l) => l.includes('"status":401'))).toBe(true);
    expect(consoleLines.length).toBeGreaterThan(10);
    expectNoSecret('debug log', logLines.join('\n'));
  });

  it('every error class produced here is an OmnideskError with the call in it (a useful log line without secrets)', async () => {
    const r = await settle(clientFor(h, { logger }).cases.get(401));
    const error = !r.ok ? (r.error as OmnideskError) : undefined;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error!.message).toContain('/api/cases/401.json');
    expect(error!.toJSON()).toMatchObject({ status: 401, code: 'wrong_api_key', operationId: 'getCase', method: 'GET' });
    expect(String(error)).not.toContain(`${EMAIL}:`);
  });
});
