// Contract tests of the Cases resource: each operation's success answer as the SDK sees it,
// its invalid input, and the shared error answers (src/errors.ts).
// Pattern per operation: covers('<operationId>') + a `call` with valid input + declaredErrors.
import { expect, it } from 'vitest';
import { api, violations, type Api } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors } from '../src/errors.js';

covers('listCases', (op) => {
  const call = (client: Api) => client.GET('/cases.json', { params: { query: { page: 1, limit: 50 } } });

  it('answers a page: entries keyed "0".."n-1" with total_count', async () => {
    const { data, response } = await call(api());
    expect(response.status).toBe(200);
    expect(response.headers.get('api_calls_left')).toMatch(/^\d+$/);
    const page = data as Record<string, any>;
    expect(page.total_count).toEqual(expect.any(Number));
    expect(page['0'].case).toMatchObject({ case_id: expect.any(Number), status: expect.any(String) });
  });

  it('answers the empty page as {"case": []}', async () => {
    const { data, response } = await api({ prefer: 'example=emptyPage' }).GET('/cases.json');
    expect(response.status).toBe(200);
    expect(data).toEqual({ case: [] });
  });

  it('sends status filters PHP-style and the mock validates each of them', async () => {
    const ok = await api().GET('/cases.json', { params: { query: { status: ['open', 'waiting'] } } });
    // Brackets, not openapi-fetch's default status=open&status=waiting (PHP keeps only the last).
    expect(new URL(ok.response.url).search).toBe('?status[]=open&status[]=waiting');
    expect(ok.response.status).toBe(200);

    const bad = await api().GET('/cases.json', { params: { query: { status: ['open', 'bogus' as 'open'] } } });
    expect(bad.response.status).toBe(422);
    expect(violations(bad.response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'query', 'status', '1'], code: 'enum' }),
    );
  });

  it('rejects limit=500 with 422 and the violation in sl-violations', async () => {
    const { response, error } = await api().GET('/cases.json', { params: { query: { limit: 500 } } });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ error: expect.any(String) });
    expect(violations(response)).toEqual([
      expect.objectContaining({ location: ['request', 'query', 'limit'], code: 'maximum', severity: 'Error' }),
    ]);
  });

  declaredErrors(op, call);
});

covers('getCase', (op) => {
  const call = (client: Api) => client.GET('/cases/{case_id}.json', { params: { path: { case_id: 2000 } } });

  it('answers the case, wrapped in {"case": ...}', async () => {
    const { data, response } = await call(api());
    expect(response.status).toBe(200);
    expect(data?.case).toMatchObject({ case_id: 2000, subject: expect.any(String) });
  });

  it('answers 404 case_not_found for an unknown case', async () => {
    const { error, response } = await call(api({ prefer: 'code=404' }));
    expect(response.status).toBe(404);
    expect(error).toEqual({ error: 'case_not_found' });
  });

  it('rejects a case id that is not an integer', async () => {
    const { response } = await api().GET('/cases/{case_id}.json', { params: { path: { case_id: 'abc' as unknown as number } } });
    // 400, or 422 once the operation declares one: Prism answers with the closest it has.
    expect([400, 422]).toContain(response.status);
    expect(violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'path', 'case_id'], code: 'type' }),
    );
  });

  declaredErrors(op, call);
});

// The bulk form: comma-joined ids in the path (needs the Prism patch, see README).
covers('trashCases', (op) => {
  const call = (client: Api) => client.PUT('/cases/{case_id}/trash.json', { params: { path: { case_id: [2000, 2001] } } });

  it('sends several ids joined by raw commas and answers the ids that succeeded', async () => {
    const { data, response } = await call(api({ prefer: 'example=bulk' }));
    expect(new URL(response.url).pathname).toBe('/cases/2000,2001/trash.json');
    expect(response.status).toBe(200);
    expect(data).toEqual({ case_success_id: [2000, 2001, 2002] });
  });

  it('answers the case for one id', async () => {
    const { data, response } = await api({ prefer: 'example=single' }).PUT('/cases/{case_id}/trash.json', {
      params: { path: { case_id: [2000] } },
    });
    expect(new URL(response.url).pathname).toBe('/cases/2000/trash.json');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ case: { case_id: 2000, deleted: true } });
  });

  it('rejects an id that is not an integer, naming its position', async () => {
    const { response } = await api().PUT('/cases/{case_id}/trash.json', {
      params: { path: { case_id: [2000, 'abc' as unknown as number] } },
    });
    expect([400, 422]).toContain(response.status);
    expect(violations(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'path', 'case_id', '1'], code: 'type' }),
    );
  });

  declaredErrors(op, call);
});
