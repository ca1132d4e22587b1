// What the SDK adds to a browser bundle: esbuild (bundle, minify, platform browser, format esm)
// on small entry files, gzipped at level 9. Sizes are deterministic for a given build, so
// packages/client/test/size.test.ts checks the same entry against a fixed limit.
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { clientDir, clientEntry, kb, table, verdict } from './lib.mjs';

const generated = clientEntry.replace(/index\.js$/, 'generated/sdk.js');
/** The tree-shakeable entry (`@omnidesk-openapi/client/core`): a core plus per-resource factories. */
const coreEntry = clientEntry.replace(/index\.js$/, 'core.js');
const coreSetup = `const core = createOmnideskCore({ domain: 'yourcompany', email: 'agent@example.com', apiKey: 'key' });`;
const setup = `const omnidesk = createOmnideskClient({ domain: 'yourcompany', email: 'agent@example.com', apiKey: 'key' });`;

/** The entries measured, by name: each is the source of a module a user's app might be. */
export const entries = {
  /** The SDK's runtime for one operation: what the size target and the size test are about. */
  oneOperation: `import { createOmnideskClient } from ${JSON.stringify(clientEntry)};
${setup}
omnidesk.cases.list({ limit: 10 }).then((page) => console.log(page.items));`,
  /** The same app on the tree-shakeable entry: only the cases resource (and openapi-fetch, which builds the requests). */
  coreOneOperation: `import { createOmnideskCore, cases } from ${JSON.stringify(coreEntry)};
${coreSetup}
cases(core).list({ limit: 10 }).then((page) => console.log(page.items));`,
  rawOnly: `import { createOmnideskClient } from ${JSON.stringify(clientEntry)};
${setup}
omnidesk.raw.GET('/cases.json', { params: { query: { limit: 10 } } }).then(({ data }) => console.log(data));`,
  allResources: `import { createOmnideskClient } from ${JSON.stringify(clientEntry)};
${setup}
for (const [name, resource] of Object.entries(omnidesk)) console.log(name, Object.keys(resource));
omnidesk.kbArticles.list().then(console.log);`,
  operationTable: `import { operationTable } from ${JSON.stringify(generated)};
console.log(operationTable);`,
  openapiFetch: `import createClient from 'openapi-fetch';
createClient({ baseUrl: 'https://yourcompany.omnidesk.ru/api' }).GET('/cases.json', { params: { query: { limit: 10 } } }).then(console.log);`,
};

/** Strings only the kbArticles resource has: their absence shows that unused resources are left out. */
export const UNUSED_MARKER = 'listKbArticles';
export const UNUSED_PATH = '/kb_article';
/** Strings of @omnidesk-openapi/ratelimit-redis (its Lua script, its client calls). */
const REDIS_MARKERS = ['ZRANGEBYSCORE', 'evalSha', 'ratelimit:{'];

/** @typedef {keyof typeof entries} EntryName */
/** @typedef {{ minified: number, gzipped: number }} Size */

/**
 * Bundles one entry; returns its minified and gzipped sizes in bytes, and its text.
 * @param {EntryName} name
 */
export async function bundle(name) {
  const result = await esbuild.build({
    stdin: { contents: entries[name], resolveDir: clientDir, sourcefile: `${name}.js`, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length, text: Buffer.from(bytes).toString('utf8') };
}

export async function runSize() {
  /** @type {Record<string, Awaited<ReturnType<typeof bundle>>>} */
  const built = {};
  for (const name of /** @type {EntryName[]} */ (Object.keys(entries))) built[name] = await bundle(name);
  const out = /** @type {Record<EntryName, Awaited<ReturnType<typeof bundle>>>} */ (built);
  return {
    sizes: /** @type {Record<EntryName, Size>} */ (
      Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { minified: v.minified, gzipped: v.gzipped }]))
    ),
    markerInOneOperation: out.oneOperation.text.includes(UNUSED_MARKER),
    // The Redis store is its own package: none of its script or client calls in the SDK's bundles.
    redisInBundle: /** @type {const} */ (['oneOperation', 'allResources']).some((name) =>
      REDIS_MARKERS.some((m) => out[name].text.includes(m)),
    ),
    markerInCore: out.coreOneOperation.text.includes(UNUSED_MARKER) || out.coreOneOperation.text.includes(UNUSED_PATH),
  };
}

/** @typedef {Awaited<ReturnType<typeof runSize>>} SizeResults */

export function sizeMarkdown(/** @type {SizeResults} */ s) {
  const { oneOperation: one, coreOneOperation: core, allResources: all, rawOnly: raw, operationTable: ops, openapiFetch: base } = s.sizes;
  const row = (/** @type {string} */ what, /** @type {Size} */ v, target = '') => [what, kb(v.minified), kb(v.gzipped), target];
  return [
    '## Size',
    '',
    'A browser bundle of an app that creates the client and calls one operation, by esbuild',
    '(`bundle`, `minify`, `platform: browser`, `format: esm`), gzipped at level 9; 1 kB = 1000 bytes.',
    '',
    table(
      ['bundle', 'minified', 'gzipped', 'target'],
      [
        row('SDK, one operation (`cases.list`), full client', one, `< 10 kB gzipped: ${verdict(one.gzipped < 10_000)}`),
        row(
          'SDK, one operation, tree-shakeable entry (`/core`: `cases(core).list`)',
          core,
          `< 10 kB gzipped: ${verdict(core.gzipped < 10_000)}`,
        ),
        row('SDK, `raw.GET` only', raw),
        row('SDK, every resource', all),
        row('of which the generated operation table alone', ops),
        row('openapi-fetch alone (baseline)', base),
      ],
    ),
    '',
    `Tree-shaking of unused resources, \`/core\` entry: ${s.markerInCore ? '**no**' : 'yes'}. Its one-operation bundle ${s.markerInCore ? '**contains**' : 'contains neither'}`,
    `\`${UNUSED_MARKER}\` nor \`${UNUSED_PATH}\` (kbArticles-only strings) and is ${((core.gzipped / all.gzipped) * 100).toFixed(0)} % of the every-resource bundle.`,
    `Both entries send every request through openapi-fetch. The full client (\`createOmnideskClient\`) builds every resource and the \`raw\` client by design, so its`,
    `one-operation bundle ${s.markerInOneOperation ? 'contains' : 'does not contain'} them (${((one.gzipped / all.gzipped) * 100).toFixed(0)} % of the every-resource bundle).`,
    `The Redis store (\`@omnidesk-openapi/ratelimit-redis\`) is ${s.redisInBundle ? '**inside**' : 'outside'} the SDK's bundles: ${s.redisInBundle ? 'they contain' : 'neither the one-operation nor the every-resource bundle contains'} its Lua script or its Redis calls (\`${REDIS_MARKERS.join('`, `')}\`).`,
  ].join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) console.log(sizeMarkdown(await runSize()));
