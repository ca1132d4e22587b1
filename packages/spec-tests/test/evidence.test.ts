// The evidence of the facts beyond the docs snapshot: every x-evidence of the bundle has a level
// from the fixed list and a source, each level is counted, and every operation of the current-API
// inventory carries its own.
import { describe, expect, it } from 'vitest';
import { loadBundle, operations } from './bundle.js';
import { normalizeSpecPath } from './coverage.js';
import { loadCurrent } from './current.js';
import { collectEvidence, countEvidence, EVIDENCE_LEVELS } from './evidence.js';

const spec = loadBundle();
const sites = collectEvidence(spec);
const { counts, bad } = countEvidence(sites);

describe('x-evidence in the bundle', () => {
  it(`has only known levels and non-empty sources (${JSON.stringify(counts)})`, () => {
    expect(bad).toEqual([]);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(sites.length);
  });

  it('uses the levels the current sources have: official pages, the knowledge base and client code', () => {
    expect(counts['current-docs']).toBeGreaterThan(0);
    expect(counts['vendor-kb']).toBeGreaterThan(0);
    expect(counts['client-code']).toBeGreaterThan(0);
  });

  it('is on every operation the current-API inventory adds or deprecates', () => {
    const ops = operations(spec);
    const missing = loadCurrent()
      .filter(({ file, entry: e }) => file === 'endpoints.json' && e.kind === 'endpoint' && e.decision !== 'left-out')
      .map(({ entry: e }) => ops.find((o) => o.method === e.method && normalizeSpecPath(o.path) === normalizeSpecPath(e.path)))
      // The bulk delete's evidence is on its path parameter: the single delete is in the snapshot.
      .filter((o) => o && !o.op['x-evidence'] && !(o.op.parameters ?? []).some((p: any) => p['x-evidence']))
      .map((o) => o!.operationId);
    expect(missing).toEqual([]);
  });
});

describe('the evidence count', () => {
  it('counts per level and fails an unknown level, a missing one and an empty source', () => {
    const doc = {
      paths: {
        '/a.json': {
          get: {
            'x-evidence': { level: 'client-code', source: 'x' },
            parameters: [{ 'x-evidence': { level: 'assumption', source: 'y' } }],
          },
        },
        '/b.json': { get: { 'x-evidence': { level: 'official-rumour', source: 'z' } } },
        '/c.json': { get: { 'x-evidence': { source: 'z' } } },
        '/d.json': { get: { 'x-evidence': { level: 'vendor-kb', source: ' ' } } },
      },
    };
    const result = countEvidence(collectEvidence(doc));
    expect(result.counts).toEqual(Object.fromEntries(EVIDENCE_LEVELS.map((l) => [l, l === 'client-code' || l === 'assumption' ? 1 : 0])));
    expect(result.bad).toEqual([
      '/paths/~1b.json/get: unknown level "official-rumour"',
      '/paths/~1c.json/get: unknown level undefined',
      '/paths/~1d.json/get: no source',
    ]);
  });
});
