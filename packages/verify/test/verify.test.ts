// omnidesk-verify end to end: against a fake Omnidesk that drifts on purpose, one kind per case,
// each drift is reported at its pointer, nothing of the fake account appears in the output or the
// reports, and no request but GET ever reaches the server; bad usage and refused credentials exit 2.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.mjs';
import { readOnlyFetch } from '../src/run.mjs';
import { type Drift, type FakeOmnidesk, startFake } from './fake-omnidesk.js';
import { GET_COUNT } from './spec-gets.js';

const ENV = { OMNIDESK_EMAIL: 'staff-Qsecret@example.com', OMNIDESK_API_KEY: 'key-Qsecret-123' };
const dirs: string[] = [];
const fakes: FakeOmnidesk[] = [];
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const f of fakes) await f.close();
  // No test, whatever its flags, ever made the fake receive anything but GET.
  const methods = new Set(fakes.flatMap((f) => f.received.map((r) => r.method)));
  expect([...methods]).toEqual(['GET']);
});

interface Run {
  code: number;
  output: string;
  json: any;
  md: string;
  fake: FakeOmnidesk;
}

/** Runs main() against a new fake; `--max-calls 100` unless `args` sets it or `defaultBudget` is asked for. */
async function run(
  options: { drift?: Drift; status?: number; args?: string[]; env?: Record<string, string>; defaultBudget?: boolean } = {},
): Promise<Run> {
  const fake = await startFake(options);
  fakes.push(fake);
  const out = mkdtempSync(join(tmpdir(), 'omnidesk-verify-'));
  dirs.push(out);
  const lines: string[] = [];
  const args = options.args ?? [];
  const defaults = args.includes('--max-calls') || options.defaultBudget ? [] : ['--max-calls', '100'];
  const code = await main(['--base-url', fake.url, ...defaults, '--per-minute', '6000', '--out', out, ...args], {
    env: options.env ?? ENV,
    out: (l: string) => lines.push(l),
    err: (l: string) => lines.push(l),
  });
  const read = (f: string) => {
    try {
      return readFileSync(join(out, f), 'utf8');
    } catch {
      return '';
    }
  };
  return {
    code,
    output: lines.join('\n'),
    json: read('report.json') ? JSON.parse(read('report.json')) : undefined,
    md: read('report.md'),
    fake,
  };
}

/** Nothing planted in the fake's answers, nor the credentials, appears in the output or either report. */
function expectNoAccountValue(r: Run) {
  expect(r.fake.planted.size).toBeGreaterThan(100);
  const everything = `${r.output}\n${r.md}\n${JSON.stringify(r.json)}`;
  const leaked = [...r.fake.planted].filter((v) => everything.includes(v));
  expect(leaked).toEqual([]);
  expect(everything).not.toMatch(/Qmark|Qsecret/);
  expect(everything).not.toContain(r.fake.url);
}

function operation(r: Run, operationId: string) {
  return r.json.operations.find((o: any) => o.operationId === operationId);
}

/** The operation drifted, with exactly this drift finding, and every other operation passed. */
function expectOnlyDrift(r: Run, operationId: string, finding: Record<string, unknown>) {
  expect(r.code).toBe(1);
  const op = operation(r, operationId);
  expect(op.outcome).toBe('drift');
  expect(op.findings.filter((f: any) => f.severity === 'drift')).toEqual([expect.objectContaining({ ...finding, count: 1 })]);
  const others = r.json.operations.filter((o: any) => o.operationId !== operationId);
  expect(others.filter((o: any) => o.outcome !== 'pass').map((o: any) => o.operationId)).toEqual([]);
  const cell = finding.in === 'status' ? '—' : `\`${finding.pointer}\``;
  expect(r.md).toContain(`| drift | ${finding.in ?? 'body'} | ${cell} |`);
  expectNoAccountValue(r);
}

