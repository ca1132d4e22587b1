// The spec covers the current API: every endpoint, parameter and field of every file of
// inventory/current/ (from shared/omnidesk-api-current.md) is in the bundle as its entry says,
// or left out with the reason.
import { describe, expect, it } from 'vitest';
import { loadBundle } from './bundle.js';
import { type CurrentEntry, currentProblems, entryLabel, loadCurrent, malformed } from './current.js';

const spec = loadBundle();
const entries = loadCurrent();

describe('the current-API inventory', () => {
  it('reads every file of inventory/current/, endpoints and fields alike', () => {
    const files = [...new Set(entries.map((e) => e.file))];
    expect(files).toEqual(expect.arrayContaining(['endpoints.json', 'fields.json']));
    for (const file of files) expect(entries.filter((e) => e.file === file).length, file).toBeGreaterThan(0);
  });

  it('has well-formed entries, each once', () => {
    const bad = entries.flatMap(({ file, entry }) => malformed(entry).map((p) => `${file}: ${JSON.stringify(entry)}: ${p}`));
    expect(bad).toEqual([]);
    const keys = entries.map(({ entry: e }) => `${e.kind} ${e.method} ${e.path} ${e.in} ${e.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe('the spec covers the current API', () => {
  it.each(entries.map(({ file, entry }) => [`${file}: ${entryLabel(entry)}`, entry] as const))('%s', (_label, entry) => {
    expect(currentProblems(spec, entry)).toEqual([]);
  });
});

// The checker on small hand-made specs: each decision must be able to fail.
describe('the current-inventory check', () => {
  const entry = (over: Partial<CurrentEntry>): CurrentEntry => ({
    kind: 'field',
    method: 'GET',
    path: '/things/{id}.json',
    name: 'color',
    in: 'response',
    section: '1',
    decision: 'present',
    ...over,
  });
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
  const mini = (op: Record<string, unknown>, schemas: Record<string, unknown> = {}) => ({
    paths: { '/things/{thing_id}.json': { get: { operationId: 'getThing', responses: { '200': { description: 'ok' } }, ...op } } },
    components: { schemas },
  });

  it('finds a field nested in a wrapper and a list entry, by name or by path, not through additionalProperties', () => {
    const spec = mini(
      { responses: { '200': json({ $ref: '#/components/schemas/List' }) } },
      {
        List: { type: 'object', patternProperties: { '^[0-9]+$': { properties: { thing: { $ref: '#/components/schemas/Thing' } } } } },
        Thing: { type: 'object', properties: { color: { type: 'string' } }, additionalProperties: true },
      },
    );
    expect(currentProblems(spec, entry({}))).toEqual([]);
    expect(currentProblems(spec, entry({ name: 'thing.color' }))).toEqual([]);
    expect(currentProblems(spec, entry({ name: 'size' }))).toEqual(['getThing has no field size in response']);
    expect(currentProblems(spec, entry({ name: 'thing.size' }))).toEqual(['getThing has no field thing.size in response']);
    expect(currentProblems(spec, entry({ decision: 'left-out', reason: 'r' }))).toEqual(['left out, but the spec has it']);
  });

  it('checks parameters by name and place, endpoints by method, path and operationId, and deprecation', () => {
    const spec = mini({ parameters: [{ name: 'page', in: 'query' }] });
    expect(currentProblems(spec, entry({ kind: 'parameter', in: 'query', name: 'page' }))).toEqual([]);
    expect(currentProblems(spec, entry({ kind: 'parameter', in: 'query', name: 'sort' }))).toEqual([
      'getThing has no parameter sort in query',
    ]);
    expect(currentProblems(spec, entry({ kind: 'endpoint', in: 'path', name: 'getThing' }))).toEqual([]);
    expect(currentProblems(spec, entry({ kind: 'endpoint', in: 'path', name: 'getThing', method: 'PUT' }))).toEqual([
      'no such operation in the spec',
    ]);
    expect(currentProblems(spec, entry({ kind: 'endpoint', in: 'path', name: 'getThing', decision: 'deprecated' }))).toEqual([
      'not marked deprecated: true',
      'its description does not point to its replacement',
    ]);
    expect(currentProblems(spec, entry({ kind: 'endpoint', in: 'path', name: 'x', decision: 'left-out', reason: 'r' }))).toEqual([
      'left out, but the spec has getThing',
    ]);
  });

  it('rejects entries without a reason for leaving out, or of an unknown kind or decision', () => {
    expect(malformed(entry({ decision: 'left-out' }))).toEqual(['left-out needs a one-line reason']);
    expect(malformed({ ...entry({}), kind: 'header' })).toEqual(['unknown kind header']);
    expect(malformed({ ...entry({}), decision: 'maybe' })).toEqual(['unknown decision maybe']);
    expect(malformed(entry({}))).toEqual([]);
  });
});
