// The SDK's weight in a browser bundle: the same esbuild builds as `pnpm bench` (scripts/bench/size.mjs)
// of an app that creates the client and calls one operation, minified and gzipped. Sizes are
// deterministic, so these are fixed byte limits, not timings. Needs the built package
// (`pnpm test` builds first). Raise a limit only on purpose, and say why in the commit.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { bundle } from '../../../scripts/bench/size.mjs';
// @ts-expect-error: a plain .mjs script without declarations
import { clientEntry } from '../../../scripts/bench/lib.mjs';

/** Gzipped bytes (level 9) of the one-operation app on the tree-shakeable entry (`/core`): 8 964
 * before issue 15's hardening (redirects refused, success bodies bounded, errors printed short,
 * every argument checked, limiter aborts, Retry-After dates, bounded walks, aborts as SDK errors,
 * one Date/null rule for JSON bodies), 10 333 after it, 10 440 with the current API's 11 new
 * operations and the `validateResponses` loader: over the 10 000 target (docs/benchmarks.md) by
 * about 4 %. 10 584 with issue 17's error `kind`s and the cross-build `instanceof` (10 443 before:
 * +141 for the `Symbol.hasInstance` that compares classes by a `Symbol.for` key, and the kind
 * derived from each class's name); 10 634 with `.withResponse()` on every method, 10 780 with the page object
 * (`hasNextPage`, `getNextPage`) and `toArray({ max })`, 10 855 with the
 * `OMNIDESK_LOG` switch, 10 862 with the page's methods not enumerable, 10 875 with the
 * environment read safely (Deno without --allow-env). */
const CORE_LIMIT = 10_880;
/**
 * The same app on the full client (`createOmnideskClient`, every resource and the openapi-fetch
 * `raw` client): 10 591 before issue 15's hardening, 12 069 after it, 12 350 with the 11 new
 * operations (their table entries ship in every full-client bundle) and the 72-byte loader of
 * `validateResponses` (the checker and its schemas are in no bundle); 12 480 with issue 17's error
 * kinds and cross-build `instanceof` (12 348 before), 12 543 with `.withResponse()`,
 * 12 690 with the page object and `toArray`, 12 773 with `OMNIDESK_LOG`,
 * 12 780 with the page's methods not enumerable, 12 795 with the environment read safely.
 */
const FULL_LIMIT = 12_800;

interface Bundle {
  minified: number;
  gzipped: number;
  text: string;
}

describe('bundle size', () => {
  it('the built package exists', () => {
    expect(existsSync(clientEntry as string), `${clientEntry} is missing: run node scripts/build.mjs generate sdk`).toBe(true);
  });

  it(`an app calling one operation through the /core entry stays under ${CORE_LIMIT} bytes gzipped, with no other resource`, async () => {
    const one = (await bundle('coreOneOperation')) as Bundle;
    expect(one.text).toContain('/cases.json');
    expect(one.gzipped).toBeLessThanOrEqual(CORE_LIMIT);
    expect(CORE_LIMIT).toBeLessThan(10_890);
    // Tree-shaking: another resource's operations are left out.
    expect(one.text).not.toContain('/kb_article');
    expect(one.text).not.toContain('listKbArticles');
    expect(one.text).not.toContain('/users.json');
  });

  it(`an app calling one operation on the full client stays under ${FULL_LIMIT} bytes gzipped`, async () => {
    const one = (await bundle('oneOperation')) as Bundle;
    expect(one.text).toContain('/cases.json');
    expect(one.gzipped).toBeLessThanOrEqual(FULL_LIMIT);
    // The response checker and its schemas are not bundled: only the loader's file name is.
    expect(one.text).toContain('./validate-hook.js');
    expect(one.text).not.toContain('Rfc2822Date');
    expect(FULL_LIMIT).toBeLessThan(12_810);
  });
});
