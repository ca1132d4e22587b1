import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as errors from '../src/errors.js';
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  OmnideskError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnexpectedStatusError,
  ValidationError,
} from '../src/errors.js';
import { createOmnideskClient } from '../src/index.js';
import { ResponseValidationError } from '../src/validate-error.js';
import { API_KEY, EMAIL, json, miniClient, reset, scriptedFetch } from './util.js';

const secrets = [API_KEY, btoa(`${EMAIL}:${API_KEY}`), 'Basic '];
const expectNoSecrets = (text: string) => {
  for (const s of secrets) expect(text).not.toContain(s);
};

describe('error classes by status', () => {
  const table = [
    [400, ValidationError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, ValidationError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [409, UnexpectedStatusError],
  ] as const;
  for (const [status, Class] of table) {
    it(`${status} → ${Class.name}`, async () => {
      const { fetch } = scriptedFetch(json({ error: 'some_code' }, status));
      const error = await miniClient(fetch, { maxRetries: 0 })
        .cases.get(1)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Class);
      expect(error).toBeInstanceOf(OmnideskError);
      expect(error).toMatchObject({ status, code: 'some_code', operationId: 'getCase', method: 'GET', path: '/api/cases/1.json' });
    });
  }

  it("422 carries the server's details: problem+json body", async () => {
    const problem = {
      type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      title: 'Invalid request',
      validation: [{ location: ['query', 'status'], message: 'must be equal to one of the allowed values' }],
    };
    const { fetch } = scriptedFetch(
      new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } }),
    );
    const error = (await miniClient(fetch)
      .cases.list({ status: ['open'] })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual(problem);
    expect(error.code).toBeUndefined();
  });

  it("422 carries the server's details: the sl-violations header", async () => {
    const violations = [
      { location: ['request', 'body'], severity: 'Error', code: 'required', message: "must have required property 'subject'" },
    ];
    const { fetch } = scriptedFetch(json({ error: 'incorrect_data' }, 422, { 'sl-violations': JSON.stringify(violations) }));
    const error = (await miniClient(fetch)
      .cases.create({ subject: '', content: 'c', user_email: 'u' })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.details).toEqual(violations);
    expect(error.code).toBe('incorrect_data');
  });

  it('keeps an answer header named __proto__ as a plain field of `headers`, changing no prototype', async () => {
    const answer = new Response('{"error":"case_not_found"}', {
      status: 404,
      headers: new Headers([
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ]),
    });
    const error = (await miniClient(async () => answer)
      .cases.get(1)
      .catch((e: unknown) => e)) as OmnideskError;
    expect(Object.getPrototypeOf(error.headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(error.headers, '__proto__')?.value).toBe('x');
    expect(error.headers!.constructor).toBe('y');
  });

  it('a non-JSON error body is kept as text', async () => {
    const { fetch } = scriptedFetch(new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = (await miniClient(fetch, { maxRetries: 0 })
      .cases.get(1)
      .catch((e: unknown) => e)) as ServerError;
    expect(error.body).toBe('<html>Bad Gateway</html>');
    expect(error.code).toBeUndefined();
  });
});

