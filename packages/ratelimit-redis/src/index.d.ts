import type { RateLimitStore } from '@omnidesk-openapi/client';

/** The Lua script that keeps the limiter's rules atomically on Redis. */
export declare const SCRIPT: string;

/** The part of a node-redis client (`redis` 4 or later) the store uses. */
export interface ScriptingClient {
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** One key per Omnidesk account: every store on the same key shares one budget. `omnidesk` by default. */
  key?: string;
}

/** A RateLimitStore on Redis: `createOmnideskClient({ ..., rateLimit: { store: redisStore(redis, { key }) } })`. */
export declare function redisStore(client: ScriptingClient, options?: RedisStoreOptions): RateLimitStore;
