// The coverage guard: every operation of the bundle has a contract test, and every contract
// test names an operation that exists. See src/covers.ts for how a test declares its operation.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleOperations, bundlePath } from '../src/bundle.js';
import { readCoverage } from '../src/coverage.js';

const testDir = fileURLToPath(new URL('.', import.meta.url));
const { covered, problems } = readCoverage(testDir);
const operations = bundleOperations();

describe(`contract coverage of ${bundlePath}`, () => {
  it('finds operations in the bundle', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it('has a covers() block for every operationId', () => {
    const missing = operations.filter((op) => !covered.has(op.operationId)).map((op) => `${op.operationId} (${op.method} ${op.path})`);
    expect(missing, `operations without a contract test:\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('covers no operation the bundle does not have', () => {
    const known = new Set<string>(operations.map((op) => op.operationId));
    const unknown = [...covered].filter(([id]) => !known.has(id)).map(([id, files]) => `${id} (${files.join(', ')})`);
    expect(unknown, `covers() for unknown operations:\n  ${unknown.join('\n  ')}`).toEqual([]);
  });

  it('reads every covers() exactly (literal ids, own tests, nothing skipped)', () => {
    expect(problems).toEqual([]);
  });
});