describe('omnidesk-verify against a fake account', () => {
  it('an account that matches the spec: every GET once, exit 0, nothing of the account in the reports', async () => {
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.json.conforms).toBe(true);
    expect(r.json.summary).toMatchObject({ operations: GET_COUNT, pass: GET_COUNT, drift: 0, calls: GET_COUNT });
    expect(r.fake.received).toHaveLength(GET_COUNT);
    // Lists first: each get-by-id comes after the list its id is from.
    const order = r.fake.received.map((x) => x.operationId);
    expect(order.indexOf('listCases')).toBeLessThan(order.indexOf('getCase'));
    expect(order.indexOf('listKbCategories')).toBeLessThan(order.indexOf('listKbSections'));
    expect(r.output).toMatch(new RegExp(`^\\[1/${GET_COUNT}\\] listCases GET /cases\\.json: pass$`, 'm'));
    expect(r.output).toContain(`\n${GET_COUNT} pass, 0 drift, 0 error, 0 no access, 0 skipped; ${GET_COUNT} calls.`);
    expectNoAccountValue(r);
  });

  it('a missing required field', async () => {
    const r = await run({
      drift: {
        operationId: 'getCase',
        body: (b) => {
          delete b.case.subject;
          return b;
        },
      },
    });
    expectOnlyDrift(r, 'getCase', {
      in: 'body',
      pointer: '/case/subject',
      kind: 'presence',
      expected: 'present (required)',
      got: 'absent',
    });
  });

  it('a number sent as a string', async () => {
    const r = await run({
      drift: {
        operationId: 'listUsers',
        body: (b) => {
          b['0'].user.user_id = String(b['0'].user.user_id);
          return b;
        },
      },
    });
    expectOnlyDrift(r, 'listUsers', {
      pointer: '/0/user/user_id',
      path: '/*/user/user_id',
      kind: 'type',
      expected: 'integer',
      got: 'string (digits only: an integer as text)',
    });
  });

  it('a value outside an enum', async () => {
    const r = await run({
      drift: {
        operationId: 'getCase',
        body: (b) => {
          b.case.status = 'Qmark-archived';
          return b;
        },
      },
    });
    expectOnlyDrift(r, 'getCase', {
      pointer: '/case/status',
      kind: 'enum',
      expected: 'one of open, waiting, closed',
      got: 'a string outside the enum',
    });
  });

  it('[] for a map', async () => {
    const r = await run({
      drift: {
        operationId: 'getKbArticle',
        body: (b) => {
          b.kb_article.article_title = [];
          return b;
        },
      },
    });
    expectOnlyDrift(r, 'getKbArticle', { pointer: '/kb_article/article_title', kind: 'type', got: 'empty array []' });
  });

  it('a date in another format', async () => {
    const r = await run({
      drift: {
        operationId: 'getUser',
        body: (b) => {
          b.user.created_at = '2024-01-31 10:00:00';
          return b;
        },
      },
    });
    expectOnlyDrift(r, 'getUser', { pointer: '/user/created_at', kind: 'format', got: 'string (ISO 8601 date-time)' });
  });

  it('an unknown field is listed by name as information, and the run still conforms', async () => {
    const r = await run({
      drift: {
        operationId: 'getCompany',
        body: (b) => {
          b.company.company_brand_new = 'Qmark-new';
          return b;
        },
      },
    });
    expect(r.code).toBe(0);
    expect(operation(r, 'getCompany')).toMatchObject({
      outcome: 'pass',
      findings: [expect.objectContaining({ pointer: '/company/company_brand_new', kind: 'extra', severity: 'info' })],
    });
    expect(r.md).toContain('| info | body | `/company/company_brand_new` |');
    expectNoAccountValue(r);
  });

  it('a 201 for a 200', async () => {
    const r = await run({ drift: { operationId: 'listGroups', status: 201 } });
    expectOnlyDrift(r, 'listGroups', { in: 'status', pointer: '', kind: 'status', expected: '200', got: '201' });
  });

  it("by default at most 15 calls, under the smallest plan's 20 a minute", async () => {
    const r = await run({ defaultBudget: true });
    expect(r.fake.received).toHaveLength(15);
    expect(r.output).toMatch(/^\[15\/15\] /m);
    expect(r.json.settings).toMatchObject({ maxCalls: 15, idsPerOperation: 1 });
  });

  it('--ids 2 makes each get-by-id call with two ids from its list', async () => {
    const r = await run({ args: ['--ids', '2'] });
    expect(r.fake.received.filter((x) => x.operationId === 'getCase')).toHaveLength(2);
    expect(operation(r, 'getCase')).toMatchObject({ outcome: 'pass', calls: 2, statuses: { 200: 2 } });
    expectNoAccountValue(r);
  });

  it('--max-calls bounds the calls; the rest is reported skipped', async () => {
    const r = await run({ args: ['--max-calls', '3'] });
    expect(r.fake.received).toHaveLength(3);
    expect(r.json.summary).toMatchObject({ calls: 3, pass: 3, skipped: GET_COUNT - 3 });
    expect(operation(r, 'listFilters')).toMatchObject({ outcome: 'skipped', reason: 'over --max-calls 3' });
    expect(r.code).toBe(0);
  });
});

it('the fetch under the transport refuses every method but GET before anything is sent', async () => {
  const sent: string[] = [];
  const guarded = readOnlyFetch(async (r: Request) => {
    sent.push(r.method);
    return new Response('{}');
  });
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    expect(() => guarded(new Request('http://127.0.0.1:9/cases.json', { method }))).toThrow(`refused ${method}`);
  }
  await guarded(new Request('http://127.0.0.1:9/cases.json'));
  expect(sent).toEqual(['GET']);
});

describe('omnidesk-verify refuses, with exit code 2 and words', () => {
  it.each([
    [401, /API key was refused \(401\)/],
    [403, /staff e-mail was refused \(403\)/],
    [404, /check OMNIDESK_DOMAIN, the subdomain/],
  ])('%i on the first call', async (status, words) => {
    const r = await run({ status });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(words);
    expect(r.fake.received).toHaveLength(1);
    expect(r.output).not.toMatch(/Qsecret/);
  });

  it('missing credentials, a bad option, an unknown flag', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await main([], { env: {}, ...io })).toBe(2);
    expect(lines.join('\n')).toMatch(/set OMNIDESK_DOMAIN/);
    expect(await main([], { env: { OMNIDESK_DOMAIN: 'acme', OMNIDESK_EMAIL: 'a@b.c' }, ...io })).toBe(2);
    expect(lines.join('\n')).toMatch(/set OMNIDESK_API_KEY/);
    expect(await main([], { env: { ...ENV, OMNIDESK_DOMAIN: 'acme.omnidesk.ru' }, ...io })).toBe(2);
    expect(lines.join('\n')).toMatch(/subdomain only/);
    expect(await main(['--max-calls', '0'], { env: { ...ENV, OMNIDESK_DOMAIN: 'acme' }, ...io })).toBe(2);
    expect(await main(['--method', 'POST'], { env: { ...ENV, OMNIDESK_DOMAIN: 'acme' }, ...io })).toBe(2);
    expect(lines.join('\n')).toMatch(/Unknown option '--method'/);
    expect(lines.join('\n')).not.toMatch(/Qsecret/);
  });
});
