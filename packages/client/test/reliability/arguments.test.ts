// Every argument fault is one InvalidRequestError naming the argument, and nothing is sent: the
// harness counts every request that reaches it.
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, AttachmentTooLargeError, createOmnideskClient, InvalidRequestError } from '../../src/index.js';
import { API_KEY, clientFor, EMAIL, type Harness, harnessPerTest, sendJson, settle } from './harness.js';

let h: Harness;
harnessPerTest((harness) => {
  h = harness;
  h.handle((_, res) => sendJson(res, 200, { case: { case_id: 1 }, total_count: 0 }));
});

/** The call fails with InvalidRequestError whose message matches `named`, and nothing reached the server. */
async function refused(call: () => Promise<unknown> | AsyncIterable<unknown>, named: RegExp) {
  const r = await settle(
    (async () => {
      const result = call();
      if (result && typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
        for await (const _ of result as AsyncIterable<unknown>) void _;
      } else await result;
    })(),
  );
  expect(r.ok, 'the call was refused').toBe(false);
  const error = !r.ok && r.error;
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect((error as Error).message).toMatch(named);
  expect(h.requests, 'nothing sent').toEqual([]);
  return error as InvalidRequestError;
}

const cyclic: unknown[] = [1];
cyclic.push(cyclic);

describe('call arguments', () => {
  it.each([
    [
      'timeout over 2^31-1 ms (a timer would fire at once)',
      () => clientFor(h).cases.get(1, { timeout: 2 ** 31 }),
      /`timeout` must be .* at most 2147483647/,
    ],
    [
      'a sparse id array ([1, , 2] would send 1,,2)',
      // biome-ignore lint/suspicious/noSparseArray: the hole is the input under test.
      () => clientFor(h).cases.trash([1, , 2] as number[]),
      /cases\.trash: case_id .* got undefined/,
    ],
    ['a bigint id', () => clientFor(h).cases.get(1n as never), /cases\.get: case_id .* got 1n/],
    ['a cyclic id array', () => clientFor(h).cases.trash(cyclic as never), /cases\.trash: case_id .* got an array/],
    [
      'a very deep query object',
      () => {
        let deep: Record<string, unknown> = { x: 1 };
        for (let i = 0; i < 100_000; i++) deep = { a: deep };
        return clientFor(h).cases.list({ custom_fields: deep } as never);
      },
      /query parameter custom_fields(\[a\])+: nested more than 8 levels/,
    ],
    [
      'a lone surrogate in a query key',
      () => clientFor(h).cases.list({ custom_fields: { 'cf_\ud83d': 'x' } } as never),
      /query parameter custom_fields: the string is not well-formed Unicode/,
    ],
    [
      'an array of objects in a query',
      () => clientFor(h).cases.list({ status: [{ a: 1 }] } as never),
      /query parameter status: a query array holds plain values only/,
    ],
    [
      'a nested array in a query',
      () => clientFor(h).cases.list({ status: [['open']] } as never),
      /query parameter status: a query array holds plain values only/,
    ],
    ['listAll limit 0', () => clientFor(h).cases.listAll({}, { limit: 0 }), /cases\.listAll: `limit` must be an integer, 1 to 100, got 0/],
    ['listAll limit 2.5', () => clientFor(h).cases.listAll({}, { limit: 2.5 }), /`limit` must be an integer, 1 to 100, got 2\.5/],
    ['listAll limit over 100', () => clientFor(h).cases.listAll({}, { limit: 101 }), /`limit` must be an integer, 1 to 100, got 101/],
    [
      'listAll limit in the query over 100',
      () => clientFor(h).cases.listAll({ limit: 500 }),
      /`limit` must be an integer, 1 to 100, got 500/,
    ],
    ['listAll maxItems -1', () => clientFor(h).cases.listAll({}, { maxItems: -1 }), /`maxItems` must be an integer, 0 or more, got -1/],
  ] as const)('%s', async (_, call, named) => {
    await refused(call as () => Promise<unknown>, named);
  });

  it('CR/LF in a header value: refused, and the error does not echo the value', async () => {
    const value = 'x\r\nX-Injected: secret-value';
    for (const call of [
      () => clientFor(h).cases.get(1, { headers: { 'x-note': value } }),
      () => clientFor(h).raw.GET('/cases/{case_id}.json', { params: { path: { case_id: 1 } }, headers: { 'x-note': value } }),
    ]) {
      const error = await refused(call, /header "x-note" must be a token with a string value without CR, LF/);
      expect(JSON.stringify(error) + String(error) + error.stack).not.toContain('secret-value');
    }
    expect(() => clientFor(h, { headers: { 'x-note': value } })).toThrow(InvalidRequestError);
  });
});

