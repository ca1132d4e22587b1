import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/schema.js';
import { type Resources, operationTable } from './generated/sdk.js';
import { serializeQuery } from './query.js';
import { Limiter, type RateLimitOptions, type RateLimitState, defaultSleep } from './rate-limit.js';
import { type Invoker, type OperationMeta, buildResources } from './runtime.js';
import { type CallContext, type FetchLike, type Logger, createTransport } from './transport.js';

export interface OmnideskClientOptions {
  /** Your account's subdomain: `yourcompany` for https://yourcompany.omnidesk.ru. */
  domain?: string;
  /** The API's base URL instead of `domain` (a mock server: `http://127.0.0.1:4010`). */
  baseUrl?: string;
  /** The staff member's e-mail address (the Basic auth user name). */
  email: string;
  /** An API key (Settings → API). Kept in a closure: never on the client, in errors or in logs. */
  apiKey: string;
  /** Milliseconds to wait for each attempt's answer; 60 000 by default. */
  timeout?: number;
  /** Retries after a connection error, a timeout, a 5xx (GET, PUT, DELETE only) or a 429; 2 by default. */
  maxRetries?: number;
  /** The longest `retry_after` (seconds) a 429 is waited out for; longer fails at once with RateLimitError. 60 by default. */
  maxRetryAfter?: number;
  /** The fetch to use (`globalThis.fetch` by default). */
  fetch?: FetchLike;
  /** Keep this process under a budget: `{ perMinute: 60, perHour: 500 }`. */
  rateLimit?: RateLimitOptions;
  /** Gets a debug line per attempt: method, path (no query), status, attempt, duration. */
  logger?: Logger;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export interface ClientBase<P extends {}> {
  /** The typed openapi-fetch client, with the same auth, query encoding, retries and limits. */
  readonly raw: Client<P>;
  /** The rate-limit headers of the last answer (undefined before the first). */
  readonly rateLimit: RateLimitState | undefined;
  readonly baseUrl: string;
}

export type OmnideskClient = Resources & ClientBase<paths>;

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new TypeError(`createOmnideskClient: ${message}`);
}

export function createOmnideskClient(options: OmnideskClientOptions): OmnideskClient {
  return createClientFromTable<Resources, paths>(operationTable, options);
}

/** The client over any generated operation table (the generator's tests use their own specs). */
export function createClientFromTable<R, P extends {}>(table: readonly OperationMeta[], options: OmnideskClientOptions): R & ClientBase<P> {
  check(options !== null && typeof options === 'object', 'options must be an object');
  const { domain, email, apiKey } = options;
  check(typeof email === 'string' && email.trim() !== '', '`email` must be a non-empty string');
  check(typeof apiKey === 'string' && apiKey.trim() !== '', '`apiKey` must be a non-empty string');
  check(domain === undefined || (typeof domain === 'string' && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(domain)),
    '`domain` must be the account subdomain only (`yourcompany`, not a URL)');
  const baseUrl = options.baseUrl ?? (domain ? `https://${domain}.omnidesk.ru/api` : undefined);
  check(baseUrl !== undefined, 'give `domain` or `baseUrl`');
  check(/^https?:\/\//.test(baseUrl), '`baseUrl` must be an http(s) URL');
  const timeout = options.timeout ?? 60_000;
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryAfter = options.maxRetryAfter ?? 60;
  check(Number.isFinite(timeout) && timeout > 0, '`timeout` must be a positive number of milliseconds');
  check(Number.isInteger(maxRetries) && maxRetries >= 0, '`maxRetries` must be an integer, 0 or more');
  check(Number.isFinite(maxRetryAfter) && maxRetryAfter >= 0, '`maxRetryAfter` must be 0 or more seconds');

  let lastRateLimit: RateLimitState | undefined;
  const userFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const send = createTransport({
    fetch: userFetch,
    timeout,
    maxRetries,
    maxRetryAfter,
    limiter: options.rateLimit ? new Limiter(options.rateLimit) : undefined,
    logger: options.logger,
    sleep: defaultSleep,
    random: Math.random,
    now: Date.now,
    onRateLimit: (state) => (lastRateLimit = state),
  });

  // Raw calls name their operation in errors too: looked up from the path template.
  const operationIds = new Map(table.map((op) => [`${op.httpMethod.toUpperCase()} ${op.path}`, op.operationId]));
  const rawContext = new WeakMap<Request, CallContext>();
  const raw = createClient<P>({
    baseUrl,
    headers: { ...options.headers, Authorization: `Basic ${base64(`${email}:${apiKey}`)}` },
    querySerializer: serializeQuery as never,
    fetch: (request: Request) => send(request, rawContext.get(request) ?? {}),
  });
  raw.use({
    onRequest({ request, schemaPath }) {
      rawContext.set(request, { operationId: operationIds.get(`${request.method} ${schemaPath}`) });
    },
  });

  const invoker: Invoker = { raw, send, rateLimit: () => lastRateLimit };
  const client = buildResources(invoker, table) as Record<string | symbol, unknown>;
  const describe = () => ({ baseUrl, rateLimit: lastRateLimit });
  Object.defineProperties(client, {
    raw: { value: raw, enumerable: false },
    baseUrl: { value: baseUrl, enumerable: true },
    rateLimit: { get: () => lastRateLimit, enumerable: true },
    toJSON: { value: describe, enumerable: false },
    toString: { value: () => `OmnideskClient(${baseUrl})`, enumerable: false },
    [Symbol.for('nodejs.util.inspect.custom')]: { value: () => `OmnideskClient ${JSON.stringify(describe())}`, enumerable: false },
  });
  return client as unknown as R & ClientBase<P>;
}

// UTF-8 safe: btoa alone throws on non-Latin-1 characters (Cyrillic e-mail addresses).
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
