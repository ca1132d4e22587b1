// The SDK's examples (packages/client/examples/*.{mjs,js,ts,mts}) run as users run them: each
// as its own Node process against the mock, with OMNIDESK_BASE_URL, OMNIDESK_EMAIL and
// OMNIDESK_API_KEY in the environment. Each must exit 0 and print at least one line holding a
// value the mock answered (a value of the spec's response or header examples), and the known
// examples the exact lines listed in expectedLines(). The examples' own modules (`_*`, or a file
// another example imports, like env.mjs) are not run. Each is bundled by esbuild first (its
// relative imports included, packages left as imports) into a folder from which
// `@omnidesk-openapi/client` resolves to the built SDK, so TypeScript examples run on Node 20 too.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { operations, readBundle, resolver, type SpecNode, successStatuses } from '../../../scripts/generate/spec-walker.mjs';
import { bundlePath } from '../src/bundle.js';
import { credentials } from '../src/client.js';
import { headerExample, pageOf, parameterExample, responseExample } from '../src/examples.js';
import { recordOf } from '../src/json.js';

const run = promisify(execFile);
// OMNIDESK_EXAMPLES_DIR runs another folder of examples (to try this runner on new ones).
const examplesDir = process.env.OMNIDESK_EXAMPLES_DIR ?? fileURLToPath(new URL('../../client/examples/', import.meta.url));
// One folder per run: two runs at once must not delete each other's bundles.
const outDir = fileURLToPath(new URL(`../node_modules/.cache/examples-${process.pid}/`, import.meta.url));
const scripts = (() => {
  let files: string[];
  try {
    files = readdirSync(examplesDir).filter((f) => /\.(?:ts|mts|js|mjs)$/.test(f) && !f.endsWith('.d.ts'));
  } catch {
    return [];
  }
  // The examples' own modules are not examples: `_*.ts`, and any file another example imports
  // (`import { clientFromEnv } from './env.mjs'`).
  const sources = files.map((f) => readFileSync(join(examplesDir, f), 'utf8'));
  const imported = (f: string) => sources.some((source) => new RegExp(`from\\s*['"]\\./${f.replace(/\./g, '\\.')}['"]`).test(source));
  return files.filter((f) => !f.startsWith('_') && !imported(f)).sort();
})();

/** Every string (4+ characters) and number (3+ digits) of the spec's success examples and headers. */
function mockValues(): Set<string> {
  const spec = readBundle(bundlePath);
  const values = new Set<string>();
  const collect = (node: unknown): void => {
    if (typeof node === 'string' && node.trim().length >= 4) values.add(node.trim());
    else if (typeof node === 'number' && Math.abs(node) >= 100) values.add(String(node));
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  // The rate-limit headers are part of every answer too.
  const deref = resolver(spec);
  for (const header of Object.values<SpecNode>(spec.components?.headers ?? {})) collect(deref(header).example);
  for (const { operation } of operations(spec, deref)) {
    for (const code of successStatuses(operation)) {
      const media: SpecNode | undefined = deref(operation.responses[code]).content?.['application/json'];
      collect(media?.example);
      for (const example of Object.values<SpecNode>(media?.examples ?? {})) collect(deref(example).value);
    }
  }
  return values;
}

/**
 * For the examples known today, the lines they must print, computed from the spec's examples
 * (what the mock answers). Examples not listed here get the generic check only.
 */
function expectedLines(): Record<string, string[]> {
  const cases = pageOf(responseExample('listCases', 'page'), 'case');
  const first = recordOf(cases.items[0], 'the first case');
  const created = responseExample('createCase').case;
  const message = responseExample('createMessage', 'json').message;
  const users = pageOf(responseExample('listUsers', 'page'), 'user');
  return {
    'list-open-cases.mjs': [
      `${cases.total} matching cases; the first ${cases.items.length}:`,
      `#${first.case_id} [${first.status}] ${first.subject}`,
    ],
    'bulk-close.mjs': [`closed: ${parameterExample('updateCases', 'case_id').join(', ')}; not closed: none`],
    'create-case-with-attachment.mjs': [`created case ${created.case_id} (${created.case_number})`],
    'handle-rate-limit.mjs': [`${cases.total} cases; rate limit now:`, `callsLeft: ${headerExample('api_calls_left')}`],
    'reply-to-case.mjs': [`message ${message.message_id} added to case ${parameterExample('createMessage', 'case_id')}`],
    'walk-all-users.mjs': [`${users.total} users`],
  };
}

beforeAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('SDK examples (packages/client/examples) against the mock', () => {
  it('there are examples to run', () => {
    expect(scripts, `no example scripts in ${examplesDir}`).not.toEqual([]);
  });

  const values = scripts.length ? mockValues() : new Set<string>();
  const expected = expectedLines();

  for (const script of scripts) {
    it(`${script} exits 0 and prints what the mock answered`, async () => {
      const source = join(examplesDir, script);
      const entry = join(outDir, script.replace(/\.[cm]?[jt]s$/, '.mjs'));
      await build({
        entryPoints: [source],
        outfile: entry,
        bundle: true,
        packages: 'external',
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'silent',
      });
      const env = {
        ...process.env,
        OMNIDESK_BASE_URL: inject('prismUrl'),
        OMNIDESK_EMAIL: credentials.email,
        OMNIDESK_API_KEY: credentials.apiKey,
        NO_COLOR: '1',
      };
      const { stdout, stderr } = await run(process.execPath, [entry], { env, cwd: outDir, timeout: 30_000 }).catch((error: unknown) => {
        const failure = recordOf(error, `${script}'s failure`);
        throw new Error(`${script} failed (exit ${failure.code}):\n${failure.stdout}\n${failure.stderr}`);
      });
      const lines = stdout.split('\n').filter((line) => line.trim() !== '');
      expect(lines.length, `${script} printed nothing`).toBeGreaterThan(0);
      const meaningful = lines.filter((line) => [...values].some((value) => line.includes(value)));
      expect(meaningful, `${script} printed no value of the mock's answers:\n${stdout}\n${stderr}`).not.toEqual([]);
      for (const line of expected[script] ?? []) expect(stdout, `${script} output`).toContain(line);
    }, 60_000);
  }
});