describe('raw client path values', () => {
  it.each(['..', '.'])('%s as a path value is refused (it would reach another path)', async (dots) => {
    await refused(
      () =>
        clientFor(h).raw.DELETE('/cases/{case_id}/messages/{message_id}.json', {
          params: { path: { case_id: dots as never, message_id: 7 } },
        }),
      new RegExp(`path parameter case_id cannot be "${dots.replace(/\./g, '\\.')}"`),
    );
  });
});

describe('client options', () => {
  const base = () => ({ baseUrl: h.baseUrl, email: EMAIL, apiKey: API_KEY });
  it.each([
    ['an e-mail containing `:` (Basic auth would read another user)', { email: 'agent:evil@example.com' }, /`email` cannot contain `:`/],
    ['timeout over 2^31-1 ms', { timeout: 2 ** 31 }, /`timeout` must be .* at most 2147483647/],
    ['maxRetryAfter over 2^31-1 ms', { maxRetryAfter: 2 ** 31 }, /`maxRetryAfter` must be 0 to 2147483 seconds/],
    ['a fetch that is not a function', { fetch: 'fetch' }, /`fetch` must be a function/],
    ["a logger without any level's method", { logger: {} }, /`logger` must be an object with `debug`, `info`, `warn` or `error` methods/],
    ['rateLimit perMinute 0', { rateLimit: { perMinute: 0 } }, /rateLimit\.perMinute must be a positive integer/],
    ['a missing apiKey', { apiKey: '' }, /`apiKey` must be a non-empty string/],
    ['options that are not an object', null, /options must be an object/],
  ] as const)('%s: InvalidRequestError, not TypeError', (_, options, named) => {
    const make = () => createOmnideskClient(options === null ? (null as never) : ({ ...base(), ...options } as never));
    expect(make).toThrow(InvalidRequestError);
    expect(make).toThrow(named);
  });
});

describe('the 50 MB request limit, counted on the wire', () => {
  const NEW_CASE = { user_email: 'customer@example.com', subject: 'Help', content: 'It broke' };
  const files = (short: number) => [0, 1].map((i) => ({ name: `f${i}.bin`, data: new Uint8Array(ATTACHMENT_LIMITS.perFile - short) }));

  it('files and fields 400 bytes under 50 MB, but over it with the multipart framing: refused, nothing sent', async () => {
    const error = await refused(
      () => clientFor(h, { timeout: 30_000 }).cases.create({ ...NEW_CASE, attachments: files(200) }),
      /over Omnidesk's limit of 50\.0 MB a request/,
    );
    expect(error).toBeInstanceOf(AttachmentTooLargeError);
  });

  it('a request the SDK accepts is at most 50 MB on the wire', async () => {
    h.handle((_, res) => sendJson(res, 201, { case: { case_id: 3 } }));
    await clientFor(h, { timeout: 30_000 }).cases.create({ ...NEW_CASE, attachments: files(2000) });
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]!.body.length).toBeGreaterThan(ATTACHMENT_LIMITS.perRequest - 5000);
    expect(h.requests[0]!.body.length).toBeLessThanOrEqual(ATTACHMENT_LIMITS.perRequest);
  }, 60_000);
});
