#!/usr/bin/env node
// The one build pipeline: `pnpm build` runs every stage in order; `node scripts/build.mjs <stage>...`
// runs some. Each stage is a list of commands run from the repository root with the workspace's
// binaries on PATH; the first failure stops the build with that command's exit code.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const stages = {
  // Redocly lints the source files (it follows every $ref and knows the file each fault is in).
  lint: [['redocly', 'lint', 'spec/openapi.yaml', '--format=stylish']],
  // Style is a tool's job: Biome formats and lints the code (biome.jsonc); `pnpm format` fixes.
  style: [['biome', 'ci', '.']],
  // One YAML and one JSON file, every $ref inlined into components: what tools and users consume.
  bundle: [
    ['redocly', 'bundle', 'spec/openapi.yaml', '--output', 'dist/openapi.yaml'],
    ['redocly', 'bundle', 'spec/openapi.yaml', '--output', 'dist/openapi.json'],
  ],
  // Spectral lints the bundle: its oas3-schema check misreads path items that are $refs to files.
  'lint-bundle': [['spectral', 'lint', 'dist/openapi.yaml', '--fail-severity=warn', '--display-only-failures']],
  generate: [['pnpm', '--filter', '@omnidesk-openapi/client', 'run', 'generate']],
  // The response schemas `@omnidesk-openapi/client/validate` checks answers against.
  responses: [['node', 'scripts/generate/responses.mjs', 'dist/openapi.json', 'packages/client/src/generated/responses.ts']],
  sdk: [['pnpm', '--filter', '@omnidesk-openapi/client', 'run', 'build']],
  // The MCP server's tools and operation references, from the bundle (packages/mcp/dist).
  mcp: [['pnpm', '--filter', '@omnidesk-openapi/mcp', 'run', 'generate']],
  docs: [['node', 'scripts/site/build.mjs']],
  // Every script and test type-checks: the packages' own tsconfigs, the TypeScript tests no
  // package covers (tsconfig.json), and the JavaScript tools, strictly from their JSDoc
  // (tsconfig.scripts.json). The client's tests import the SDK generated from their fixture
  // spec, so it is generated first (vitest's global setup does the same before a test run).
  typecheck: [
    [
      'node',
      'scripts/generate/sdk.mjs',
      'packages/client/test/fixtures/mini.yaml',
      'packages/client/test/.generated/mini',
      'packages/client/src',
    ],
    ['tsc', '-p', 'tsconfig.scripts.json'],
    ['tsc', '-p', 'tsconfig.json'],
    ...['client', 'contract-tests', 'mcp', 'runtime-tests', 'verify'].map((name) => ['tsc', '-p', `packages/${name}/tsconfig.json`]),
  ],
};

/** Runs the commands of one stage; the first that fails ends the build with its status. */
function run(/** @type {keyof typeof stages} */ stage) {
  const started = process.hrtime.bigint();
  for (const [cmd, ...args] of stages[stage]) {
    const result = spawnSync(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
    });
    if (result.status !== 0) {
      console.error(`\nbuild: stage "${stage}" failed: ${cmd} ${args.join(' ')}`);
      process.exit(result.status ?? 1);
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`build: ${stage} done in ${(ms / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((s) => !(s in stages));
  if (unknown.length) {
    console.error(`build: unknown stage(s) ${unknown.join(', ')}; stages are ${Object.keys(stages).join(', ')}`);
    process.exit(2);
  }
  mkdirSync(join(root, 'dist'), { recursive: true });
  const names = /** @type {(keyof typeof stages)[]} */ (wanted.length ? wanted : Object.keys(stages));
  for (const stage of names) run(stage);
}
