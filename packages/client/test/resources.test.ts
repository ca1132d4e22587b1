import { describe, expect, it } from 'vitest';
import { InvalidRequestError, NotFoundError, OmnideskError } from '../src/errors.js';
import { json, miniClient, scriptedFetch } from './util.js';

const CASE = { case_id: 2000, subject: 'Help', status: 'open' };

describe('resource methods', () => {
  it('get: positional path parameter, unwrapped entity, Basic auth', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: CASE }));
    const result = await miniClient(fetch).cases.get(2000);
    expect(result).toEqual(CASE);
    expect(seen[0]).toMatchObject({ method: 'GET', target: '/api/cases/2000.json' });
    expect(seen[0]!.headers.get('authorization')).toBe(`Basic ${btoa('agent@example.com:sk-SECRET-123')}`);
  });

  it('list: query in brackets, keyed entries unwrapped in order, total from total_count', async () => {
    const body = { '1': { case: { ...CASE, case_id: 2 } }, '0': { case: { ...CASE, case_id: 1 } }, total_count: 17 };
    const { fetch, seen } = scriptedFetch(json(body));
    const page = await miniClient(fetch).cases.list({ status: ['open', 'closed'], custom_fields: { cf_25: 'x', cf_26: ['a'] }, limit: 2 });
    expect(page).toEqual({
      items: [
        { ...CASE, case_id: 1 },
        { ...CASE, case_id: 2 },
      ],
      total: 17,
    });
    expect(seen[0]!.target).toBe('/api/cases.json?status[]=open&status[]=closed&custom_fields[cf_25]=x&custom_fields[cf_26][]=a&limit=2');
  });

  it('list: the empty-page shape {"case": []} is an empty page with total 0', async () => {
    const { fetch } = scriptedFetch(json({ case: [] }));
    expect(await miniClient(fetch).cases.list()).toEqual({ items: [], total: 0 });
  });

  it('create: wraps the input in the envelope the spec declares, answers the entity of a 201', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: CASE }, 201));
    const input = { subject: 'Help', content: 'Text', user_email: 'u@x.ru', labels: [1, 2] };
    expect(await miniClient(fetch).cases.create(input)).toEqual(CASE);
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ case: input });
  });

  it('bulk with an array: raw commas in the path, succeeded/failed from case_success_id', async () => {
    const { fetch, seen } = scriptedFetch(json({ case_success_id: [2000, 2002] }));
    const outcome = await miniClient(fetch).cases.trash([2000, 2001, 2002]);
    expect(seen[0]).toMatchObject({ method: 'PUT', target: '/api/cases/2000,2001,2002/trash.json' });
    expect(outcome).toEqual({ succeeded: [2000, 2002], failed: [2001] });
  });

  it('bulk with one id: the single form and the entity', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: CASE }));
    expect(await miniClient(fetch).cases.trash(2000)).toEqual(CASE);
    expect(seen[0]!.target).toBe('/api/cases/2000/trash.json');
  });

  it('bulk update: ids and body envelope; an array of one answered with the entity counts as success', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: CASE }));
    expect(await miniClient(fetch).cases.update([2000], { status: 'closed' })).toEqual({ succeeded: [2000], failed: [] });
    expect(seen[0]!.target).toBe('/api/cases/2000/bulk.json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ case: { status: 'closed' } });
  });

  it('DELETE without a body answers void; bulk DELETE with an empty 2xx succeeds for all', async () => {
    const { fetch, seen } = scriptedFetch(new Response(null, { status: 200 }));
    const client = miniClient(fetch);
    await expect(client.cases.delete(7)).resolves.toBeUndefined();
    await expect(client.cases.delete([7, 8])).resolves.toEqual({ succeeded: [7, 8], failed: [] });
    expect(seen.map((s) => `${s.method} ${s.target}`)).toEqual(['DELETE /api/cases/7/bulk.json', 'DELETE /api/cases/7,8/bulk.json']);
  });

  it('an optional body left out is not sent: no body, no content-type (not an empty envelope)', async () => {
    const { fetch, seen } = scriptedFetch(new Response(null, { status: 204 }));
    await expect(miniClient(fetch).messages.delete(2000, 55)).resolves.toBeUndefined();
    await expect(miniClient(fetch).messages.delete(2000, 55, undefined, { timeout: 5000 })).resolves.toBeUndefined();
    for (const s of seen) {
      expect(s).toMatchObject({ method: 'DELETE', target: '/api/cases/2000/messages/55.json', body: '' });
      expect(s.headers.get('content-type')).toBeNull();
    }
  });

  it('a required body left out is still sent as its (empty) envelope', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: CASE }));
    await (miniClient(fetch).cases.update as (...a: unknown[]) => Promise<unknown>)(2000);
    expect(JSON.parse(seen[0]!.body)).toEqual({ case: {} });
  });

  it('DELETE with a JSON body sends it wrapped', async () => {
    const { fetch, seen } = scriptedFetch(new Response(null, { status: 204 }));
    await expect(miniClient(fetch).messages.delete(2000, 55, { reason: 'dup' })).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({ method: 'DELETE', target: '/api/cases/2000/messages/55.json' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ message: { reason: 'dup' } });
  });

  it('an operation with query and body: body from input, query from options.query', async () => {
    const { fetch, seen } = scriptedFetch(json({ kb_article: { article_id: 9, title: { '1': 'Привет', '2': 'Hello' } } }));
    const article = await miniClient(fetch).kbArticles.update(
      9,
      { title: { '1': 'Привет', '2': 'Hello' } },
      { query: { language_id: 'all' } },
    );
    expect(article.title).toEqual({ '1': 'Привет', '2': 'Hello' });
    expect(seen[0]!.target).toBe('/api/kb_article/9.json?language_id=all');
    expect(JSON.parse(seen[0]!.body)).toEqual({ kb_article: { title: { '1': 'Привет', '2': 'Hello' } } });
  });

  it('an answer without an envelope comes back as it is', async () => {
    const { fetch, seen } = scriptedFetch(json({ total_cases: 4, staff: [] }));
    expect(await miniClient(fetch).statistics.get({ period: 'day' })).toEqual({ total_cases: 4, staff: [] });
    expect(seen[0]!.target).toBe('/api/stats.json?period=day');
  });

  it('headers per call are sent', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: CASE }));
    await miniClient(fetch).cases.get(1, { headers: { 'x-trace': 'abc' } });
    expect(seen[0]!.headers.get('x-trace')).toBe('abc');
  });
});

