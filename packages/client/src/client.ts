import type { Client } from 'openapi-fetch';
import { InvalidRequestError } from './errors.js';
import type { paths } from './generated/schema.js';
import { operationTable, type Resources } from './generated/sdk.js';
import type { LogLevel } from './log.js';
import type { RateLimitOptions, RateLimitState } from './rate-limit.js';
import { buildResources, type OperationMeta, startsUpperCase } from './runtime.js';
import { describeAs, setup } from './setup.js';
import { type CallContext, type FetchLike, headerProblem, type Logger, readBodyOf } from './transport.js';

export interface OmnideskClientOptions {
  /** Your account's subdomain: `yourcompany` for https://yourcompany.omnidesk.ru. */
  domain?: string;
  /** The API's base URL instead of `domain` (a mock server: `http://127.0.0.1:4010`). */
  baseUrl?: string;
  /** The staff member's e-mail address (the Basic auth user name). */
  email: string;
  /** An API key (Settings → API). Kept in a closure: never on the client, in errors or in logs. */
  apiKey: string;
  /**
   * Milliseconds to wait for each attempt's answer (its body included); 60 000 by default. An
   * attempt without a `signal` may run up to 1 % (at most 1 s) longer: it shares its deadline.
   */
  timeout?: number;
  /** Retries after a connection error, a timeout, a 5xx (GET, PUT, DELETE only) or a 429; 2 by default. */
  maxRetries?: number;
  /** The longest `retry_after` (seconds) a 429 is waited out for; longer fails at once with RateLimitError. 60 by default. */
  maxRetryAfter?: number;
  /** The fetch to use (`globalThis.fetch` by default). */
  fetch?: FetchLike;
  /**
   * The limiter, on by default: it learns the account's per-minute budget from the answers, counts
   * writes as two calls and waits for its turn instead of provoking a 429. `{ perMinute: 60 }` sets
   * the budget by hand, `{ store }` shares it between processes, `false` turns the limiter off.
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Gets the SDK's lines, each with method, path (no query), status or error name, attempt and
   * duration, never credentials or bodies: `debug` a summary of every answer, `info` a retry,
   * `warn` a retry after a 429 and `validateResponses` findings, `error` a call that failed. A
   * line whose level the logger has no method for goes to its `debug`.
   */
  logger?: Logger;
  /**
   * The least level logged: `'debug'`, `'info'`, `'warn'`, `'error'` or `'off'`. Default:
   * `OMNIDESK_LOG`, else `'debug'` with a `logger` and `'off'` without. Without a `logger`, lines
   * go to `console`.
   */
  logLevel?: LogLevel;
  /**
   * Checks every 2xx answer against the spec (status, declared headers, body): `'off'` (default),
   * `'warn'` (each finding a `warn` line, to `console.warn` without a logger; the call
   * succeeds) or `'throw'` (ResponseValidationError with the findings). Findings never hold a
   * value of the answer. The checker loads only when on, from `./validate-hook.js` next to the SDK.
   */
  validateResponses?: 'off' | 'warn' | 'throw';
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** What the SDK reads of a raw call's options (the rest goes to openapi-fetch as it is). */
interface RawInit {
  fetch?: unknown;
  params?: { path?: object };
  headers?: unknown;
  parseAs?: string;
  middleware?: unknown[];
  signal?: AbortSignal | null;
}

export interface ClientBase<P extends {}> {
  /** The typed openapi-fetch client, with the same auth, query encoding, retries and limits. */
  readonly raw: Client<P>;
  /** The rate-limit headers of the last answer (undefined before the first). */
  readonly rateLimit: RateLimitState | undefined;
  readonly baseUrl: string;
}

export type OmnideskClient = Resources & ClientBase<paths>;

export function createOmnideskClient(options: OmnideskClientOptions): OmnideskClient {
  return createClientFromTable<Resources, paths>(operationTable, options);
}

/** The client over any generated operation table (the generator's tests use their own specs). */
export function createClientFromTable<R, P extends {}>(table: readonly OperationMeta[], options: OmnideskClientOptions): R & ClientBase<P> {
  const { invoker, baseUrl } = setup(options, 'createOmnideskClient');
  const { raw: core, send } = invoker;

  // Raw calls are the same operations: looked up from the path template, they name their
  // operation in errors and are not resent when it is not idempotent.
  const operations = new Map(table.map((op) => [`${op.httpMethod.toUpperCase()} ${op.path}`, op]));
  // Each call gets a fetch that knows its operation (a per-call `fetch` of the caller's own wins).
  const rawCall = async (method: string, url: string, init: RawInit | undefined) => {
    const op = operations.get(`${method.toUpperCase()} ${url}`);
    // A path value `.` or `..` would move the request to another path once the URL is resolved.
    const values = Object.entries(init?.params?.path ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, String(x)]));
    const dots = values.find(([, v]) => v === '.' || v === '..');
    const problem = dots ? `path parameter ${dots[0]} cannot be ${JSON.stringify(dots[1])}` : headerProblem(init?.headers);
    if (problem) throw new InvalidRequestError(`${method.toUpperCase()} ${url}: ${problem}`);
    if (init?.fetch) return core.request(method as never, url as never, init as never);
    // While no middleware would see the answer, a JSON body is read by the transport and parsed
    // here, as openapi-fetch would parse it, instead of being copied into a new Response first.
    const noMiddleware = !invoker.middlewareRegistered && !init?.middleware?.length;
    const readBody = noMiddleware && (init?.parseAs ?? 'json') === 'json';
    const noCallerSignal = noMiddleware && init?.signal == null;
    const ctx: CallContext = { operationId: op?.operationId, idempotent: op?.idempotent, readBody, noCallerSignal };
    const result = (await core.request(
      method as never,
      url as never,
      {
        ...init,
        ...(readBody && { parseAs: 'stream' }),
        fetch: (request: Request) => send(request, ctx),
      } as never,
    )) as { data?: unknown; response: Response };
    if (readBody && result.response.ok) {
      const text = readBodyOf(result.response);
      result.data = text ? JSON.parse(text) : undefined;
    }
    return result;
  };
  const raw = {
    ...core,
    request: rawCall,
    // Resource methods read answers past openapi-fetch only while no middleware would see them.
    use(...m: never[]) {
      core.use(...m);
      invoker.middlewareRegistered = true;
    },
  } as Record<string, unknown>;
  // openapi-fetch's HTTP verbs are its upper-case methods (GET, PUT, POST, ...), unlike request, use, eject.
  for (const method in core) if (startsUpperCase(method)) raw[method] = (url: string, init?: RawInit) => rawCall(method, url, init);

  const client = buildResources(invoker, table) as Record<string | symbol, unknown>;
  Object.defineProperty(client, 'raw', { value: raw });
  describeAs(client, invoker, baseUrl, 'OmnideskClient');
  return client as unknown as R & ClientBase<P>;
}
