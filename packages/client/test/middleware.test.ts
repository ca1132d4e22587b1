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
