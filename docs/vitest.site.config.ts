import { defineProject } from 'vitest/config';

// The browser test of the reference site. `pnpm test` runs it in a phase of its own, after every
// other project (scripts/test.mjs): Chromium building Redoc's search index while the other
// projects keep both cores busy starved it past its timeouts.
export default defineProject({
  test: {
    name: 'site',
    include: ['test/site.test.ts'],
  },
});
