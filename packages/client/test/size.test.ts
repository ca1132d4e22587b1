// The SDK's weight in a browser bundle: the same esbuild build as `pnpm bench` (scripts/bench/size.mjs)
// of an app that creates the client and calls one operation, minified and gzipped. Sizes are
// deterministic, so this is a fixed byte limit, not a timing. Needs the built package
// (`pnpm test` builds first). Raise the limit only on purpose, and say why in the commit.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { bundle } from '../../../scripts/bench/size.mjs';
// @ts-expect-error: a plain .mjs script without declarations
import { clientEntry } from '../../../scripts/bench/lib.mjs';

/** Gzipped bytes (level 9) of the one-operation bundle: a little above the 10 476 of the first run.
 * The target is under 10 000 (docs/benchmarks.md); lower this as the SDK gets there. */
const LIMIT = 10_600;

interface Bundle {
  minified: number;
  gzipped: number;
  text: string;
}

describe('bundle size', () => {
  it('the built package exists', () => {
    expect(existsSync(clientEntry as string), `${clientEntry} is missing: run node scripts/build.mjs generate sdk`).toBe(true);
  });

  it(`an app calling one operation stays under ${LIMIT} bytes gzipped`, async () => {
    const one = (await bundle('oneOperation')) as Bundle;
    expect(one.text).toContain('/cases.json');
    expect(one.gzipped).toBeLessThanOrEqual(LIMIT);
  });
});
