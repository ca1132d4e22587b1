// The response validator (`@omnidesk-openapi/client/validate`): every example of the spec
// conforms; each kind of drift is found at its pointer, with what the spec expects and what came;
// no value of the answer ever appears in a finding.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { operations, operationsById, resolver } from '../../../scripts/generate/spec-walker.mjs';
import { conforms, formatFinding, mergeFindings, type ResponseFinding, validateResponse } from '../src/validate.js';

const bundle = JSON.parse(readFileSync(new URL('../../../dist/openapi.json', import.meta.url), 'utf8'));
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** The 2xx examples of the bundle: [operationId, status, example name, value]. */
function examples(): [string, number, string, unknown][] {
  const out: [string, number, string, unknown][] = [];
  for (const { operation: op } of operations(bundle)) {
    for (const [code, response] of Object.entries<any>(op.responses ?? {})) {
      const media = response.content?.['application/json'];
      if (!/^2/.test(code) || !media) continue;
      for (const [name, ex] of Object.entries<any>(media.examples ?? {})) out.push([op.operationId, Number(code), name, ex.value]);
      if (media.example !== undefined) out.push([op.operationId, Number(code), 'example', media.example]);
    }
  }
  return out;
}

const caseExample = () =>
  structuredClone(bundle.paths['/cases/{case_id}.json'].get.responses['200'].content['application/json'].examples.docs.value);
const drift = (f: ResponseFinding[]) => f.filter((x) => x.severity === 'drift');

describe('validateResponse', () => {
  it('finds no drift in any 2xx example of the spec', () => {
    const all = examples();
    expect(all.length).toBeGreaterThan(50);
    for (const [operationId, status, name, value] of all) {
      const findings = validateResponse(operationId, { status, headers: JSON_HEADERS, body: value });
      expect(drift(findings).map(formatFinding), `${operationId} example ${name}`).toEqual([]);
    }
  });

  it('reports a missing required field as presence, at its pointer', () => {
    const body = caseExample();
    delete body.case.subject;
    expect(validateResponse('getCase', { status: 200, headers: JSON_HEADERS, body })).toEqual([
      {
        in: 'body',
        pointer: '/case/subject',
        path: '/case/subject',
        kind: 'presence',
        expected: 'present (required)',
        got: 'absent',
        severity: 'drift',
        count: 1,
        occurrences: 1,
      },
    ]);
  });

  it('reports a number sent as a string as a type finding naming the form of the text', () => {
    const body = caseExample();
    body.case.user_id = '123';
    const [f] = validateResponse('getCase', { status: 200, headers: JSON_HEADERS, body });
    expect(f).toMatchObject({
      pointer: '/case/user_id',
      kind: 'type',
      expected: 'integer',
      got: 'string (digits only: an integer as text)',
    });
  });

  it('reports a value outside an enum without the value', () => {
    const body = caseExample();
    body.case.status = 'archived-SECRET';
    const [f] = validateResponse('getCase', { status: 200, headers: JSON_HEADERS, body });
    expect(f).toMatchObject({
      pointer: '/case/status',
      kind: 'enum',
      expected: 'one of open, waiting, closed',
      got: 'a string outside the enum',
    });
  });

  it('reports a date in another format, naming the format it came in', () => {
    const body = caseExample();
    body.case.created_at = '2014-05-05 00:15:17';
    body.case.updated_at = '2014-05-05T00:15:17+03:00';
    const findings = validateResponse('getCase', { status: 200, headers: JSON_HEADERS, body });
    expect(findings.map((f) => [f.pointer, f.kind, f.got])).toEqual([
      ['/case/created_at', 'format', 'string (ISO 8601 date-time)'],
      ['/case/updated_at', 'format', 'string (ISO 8601 date-time)'],
    ]);
    // A oneOf of a date and "-": one finding that names both.
    expect(findings[1]!.expected).toMatch(/^Rfc2822Date .* or "-"$/);
  });

  it('reports [] where a map is expected, and groups the entries of a list', () => {
    expect(validateResponse('getCase', { status: 200, headers: JSON_HEADERS, body: [] })).toMatchObject([
      { pointer: '', kind: 'type', expected: 'object', got: 'empty array []' },
    ]);
    const entry = caseExample();
    entry.case.priority = 7;
    const findings = validateResponse('listCases', {
      status: 200,
      headers: JSON_HEADERS,
      body: { 0: entry, 1: entry, 2: entry, total_count: 3 },
    });
    expect(findings).toMatchObject([{ pointer: '/0/case/priority', path: '/*/case/priority', kind: 'type', count: 1, occurrences: 3 }]);
  });

  it('lists an unknown field by name as information, not drift', () => {
    const body = caseExample();
    body.case.brand_new_field = 'x';
    const findings = validateResponse('getCase', { status: 200, headers: JSON_HEADERS, body });
    expect(findings).toMatchObject([
      { pointer: '/case/brand_new_field', kind: 'extra', severity: 'info', got: 'string (text, 1 characters)' },
    ]);
    expect(conforms(findings)).toBe(true);
  });

  it('reports an undeclared status (201 for 200) and still checks the body', () => {
    const body = caseExample();
    delete body.case.spam;
    const findings = validateResponse('getCase', { status: 201, headers: JSON_HEADERS, body });
    expect(findings.map((f) => [f.in, f.pointer, f.kind, f.expected, f.got])).toEqual([
      ['status', '', 'status', '200', '201'],
      ['body', '/case/spam', 'presence', 'present (required)', 'absent'],
    ]);
  });

  it('checks declared headers and the media type', () => {
    const findings = validateResponse('getCase', {
      status: 200,
      headers: new Headers({ 'content-type': 'text/html', api_calls_left: 'many' }),
      body: caseExample(),
    });
    expect(findings.map((f) => [f.in, f.pointer, f.kind, f.expected, f.got])).toEqual([
      ['header', '/api_calls_left', 'type', 'integer', 'string (text, 4 characters)'],
      ['header', '/content-type', 'media', 'application/json', 'text/html'],
    ]);
    expect(validateResponse('getCase', { status: 200, headers: JSON_HEADERS, text: '<html>' })).toMatchObject([
      { kind: 'media', expected: 'JSON' },
    ]);
    expect(validateResponse('getCase', { status: 200, headers: JSON_HEADERS })).toMatchObject([{ kind: 'presence', got: 'no body' }]);
  });

  it('never puts a value of the answer into a finding, even in keys', () => {
    const MARK = 'Zq7Marker';
    const body = caseExample();
    for (const key of Object.keys(body.case)) if (typeof body.case[key] === 'string') body.case[key] = `${MARK}-${key}@example.com`;
    body.case.custom_fields = { [`${MARK} key`]: `${MARK}-v`, cf_1: 7 };
    body.case[`${MARK}@mail.example`] = `${MARK}-extra`;
    body.case.status = 12345;
    const findings = validateResponse('getCase', { status: 200, headers: { ...JSON_HEADERS, api_calls_left: MARK }, body });
    expect(findings.length).toBeGreaterThan(5);
    expect(JSON.stringify(findings)).not.toContain(MARK);
    expect(findings.map(formatFinding).join('\n')).not.toContain(MARK);
    expect(JSON.stringify(findings)).not.toContain('12345');
  });

  it("writes a map's keys as *, and keeps list positions", () => {
    const body = caseExample();
    body.case.custom_fields = { cf_1: 7 };
    expect(validateResponse('getCase', { status: 200, headers: JSON_HEADERS, body })).toMatchObject([
      { pointer: '/case/custom_fields/*', path: '/case/custom_fields/*', kind: 'type', expected: 'string or boolean', got: 'integer' },
    ]);
  });

  it('names an unknown operation', () => {
    expect(() => validateResponse('noSuchOperation', { status: 200 })).toThrow(/noSuchOperation/);
  });

  it('mergeFindings adds up answers', () => {
    const body = caseExample();
    delete body.case.subject;
    const one = validateResponse('getCase', { status: 200, headers: JSON_HEADERS, body });
    expect(mergeFindings([...one, ...one])).toMatchObject([{ pointer: '/case/subject', count: 2, occurrences: 2 }]);
  });
});

