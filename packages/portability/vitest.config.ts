import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// Other generators than ours, run on the bundle (dist/openapi.yaml, made by `pnpm build`).
export default defineProject({
  // Code generated into a temp dir imports these; they resolve from this package.
  resolve: { alias: { zod: fileURLToPath(new URL('node_modules/zod', import.meta.url)) } },
  test: {
    name: 'portability',
    include: ['test/**/*.test.ts'],
    // Each generator takes 5-15 s on a busy 2-core machine, tsc a few more.
    hookTimeout: 180_000,
    testTimeout: 120_000,
  },
});
