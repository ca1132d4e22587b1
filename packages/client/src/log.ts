import type { Logger } from './transport.js';

/** `OMNIDESK_LOG`'s levels, most to least said. */
export type LogLevel = 'debug' | 'warn' | 'off';

/**
 * The logger `OMNIDESK_LOG` asks for, when no `logger` option is given: `debug` prints every
 * request's summary (method, path, status, attempt, duration; never credentials or bodies) to
 * `console.debug`; `warn` only retries and failed attempts, to `console.warn`; anything else
 * (or no environment: browsers) none.
 */
export function envLogger(level = logEnv()): Logger | undefined {
  if (level === 'debug') return { debug: (message, data) => console.debug(message, data) };
  if (level === 'warn') return { debug: (message, data) => /retrying|failed/.test(message) && console.warn(message, data) };
  return undefined;
}

/** `OMNIDESK_LOG`, if the runtime has an environment and lets it be read (Deno asks `--allow-env`: without it, none). */
function logEnv(): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.OMNIDESK_LOG;
  } catch {
    return undefined;
  }
}
