// The site's exports for agents and scripts (scripts/site/build.mjs): llms.txt links one Markdown
// file per resource, and each file holds every operation of its resource with its method, path
// and samples. Needs the build (pnpm build).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operations } from '../../scripts/generate/spec-walker.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'docs/dist');

describe('llms.txt and the Markdown export of the reference', () => {
  const spec = JSON.parse(readFileSync(join(root, 'dist/openapi.json'), 'utf8'));
  const llms = readFileSync(join(out, 'llms.txt'), 'utf8');
  const links = [...llms.matchAll(/\]\((reference\/[^)]+\.md)\)/g)].map((m) => m[1]!);

  it('llms.txt names the API and links an existing Markdown file per resource', () => {
    expect(llms.startsWith(`# ${spec.info.title}\n`)).toBe(true);
    const used = new Set([...operations(spec)].map(({ operation }) => operation.tags?.[0]).filter(Boolean));
    expect(links.length).toBe(used.size);
    for (const link of links) expect(existsSync(join(out, link)), link).toBe(true);
  });

  it('holds every operation, under its resource, with its SDK sample and no hidden search terms', () => {
    const text = links.map((l) => readFileSync(join(out, l), 'utf8')).join('\n');
    expect(text).not.toContain('search-terms');
    expect(text).not.toContain('{%'); // Markdoc annotations of the site (ids, classes) are no Markdown
    for (const { path, method, operation: op } of operations(spec)) {
      const file = readFileSync(join(out, links.find((l) => readFileSync(join(out, l), 'utf8').startsWith(`# ${op.tags[0]}\n`))!), 'utf8');
      expect(file, op.operationId).toContain(`## ${op.summary}\n\n\`${method.toUpperCase()} ${path}\``);
      expect(file, op.operationId).toContain(`.${op['x-sdk-method']}(`);
    }
  });
});
