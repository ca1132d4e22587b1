// The description is a reference for every toolchain, not only ours: two mainstream TypeScript
// generators (pinned in package.json) generate a client from the bundle, and a small consumer file
// per generator (consumers/*.ts) must type-check against it. The consumers assert useful types:
// a list entry's `case.subject` is a string, the create-case body rejects an unknown field
// (`@ts-expect-error`, which fails when nothing is wrong), a 422's `error` is a string.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(here, 'node_modules/.bin', name);
const bundle = fileURLToPath(new URL('../../../dist/openapi.yaml', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'omnidesk-portability-'));

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

interface Generator {
  /** The consumer file in consumers/. */
  consumer: string;
  /** Generates the client into `dir`, where the consumer imports it from. */
  generate: (dir: string) => Promise<Run>;
}

const generators: Record<string, Generator> = {
  'hey-api': {
    consumer: 'hey-api.ts',
    generate: (dir) => run(bin('openapi-ts'), ['-i', bundle, '-o', join(dir, 'client'), '-c', '@hey-api/client-fetch'], dir),
  },
  orval: {
    consumer: 'orval.ts',
    generate: (dir) => run(bin('orval'), ['--input', bundle, '--output', join(dir, 'client.ts'), '--client', 'fetch'], dir),
  },
};

const tsconfig = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM'],
    skipLibCheck: true,
  },
  files: ['consumer.ts'],
};

const generated: Record<string, Promise<Run>> = {};

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error(`portability: no ${bundle}; run \`pnpm build\` first`);
  // Both generators at once: together they take about as long as the slower one.
  for (const [name, g] of Object.entries(generators)) {
    const dir = join(work, name);
    mkdirSync(dir);
    copyFileSync(join(here, 'consumers', g.consumer), join(dir, 'consumer.ts'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    generated[name] = g.generate(dir);
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(Object.keys(generators))('%s', (name) => {
  it('generates a client from the bundle, and the consumer type-checks against it', async () => {
    const gen = await generated[name]!;
    expect(gen.code, gen.output).toBe(0);
    const tsc = await run(bin('tsc'), ['-p', join(work, name)], join(work, name));
    expect(tsc.output.trim()).toBe('');
    expect(tsc.code).toBe(0);
  });
});
