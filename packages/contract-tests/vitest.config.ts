import { defineProject } from 'vitest/config';

// The SDK against the Prism mock of the bundled spec (test/global-setup.ts starts one Prism for
// the whole project), plus the tests of the Prism patch (they start their own on a fixture).
export default defineProject({
  test: {
    name: 'contract',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // Prism takes 1-5 s to start on a busy 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 15_000,
  },
});
