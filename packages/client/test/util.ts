import { createClientFromTable, type OmnideskClientOptions } from '../src/client.js';
import type { paths } from './.generated/mini/schema.js';
import type { Resources } from './.generated/mini/sdk.js';
import { operationTable } from './.generated/mini/sdk.js';

export const API_KEY = 'sk-SECRET-123';
export const EMAIL = 'agent@example.com';

export interface Seen {
  method: string;
  url: string;
  /** The path and query as sent, undecoded. */
  target: string;
  headers: Headers;
  body: string;
  form: FormData | undefined;
}

export type Reply = Response | ((seen: Seen, n: number) => Response | Promise<Response>) | Error;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A fetch that records each request and answers from a script of replies (the last repeats). */
export function scriptedFetch(...replies: Reply[]) {
  const seen: Seen[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const n = seen.length;
    const url = new URL(request.url);
    const type = request.headers.get('content-type') ?? '';
    const form = type.startsWith('multipart/form-data') ? await request.clone().formData() : undefined;
    const entry: Seen = {
      method: request.method,
      url: request.url,
      target: request.url.slice(url.origin.length),
      headers: request.headers,
      body: form ? '' : await request.text(),
      form,
    };
    seen.push(entry);
    const reply = replies[Math.min(n, replies.length - 1)]!;
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply(entry, n) : reply.clone();
  };
  return { fetch, seen };
}

export function miniClient(fetch: (r: Request) => Promise<Response>, options: Partial<OmnideskClientOptions> = {}) {
  return createClientFromTable<Resources, paths>(operationTable, {
    baseUrl: 'https://acme.omnidesk.ru/api',
    email: EMAIL,
    apiKey: API_KEY,
    fetch,
    ...options,
  });
}

/** An error like Node's fetch throws when the port is closed. */
export function refused(): Error {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause });
}

export function reset(): Error {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  return new TypeError('fetch failed', { cause });
}
