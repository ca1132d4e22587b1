// The client the contract tests drive: the SDK (`@omnidesk-openapi/client`, its built package,
// as users get it), pointed at the mock. Every request it sends can be recorded, so that a test
// can check what went over the wire as well as what the SDK made of the answer.
import { createOmnideskClient, type OmnideskClient, type RequestOptions } from '@omnidesk-openapi/client';
import { inject } from 'vitest';
import { isRecord } from './json.js';

export type Omnidesk = OmnideskClient;
export type { RequestOptions };

/** Any staff e-mail and key: Prism checks that Basic credentials are there, never their value. */
export const credentials = { email: 'staff@example.com', apiKey: 'contract-test-key' };

/** One request as it left the SDK. */
export interface SentRequest {
  method: string;
  url: URL;
  /** Path and query exactly as sent (raw commas and brackets, no decoding). */
  target: string;
  headers: Headers;
  /** The body as text ('' when there was none). */
  body: string;
  /** The parsed form of a multipart/form-data body. */
  form?: FormData;
}

export interface SdkOptions {
  /** Send the Basic credentials (default true). The SDK refuses to be built without them, so
   *  `false` builds it with credentials and drops the Authorization header on the wire. */
  auth?: boolean;
  /** Prism's `Prefer` header on every call of this client: `code=404`, `example=emptyPage`. */
  prefer?: string;
  /** The SDK's retries; 0 unless a test is about retrying (the SDK's default is 2). */
  maxRetries?: number;
  maxRetryAfter?: number;
  /** Requests are appended here as they are sent (each attempt of a retried call too). */
  sent?: SentRequest[];
}

export function sdk(options: SdkOptions = {}): Omnidesk {
  const auth = options.auth ?? true;
  return createOmnideskClient({
    baseUrl: inject('prismUrl'),
    ...credentials,
    maxRetries: options.maxRetries ?? 0,
    ...(options.maxRetryAfter === undefined ? {} : { maxRetryAfter: options.maxRetryAfter }),
    timeout: 10_000,
    ...(options.prefer ? { headers: { Prefer: options.prefer } } : {}),
    fetch: async (request: Request) => {
      let outgoing = request;
      if (!auth) {
        const headers = new Headers(request.headers);
        headers.delete('authorization');
        outgoing = new Request(request, { headers });
      }
      if (options.sent) {
        const url = new URL(outgoing.url);
        const copy = outgoing.clone();
        const multipart = /^multipart\/form-data/.test(outgoing.headers.get('content-type') ?? '');
        const record: SentRequest = {
          method: outgoing.method,
          url,
          target: outgoing.url.slice(url.origin.length),
          headers: outgoing.headers,
          body: multipart ? '' : await copy.text(),
        };
        if (multipart) record.form = await copy.formData();
        options.sent.push(record);
      }
      return globalThis.fetch(outgoing);
    },
  });
}

/** A client that records what it sends: `const { omnidesk, sent } = recording()`. */
export function recording(options: Omit<SdkOptions, 'sent'> = {}): { omnidesk: Omnidesk; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  return { omnidesk: sdk({ ...options, sent }), sent };
}

/** Per-call options that pick Prism's answer: `prefer('example=bulk')`. */
export function prefer(value: string): RequestOptions {
  return { headers: { Prefer: value } };
}

/** The JSON body of a recorded request. */
export function jsonBody(request: SentRequest | undefined): unknown {
  if (!request) throw new Error('no request was sent');
  return JSON.parse(request.body);
}

/** The validation errors Prism reports for a request (header `sl-violations`). */
export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

function isViolation(value: unknown): value is Violation {
  return (
    isRecord(value) &&
    Array.isArray(value.location) &&
    value.location.every((part) => typeof part === 'string') &&
    typeof value.severity === 'string' &&
    (typeof value.code === 'string' || typeof value.code === 'number') &&
    typeof value.message === 'string'
  );
}

export function violations(response: Response): Violation[] {
  const raw = response.headers.get('sl-violations');
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed) || !parsed.every(isViolation))
    throw new Error(`sl-violations is not a list of violations: ${raw.slice(0, 300)}`);
  return parsed;
}
