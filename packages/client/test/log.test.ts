// OMNIDESK_LOG: a logger from the environment, when the client is given none; never credentials.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { envLogger } from '../src/log.js';
import { API_KEY, EMAIL, json, miniClient, scriptedFetch } from './util.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('OMNIDESK_LOG', () => {
  it('debug: every request summary to console.debug, without credentials', async () => {
    vi.stubEnv('OMNIDESK_LOG', 'debug');
    const lines: unknown[][] = [];
    vi.spyOn(console, 'debug').mockImplementation((...a: unknown[]) => void lines.push(a));
    const { fetch } = scriptedFetch(json({ case: { case_id: 1, subject: 's' } }));
    await miniClient(fetch).cases.get(1);
    expect(lines.map((l) => l[0])).toContain('omnidesk: response');
    expect(lines.find((l) => l[0] === 'omnidesk: response')![1]).toMatchObject({ method: 'GET', status: 200 });
    const text = JSON.stringify(lines);
    for (const secret of [API_KEY, btoa(`${EMAIL}:${API_KEY}`)]) expect(text).not.toContain(secret);
  });

  it('warn: only retries and failures, to console.warn', async () => {
    vi.stubEnv('OMNIDESK_LOG', 'warn');
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const warned: unknown[] = [];
    vi.spyOn(console, 'warn').mockImplementation((m: unknown) => void warned.push(m));
    const { fetch } = scriptedFetch(json({ error: 'oops' }, 503), json({ case: { case_id: 1, subject: 's' } }));
    await miniClient(fetch, { maxRetries: 1 }).cases.get(1);
    expect(warned).toEqual(['omnidesk: retrying']);
    expect(debug).not.toHaveBeenCalled();
  });

  it('unset, off or unknown: no logger', () => {
    expect(envLogger(undefined)).toBeUndefined();
    expect(envLogger('off')).toBeUndefined();
    expect(envLogger('verbose')).toBeUndefined();
    expect(envLogger('debug')).toBeDefined();
  });
});
