// The tree-shakeable entry: a core plus per-resource factories behave like the full client.
import { describe, expect, it } from 'vitest';
import { cases, createOmnideskCore, users } from '../src/core.js';
import { NotFoundError } from '../src/errors.js';
import { createOmnideskClient } from '../src/index.js';
import { API_KEY, json, scriptedFetch } from './util.js';

const options = (fetch: (r: Request) => Promise<Response>) => ({
  baseUrl: 'https://acme.omnidesk.ru/api',
  email: 'a@b.c',
  apiKey: API_KEY,
  fetch,
});

describe('@omnidesk-openapi/client/core', () => {
  it('sends what the full client sends, and unwraps the same way', async () => {
    const a = scriptedFetch(json({ case: { case_id: 7 } }, 200, { api_calls_left: '9' }));
    const b = scriptedFetch(json({ case: { case_id: 7 } }, 200, { api_calls_left: '9' }));
    const core = createOmnideskCore(options(a.fetch));
    expect(await cases(core).update([7], { subject: 's' }, { headers: { 'X-Extra': '1' } })).toEqual({ succeeded: [7], failed: [] });
    expect(await createOmnideskClient(options(b.fetch)).cases.update([7], { subject: 's' }, { headers: { 'X-Extra': '1' } })).toEqual({
      succeeded: [7],
      failed: [],
    });
    for (const key of ['method', 'url', 'body'] as const) expect(a.seen[0]![key]).toBe(b.seen[0]![key]);
    expect([...a.seen[0]!.headers]).toEqual([...b.seen[0]!.headers]);
    expect(core.rateLimit).toMatchObject({ callsLeft: 9 });
  });

  it('errors name the call; the core never shows the key', async () => {
    const { fetch } = scriptedFetch(json({ error: 'user_not_found' }, 404));
    const core = createOmnideskCore(options(fetch));
    const error = await users(core)
      .get(5)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operationId: 'getUser', method: 'GET', path: '/api/users/5.json' });
    expect(JSON.stringify(core) + String(core)).not.toContain(API_KEY);
    expect(() => cases({} as never)).toThrow(/createOmnideskCore/);
    expect(() => createOmnideskCore({ email: 'a@b.c', apiKey: 'k' } as never)).toThrow(/createOmnideskCore: give `domain` or `baseUrl`/);
  });
});
