import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ratelimit-redis',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    // Starts a real redis-server on a free loopback port for the run, and stops it.
    globalSetup: ['test/redis-server.ts'],
  },
});
