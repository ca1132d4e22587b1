// The faults of Prism 5.14.2 (@stoplight/prism-http 5.12.0) that the API's URLs hit, and their fix
// (patches/@stoplight__prism-http@5.12.0.patch). Each request below is one the real API takes or
// refuses; without the patch the first test crashes Prism and the bracket tests get 200s for
// requests the API would misread. A Prism upgrade that drops the patch fails here.
// Prism serves test/fixtures/prism-faults.yaml, a spec with just these parameter shapes.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from '../src/client.js';
import { type Prism, startPrism } from '../src/prism.js';

const fixture = fileURLToPath(new URL('./fixtures/prism-faults.yaml', import.meta.url));
const auth = { Authorization: `Basic ${btoa('staff@example.com:key')}` };
let prism: Prism;
// Prism restarts after a crash so that each test shows its own fault; the last test fails if any
// request crashed it.
const crashes: string[] = [];

beforeAll(async () => {
  prism = await startPrism({ spec: fixture });
});
afterAll(async () => {
  await prism?.stop();
});

async function send(method: string, pathAndQuery: string) {
  if (prism.exited()) prism = await startPrism({ spec: fixture });
  // Raw commas and brackets, exactly as written: these tests are about the wire format.
  const response = await fetch(prism.url + pathAndQuery, { method, headers: auth }).catch(async (cause: unknown) => {
    crashes.push(`${method} ${pathAndQuery}`);
    await prism.stop(); // it is dying already; make sure, so the next request gets a new one
    throw new Error(
      `Prism did not answer ${method} ${pathAndQuery} (${cause instanceof Error ? cause.message : cause}); is the prism-http patch applied?\n${prism.output().slice(-3000)}`,
    );
  });
  const body: unknown = await response.json();
  return { status: response.status, violations: violations(response), body };
}

const at = (...location: string[]) => expect.objectContaining({ location: ['request', ...location] });

describe('integer-array path parameter, style simple (bulk ids)', () => {
  it('accepts several raw comma-joined ids (unpatched: TypeError value.split, Prism dies)', async () => {
    const { status, body } = await send('PUT', '/cases/2000,2001/trash.json');
    expect(status).toBe(200);
    expect(body).toEqual({ case_success_id: [2000, 2001] });
  });

  it('accepts one id', async () => {
    expect((await send('PUT', '/cases/2000/trash.json')).status).toBe(200);
  });

  it('validates each id as an integer', async () => {
    const { status, violations } = await send('PUT', '/cases/2000,abc/trash.json');
    expect(status).toBe(422);
    expect(violations).toEqual([expect.objectContaining({ location: ['request', 'path', 'case_id', '1'], code: 'type' })]);
  });

  it('applies the item constraints and rejects an empty item', async () => {
    expect((await send('PUT', '/cases/0,2001/trash.json')).violations).toEqual([
      expect.objectContaining({ location: ['request', 'path', 'case_id', '0'], code: 'minimum' }),
    ]);
    expect((await send('PUT', '/cases/2000,/trash.json')).status).toBe(422);
  });
});

describe('string path parameter', () => {
  it('takes a comma as part of the value (unpatched: 422 "must be string")', async () => {
    const { status, violations } = await send('GET', '/tags/a,b.json');
    expect(violations).toEqual([]);
    expect(status).toBe(200);
  });
});

describe('PHP bracket query strings (x-query-style: brackets)', () => {
  it('reads status[]=… as the status array and validates each item (unpatched: ignored)', async () => {
    expect((await send('GET', '/cases.json?status[]=open&status[]=closed')).status).toBe(200);
    const bad = await send('GET', '/cases.json?status[]=open&status[]=bogus');
    expect(bad.status).toBe(422);
    expect(bad.violations).toEqual([expect.objectContaining({ location: ['request', 'query', 'status', '1'], code: 'enum' })]);
  });

  it('still takes a single plain value (array or value)', async () => {
    expect((await send('GET', '/cases.json?status=open')).status).toBe(200);
    expect((await send('GET', '/cases.json?status=bogus')).status).toBe(422);
  });

  it('rejects a plain repeated key, which PHP reads as its last value only', async () => {
    const { status, violations } = await send('GET', '/cases.json?status=open&status=closed');
    expect(status).toBe(422);
    expect(violations).toEqual([expect.objectContaining({ location: ['request', 'query', 'status'], code: 'x-query-style' })]);
  });

  it('reads custom_fields[cf_25]=… into the map and validates its values and keys (unpatched: ignored)', async () => {
    expect((await send('GET', '/cases.json?custom_fields[cf_25]=x&custom_fields[cf_31]=true')).status).toBe(200);
    expect((await send('GET', '/cases.json?custom_fields[cf_1][]=a&custom_fields[cf_1][]=b')).status).toBe(200);
    const long = await send('GET', '/cases.json?custom_fields[cf_25]=waytoolongvalue');
    expect(long.status).toBe(422);
    expect(long.violations).toContainEqual(at('query', 'custom_fields', 'cf_25'));
    const key = await send('GET', '/cases.json?custom_fields[bad]=x');
    expect(key.status).toBe(422);
    expect(key.violations).toContainEqual(expect.objectContaining({ code: 'propertyNames' }));
  });

  it('leaves other query validation as it was', async () => {
    expect((await send('GET', '/cases.json?limit=500')).violations).toEqual([
      expect.objectContaining({ location: ['request', 'query', 'limit'], code: 'maximum' }),
    ]);
  });
});

describe('startPrism', () => {
  it('runs Prism with --errors: an answer that breaks its own schema becomes a 500', async () => {
    const { status, body } = await send('GET', '/broken.json');
    expect(status).toBe(500);
    expect(body).toMatchObject({ type: expect.stringContaining('VIOLATIONS') });
  });
});

it('no request crashed Prism', () => {
  expect(crashes).toEqual([]);
  expect(prism.exited()).toBe(false);
});
