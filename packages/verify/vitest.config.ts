import { defineProject } from 'vitest/config';

// omnidesk-verify against the Prism mock (everything conforms) and against a fake Omnidesk that
// drifts on purpose. Needs the build (the bundle and the client's /validate entry).
export default defineProject({
  test: {
    name: 'verify',
    include: ['test/**/*.test.ts'],
    // Prism takes 1-5 s to start on a busy 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
