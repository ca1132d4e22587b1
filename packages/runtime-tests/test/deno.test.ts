// Deno (the npm package `deno`, a devDependency of this package): imports the built ESM entry by
// file path and makes the calls against the local fake API, with only the permissions that needs
// (network to the fake, reading the package), in a throwaway DENO_DIR.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeApi, startFakeApi } from './fake-api.js';
import { clientDir, esmEntry, expectRequests, expectResult, fixtures, lastJsonLine, pkgDir, run } from './helpers.js';

const deno = join(pkgDir, 'node_modules/.bin/deno');
const DENO_VERSION = '2.9.6'; // as pinned in package.json

describe('Deno', () => {
  let api: FakeApi;
  let denoDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    api = await startFakeApi();
    denoDir = mkdtempSync(join(tmpdir(), 'omnidesk-deno-'));
    // No update check, and no registry to fall back on: openapi-fetch must resolve from node_modules.
    env = { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/' };
  });
  afterAll(async () => {
    await api?.close();
    if (denoDir) rmSync(denoDir, { recursive: true, force: true });
  });

  it('runs the pinned Deno', async () => {
    expect(await run(deno, ['--version'], { env })).toMatch(new RegExp(`^deno ${DENO_VERSION.replaceAll('.', '\\.')} `));
  });

  it('imports dist/esm/index.js by path and makes the calls', async () => {
    const port = new URL(api.origin).port;
    const out = await run(
      deno,
      [
        'run',
        '--no-prompt',
        `--allow-net=127.0.0.1:${port}`,
        `--allow-read=${clientDir}`,
        join(fixtures, 'run.mjs'),
        esmEntry,
        api.baseUrl,
      ],
      { env },
    );
    const result = lastJsonLine(out);
    expect(result.resolved).toBe(esmEntry);
    expectResult(result, 'deno');
    expect(result.runtime.version).toBe(DENO_VERSION);
    expectRequests(api.requests);
  });
});
