// The SDK's weight in a browser bundle: the same esbuild builds as `pnpm bench` (scripts/bench/size.mjs)
// of an app that creates the client and calls one operation, minified and gzipped. Sizes are
// deterministic, so these are fixed byte limits, not timings. Needs the built package
// (`pnpm test` builds first). Raise a limit only on purpose, and say why in the commit.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientEntry } from '../../../scripts/bench/lib.mjs';
import { bundle } from '../../../scripts/bench/size.mjs';

/** Gzipped bytes (level 9) of the one-operation app on the tree-shakeable entry (`/core`): 8 964
 * before issue 15's hardening (redirects refused, success bodies bounded, errors printed short,
 * every argument checked, limiter aborts, Retry-After dates, bounded walks, aborts as SDK errors,
 * one Date/null rule), 10 440 with it, the current API's 11 new operations and the
 * `validateResponses` loader, 10 895 with issue 16's adaptive limiter and concurrent pagination,
 * 11 344 with issue 17's ergonomics (error `kind`s and cross-build `instanceof` +141,
 * `.withResponse()` about +50, the page object and `toArray` about +150, `OMNIDESK_LOG` about
 * +90), 11 352 with issue 15's empty-array refusal (+8), 11 512 with issue 17's log levels (+160:
 * four levels, `logLevel`, the logger check, a line a failed call), 11 643 with the limiter
 * following the server's minute (+131, the budget benchmark), 11 660 with the linter's rewrites
 * (loops for forEach callbacks, statements for comma expressions: +17), 11 682 with names that
 * say what they hold (`middlewareRegistered`, `readBody`/`bodyText`, `startsUpperCase`: +22), 11 730 with `validateResponses` checked when the client is made
 * (an InvalidRequestError before anything is sent, not a TypeError on the first call: +48), 11 754 with `invoke` split into
 * requestContent, the call and resultOf (+24), 11 921 with issue 16's request-overhead work (+167:
 * the transport reads bodies into one array instead of a Blob and decodes them with one
 * TextDecoder, `send` is split into named steps, and the limiter lets a call its memory store
 * grants go without queueing; the CPU figures in docs/benchmarks.md bought with it), 11 935
 * with the body the transport reads given back with its answer (`readBodyOf`, a WeakMap) instead
 * of written into the caller's context (+16), 12 158 with attempts that nothing but their timeout
 * can abort sharing one deadline (+223: an AbortController and a timer per attempt cost `cases.list`
 * about 6 and `raw.GET` about 8 points of openapi-fetch alone's speed). Over the 10 000 target
 * (docs/benchmarks.md). */
const CORE_LIMIT = 12_165;
/**
 * The same app on the full client (`createOmnideskClient`, every resource and the openapi-fetch
 * `raw` client): 10 591 before issue 15's hardening, 12 350 with it, the 11 new operations and the
 * 72-byte loader of `validateResponses`, 12 806 with issue 16's limiter and concurrent pagination,
 * 13 268 with issue 17's ergonomics (as above), 13 278 with issue 15's empty-array refusal,
 * 13 430 with issue 17's log levels, 13 567 with the limiter following the server's minute, 13 581 with the linter's rewrites, 13 605 with the clearer names, 13 660 with
 * `validateResponses` checked when the client is made, 13 691 with `invoke` split, 13 934 with
 * the request-overhead work (+167 as above, +76 for raw calls that parse a JSON answer once
 * instead of copying it into a new Response: `raw.GET` from 61 % to about 96 % of openapi-fetch alone),
 * 13 947 with `readBodyOf` (+13), 14 194 with shared deadlines (+247, as above).
 */
const FULL_LIMIT = 14_200;

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
    expect(CORE_LIMIT).toBeLessThan(12_170);
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
    expect(FULL_LIMIT).toBeLessThan(14_210);
  });
});
