import { describe, expect, it } from 'vitest';
import { normalizeList, paginate } from '../src/pagination.js';
import { json, miniClient, scriptedFetch } from './util.js';

const page = (ids: number[], total?: number) =>
  json({
    ...Object.fromEntries(ids.map((id, i) => [String(i), { case: { case_id: id, subject: 's', status: 'open' } }])),
    ...(total === undefined ? {} : { total_count: total }),
  });

describe('normalizeList', () => {
  it('orders keyed entries numerically (10 after 9) and unwraps them', () => {
    const body = Object.fromEntries([...Array(11).keys()].map((i) => [String(i), { user: { id: i } }]));
    expect(normalizeList(body, 'user').items.map((u) => (u as { id: number }).id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  it('empty page and odd shapes', () => {
    expect(normalizeList({ case: [] }, 'case')).toEqual({ items: [], total: 0 });
    expect(normalizeList({ total_count: '3', '0': { case: 1 } }, 'case')).toEqual({ items: [1], total: 3 });
    expect(normalizeList([{ case: 1 }, { case: 2 }], 'case')).toEqual({ items: [1, 2], total: 2 });
    expect(normalizeList(null, 'case')).toEqual({ items: [], total: 0 });
  });
  it('treats __proto__ and constructor keys of an answer as plain keys: no prototype is changed', () => {
    const body = JSON.parse(
      '{"0": {"case": {"case_id": 1}}, "__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "total_count": 1}',
    );
    expect(normalizeList(body, 'case')).toEqual({ items: [{ case_id: 1 }], total: 1 });
    expect(normalizeList(JSON.parse('{"0": {"__proto__": {"polluted": 1}}}')).items).toEqual([{ polluted: 1 }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('listAll', () => {
  it('walks pages of 100 by default and stops at total_count', async () => {
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
    const { fetch, seen } = scriptedFetch(page(ids(1, 100), 230), page(ids(101, 100), 230), page(ids(201, 30), 230));
    const got: number[] = [];
    for await (const c of miniClient(fetch).cases.listAll({ status: ['open'] })) got.push(c.case_id);
    expect(got).toEqual(ids(1, 230));
    expect(seen.map((s) => s.target)).toEqual([
      '/api/cases.json?status[]=open&page=1&limit=100',
      '/api/cases.json?status[]=open&page=2&limit=100',
      '/api/cases.json?status[]=open&page=3&limit=100',
    ]);
  });

  it('without total_count: goes on after a full page, stops on an empty page', async () => {
    const { fetch, seen } = scriptedFetch(page([1, 2]), json({ case: [] }));
    const got: number[] = [];
    for await (const c of miniClient(fetch).cases.listAll({ limit: 2 })) got.push(c.case_id);
    expect(got).toEqual([1, 2]);
    expect(seen).toHaveLength(2);
  });

  it('without total_count: stops after a short page', async () => {
    const { fetch, seen } = scriptedFetch(page([1, 2]), page([3]), page([4]));
    const got: number[] = [];
    for await (const c of miniClient(fetch).cases.listAll({ limit: 2 })) got.push(c.case_id);
    expect(got).toEqual([1, 2, 3]);
    expect(seen).toHaveLength(2);
  });

  it('list() reports the page size as total when the answer has no total_count', async () => {
    const { fetch } = scriptedFetch(page([1, 2]));
    expect((await miniClient(fetch).cases.list()).total).toBe(2);
  });

  it('stops at maxItems without fetching further pages', async () => {
    const { fetch, seen } = scriptedFetch(page([1, 2, 3], 9), page([4, 5, 6], 9));
    const got: number[] = [];
    for await (const c of miniClient(fetch).cases.listAll({}, { limit: 3, maxItems: 4 })) got.push(c.case_id);
    expect(got).toEqual([1, 2, 3, 4]);
    expect(seen).toHaveLength(2);
  });

  it('starts at the query page and counts earlier pages towards the total', async () => {
    const { fetch, seen } = scriptedFetch(page([5, 6], 6));
    const got: number[] = [];
    for await (const c of miniClient(fetch).cases.listAll({ page: 3, limit: 2 })) got.push(c.case_id);
    expect(got).toEqual([5, 6]);
    expect(seen[0]!.target).toBe('/api/cases.json?page=3&limit=2');
  });

  it('a list with path parameters walks its pages too', async () => {
    const msg = (id: number) => ({ message: { message_id: id, content: 'x' } });
    const { fetch, seen } = scriptedFetch(json({ '0': msg(1), total_count: 2 }), json({ '0': msg(2), total_count: 2 }));
    const got: number[] = [];
    for await (const m of miniClient(fetch).messages.listAll(2000, { limit: 1 })) got.push(m.message_id);
    expect(got).toEqual([1, 2]);
    expect(seen[1]!.target).toBe('/api/cases/2000/messages.json?limit=1&page=2');
  });

  it('a list without pages has no walker: one call gives it whole', async () => {
    const { fetch, seen } = scriptedFetch(json({ '0': { language: { language_id: 1, code: 'ru' } }, total_count: 1 }));
    const c = miniClient(fetch);
    expect('listAll' in c.languages).toBe(false);
    expect('listAll' in c.cases).toBe(true);
    expect((await c.languages.list()).items).toEqual([{ language_id: 1, code: 'ru' }]);
    expect(seen.map((s) => s.target)).toEqual(['/api/languages.json']);
  });

  it('in the shipped SDK, <method>All exists exactly where the list takes `page`', async () => {
    const { operationTable } = await import('../src/generated/sdk.js');
    const { createOmnideskClient } = await import('../src/index.js');
    const c = createOmnideskClient({ baseUrl: 'http://127.0.0.1:4010', email: 'a@b.c', apiKey: 'k' }) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    const lists = operationTable.filter((o) => o.result.kind === 'list');
    const walkers = lists.filter((o) => `${o.method}All` in c[o.resource]!).map((o) => o.operationId);
    expect(walkers).toEqual(lists.filter((o) => o.query?.page).map((o) => o.operationId));
    for (const id of ['listFilters', 'listCustomChannels', 'listLanguages', 'listClientEmails', 'getLeaderboard', 'listStaffRoles']) {
      const op = operationTable.find((o) => o.operationId === id);
      if (op) expect(walkers, id).not.toContain(id);
    }
    expect(walkers).toContain('listCases');
  });

  it('paginate() is usable with any page fetcher and checks its options', async () => {
    const calls: [number, number][] = [];
    const fetchPage = async (p: number, limit: number) => (calls.push([p, limit]), { items: p < 3 ? [p] : [], total: 99 });
    const got: number[] = [];
    for await (const x of paginate(fetchPage, { limit: 1 })) got.push(x);
    expect(got).toEqual([1, 2]);
    expect(calls).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    await expect(paginate(fetchPage, { limit: 0 }).next()).rejects.toThrow(/paginate: `limit` must be an integer, 1 to 100, got 0/);
  });
});

describe('the page object and toArray', () => {
  const page = (ids: number[], total: number) =>
    json({ ...Object.fromEntries(ids.map((id, i) => [String(i), { case: { case_id: id, subject: 's' } }])), total_count: total });

  it('hasNextPage() / getNextPage() follow total_count, page and limit, keeping the query', async () => {
    const { fetch, seen } = scriptedFetch(page([1, 2], 3), page([3], 3));
    const c = miniClient(fetch);
    const first = await c.cases.list({ status: ['open'], limit: 2 });
    expect(first.items.map((x) => x.case_id)).toEqual([1, 2]);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.items.map((x) => x.case_id)).toEqual([3]);
    expect(second.hasNextPage()).toBe(false);
    expect(seen.map((s) => decodeURIComponent(s.target))).toEqual([
      '/api/cases.json?status[]=open&limit=2',
      '/api/cases.json?status[]=open&limit=2&page=2',
    ]);
  });

  it('an empty page has no next page', async () => {
    const { fetch } = scriptedFetch(json({ case: [] }));
    expect((await miniClient(fetch).cases.list()).hasNextPage()).toBe(false);
  });

  it('toArray({ max }) stops at max and fetches no page beyond it', async () => {
    const { fetch, seen } = scriptedFetch(page([1, 2], 6), page([3, 4], 6), page([5, 6], 6));
    const c = miniClient(fetch);
    expect((await c.cases.listAll({}, { limit: 2 }).toArray({ max: 3 })).map((x) => x.case_id)).toEqual([1, 2, 3]);
    expect(seen).toHaveLength(2);
    await expect(c.cases.listAll().toArray({ max: Number.NaN })).rejects.toThrow('`max` must be 0 or more');
  });
});
