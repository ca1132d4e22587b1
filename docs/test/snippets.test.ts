// Every ```ts / ```typescript block users can read (docs/guides/**/*.md, README.md,
// packages/client/README.md) must type-check, strict, against the built SDK: a renamed option,
// method, result field or error class breaks this test. Each block is its own module; one that
// does not create a client may use `omnidesk` (see PRELUDE in code-blocks.ts). A block that is
// deliberately not complete TypeScript uses another fence language (```text, ```sh, ```json).
// Needs the SDK built: node scripts/build.mjs generate sdk (pnpm test builds first).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allBlocks,
  type CheckResult,
  type CodeBlock,
  extractBlocks,
  format,
  JS_LANGS,
  readerFiles,
  TS_LANGS,
  typeCheck,
} from './code-blocks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const built = join(root, 'packages/client/dist/esm/index.d.ts');

// Wrong on purpose, checked in the same program: proves the check is not vacuous (the SDK's
// types resolved, not `any`). Each `// wrong` line must get an error, and nothing else may.
const CANARY = `# Canary

Prose may hold SDK calls too: \`omnidesk.cases.get(2000)\`, \`omnidesk.cases.trashAll([2000])\` // wrong

\`\`\`ts
import { createOmnideskClient } from '@omnidesk-openapi/client';

const client = createOmnideskClient({ domain: 'x', email: 'a@b.c', apiKey: 'k', retries: 3 }); // wrong
const outcome = await client.cases.trash([2000, 2001]);
console.log(outcome.succeeded, outcome.failed);
\`\`\`

\`\`\`typescript
const result = await omnidesk.cases.trash([2000, 2001]);
console.log(result.case_success_id); // wrong
console.log(omnidesk.rateLimits); // wrong
\`\`\`

\`\`\`ts
import { fileFromPath } from '@omnidesk-openapi/client/node';
import { AttachmentTooLargeError } from '@omnidesk-openapi/client';

await omnidesk.notes.create(2000, { content: 'x', attachments: [await fileFromPath('a.log')] });
await omnidesk.labels.create({ label_title: 'x', attachments: [] }); // wrong
export const limit = (e: AttachmentTooLargeError) => e.maxSize; // wrong
\`\`\`
`;
const canaryFile = 'docs/test/canary.md';

describe('code blocks in the guides and READMEs', () => {
  const blocks = allBlocks(root);
  const tsBlocks = blocks.filter((b) => TS_LANGS.has(b.lang));
  const canary = extractBlocks(CANARY, canaryFile);
  let dir: string;
  let result: CheckResult;

  beforeAll(() => {
    if (!existsSync(built)) throw new Error(`no built SDK at ${built}: run node scripts/build.mjs generate sdk`);
    dir = mkdtempSync(join(tmpdir(), 'omnidesk-snippets-'));
    result = typeCheck([...tsBlocks, ...canary], dir, root);
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the TypeScript blocks', () => {
    expect(tsBlocks.length).toBeGreaterThan(15);
    for (const file of ['docs/guides/01-getting-started.md', 'README.md', 'packages/client/README.md']) {
      expect(
        tsBlocks.some((b) => b.file === file),
        `${file} has a ts block`,
      ).toBe(true);
    }
  });

  it('names a language on every block, and no untyped JavaScript', () => {
    const bad = blocks.filter((b) => b.lang === '' || JS_LANGS.has(b.lang));
    expect(bad.map((b) => `${b.file}:${b.line}: \`\`\`${b.lang} (write \`\`\`ts, or \`\`\`text for what is not code)`)).toEqual([]);
  });

  it('sets the check up cleanly (prelude, SDK types, options)', () => {
    expect(result.other).toEqual([]);
  });

  it('fails on the wrong canary snippets, at their lines', () => {
    const wrong = CANARY.split('\n').flatMap((l, i) => (l.endsWith('// wrong') ? [i + 1] : []));
    const got = result.diagnostics.filter((d) => d.block.file === canaryFile);
    expect([...new Set(got.map((d) => d.line))]).toEqual(wrong);
  });

  describe.each(readerFiles(root))('%s', (file) => {
    it('type-checks every ts block', () => {
      const mine: CodeBlock[] = tsBlocks.filter((b) => b.file === file);
      const errors = result.diagnostics.filter((d) => mine.includes(d.block)).map(format);
      expect(errors, errors.join('\n')).toEqual([]);
    });
  });
});
