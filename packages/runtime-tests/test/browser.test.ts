// Chromium (Debian's /usr/bin/chromium, driven by playwright-core like docs/test/site.test.ts):
// a page served by the fake API's own server (same origin: no CORS) imports an esbuild browser
// bundle of the SDK's default entry and makes the calls; the test reads the result from the page.
// Bundling with platform=browser and no externals also proves the default entry imports nothing
// Node-only. Without Chromium the suite is skipped locally (with how to install it) and fails
// under CI=true.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions, requireChromium, skipWithoutChromium } from '../../../scripts/chromium.mjs';
import { type FakeApi, startFakeApi } from './fake-api.js';
import { clientDir, expectRequests, expectResult, fixtures, pkgDir } from './helpers.js';

const skipSuite = skipWithoutChromium('packages/runtime-tests/test/browser.test.ts');

const PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Omnidesk SDK in the browser</title>
<script type="module">
  import * as sdk from '/sdk.js';
  import { scenario } from '/scenario.js';
  window.result = scenario(sdk, location.origin + '/api').catch((error) => ({ error: String(error?.stack ?? error) }));
</script>
`;

/** The SDK's default entry bundled for a browser, as an app's bundler would. */
async function bundleDefaultEntry() {
  const out = await build({
    stdin: { contents: "export * from '@omnidesk-openapi/client';", resolveDir: pkgDir, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: out.outputFiles[0]!.text, inputs: Object.keys(out.metafile.inputs) };
}

describe.skipIf(skipSuite)('Chromium', { timeout: 60_000 }, () => {
  let api: FakeApi;
  let browser: Browser;
  let page: Page;
  let bundle: Awaited<ReturnType<typeof bundleDefaultEntry>>;
  const requests: string[] = [];
  const failed: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    requireChromium();
    if (!existsSync(join(clientDir, 'dist/esm/index.js'))) {
      throw new Error('packages/client/dist is missing: run `node scripts/build.mjs generate sdk` first.');
    }
    bundle = await bundleDefaultEntry();
    api = await startFakeApi();
    api.serve('/', 'text/html; charset=utf-8', PAGE);
    api.serve('/sdk.js', 'text/javascript; charset=utf-8', bundle.code);
    api.serve('/scenario.js', 'text/javascript; charset=utf-8', readFileSync(join(fixtures, 'scenario.mjs'), 'utf8'));
    browser = await chromium.launch(chromiumLaunchOptions());
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // Chromium logs every non-2xx fetch; the scenario's 404 is one on purpose.
      if (m.type() === 'error' && !(m.text().includes('status of 404') && m.location().url.endsWith('/api/cases/404.json')))
        errors.push(m.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('bundles the default entry for the browser: the ESM build, openapi-fetch, nothing from Node', () => {
    expect(bundle.inputs.some((f) => f.endsWith('client/dist/esm/index.js'))).toBe(true);
    expect(bundle.inputs.some((f) => f.includes('openapi-fetch'))).toBe(true);
    expect(bundle.inputs.filter((f) => f.includes('/dist/cjs/') || f.startsWith('node:'))).toEqual([]);
    expect(bundle.code).not.toMatch(/["']node:/);
  });

  it('makes the calls from a page, and the result reaches the test', async () => {
    await page.goto(`${api.origin}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as any).result !== undefined);
    const result = await page.evaluate(() => (window as any).result);
    expect(result.error).toBeUndefined();
    expectResult(result, 'browser');
    expect(result.runtime.version).toMatch(/Chrome\/\d+/);
    expectRequests(api.requests);
  });

  it('stayed on its own origin, with no failed request and no error', () => {
    expect(requests.filter((u) => !u.startsWith(`${api.origin}/`))).toEqual([]);
    expect(requests).toContain(`${api.origin}/sdk.js`);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });
});
