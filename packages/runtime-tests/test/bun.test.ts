// Bun (the npm package `bun`, a devDependency of this package): imports the built ESM entry by
// file path and makes the calls against the local fake API.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeApi, startFakeApi } from './fake-api.js';
import { esmEntry, expectRequests, expectResult, fixtures, lastJsonLine, pkgDir, run } from './helpers.js';

const bun = join(pkgDir, 'node_modules/.bin/bun');
const BUN_VERSION = '1.4.5'; // as pinned in package.json

describe('Bun', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi();
  });
  afterAll(() => api?.close());

  it('runs the pinned Bun', async () => {
    expect((await run(bun, ['--version'])).trim()).toBe(BUN_VERSION);
  });

  it('imports dist/esm/index.js by path and makes the calls', async () => {
    const out = await run(bun, ['--no-install', join(fixtures, 'run.mjs'), esmEntry, api.baseUrl], {
      // Nothing may come from a registry at run time: openapi-fetch must resolve from node_modules.
      env: { ...process.env, BUN_CONFIG_REGISTRY: 'http://127.0.0.1:9/', NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/' },
    });
    const result = lastJsonLine(out);
    expect(result.resolved).toBe(esmEntry);
    expectResult(result, 'bun');
    expect(result.runtime.version).toBe(BUN_VERSION);
    expectRequests(api.requests);
  });
});
