// The spec covers the official docs: every documented call is an operation, with every
// parameter, request field and response field the docs name (inventory/docs-inventory.json),
// except where inventory/decisions.json says why the spec differs on purpose.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defaultDocsPath,
  EXPECTED_CALLS,
  EXPECTED_PAIRS,
  extractInventory,
  serializeInventory,
} from '../../../scripts/extract-docs-inventory.mjs';
import { loadBundle, operations } from './bundle.js';
import {
  callLabel,
  coverageProblems,
  type Decision,
  type DocsCall,
  decisionApplies,
  inventoryPath,
  loadDecisions,
  loadInventory,
  normalizeSpecPath,
  undocumentedOperations,
} from './coverage.js';
import { loadCurrent } from './current.js';

const inventory = loadInventory();
const decisions = loadDecisions();
const spec = loadBundle();

// The docs text lives beside the clone (../shared), not in it; OMNIDESK_DOCS points elsewhere.
const docsPath = process.env.OMNIDESK_DOCS ?? defaultDocsPath;

describe('docs inventory', () => {
  it(`holds ${EXPECTED_CALLS} documented calls and ${EXPECTED_PAIRS} distinct method+path pairs`, () => {
    const pairs = new Set(inventory.calls.map((c) => `${c.method} ${c.normalizedPath}`));
    expect({ calls: inventory.calls.length, pairs: pairs.size }).toEqual({ calls: EXPECTED_CALLS, pairs: EXPECTED_PAIRS });
    expect({ calls: inventory.callCount, pairs: inventory.pairCount }).toEqual({ calls: EXPECTED_CALLS, pairs: EXPECTED_PAIRS });
  });

  // Only where the docs text is at hand (CI has it as ../shared); the inventory is what the
  // other checks read, so it must be what the extractor makes of today's docs.
  it.runIf(existsSync(docsPath))('is what scripts/extract-docs-inventory.mjs makes of the docs text', () => {
    const fresh = extractInventory(readFileSync(docsPath, 'utf8'), { source: inventory.source });
    const committed = readFileSync(inventoryPath, 'utf8');
    expect(JSON.parse(committed), 'run: node scripts/extract-docs-inventory.mjs').toEqual(fresh);
    expect(committed).toBe(serializeInventory(fresh));
  });
});

const decisionLabel = (d: Decision) =>
  d.kind === 'extra-operation'
    ? `extra-operation ${d.method} ${d.path}`
    : `${d.kind} ${'docs' in d ? `${d.docs} ` : ''}in ${d.calls.join(', ')}`;

describe('decisions', () => {
  it('each have a known kind, the fields of that kind and a one-line reason', () => {
    const places = ['parameter', 'request', 'response', 'multipart'];
    const malformed = decisions.filter((d: any) => {
      const strings = (...keys: string[]) => keys.every((k) => typeof d[k] === 'string' && d[k].length > 0);
      const calls = Array.isArray(d.calls) && d.calls.length > 0 && d.calls.every((c: unknown) => typeof c === 'string');
      const inPlaces = Array.isArray(d.in) && d.in.length > 0 && d.in.every((p: string) => places.includes(p));
      if (!strings('reason') || d.reason.includes('\n')) return true;
      switch (d.kind) {
        case 'rename':
          return !(calls && inPlaces && strings('docs', 'spec') && d.docs !== d.spec);
        case 'fault':
          return !(calls && inPlaces && strings('docs'));
        case 'path-parameter':
          return !(calls && strings('docs', 'spec'));
        case 'path':
          return !(calls && strings('spec'));
        case 'extra-operation':
          return !strings('method', 'path');
        default:
          return true;
      }
    });
    expect(malformed).toEqual([]);
  });

  // No dead entries: a decision about a name the docs no longer use must go.
  it.each(decisions.map((d) => [decisionLabel(d), d] as const))('%s still applies', (_label, decision) => {
    if (decision.kind === 'extra-operation') {
      const extra = undocumentedOperations(spec, inventory, []).map((o) => `${o.method} ${normalizeSpecPath(o.path)}`);
      expect(extra).toContain(`${decision.method.toUpperCase()} ${normalizeSpecPath(decision.path)}`);
      return;
    }
    const unmatched = decision.calls.filter(
      (glob) => !inventory.calls.some((call) => decisionApplies({ ...decision, calls: [glob] } as Decision, call)),
    );
    expect(unmatched, 'calls patterns where the decision matches nothing in the inventory').toEqual([]);
  });
});

