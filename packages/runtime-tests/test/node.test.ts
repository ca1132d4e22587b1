// Node: the built package through its package.json exports, from this package's node_modules,
// as an ES module (import()) and as CommonJS (require()), each in a fresh `node` process so the
// loader is Node's own (not vitest's).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeApi, startFakeApi } from './fake-api.js';
import { clientDir, expectRequests, expectResult, fixtures, lastJsonLine, run } from './helpers.js';

describe(`Node ${process.version}`, () => {
  let api: FakeApi;
  beforeAll(async () => {
    if (!existsSync(join(clientDir, 'dist/esm/index.js')) || !existsSync(join(clientDir, 'dist/cjs/index.js'))) {
      throw new Error('packages/client/dist is missing: run `node scripts/build.mjs generate sdk` first.');
    }
    api = await startFakeApi();
  });
  afterAll(() => api?.close());

  it('import("@omnidesk-openapi/client") loads dist/esm and makes the calls', async () => {
    const before = api.requests.length;
    const out = await run(process.execPath, [join(fixtures, 'run.mjs'), '@omnidesk-openapi/client', api.baseUrl]);
    const result = lastJsonLine(out);
    expect(result.resolved).toBe(pathToFileURL(join(clientDir, 'dist/esm/index.js')).href);
    expectResult(result, 'node');
    expect(result.runtime.version).toBe(process.versions.node);
    expectRequests(api.requests.slice(before));
  });

  it('require("@omnidesk-openapi/client") loads dist/cjs and makes the calls', async () => {
    const before = api.requests.length;
    const out = await run(process.execPath, [join(fixtures, 'run.cjs'), api.baseUrl]);
    const result = lastJsonLine(out);
    expect(result.resolved).toBe(join(clientDir, 'dist/cjs/index.js'));
    expectResult(result, 'node');
    expectRequests(api.requests.slice(before));
  });
});