/** Every place in a JSON value, as [parent, key] pairs (the root excluded). */
function places(value: unknown, out: [any, string | number][] = []): [any, string | number][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), places(v, out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([value, k]), places(v, out);
  return out;
}

describe('validateResponse agrees with ajv', () => {
  // ajv (JSON Schema 2020-12) over the bundle itself: the reference the own checker must match.
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...bundle, $id: 'spec' }, 'spec.json');
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const deref = resolver(bundle);
  const byId = operationsById(bundle, deref);
  const ajvFor = (operationId: string, status: number) => {
    const key = `${operationId} ${status}`;
    if (!compiled.has(key)) {
      const response = deref(byId.get(operationId)!.operation.responses[String(status)]);
      const schema = JSON.parse(
        JSON.stringify(response.content['application/json'].schema).replaceAll('"$ref":"#/', '"$ref":"spec.json#/'),
      );
      compiled.set(key, ajv.compile(schema));
    }
    return compiled.get(key)!;
  };
  const MUTATIONS: [string, (old: unknown) => unknown][] = [
    ['removed', () => undefined],
    ['null', () => null],
    ['a number as text', () => '123'],
    ['an ISO date', () => '2024-01-31 10:00:00'],
    ['[]', () => []],
    ['{}', () => ({})],
    ['7', () => 7],
    ['-1', () => -1],
    ['true', () => true],
    ['"x"', () => 'x'],
  ];

  it('on every example, and on each example changed in one place in ten ways', () => {
    let compared = 0;
    const disagreements: string[] = [];
    for (const [operationId, status, name, example] of examples()) {
      const validate = ajvFor(operationId, status);
      const body = structuredClone(example);
      const all = places(body);
      // At most 25 places an example, spread over it: enough to reach every kind of field.
      const step = Math.max(1, Math.ceil(all.length / 25));
      for (let i = 0; i < all.length; i += step) {
        const [parent, key] = all[i]!;
        const old = parent[key];
        for (const [what, mutate] of MUTATIONS) {
          const value = mutate(old);
          if (value === undefined) {
            if (Array.isArray(parent)) continue;
            delete parent[key];
          } else parent[key] = value;
          const ours = conforms(validateResponse(operationId, { status, headers: JSON_HEADERS, body }));
          const theirs = validate(body) as boolean;
          compared++;
          if (ours !== theirs) disagreements.push(`${operationId} ${name}: ${String(key)} ${what}: ours ${ours}, ajv ${theirs}`);
          parent[key] = old;
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
    expect(disagreements).toEqual([]);
  }, 120_000);
});
