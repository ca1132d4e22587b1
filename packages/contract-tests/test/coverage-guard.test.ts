// The guard itself: it must see exactly what covers() blocks declare, not text that looks alike.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readCoverage } from '../src/coverage.js';

const dir = mkdtempSync(join(tmpdir(), 'contract-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function coverageOf(source: string) {
  writeFileSync(join(dir, 'x.contract.test.ts'), source);
  return readCoverage(dir);
}

it('counts a covers() block with its own test', () => {
  const { covered, problems } = coverageOf(`covers('listCases', (op) => { it('lists', async () => {}); });`);
  expect([...covered.keys()]).toEqual(['listCases']);
  expect(problems).toEqual([]);
});

it('ignores covers() in comments and strings', () => {
  const { covered } = coverageOf(`// covers('getCase', () => { it('x', () => {}) })\nconst s = "covers('getCase'";`);
  expect(covered.size).toBe(0);
});

it('rejects an id that is not a literal, an empty block, and skipped tests', () => {
  const { covered, problems } = coverageOf(
    [
      `const id = 'getCase'; covers(id, () => { it('x', () => {}); });`,
      `covers('listCases', (op) => { declaredErrors(op, call); });`,
      `covers('trashCases', () => { it.skip('x', () => {}); });`,
    ].join('\n'),
  );
  expect(covered.size).toBe(0);
  expect(problems).toEqual([
    expect.stringMatching(/x\.contract\.test\.ts:1: covers\(\) needs the operationId as a string literal/),
    expect.stringMatching(/:2: covers\('listCases'\) holds no it\(\)\/test\(\) of its own/),
    expect.stringMatching(/:3: covers\('trashCases'\) holds no it\(\)/),
    expect.stringMatching(/:3: it\.skip is not allowed/),
  ]);
});
