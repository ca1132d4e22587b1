// The committed API reports (etc/*.api.md, one per package.json `exports` entry) are the SDK's
// public surface as API Extractor reads the build: a pull request that renames a method or changes
// a type shows it in their diff. This fails when the build no longer matches them; `pnpm api-report`
// rewrites them. Needs the built package (`pnpm test` builds first).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiReport, apiReports, configs, packageDir, typedEntries } from '../etc/api-report.mjs';

let reports: ApiReport[] = [];

// One TypeScript program over the declarations of the four entries: 5-30 s on a busy machine.
beforeAll(() => {
  reports = apiReports({ check: true });
}, 180_000);

describe('API report', () => {
  it('has a config for every typed exports entry of package.json', () => {
    expect(Object.keys(configs).sort()).toEqual(typedEntries().sort());
    expect(reports.map((r) => r.entry).sort()).toEqual(typedEntries().sort());
  });

  it.each(typedEntries())('of %s matches the committed report', (entry) => {
    const r = reports.find((x) => x.entry === entry)!;
    expect(r.problems, `API Extractor on ${entry}`).toEqual([]);
    const hint = r.diff.split('\n').slice(0, 60).join('\n');
    expect(
      r.changed,
      `${r.file} is out of date: the SDK's public surface changed. Review the change, then run \`pnpm api-report\` and commit ${r.file}.\n${hint}`,
    ).toBe(false);
    // Byte for byte, so that the committed file is what the command writes (deterministic).
    expect(r.report).toBe(readFileSync(join(packageDir, r.file), 'utf8'));
  });

  it('lists the client, its resources and their methods', () => {
    const main = reports.find((r) => r.entry === '.')!.report;
    expect(main).toMatch(/^export function createOmnideskClient\(/m);
    expect(main).toMatch(/^export interface CasesResource \{/m);
    const core = reports.find((r) => r.entry === './core')!.report;
    expect(core).toMatch(/^export function createOmnideskCore\(/m);
  });
});
