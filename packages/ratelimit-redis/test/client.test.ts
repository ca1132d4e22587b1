// Two clients (as two processes would be) on one Redis key: the budget one answer announced
// holds for both. Uses the built client (`pnpm test` builds first). Fake timers: the store gets
// the clients' (fake) clock, so the minute passes without real waiting.
import { randomUUID } from 'node:crypto';
import { createOmnideskClient, type RateLimitStore } from '@omnidesk-openapi/client';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { redisStore } from '../src/index.js';

const connectRedis = (url: string | undefined) => createClient({ url }).connect();

describe.skipIf(!inject('redisUrl'))('the Redis store under two clients', () => {
  let redis: Awaited<ReturnType<typeof connectRedis>>;
  beforeAll(async () => {
    redis = await connectRedis(inject('redisUrl'));
  });
  afterAll(async () => {
    await redis.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('two clients on one Redis key share the budget the API announced', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const shared = redisStore(redis, { key: `test:${randomUUID()}` });
    // Resolves when a take is refused: the limiter then sleeps on the (fake) timer.
    let refused!: () => void;
    const waiting = new Promise<void>((resolve) => (refused = resolve));
    const store: RateLimitStore = {
      take: async (input) => {
        const answer = await shared.take(input);
        if (answer.wait > 0) refused();
        return answer;
      },
      learn: (input) => shared.learn(input),
    };
    const sent: string[] = [];
    const client = (name: string) =>
      createOmnideskClient({
        baseUrl: 'https://acme.omnidesk.ru/api',
        email: 'agent@example.com',
        apiKey: 'key',
        rateLimit: { store },
        fetch: async (request) => {
          sent.push(`${name} ${new URL(request.url).pathname}`);
          return new Response('{"case":{"case_id":1}}', { headers: { 'content-type': 'application/json', rate_limit_per_minute: '2' } });
        },
      });
    const one = client('one');
    const two = client('two');
    await one.cases.get(1);
    await two.cases.get(2);
    const third = one.cases.get(3);
    await waiting;
    expect(sent).toEqual(['one /api/cases/1.json', 'two /api/cases/2.json']);
    await vi.advanceTimersByTimeAsync(60_000);
    await third;
    expect(sent).toEqual(['one /api/cases/1.json', 'two /api/cases/2.json', 'one /api/cases/3.json']);
  });
});
