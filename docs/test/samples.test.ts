// The code samples of the reference site (x-codeSamples, scripts/generate/code-samples.mjs) work as a
// reader copies them: every SDK sample type-checks, strict, against the built SDK, and every curl
// sample, run by curl against the Prism mock of the bundled spec (the contract tests' starter),
// gets a 2xx answer (Prism validates the request: a wrong form name or query gets 422).
// Needs the build (pnpm build): the bundle, the built SDK.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockSpecPath } from '../../packages/contract-tests/src/bundle.js';
import { type Prism, startPrism } from '../../packages/contract-tests/src/prism.js';
import { operations } from '../../scripts/generate/spec-walker.mjs';
import { docsSpec } from '../../scripts/site/build.mjs';
import { type CodeBlock, format, typeCheck } from './code-blocks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = 'https://yourcompany.omnidesk.ru/api';

interface Sample {
  operationId: string;
  lang: string;
  label: string;
  source: string;
}

async function samples(): Promise<Sample[]> {
  const bundle = JSON.parse(readFileSync(join(root, 'dist/openapi.json'), 'utf8'));
  const { spec } = await docsSpec(bundle, []);
  const out: Sample[] = [];
  for (const { operation: op } of operations(spec)) {
    for (const s of op['x-codeSamples'] ?? []) out.push({ operationId: op.operationId, ...s });
  }
  return out;
}

describe('code samples of the reference site', () => {
  let all: Sample[] = [];
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(join(root, 'packages/client/dist/esm/index.d.ts'))) throw new Error('no built SDK: run `pnpm build` first');
    all = await samples();
    dir = mkdtempSync(join(tmpdir(), 'omnidesk-samples-'));
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has an SDK and a curl sample for every operation, multipart ones where files go', () => {
    const ids = new Set(all.map((s) => s.operationId));
    expect(ids.size).toBeGreaterThan(50);
    for (const id of ids) {
      const labels = all.filter((s) => s.operationId === id).map((s) => s.label);
      expect(labels, id).toEqual(expect.arrayContaining(['SDK', 'curl']));
      expect(labels.includes('SDK (attachments)'), id).toBe(labels.includes('curl (multipart)'));
    }
  });

  it('declares the input of every SDK call with the named type the SDK exports for it', () => {
    // `const input: CaseCreateParams = {...}` (issue 17): readers copy the type with the value.
    const exported = new Set(
      [...readFileSync(join(root, 'packages/client/src/generated/sdk.ts'), 'utf8').matchAll(/^export type (\w+) =/gm)].map((m) => m[1]),
    );
    const sdk = all.filter((s) => s.lang === 'TypeScript');
    const withInput = sdk.filter((s) => /\bconst (input|query): /.test(s.source));
    expect(withInput.length).toBeGreaterThan(40);
    const wrong = withInput.flatMap((s) => {
      const type = /\bconst (?:input|query): (\w+) = /.exec(s.source)?.[1];
      const imported =
        type && new RegExp(`^import \\{[^}]*\\btype ${type}\\b[^}]*\\} from '@omnidesk-openapi/client';$`, 'm').test(s.source);
      return type && exported.has(type) && imported ? [] : [`${s.operationId} (${s.label}): ${type ?? 'no named type'}`];
    });
    expect(wrong).toEqual([]);
    // No call passes an object literal where a named type exists: each takes its declared value.
    expect(sdk.filter((s) => /omnidesk\.\w+\.\w+\([^)]*\{/.test(s.source)).map((s) => `${s.operationId} (${s.label})`)).toEqual([]);
  });

  it('type-checks every SDK sample under strict TypeScript against the built SDK', () => {
    const blocks: CodeBlock[] = all
      .filter((s) => s.lang === 'TypeScript')
      .map((s) => ({ file: `x-codeSamples of ${s.operationId} (${s.label})`, lang: 'ts', line: 0, code: s.source }));
    expect(blocks.length).toBeGreaterThan(50);
    const result = typeCheck(blocks, join(dir, 'ts'), root);
    expect(result.other).toEqual([]);
    const errors = result.diagnostics.map(format);
    expect(errors, errors.join('\n')).toEqual([]);
  }, 120_000);

  describe('curl samples against the mock', () => {
    let prism: Prism;
    beforeAll(async () => {
      prism = await startPrism({ spec: mockSpecPath, errors: true });
    }, 60_000);
    afterAll(async () => {
      await prism?.stop();
    });

    it('sends every curl sample and gets a 2xx answer', async () => {
      const curls = all.filter((s) => s.lang === 'Shell');
      expect(curls.length).toBeGreaterThan(50);
      writeFileSync(join(dir, 'file.pdf'), '%PDF-1.4\n');
      const send = (s: Sample, i: number) =>
        new Promise<string | undefined>((done) => {
          expect(s.source, `${s.operationId} (${s.label}) calls the documented server`).toContain(SERVER);
          // The sample as written, pointed at the mock; curl's own options after it report the status.
          const answer = `answer-${i}.txt`;
          const command = `${s.source.split(SERVER).join(prism.url)} -sS -o ${answer} -w '%{http_code}'`;
          // --norc: Node's stdio pipes are sockets, and bash sources ~/.bashrc when stdin is one
          // (seconds per sample where that runs pyenv's init).
          execFile(
            'bash',
            ['--norc', '-c', command],
            { cwd: dir, env: { PATH: process.env.PATH, OMNIDESK_EMAIL: 'agent@yourcompany.com', OMNIDESK_API_KEY: 'sample-key' } },
            (error, stdout, stderr) => {
              const status = stdout.trim();
              if (!error && /^2\d\d$/.test(status)) return done(undefined);
              const body = existsSync(join(dir, answer)) ? readFileSync(join(dir, answer), 'utf8').slice(0, 600) : '';
              done(
                `${s.operationId} (${s.label}): curl ${error ? `failed (${error.message})` : 'ok'}, HTTP ${status} ${stderr}\n${body}\n${command}`,
              );
            },
          );
        });
      // A few at a time: Prism answers them in turn, curl's start-up overlaps.
      const failures: string[] = [];
      for (let i = 0; i < curls.length; i += 4) {
        const batch = await Promise.all(curls.slice(i, i + 4).map((s, j) => send(s, i + j)));
        failures.push(...batch.filter((f): f is string => f !== undefined));
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    }, 600_000);
  });
});
