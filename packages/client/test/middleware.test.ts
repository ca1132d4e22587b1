// openapi-fetch middleware added through `omnidesk.raw.use()` sees the answers of resource
// methods too, with their bodies unread (resource methods otherwise read the body once, inside
// the transport, and skip openapi-fetch's read: see transport.ts).
import { describe, expect, it } from 'vitest';
import { json, miniClient, scriptedFetch } from './util.js';

const CASE = { case_id: 2000, subject: 'Help', status: 'open' };

describe('raw.use() middleware and resource methods', () => {
  it('onRequest and onResponse run for a resource call, and the response body is readable there', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: CASE }));
    const omnidesk = miniClient(fetch);
    const bodies: unknown[] = [];
    omnidesk.raw.use({
      onRequest({ request }) {
        request.headers.set('x-trace', 'abc');
        return request;
      },
      async onResponse({ response }) {
        bodies.push(await response.clone().json());
        return response;
      },
    });
    expect(await omnidesk.cases.get(2000)).toEqual(CASE);
    expect(bodies).toEqual([{ case: CASE }]);
    expect(seen[0]!.headers.get('x-trace')).toBe('abc');
  });

  it('a middleware that replaces the response changes what the resource method returns', async () => {
    const { fetch } = scriptedFetch(json({ case: CASE }));
    const omnidesk = miniClient(fetch);
    omnidesk.raw.use({
      onResponse: () => json({ case: { ...CASE, subject: 'Rewritten' } }),
    });
    expect(await omnidesk.cases.get(2000)).toEqual({ ...CASE, subject: 'Rewritten' });
  });

  it('without middleware the same call returns the same entity', async () => {
    const { fetch } = scriptedFetch(json({ case: CASE }));
    expect(await miniClient(fetch).cases.get(2000)).toEqual(CASE);
  });
});

describe('raw calls read their answers as openapi-fetch does', () => {
  const raw = (fetch: (r: Request) => Promise<Response>) => miniClient(fetch).raw;

  it('a 2xx JSON body is the data, the error body the error, an empty 2xx body no data', async () => {
    const { fetch } = scriptedFetch(
      json({ case: CASE }),
      json({ error: 'case_not_found' }, 404),
      new Response(null, { status: 200, headers: { 'content-length': '0' } }),
      new Response('', { status: 200 }),
    );
    const client = raw(fetch);
    const get = () => client.GET('/cases/{case_id}.json', { params: { path: { case_id: 2000 } } });
    const ok = await get();
    expect(ok.data).toEqual({ case: CASE });
    expect(ok.response.status).toBe(200);
    const missing = await get();
    expect([missing.data, missing.error]).toEqual([undefined, { error: 'case_not_found' }]);
    expect((await get()).data).toBeUndefined();
    expect((await get()).data).toBeUndefined();
  });

  it('parseAs other than json gets the body its way', async () => {
    const { fetch } = scriptedFetch(json({ case: CASE }));
    const client = raw(fetch);
    const path = { params: { path: { case_id: 2000 } } };
    expect((await client.GET('/cases/{case_id}.json', { ...path, parseAs: 'text' })).data).toBe(JSON.stringify({ case: CASE }));
    const stream = (await client.GET('/cases/{case_id}.json', { ...path, parseAs: 'stream' })).data;
    expect(JSON.parse(await new Response(stream as ReadableStream).text())).toEqual({ case: CASE });
  });

  it('a 2xx body that is not JSON fails the call with a SyntaxError, as openapi-fetch does', async () => {
    const { fetch } = scriptedFetch(new Response('<html>maintenance</html>', { status: 200 }));
    await expect(raw(fetch).GET('/cases/{case_id}.json', { params: { path: { case_id: 2000 } } })).rejects.toThrow(SyntaxError);
  });

  it('a middleware sees the raw answer unread, and the data is what it returned', async () => {
    const { fetch } = scriptedFetch(json({ case: CASE }));
    const omnidesk = miniClient(fetch);
    const bodies: unknown[] = [];
    omnidesk.raw.use({
      async onResponse({ response }) {
        bodies.push(await response.clone().json());
        return json({ case: { ...CASE, subject: 'Rewritten' } });
      },
    });
    const { data } = await omnidesk.raw.GET('/cases/{case_id}.json', { params: { path: { case_id: 2000 } } });
    expect(bodies).toEqual([{ case: CASE }]);
    expect(data).toEqual({ case: { ...CASE, subject: 'Rewritten' } });
  });
});
