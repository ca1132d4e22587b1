import { defineProject } from 'vitest/config';

// The docs' checks that need no browser (guide snippets type-checked against the built SDK).
// The browser test of the site is its own project, `site` (vitest.site.config.ts).
export default defineProject({
  test: {
    name: 'docs',
    include: ['test/**/*.test.ts'],
    exclude: ['test/site.test.ts'],
  },
});
