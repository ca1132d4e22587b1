import { defineProject } from 'vitest/config';

// The built SDK in each runtime its README names (Node ESM and CommonJS, Chromium, Bun, Deno),
// against a local fake of the API (test/fake-api.ts). Build the SDK first
// (`node scripts/build.mjs generate sdk`; `pnpm test` builds everything).
export default defineProject({
  test: {
    name: 'runtimes',
    include: ['test/**/*.test.ts'],
    // Starting Chromium, Bun or Deno takes a few seconds on a busy 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
