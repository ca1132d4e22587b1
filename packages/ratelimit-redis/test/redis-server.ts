// The ratelimit-redis tests' global setup: a redis-server of their own (scripts/redis-server.mjs),
// its URL provided to the tests, stopped when they end.
import type { TestProject } from 'vitest/node';
import { redisServerTool, startRedisServer } from '../../../scripts/redis-server.mjs';
import { requireTool, skipWithout } from '../../../scripts/required-tool.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // The rule of every test that needs a program of the machine (scripts/required-tool.mjs).
  if (skipWithout('packages/ratelimit-redis', redisServerTool)) {
    project.provide('redisUrl', '');
    return undefined;
  }
  requireTool(redisServerTool);
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  return redis.stop;
}