describe('the spec covers the docs', () => {
  it.each(inventory.calls.map((call) => [callLabel(call), call] as const))('%s', (label, call) => {
    expect(coverageProblems(spec, call, decisions), label).toEqual([]);
  });

  // Operations beyond the snapshot are the current API's endpoints (inventory/current/, checked
  // one by one in current-inventory.test.ts) or extra-operation decisions.
  it('has no operation the docs do not list, unless decisions.json or the current-API inventory says why', () => {
    const allowed = new Set([
      ...decisions.flatMap((d) => (d.kind === 'extra-operation' ? [`${d.method.toUpperCase()} ${normalizeSpecPath(d.path)}`] : [])),
      ...loadCurrent().flatMap(({ entry: e }) =>
        e.kind === 'endpoint' && e.decision !== 'left-out' ? [`${e.method} ${normalizeSpecPath(e.path)}`] : [],
      ),
    ]);
    const extra = undocumentedOperations(spec, inventory, decisions)
      .filter((o) => !allowed.has(`${o.method} ${normalizeSpecPath(o.path)}`))
      .map((o) => `${o.method} ${o.path} (${o.operationId})`);
    expect(extra).toEqual([]);
  });
});

// The checker on small hand-made specs: it must fail for what is missing, or the coverage
// tests above could pass without checking anything.
describe('the coverage check', () => {
  const call = (over: Partial<DocsCall>): DocsCall => ({
    line: 1,
    method: 'GET',
    path: '/things.json',
    normalizedPath: '/things.json',
    summary: '',
    notes: [],
    variant: null,
    parameters: [],
    request: null,
    multipartFields: [],
    responses: [],
    ...over,
  });
  const param = (name: string, required = false) => ({ name, type: 'string', required, description: '' });
  const shape = (fields: string[], dynamic: string[] = []) => ({ fields, dynamic });
  const ok = { description: 'ok' };
  const specWith = (path: string, method: string, op: Record<string, unknown>, schemas = {}) => ({
    paths: { [path]: { [method]: { operationId: 'op', responses: { '200': ok }, ...op } } },
    components: { schemas },
  });
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

  it('finds the operation by method and path, whatever the path parameter is called', () => {
    const docs = call({ method: 'GET', path: '/things/[id].json', normalizedPath: '/things/{}.json' });
    expect(coverageProblems(specWith('/things/{thing_id}.json', 'get', {}), docs, [])).toEqual([]);
    expect(coverageProblems(specWith('/things/{thing_id}.json', 'put', {}), docs, [])).toEqual([
      'no operation GET /things/{}.json in the spec',
    ]);
  });

  it('names a missing query parameter and accepts a present one; a GET body does not count', () => {
    const docs = call({ parameters: [param('page'), param('status')] });
    const spec = specWith('/things.json', 'get', {
      parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }],
      requestBody: json({ type: 'object', properties: { status: { type: 'string' } } }),
    });
    expect(coverageProblems(spec, docs, [])).toEqual(['missing parameters: status']);
  });

  it('finds body parameters inside the wrapper object, and checks required ones', () => {
    const docs = call({
      method: 'POST',
      parameters: [param('title', true), param('note'), param('color')],
      request: { line: 2, examples: 1, ...shape(['thing', 'thing.title']) },
    });
    const spec = specWith(
      '/things.json',
      'post',
      { requestBody: json({ $ref: '#/components/schemas/Envelope' }) },
      {
        Envelope: { type: 'object', properties: { thing: { $ref: '#/components/schemas/Create' } } },
        Create: {
          type: 'object',
          anyOf: [{ required: ['note'] }],
          properties: { title: { type: 'string' }, note: { type: 'string' } },
          additionalProperties: true,
        },
      },
    );
    expect(coverageProblems(spec, docs, [])).toEqual([
      'missing parameters: color',
      'parameters the docs mark required (*) but the spec does not: title',
    ]);
  });

  it('does not count additionalProperties as covering a response field, and looks into list entries', () => {
    const docs = call({
      responses: [
        { heading: 'ОТВЕТ', line: 3, examples: 1, ...shape(['thing', 'thing.id', 'thing.name', 'total_count', 'thing.tags[].id']) },
      ],
    });
    const entry = {
      type: 'object',
      properties: {
        thing: {
          type: 'object',
          properties: { id: { type: 'integer' }, tags: { type: 'array', items: { type: 'object', properties: { id: {} } } } },
          additionalProperties: true,
        },
      },
    };
    const spec = specWith('/things.json', 'get', {
      responses: { '200': json({ type: 'object', properties: { total_count: {} }, patternProperties: { '^[0-9]+$': entry } }) },
    });
    expect(coverageProblems(spec, docs, [])).toEqual(['missing response fields: thing.name']);
  });

  it('wants id-keyed maps to be maps, not open objects', () => {
    const docs = call({
      responses: [
        { heading: 'ОТВЕТ', line: 3, examples: 1, ...shape(['thing', 'thing.title', 'thing.fields'], ['thing.title', 'thing.fields']) },
      ],
    });
    const spec = specWith('/things.json', 'get', {
      responses: {
        '200': json({
          type: 'object',
          properties: {
            thing: {
              type: 'object',
              properties: {
                title: { oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'string' } }] },
                fields: { type: 'object', additionalProperties: true },
              },
            },
          },
        }),
      },
    });
    expect(coverageProblems(spec, docs, [])).toEqual(['response fields that are not maps: thing.fields']);
  });

  it('finds multipart fields by bracket name, patternProperties included', () => {
    const docs = call({
      method: 'POST',
      variant: 'multipart',
      multipartFields: [
        { name: 'thing[files]', written: 'thing[files][0]' },
        { name: 'thing[title]', written: 'thing[title]' },
        { name: 'thing[color]', written: 'thing[color]' },
      ],
    });
    const spec = specWith('/things.json', 'post', {
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { 'thing[title]': { type: 'string' } },
              patternProperties: { '^thing\\[files\\]\\[[0-9]+\\]$': {} },
              additionalProperties: true,
            },
          },
        },
      },
    });
    expect(coverageProblems(spec, docs, [])).toEqual(['missing multipart fields: thing[color]']);
  });

  it('applies renames and faults, and lists undecided extra operations', () => {
    const docs = call({
      parameters: [param('сolor')],
      responses: [{ heading: 'ОТВЕТ', line: 3, examples: 1, ...shape(['thing', 'thing.id', 'oops', 'oops.id']) }],
    });
    const decided: Decision[] = [
      { kind: 'rename', calls: ['GET /things.json'], in: ['parameter'], docs: 'сolor', spec: 'color', reason: 'r' },
      { kind: 'fault', calls: ['GET /things.json'], in: ['response'], docs: 'oops', reason: 'r' },
    ];
    const spec = {
      paths: {
        '/things.json': {
          get: {
            operationId: 'op',
            parameters: [{ name: 'color', in: 'query' }],
            responses: { '200': json({ properties: { thing: { properties: { id: {} } } } }) },
          },
        },
        '/other.json': { get: { operationId: 'other', responses: { '200': ok } } },
      },
    };
    expect(coverageProblems(spec, docs, decided)).toEqual([]);
    expect(coverageProblems(spec, docs, [])).toEqual(['missing parameters: сolor', 'missing response fields: oops, oops.id']);
    const inv = { source: '', sourceSha256: '', callCount: 1, pairCount: 1, calls: [docs] };
    expect(undocumentedOperations(spec, inv, decided).map((o) => o.path)).toEqual(['/other.json']);
    expect(operations(spec)).toHaveLength(2);
  });

  it('finds a decision dead when its name is not where it says', () => {
    const docs = call({ parameters: [param('сolor')] });
    const rename = (over: Partial<Extract<Decision, { kind: 'rename' }>>): Decision => ({
      kind: 'rename',
      calls: ['GET /things.json'],
      in: ['parameter'],
      docs: 'сolor',
      spec: 'color',
      reason: 'r',
      ...over,
    });
    expect(decisionApplies(rename({}), docs)).toBe(true);
    expect(decisionApplies(rename({ docs: 'size' }), docs)).toBe(false);
    expect(decisionApplies(rename({ in: ['response'] }), docs)).toBe(false);
    expect(decisionApplies(rename({ calls: ['POST /things.json'] }), docs)).toBe(false);
  });
});
