// Checks of the built package (`node scripts/build.mjs sdk` builds it; `pnpm test` builds first).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

/** Every file reachable from `entry` by relative imports/requires, with the bare specifiers it uses. */
function graph(entry: string) {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from\s+|import\s*\(|require\()\s*["']([^"']+)["']/g)) {
      if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!));
      else bare.add(spec!);
    }
  };
  visit(entry);
  return { files, bare };
}

describe('the built package', () => {
  it('publint finds nothing, strict', async () => {
    const { messages } = await publint({ pkgDir, strict: true, pack: 'pnpm' });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  }, 60_000);

  it('attw --pack finds no problem in any entry point or resolution mode', () => {
    const attw = join(pkgDir, '../../node_modules/.bin/attw');
    const r = spawnSync(attw, ['--pack', '.', '--format', 'json'], { cwd: pkgDir, encoding: 'utf8' });
    const report = JSON.parse(r.stdout);
    expect(report.problems).toEqual({});
    expect(r.status).toBe(0);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './core', './node', './package.json', './validate']);
  }, 120_000);

  it('the default entry imports nothing Node-only (browsers, Deno, Bun); ./node does', () => {
    for (const flavour of ['esm', 'cjs']) {
      const main = graph(join(pkgDir, `dist/${flavour}/index.js`));
      expect([...main.bare].sort()).toEqual(['openapi-fetch']);
      expect([...graph(join(pkgDir, `dist/${flavour}/node.js`)).bare].sort()).toEqual(['node:fs', 'node:fs/promises', 'node:path']);
      // The core entry builds its requests with openapi-fetch too, and imports nothing Node-only.
      expect([...graph(join(pkgDir, `dist/${flavour}/core.js`)).bare]).toEqual(['openapi-fetch']);
      // The validator and its schemas: no dependency at all, and nothing the default entry loads.
      const validate = graph(join(pkgDir, `dist/${flavour}/validate.js`));
      expect([...validate.bare]).toEqual([]);
      expect([...main.files].some((f) => validate.files.has(f))).toBe(false);
    }
  });

  it('works from require() and import(), and both make the same request', async () => {
    const seen: string[] = [];
    const fetch = async (r: Request) => (seen.push(`${r.method} ${r.url}`), Response.json({ case: { case_id: 7 } }));
    const cjs = createRequire(join(pkgDir, 'package.json'))('@omnidesk-openapi/client');
    const esm = await import(pathToFileURL(join(pkgDir, pkg.exports['.'].import.default)).href);
    for (const mod of [cjs, esm]) {
      const client = mod.createOmnideskClient({ baseUrl: 'http://mock/api', email: 'a@b.c', apiKey: 'k', fetch });
      expect(await client.cases.get(7)).toEqual({ case_id: 7 });
    }
    expect(seen).toEqual(['GET http://mock/api/cases/7.json', 'GET http://mock/api/cases/7.json']);
    expect(Object.keys(cjs).sort()).toEqual(
      Object.keys(esm)
        .filter((k) => k !== 'default')
        .sort(),
    );
  });
});

describe('errors across the ESM and CommonJS builds (the dual-package hazard)', () => {
  it("an error thrown by one build is instanceof the other build's classes, by kind", async () => {
    const cjs = createRequire(join(pkgDir, 'package.json'))('@omnidesk-openapi/client');
    const esm = await import(pathToFileURL(join(pkgDir, pkg.exports['.'].import.default)).href);
    expect(cjs.NotFoundError).not.toBe(esm.NotFoundError);
    const fetch = async () => Response.json({ error: 'case_not_found' }, { status: 404 });
    for (const [from, other] of [
      [esm, cjs],
      [cjs, esm],
    ]) {
      const client = from.createOmnideskClient({ baseUrl: 'http://mock/api', email: 'a@b.c', apiKey: 'k', fetch, maxRetries: 0 });
      const error = await client.cases.get(7).catch((e: unknown) => e);
      expect(error.kind).toBe('not_found');
      for (const mod of [from, other]) {
        expect(error).toBeInstanceOf(mod.NotFoundError);
        expect(error).toBeInstanceOf(mod.OmnideskError);
        expect(error instanceof mod.ServerError).toBe(false);
        expect(error instanceof mod.InvalidRequestError).toBe(false);
        expect(mod.isOmnideskError(error)).toBe(true);
      }
      expect(error).toBeInstanceOf(Error);
      // The subclass relation holds across builds too: a too-large attachment is an invalid request.
      const big = new from.AttachmentTooLargeError('big', { size: 2, limit: 1 });
      expect(big).toBeInstanceOf(other.InvalidRequestError);
      expect(big).toBeInstanceOf(other.AttachmentTooLargeError);
      expect(new from.InvalidRequestError('x') instanceof other.AttachmentTooLargeError).toBe(false);
      // Not everything with a matching kind: a plain error, or an object posing as one.
      expect(new Error('x') instanceof other.OmnideskError).toBe(false);
      expect({ kind: 'not_found', name: 'NotFoundError' } instanceof other.NotFoundError).toBe(false);
      expect((null as unknown as object) instanceof other.OmnideskError).toBe(false);
    }
  });
});

describe('the examples', () => {
  it('type-check against the built package (tsc over examples/*.mjs with // @ts-check)', () => {
    const tsc = join(pkgDir, '../../node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(pkgDir, 'examples/tsconfig.json')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);
});
