import { defineConfig } from 'vitest/config';

// One vitest run over every project of the workspace; `pnpm test` builds first (see scripts/test.mjs).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'docs/vitest.config.ts', 'docs/vitest.site.config.ts'],
  },
});
