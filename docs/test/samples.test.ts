// The code samples of the reference site (x-codeSamples, scripts/code-samples.mjs) work as a
// reader copies them: every SDK sample type-checks, strict, against the built SDK, and every curl
// sample, run by curl against the Prism mock of the bundled spec (the contract tests' starter),
// gets a 2xx answer (Prism validates the request: a wrong form name or query gets 422).
// Needs the build (pnpm build): the bundle, the built SDK.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockSpecPath } from '../../packages/contract-tests/src/bundle.js';
import { type Prism, startPrism } from '../../packages/contract-tests/src/prism.js';
// @ts-expect-error: plain ESM script without type declarations
import { docsSpec } from '../../scripts/build-docs.mjs';
import { type CodeBlock, format, typeCheck } from './code-blocks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = 'https://yourcompany.omnidesk.ru/api';
const run = promisify(execFile);

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
  for (const item of Object.values<any>(spec.paths)) {
    for (const op of Object.values<any>(item)) {
      for (const s of op?.['x-codeSamples'] ?? []) out.push({ operationId: op.operationId, ...s });
    }
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
      const failures: string[] = [];
      for (const s of curls) {
        expect(s.source, `${s.operationId} (${s.label}) calls the documented server`).toContain(SERVER);
        // The sample as written, pointed at the mock; curl's own options after it report the status.
        const command = `${s.source.split(SERVER).join(prism.url)} -sS -o answer.txt -w '%{http_code}'`;
        // Asynchronous: Prism's log goes through a pipe to this process, which must keep reading
        // it (a blocked event loop fills the pipe and Prism stops answering).
        // --norc: Node's stdio pipes are sockets, and bash sources ~/.bashrc when stdin is one.
        const result = await run('bash', ['--norc', '-c', command], {
          cwd: dir,
          env: { PATH: process.env.PATH, OMNIDESK_EMAIL: 'agent@yourcompany.com', OMNIDESK_API_KEY: 'sample-key' },
        }).then(
          ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
          (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
        );
        const status = result.stdout.trim();
        if (result.code !== 0 || !/^2\d\d$/.test(status)) {
          const answer = existsSync(join(dir, 'answer.txt')) ? readFileSync(join(dir, 'answer.txt'), 'utf8').slice(0, 600) : '';
          failures.push(`${s.operationId} (${s.label}): curl exit ${result.code}, HTTP ${status} ${result.stderr}\n${answer}\n${command}`);
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    }, 180_000);
  });
});