describe('large error bodies', () => {
  it('a huge non-JSON error body is cut to its first 2,000 characters, with a note of its length', async () => {
    const page = `<html>${'Bad Gateway '.repeat(1000)}</html>`;
    const { fetch } = scriptedFetch(new Response(page, { status: 502 }));
    const error = (await miniClient(fetch, { maxRetries: 0 })
      .cases.get(1)
      .catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(typeof error.body).toBe('string');
    const body = error.body as string;
    expect(body.startsWith(page.slice(0, 2000))).toBe(true);
    expect(body.length).toBeLessThan(2100);
    expect(body).toContain(`${page.length} characters`);
  });

  it('a 50 MB error body is neither read whole nor kept: the read stops early and the body kept is short', async () => {
    const chunk = new TextEncoder().encode('<p>Bad Gateway</p>'.repeat(3641)); // ~64 KB
    const total = 50 * 1024 * 1024;
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const { fetch } = scriptedFetch(() => new Response(stream, { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = (await miniClient(fetch, { maxRetries: 0 })
      .cases.get(1)
      .catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(pulled).toBeLessThan(1024 * 1024);
    expect((error.body as string).length).toBeLessThan(2100);
    expect(error.body).toMatch(/^<p>Bad Gateway<\/p>/);
    expect(error.body).toMatch(/more than/);
    expect(JSON.stringify(error).length).toBeLessThan(5000);
  });

  it('a JSON error body is parsed as before', async () => {
    const { fetch } = scriptedFetch(json({ error: 'case_not_found', detail: 'x'.repeat(5000) }, 404));
    const error = (await miniClient(fetch)
      .cases.get(1)
      .catch((e: unknown) => e)) as NotFoundError;
    expect(error.body).toEqual({ error: 'case_not_found', detail: 'x'.repeat(5000) });
  });
});

describe('no credentials anywhere', () => {
  it('errors: message, toString, toJSON, inspect, cause', async () => {
    const { fetch } = scriptedFetch(json({ error: 'wrong_api_key' }, 401, { 'www-authenticate': 'Basic realm="api"' }));
    const error = (await miniClient(fetch)
      .cases.get(1)
      .catch((e: unknown) => e)) as AuthenticationError;
    expectNoSecrets(`${error.message} ${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${error.stack}`);
    const conn = (await miniClient(scriptedFetch(reset()).fetch, { maxRetries: 0 })
      .cases.get(1)
      .catch((e: unknown) => e)) as ConnectionError;
    expect(conn).toBeInstanceOf(ConnectionError);
    expectNoSecrets(`${String(conn)} ${JSON.stringify(conn)} ${inspect(conn, { depth: 10 })}`);
  });

  it('the client: String, JSON, inspect, enumerable keys', () => {
    const client = createOmnideskClient({ domain: 'acme', email: EMAIL, apiKey: API_KEY });
    const text = `${String(client)} ${JSON.stringify(client)} ${inspect(client, { depth: 10, showHidden: true })} ${Object.keys(client).join()}`;
    expectNoSecrets(text);
    expect(text).not.toContain(EMAIL);
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseUrl: 'https://acme.omnidesk.ru/api' });
  });

  it('options are checked with messages that do not echo the key', () => {
    expect(() => createOmnideskClient({ email: EMAIL, apiKey: API_KEY })).toThrow('give `domain` or `baseUrl`');
    expect(() => createOmnideskClient({ domain: 'https://acme.omnidesk.ru', email: EMAIL, apiKey: API_KEY })).toThrow(/subdomain only/);
    expect(() => createOmnideskClient({ domain: 'acme', email: EMAIL, apiKey: '' })).toThrow(/apiKey/);
    expect(() => createOmnideskClient({ domain: 'acme', email: EMAIL, apiKey: API_KEY, timeout: -1 })).toThrow(/timeout/);
    try {
      createOmnideskClient({ domain: 'acme', email: EMAIL, apiKey: API_KEY, maxRetries: 1.5 });
    } catch (e) {
      expectNoSecrets(String(e));
    }
  });

  it('Basic auth works with non-Latin-1 credentials', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: { case_id: 1 } }));
    await miniClient(fetch, { email: 'агент@пример.рф' }).cases.get(1);
    const header = seen[0]!.headers.get('authorization')!;
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(header.slice(6)), (c) => c.charCodeAt(0)));
    expect(decoded).toBe(`агент@пример.рф:${API_KEY}`);
  });
});

describe('kind: a literal to switch on', () => {
  it('every error class has its own kind, set on each error and printed with it', () => {
    const classes = [
      ...Object.values(errors).filter((v): v is typeof OmnideskError => typeof v === 'function' && v.prototype instanceof Error),
      ResponseValidationError,
    ];
    expect(classes.length).toBeGreaterThanOrEqual(15);
    const kinds = new Set<string>();
    for (const C of classes) {
      const e = new (C as unknown as new (m: string, c: object) => OmnideskError)('m', { size: 1, limit: 1, timeout: 1, findings: [] });
      expect(e.kind, C.name).toMatch(/^[a-z_]+$/);
      // `NotFoundError` → `not_found`.
      expect(e.kind).toBe(
        e.name
          .replace(/Error$/, '')
          .replace(/\B[A-Z]/g, '_$&')
          .toLowerCase(),
      );
      expect(e.name).toBe(C.name);
      expect(e.toJSON().kind).toBe(e.kind);
      kinds.add(e.kind);
    }
    expect(kinds.size).toBe(classes.length);
  });

  it('narrows the union by kind (compile-time) and matches the class (run time)', async () => {
    const { fetch } = scriptedFetch(json({ error: 'too_many' }, 429, { 'retry-after': '1' }));
    const c = miniClient(fetch, { maxRetries: 0 });
    const error = await c.cases.get(1).catch((e: unknown) => e);
    if (!errors.isOmnideskError(error)) throw new Error('not an SDK error');
    let retryAfter: number | undefined;
    switch (error.kind) {
      case 'rate_limit':
        retryAfter = error.retryAfter; // only RateLimitError has it: the switch narrowed the type
        break;
      case 'validation':
        void error.details;
        break;
      default:
        throw error;
    }
    expect(error).toBeInstanceOf(RateLimitError);
    expect(retryAfter).toBe(1);
  });
});
