// `.withResponse()`: each call's own answer, not the client-wide `rateLimit` that concurrent calls overwrite.
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../src/errors.js';
import { json, miniClient, scriptedFetch } from './util.js';

describe('.withResponse()', () => {
  it('gives each concurrent call its own data, Response and rate-limit headers', async () => {
    // The first call is answered last: the client's rateLimit ends on the first call's headers.
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const { fetch, seen } = scriptedFetch(async (s) => {
      const id = Number(/cases\/(\d+)/.exec(s.url)![1]);
      if (id === 1) await slow;
      return json({ case: { case_id: id, subject: `s${id}` } }, 200, { api_calls_left: String(100 - id), rate_limit_per_minute: '400' });
    });
    const c = miniClient(fetch);
    const first = c.cases.get(1).withResponse();
    const second = await c.cases.get(2).withResponse();
    release();
    const one = await first;
    expect(one.data).toEqual({ case_id: 1, subject: 's1' });
    expect(one.rateLimit).toMatchObject({ callsLeft: 99, perMinute: 400 });
    expect(one.response.status).toBe(200);
    expect(one.response.headers.get('api_calls_left')).toBe('99');
    expect(second.data).toMatchObject({ case_id: 2 });
    expect(second.rateLimit).toMatchObject({ callsLeft: 98 });
    expect(c.rateLimit?.callsLeft).toBe(99);
    expect(seen).toHaveLength(2);
  });

  it('makes the call once, whether awaited, withResponse()d, or both', async () => {
    const { fetch, seen } = scriptedFetch(json({ case: { case_id: 3, subject: 'x' } }));
    const c = miniClient(fetch);
    const call = c.cases.get(3);
    const [data, both] = await Promise.all([call, call.withResponse()]);
    expect(data).toBe(both.data);
    expect(seen).toHaveLength(1);
    // Lists and void results too.
    expect((await c.cases.list().withResponse()).response).toBeInstanceOf(Response);
  });

  it("rejects with the call's error", async () => {
    const { fetch } = scriptedFetch(json({ error: 'case_not_found' }, 404));
    const c = miniClient(fetch);
    await expect(c.cases.get(9).withResponse()).rejects.toBeInstanceOf(NotFoundError);
  });
});
