// The tree-shakeable entry: a core plus per-resource factories behave like the full client.
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../src/errors.js';
import * as coreEntry from '../src/core.js';
import { cases, createOmnideskCore, users } from '../src/core.js';
import { createOmnideskClient } from '../src/index.js';
import { API_KEY, type Reply, type Seen, json, scriptedFetch } from './util.js';

const options = (fetch: (r: Request) => Promise<Response>) => ({ baseUrl: 'https://acme.omnidesk.ru/api', email: 'a@b.c', apiKey: API_KEY, fetch });

describe('@omnidesk-openapi/client/core', () => {
  it('sends what the full client sends, and unwraps the same way', async () => {
    const a = scriptedFetch(json({ case: { case_id: 7 } }, 200, { api_calls_left: '9' }));
    const b = scriptedFetch(json({ case: { case_id: 7 } }, 200, { api_calls_left: '9' }));
    const core = createOmnideskCore(options(a.fetch));
    expect(await cases(core).update([7], { subject: 's' }, { headers: { 'X-Extra': '1' } })).toEqual({ succeeded: [7], failed: [] });
    expect(await createOmnideskClient(options(b.fetch)).cases.update([7], { subject: 's' }, { headers: { 'X-Extra': '1' } })).toEqual({ succeeded: [7], failed: [] });
    for (const key of ['method', 'url', 'body'] as const) expect(a.seen[0]![key]).toBe(b.seen[0]![key]);
    expect([...a.seen[0]!.headers]).toEqual([...b.seen[0]!.headers]);
    expect(core.rateLimit).toMatchObject({ callsLeft: 9 });
  });

  it('errors name the call; the core never shows the key', async () => {
    const { fetch } = scriptedFetch(json({ error: 'user_not_found' }, 404));
    const core = createOmnideskCore(options(fetch));
    const error = await users(core).get(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operationId: 'getUser', method: 'GET', path: '/api/users/5.json' });
    expect(JSON.stringify(core) + String(core)).not.toContain(API_KEY);
    expect(() => cases({} as never)).toThrow(/createOmnideskCore/);
    expect(() => createOmnideskCore({ email: 'a@b.c', apiKey: 'k' } as never)).toThrow(/createOmnideskCore: give `domain` or `baseUrl`/);
  });
});

// A core builds its requests without openapi-fetch (src/request.ts): each call below must reach the
// server byte for byte as the full client's, and fail the same way.
describe('the core and the full client send the same requests', () => {
  type Any = Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>;
  const file = () => new File(['%PDF'], 'a.pdf', { type: 'application/pdf' });
  const calls: [string, (r: Any) => Promise<unknown>, Reply][] = [
    ['a list with arrays, maps, a Date and a boolean', (r) => r.cases!.list!({ status: ['open', 'closed'], custom_fields: { cf_1: 'a&b', cf_2: ['x', 'y'] }, from_time: new Date(1_400_000_000_000), show_merged_cases: true, page: 2 }), json({ total_count: 0 })],
    ['a JSON body', (r) => r.cases!.create!({ user_email: 'u@x.ru', subject: 'Привет', content: 'c', labels: [1], cc_emails: null }), json({ case: { case_id: 1 } }, 201)],
    ['a form with a file', (r) => r.messages!.create!(7, { content: 'c', do_not_send_email: false, attachments: [file()] }), json({ message: { message_id: 1 } }, 201)],
    ['bulk ids in the path, per-call headers', (r) => r.cases!.trash!([3, 1, 2], { headers: { 'X-Trace': 't', 'X-None': undefined } }), json({ case_success_id: [1, 2] })],
    ['two path parameters, no body', (r) => r.messages!.delete!(7, 9), json({})],
    ['an optional body left out', (r) => r.users!.identify!(), json({ code: 'x' })],
    ['a 404 with a JSON error', (r) => r.users!.get!(5), json({ error: 'user_not_found' }, 404)],
    ['a 422 with a text body', (r) => r.labels!.create!({ label_title: 't' }), new Response('bad input', { status: 422 })],
    ['a 400 with an empty body', (r) => r.groups!.list!(), new Response(null, { status: 400, headers: { 'content-length': '0' } })],
  ];
  const bound = (core: ReturnType<typeof createOmnideskCore>) =>
    Object.fromEntries(Object.entries(coreEntry).filter(([k]) => k !== 'createOmnideskCore').map(([k, f]) => [k, (f as (c: unknown) => unknown)(core)])) as Any;
  const view = async (seen: Seen) => ({
    method: seen.method,
    url: seen.url,
    body: seen.body,
    form: seen.form && (await Promise.all([...seen.form].map(async ([k, v]) => [k, typeof v === 'string' ? v : [(v as File).name, v.type, await v.text()]]))),
    headers: [...seen.headers].map(([k, v]) => [k, k === 'content-type' ? v.replace(/boundary=.*/, 'boundary') : v]),
  });

  for (const [name, call, reply] of calls) {
    it(name, async () => {
      const a = scriptedFetch(typeof reply === 'function' || reply instanceof Error ? reply : reply.clone());
      const b = scriptedFetch(typeof reply === 'function' || reply instanceof Error ? reply : reply.clone());
      const viaCore = await call(bound(createOmnideskCore(options(a.fetch)))).then((v) => ({ v }), (e: unknown) => ({ e }));
      const viaClient = await call(createOmnideskClient(options(b.fetch)) as unknown as Any).then((v) => ({ v }), (e: unknown) => ({ e }));
      expect(a.seen).toHaveLength(1);
      expect(await view(a.seen[0]!)).toEqual(await view(b.seen[0]!));
      expect(JSON.stringify(viaCore)).toBe(JSON.stringify(viaClient));
      if ('e' in viaCore) expect((viaCore.e as Error).constructor).toBe((viaClient as { e: Error }).e.constructor);
    });
  }
});
