// Each guide's sections get their anchors from their headings: two equal headings in one guide
// share an anchor, and the second menu entry then jumps to the first section.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without type declarations
import { loadGuides } from '../../scripts/build-docs.mjs';

const guides: { name: string; description: string }[] = loadGuides();

describe('guides', () => {
  it.each(guides.map((g) => [g.name, g.description]))('"%s" has no two sections with the same heading', (_name, text) => {
    const headings = [...(text as string).matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]!.replace(/[`*]/g, '').trim().toLowerCase());
    expect(headings.length).toBeGreaterThan(0);
    expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
  });
});
