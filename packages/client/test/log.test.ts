// Log levels: debug < info < warn < error < off, from the `logLevel` option or OMNIDESK_LOG; a
// logger's methods by level (a line without its method goes to `debug`); never credentials.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidRequestError } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import { API_KEY, EMAIL, json, miniClient, refused, scriptedFetch } from './util.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const CASE = { case: { case_id: 1, subject: 's' } };
/** 503 then 200: a retry (info); 429 with retry_after 0 then 200: a retry after a 429 (warn); 404: a failed call (error). */
const script = {
  retried: () => scriptedFetch(json({ error: 'oops' }, 503), json(CASE)),
  rateLimited: () => scriptedFetch(json({ error: 'too many' }, 429, { retry_after: '0' }), json(CASE)),
  notFound: () => scriptedFetch(json({ error: 'case_not_found' }, 404)),
};

/** Every line a logger with all four methods gets, as `level message`. */
function recorder() {
  const lines: string[] = [];
  const data: unknown[] = [];
  const at = (level: string) => (message: string, d?: Record<string, unknown>) => void (lines.push(`${level} ${message}`), data.push(d));
  const logger: Required<Logger> = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines, data };
}

/** Runs the three scripts through one client and answers the lines logged. */
async function run(options: Parameters<typeof miniClient>[1]) {
  for (const make of Object.values(script)) {
    const { fetch } = make();
    await miniClient(fetch, { maxRetries: 1, rateLimit: false, ...options })
      .cases.get(1)
      .catch(() => undefined);
  }
}

describe('log levels', () => {
  it('debug: a summary of every answer, a retry at info, a retry after a 429 at warn, a failed call at error', async () => {
    const { logger, lines, data } = recorder();
    await run({ logger, logLevel: 'debug' });
    expect(lines).toEqual([
      'debug omnidesk: response',
      'info omnidesk: retrying',
      'debug omnidesk: response',
      'debug omnidesk: response',
      'warn omnidesk: retrying',
      'debug omnidesk: response',
      'debug omnidesk: response',
      'error omnidesk: request failed',
    ]);
    expect(data[0]).toMatchObject({ method: 'GET', path: '/api/cases/1.json', status: 503, attempt: 0 });
    expect(data[1]).toMatchObject({ status: 503, attempt: 0, waitMs: expect.any(Number) });
    expect(data.at(-1)).toMatchObject({ method: 'GET', status: 404, attempt: 0 });
  });

  it('each level keeps its own lines and those above it', async () => {
    const seen: Record<string, string[]> = {};
    for (const level of ['info', 'warn', 'error', 'off'] as const) {
      const { logger, lines } = recorder();
      await run({ logger, logLevel: level });
      seen[level] = lines;
    }
    expect(seen).toEqual({
      info: ['info omnidesk: retrying', 'warn omnidesk: retrying', 'error omnidesk: request failed'],
      warn: ['warn omnidesk: retrying', 'error omnidesk: request failed'],
      error: ['error omnidesk: request failed'],
      off: [],
    });
  });

  it('a call that fails without an answer is an error line with the error name, after its retries at info', async () => {
    const { logger, lines, data } = recorder();
    const { fetch } = scriptedFetch(refused());
    await expect(miniClient(fetch, { logger, logLevel: 'info', maxRetries: 1, rateLimit: false }).cases.get(1)).rejects.toThrow();
    expect(lines).toEqual(['info omnidesk: retrying', 'error omnidesk: request failed']);
    expect(data.at(-1)).toMatchObject({ method: 'GET', attempt: 1, error: 'ConnectionError' });
  });

  it('a logger with only debug gets every line, as before levels (default level with a logger: debug)', async () => {
    const lines: string[] = [];
    await run({ logger: { debug: (m) => void lines.push(m) } });
    expect(lines).toEqual([
      'omnidesk: response',
      'omnidesk: retrying',
      'omnidesk: response',
      'omnidesk: response',
      'omnidesk: retrying',
      'omnidesk: response',
      'omnidesk: response',
      'omnidesk: request failed',
    ]);
  });

  it('a logger without debug: lines of a level it has no method for are dropped', async () => {
    const lines: string[] = [];
    await run({ logger: { error: (m) => void lines.push(m) } });
    expect(lines).toEqual(['omnidesk: request failed']);
  });

  it('logLevel or logger of the wrong kind: InvalidRequestError naming it', () => {
    const { fetch } = scriptedFetch(json(CASE));
    const make = (options: object) => () => miniClient(fetch, options as never);
    expect(make({ logLevel: 'verbose' })).toThrow(InvalidRequestError);
    expect(make({ logLevel: 'verbose' })).toThrow(/`logLevel` must be one of debug, info, warn, error, off/);
    expect(make({ logger: { info: 'yes' } })).toThrow(/`logger` must be an object with `debug`, `info`, `warn` or `error` methods/);
    expect(make({ logger: { debug: () => undefined, warn: 1 } })).toThrow(/`logger` must be/);
  });
});

describe('OMNIDESK_LOG', () => {
  it('debug: every answer summary to console.debug, without credentials', async () => {
    vi.stubEnv('OMNIDESK_LOG', 'debug');
    const lines: unknown[][] = [];
    vi.spyOn(console, 'debug').mockImplementation((...a: unknown[]) => void lines.push(a));
    const { fetch } = scriptedFetch(json(CASE));
    await miniClient(fetch).cases.get(1);
    expect(lines.map((l) => l[0])).toContain('omnidesk: response');
    expect(lines.find((l) => l[0] === 'omnidesk: response')![1]).toMatchObject({ method: 'GET', status: 200 });
    const text = JSON.stringify(lines);
    for (const secret of [API_KEY, btoa(`${EMAIL}:${API_KEY}`)]) expect(text).not.toContain(secret);
  });

  it('info: retries to console.info and failures to console.error, nothing to console.debug', async () => {
    vi.stubEnv('OMNIDESK_LOG', 'info');
    const said: string[] = [];
    for (const level of ['debug', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((m: unknown) => void said.push(`${level} ${m}`));
    await run({});
    expect(said).toEqual(['info omnidesk: retrying', 'warn omnidesk: retrying', 'error omnidesk: request failed']);
  });

  it('sets the level of a given logger too; the logLevel option wins over it', async () => {
    vi.stubEnv('OMNIDESK_LOG', 'error');
    const a = recorder();
    await run({ logger: a.logger });
    expect(a.lines).toEqual(['error omnidesk: request failed']);
    const b = recorder();
    await run({ logger: b.logger, logLevel: 'warn' });
    expect(b.lines).toEqual(['warn omnidesk: retrying', 'error omnidesk: request failed']);
  });

  it('unset, off or unknown, and no logger: nothing is printed', async () => {
    const said: unknown[] = [];
    for (const level of ['debug', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((m: unknown) => void said.push(m));
    for (const value of [undefined, 'off', 'verbose']) {
      if (value === undefined) vi.unstubAllEnvs();
      else vi.stubEnv('OMNIDESK_LOG', value);
      await run({});
    }
    expect(said).toEqual([]);
  });
});
