// The description is a reference for every toolchain, not only ours: three mainstream TypeScript
// generators (pinned in package.json) generate a client from the bundle, and a small consumer file
// per generator (consumers/*.ts) must type-check against it. The consumers assert useful types:
// a list entry's `case.subject` is a string, the create-case body rejects an unknown field or a
// missing required one (`@ts-expect-error`, which fails when nothing is wrong), a 422's `error` is
// a string. The zod schemas of openapi-zod-client are also run: the create bodies keep their
// cross-field rules (a user's e-mail or phone...), which used to collapse them to `unknown`.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodTypeAny } from 'zod';

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
  /** Packages the generated code imports, resolved from this package (the work dir is in tmp). */
  imports?: string[];
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
  // The schemas-only template: zod schemas of every component, without the Zodios/axios client.
  'openapi-zod-client': {
    consumer: 'openapi-zod-client.ts',
    generate: (dir) =>
      run(
        bin('openapi-zod-client'),
        [
          bundle,
          '-o',
          join(dir, 'client.ts'),
          '-t',
          join(here, 'node_modules/openapi-zod-client/src/templates/schemas-only.hbs'),
          '--export-schemas',
        ],
        dir,
      ),
    imports: ['zod'],
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
  // The generators at once: together they take about as long as the slowest one.
  for (const [name, g] of Object.entries(generators)) {
    const dir = join(work, name);
    mkdirSync(dir);
    copyFileSync(join(here, 'consumers', g.consumer), join(dir, 'consumer.ts'));
    const paths = Object.fromEntries((g.imports ?? []).map((name) => [name, [join(here, 'node_modules', name)]]));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, paths } }));
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

describe('openapi-zod-client schemas', () => {
  // The generated module imports `zod`; vitest resolves it through the alias in vitest.config.ts.
  let schemas: Record<string, ZodTypeAny>;
  beforeAll(async () => {
    const gen = await generated['openapi-zod-client']!;
    expect(gen.code, gen.output).toBe(0);
    ({ schemas } = await import(join(work, 'openapi-zod-client', 'client.ts')));
  });
  const valid = (name: string, body: unknown) => schemas[name]!.safeParse(body).success;

  it('keep the rule that a new case or user names the user', () => {
    expect(valid('CaseCreateEnvelope', { case: { user_email: 'user@domain.ru', subject: 'Help', content: 'Hi' } })).toBe(true);
    expect(valid('CaseCreateEnvelope', { case: { user_phone: '+79261234567', subject: 'Help', content_html: '<p>Hi</p>' } })).toBe(true);
    expect(valid('CaseCreateEnvelope', { case: { subject: 'Help', content: 'Hi' } })).toBe(false);
    expect(valid('UserCreateEnvelope', { user: { user_email: 'user@domain.ru' } })).toBe(true);
    expect(valid('UserCreateEnvelope', { user: { user_full_name: 'User' } })).toBe(false);
  });

  it('keep the rule that linking or identifying a user names them', () => {
    expect(valid('UserLink', { user_id: 5 })).toBe(true);
    expect(valid('UserLink', {})).toBe(false);
    expect(valid('UserIdentificationEnvelope', { user: { user_phone: '+79261234567' } })).toBe(true);
    expect(valid('UserIdentificationEnvelope', { user: { user_full_name: 'User' } })).toBe(false);
  });

  it('keep the rule that a case, message or note has content or content_html', () => {
    expect(valid('CaseCreateEnvelope', { case: { user_email: 'user@domain.ru', subject: 'Help' } })).toBe(false);
    expect(valid('MessageCreateEnvelope', { message: { content: 'Hi' } })).toBe(true);
    expect(valid('MessageCreateEnvelope', { message: { staff_id: 1 } })).toBe(false);
    expect(valid('NoteCreateEnvelope', { note: { content_html: '<p>Hi</p>' } })).toBe(true);
    expect(valid('NoteCreateEnvelope', { note: { note_staff_id: 1 } })).toBe(false);
  });

  it('check the fields themselves', () => {
    expect(valid('CaseCreateEnvelope', { case: { user_email: 'not an address', subject: 'Help', content: 'Hi' } })).toBe(false);
    expect(valid('CaseCreateEnvelope', { case: { user_email: 'user@domain.ru', subject: 42, content: 'Hi' } })).toBe(false);
  });
});
