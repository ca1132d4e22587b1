import { defineProject } from 'vitest/config';

// The built server (src/cli.js over dist/tools.json) driven by the MCP SDK's own client over
// stdio, against the contract project's Prism mock of the bundled spec (its global setup, reused).
export default defineProject({
  test: {
    name: 'mcp',
    include: ['test/**/*.test.ts'],
    globalSetup: ['../contract-tests/test/global-setup.ts'],
    // Prism takes 1-5 s to start on a busy 2-core machine; each server is a Node process.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