describe('bad input: a typed error naming the fault, nothing sent', () => {
  const cases: [string, (c: ReturnType<typeof miniClient>) => Promise<unknown>, RegExp][] = [
    ['a string id', (c) => c.cases.get('2000' as never), /cases\.get: case_id must be a non-negative integer, got "2000"/],
    ['a fractional id', (c) => c.cases.get(1.5), /case_id must be a non-negative integer, got 1\.5/],
    ['a missing id', (c) => (c.cases.get as (...a: unknown[]) => Promise<unknown>)(), /case_id must be .* got undefined/],
    ['an empty id list', (c) => c.cases.trash([]), /cases\.trash: case_id must list at least one id/],
    ['a bad id in a list', (c) => c.cases.trash([1, -2]), /got -2/],
    ['input that is not an object', (c) => c.cases.create('x' as never), /cases\.create: input must be an object, got string/],
  ];
  for (const [name, call, message] of cases) {
    it(name, async () => {
      const { fetch, seen } = scriptedFetch(json({ case: CASE }));
      const error = await call(miniClient(fetch)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toMatch(message);
      expect(seen).toHaveLength(0);
    });
  }
});

describe('API errors', () => {
  it('404 → NotFoundError with the API code and the call', async () => {
    const { fetch } = scriptedFetch(json({ error: 'case_not_found' }, 404, { api_calls_left: '42' }));
    const error = await miniClient(fetch)
      .cases.get(404)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(OmnideskError);
    expect(error).toMatchObject({
      status: 404,
      code: 'case_not_found',
      operationId: 'getCase',
      method: 'GET',
      path: '/api/cases/404.json',
      rateLimit: { callsLeft: 42 },
    });
    expect((error as Error).message).toBe('404 case_not_found: GET /api/cases/404.json (getCase)');
  });

  it('a bulk 2xx that lists no ids is an error, not a silent success', async () => {
    const { fetch } = scriptedFetch(json({ something: 'else' }));
    await expect(miniClient(fetch).cases.trash([1, 2])).rejects.toThrow(/lists no succeeded ids/);
  });
});

describe('string path parameters', () => {
  it('are checked as non-empty strings and percent-encoded', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: CASE }));
    const table = [
      {
        operationId: 'getByNumber',
        resource: 'cases',
        method: 'byNumber',
        httpMethod: 'get' as const,
        path: '/cases/{case_number}.json',
        pathParams: [{ name: 'case_number', type: 'string' as const }],
        result: { kind: 'entity' as const, key: 'case' },
      },
    ];
    const { createClientFromTable } = await import('../src/client.js');
    const client = createClientFromTable<{ cases: { byNumber(n: string): Promise<unknown> } }, Record<string, never>>(table, {
      baseUrl: 'https://a.omnidesk.ru/api',
      email: 'e',
      apiKey: 'k',
      fetch,
    });
    expect(await client.cases.byNumber('664-245 651')).toEqual(CASE);
    expect(seen[0]!.target).toBe('/api/cases/664-245%20651.json');
    await expect(client.cases.byNumber('')).rejects.toThrow(/case_number must be a non-empty string/);
  });
});
