import {
  AbortError,
  ConnectionError,
  cutBodies,
  InvalidResponseError,
  kindOf,
  OmnideskError,
  TimeoutError,
  UnexpectedStatusError,
} from './errors.js';
import type { Log } from './log.js';
import { type Limiter, type RateLimitState, readRateLimit, sleep } from './rate-limit.js';

export type { Logger } from './log.js';

/**
 * A custom fetch, called in either style: `(request) => fetch(request)`, or the usual
 * `(url, init) => fetch(url, { ...init, headers: { ...init.headers, extra } })`. `init` repeats
 * what the Request holds (method, headers as a plain object with Authorization, body, signal), so
 * spreading it keeps the credentials.
 */
export type FetchLike = (input: Request, init: RequestInit & { headers: Record<string, string> }) => Promise<Response>;

export interface TransportOptions {
  /** The `fetch` option: gets a Request per attempt. Without it, `globalThis.fetch(request, { signal })`: no copy built. */
  fetch?: FetchLike | undefined;
  /** Milliseconds per attempt. */
  timeout: number;
  maxRetries: number;
  /** The longest `retry_after` (seconds) worth waiting for; a longer one fails at once. */
  maxRetryAfter: number;
  limiter?: Limiter | undefined;
  /** Where the lines go (see createLog): summaries at debug, retries at info (warn after a 429), failures at error. */
  log?: Log | undefined;
  onRateLimit: (state: RateLimitState) => void;
}

/** Per-call settings; undefined fields fall back to the client's. */
export interface CallContext {
  operationId?: string | undefined;
  /** `false`: never resent after a 5xx, a timeout or a reset, whatever the method (see OperationMeta). */
  idempotent?: false | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** `true`: a 2xx body is read here into `bodyText`, and the answer returned with its body used. */
  readBody?: boolean | undefined;
  /** The 2xx body the transport read when `readBody` asked it to. */
  bodyText?: string | undefined;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** The most of an error (non-2xx) body read: enough for any JSON error, not a 50 MB proxy page. */
export const ERROR_BODY_MAX = 65_536;

/**
 * The most of a success (2xx) body read, counted after decompression: far above the largest real
 * page (100 entries), so only a broken or hostile answer (a gzip bomb, an endless stream) reaches it.
 */
export const SUCCESS_BODY_MAX = 64 * 1024 * 1024;

/** At most `max` bytes of a body, and whether there was more (cancelled, not downloaded). */
async function head(response: Response, max: number): Promise<[Blob, boolean]> {
  const reader = response.body?.getReader();
  const chunks: BlobPart[] = [];
  let size = 0;
  while (reader && size <= max) {
    const read = await reader.read();
    if (read.done) break;
    chunks.push(read.value);
    size += read.value.byteLength;
  }
  const cut = size > max;
  // Not awaited, as for a retried answer.
  if (cut) reader!.cancel().catch(() => undefined);
  return [new Blob(chunks).slice(0, max), cut];
}

/** Calls a custom fetch with the Request and an `init` that says the same (see FetchLike). */
function callUserFetch(userFetch: FetchLike, request: Request): Promise<Response> {
  const { method, signal, body } = request;
  const init = { method, headers: Object.fromEntries(request.headers), signal, redirect: 'manual' as const };
  return userFetch(request, body ? ({ ...init, body, duplex: 'half' } as typeof init) : init);
}

/** Milliseconds to wait before sending again, or undefined when this answer is final. */
function retryWait(
  status: number,
  rateLimit: RateLimitState | undefined,
  idempotent: boolean,
  attempt: number,
  maxRetryAfter: number,
): number | undefined {
  if (status === 429) {
    // 429 means the request was not processed, so even a POST may be sent again.
    const retryAfter = rateLimit?.retryAfter;
    if (retryAfter === undefined) return backoff(attempt);
    return retryAfter <= maxRetryAfter ? retryAfter * 1000 : undefined;
  }
  if (status >= 500 && idempotent) return backoff(attempt);
  return undefined;
}

/** True when the error proves the request never reached the server (nothing was processed). */
export function refusedBeforeSend(error: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (code === 'ECONNREFUSED') return true;
    if (Array.isArray(errors) && errors.length > 0 && errors.every(walk)) return true;
    return walk(cause);
  };
  return walk(error);
}

/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days): a longer one fires at once. */
export const TIMER_MAX = 2_147_483_647;

/** A wrong argument as an error message shows it: strings quoted, objects by kind, never a whole value. */
export const show = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value === 'bigint'
      ? `${value}n`
      : value && typeof value === 'object'
        ? kindOf(value)
        : String(value);

/** What is wrong with a `timeout` or `maxRetries` setting, or undefined when both are usable (or not given). */
export function settingProblem(timeout: unknown, maxRetries: unknown): string | undefined {
  const got = (value: unknown) => `, got ${show(value)}`;
  if (timeout !== undefined && !(Number.isFinite(timeout) && (timeout as number) > 0 && (timeout as number) <= TIMER_MAX))
    return `\`timeout\` must be a positive number of milliseconds, at most ${TIMER_MAX}${got(timeout)}`;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && (maxRetries as number) >= 0))
    return `\`maxRetries\` must be an integer, 0 or more${got(maxRetries)}`;
  return undefined;
}

/**
 * What is wrong with a set of request headers (names must be tokens; values strings of visible
 * Latin-1 characters: a CR or LF would split the request). Never shows a value: it may be a secret.
 */
export function headerProblem(headers: unknown): string | undefined {
  if (headers === undefined) return undefined;
  if (!headers || typeof headers !== 'object' || Array.isArray(headers))
    return `\`headers\` must be an object of strings, got ${kindOf(headers)}`;
  for (const [name, value] of Object.entries(headers)) {
    if (
      !/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(name) ||
      (value !== undefined && (typeof value !== 'string' || /[^\t\x20-\x7e\x80-\xff]/.test(value)))
    ) {
      return `header ${show(name)} must be a token with a string value without CR, LF or control characters (not shown)`;
    }
  }
  return undefined;
}

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... capped at 8 s, each scaled by 0.5-1. */
export function backoff(attempt: number): number {
  const base = Math.min(8000, 500 * 2 ** attempt);
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

export function createTransport(options: TransportOptions) {
  // `log?.(...)` builds no line without a logger; a logger that throws never ends the call.
  const { log, fetch: userFetch, limiter } = options;

  /**
   * Sends `request` with retries, timeouts and the limiter; answers a fresh Response with the body
   * read. The caller's abort becomes an AbortError (a TimeoutError when `AbortSignal.timeout()` fired).
   */
  return (request: Request, ctx: CallContext = {}): Promise<Response> =>
    send(request, ctx).catch((reason: unknown) => {
      if (!request.signal.aborted || reason !== request.signal.reason) throw reason;
      const method = request.method;
      const path = new URL(request.url).pathname;
      const c = { operationId: ctx.operationId, method, path, cause: reason };
      throw (reason as Error)?.name === 'TimeoutError'
        ? new TimeoutError(`the signal's timeout fired: ${method} ${path}`, { ...c, timeout: undefined })
        : new AbortError(`aborted by the signal: ${method} ${path}`, c);
    });

  async function send(request: Request, ctx: CallContext): Promise<Response> {
    const method = request.method.toUpperCase();
    let path: string | undefined;
    const pathOf = () => (path ??= new URL(request.url).pathname);
    const caller = request.signal;
    // A body stream can be read only once: every attempt with a body sends a copy.
    const hasBody = request.body !== null;
    const timeout = ctx.timeout ?? options.timeout;
    const maxRetries = ctx.maxRetries ?? options.maxRetries;
    const idempotent = ctx.idempotent ?? IDEMPOTENT.has(method);
    const failure = (timedOut: boolean, cause: unknown): OmnideskError => {
      const path = pathOf();
      const errorCtx = { operationId: ctx.operationId, method, path, cause };
      return timedOut
        ? new TimeoutError(`no answer within ${timeout} ms: ${method} ${path}`, { ...errorCtx, timeout })
        : new ConnectionError(`connection failed: ${method} ${path}`, errorCtx);
    };

    for (let attempt = 0; ; attempt++) {
      caller.throwIfAborted();
      const seq = await limiter?.acquire(method, caller);
      caller.throwIfAborted();
      // One controller per attempt, aborted by the timer or by the caller's signal.
      const attemptController = new AbortController();
      let timedOut = false;
      const handle = setTimeout(() => {
        timedOut = true;
        attemptController.abort();
      }, timeout);
      const onAbort = () => attemptController.abort(caller.reason);
      caller.addEventListener('abort', onAbort);
      const done = () => {
        clearTimeout(handle);
        caller.removeEventListener('abort', onAbort);
      };
      const started = Date.now();
      let response: Response | undefined;
      let error: OmnideskError | undefined;
      let retryable = false;
      try {
        const signal = attemptController.signal;
        const copy = hasBody ? request.clone() : request;
        // Redirects are never followed: the API has no reason to send one, and following it would
        // resend the body (and headers) elsewhere. A 3xx is answered as an UnexpectedStatusError.
        response = await (userFetch
          ? callUserFetch(userFetch, new Request(copy, { signal, redirect: 'manual' }))
          : fetch(copy, { signal, redirect: 'manual' }));
      } catch (cause) {
        done();
        if (caller.aborted) throw caller.reason;
        error = failure(timedOut, cause);
        // A POST that may have reached the server is never sent again.
        retryable = idempotent || (!timedOut && refusedBeforeSend(cause));
      }

      // A browser's fetch hides a manual redirect (status 0): refused like any other redirect.
      if (response?.type === 'opaqueredirect') {
        done();
        throw new UnexpectedStatusError(`redirect, not followed: ${method} ${pathOf()}`, {
          status: 0,
          operationId: ctx.operationId,
          method,
          path: pathOf(),
        });
      }
      if (response) {
        const rateLimit = readRateLimit(response.headers);
        if (rateLimit) {
          options.onRateLimit(rateLimit);
          await limiter?.learn(seq!, rateLimit, response.status === 429);
        }
        const summary = { method, path: pathOf(), status: response.status, attempt, durationMs: Date.now() - started };
        log?.('debug', 'omnidesk: response', summary);
        const wait = attempt < maxRetries ? retryWait(response.status, rateLimit, idempotent, attempt, options.maxRetryAfter) : undefined;
        if (wait !== undefined) {
          done();
          // Not awaited: cancelling one branch of a tee()d body waits for the other branch.
          response.body?.cancel().catch(() => undefined);
          // A 429 is worth a warning: the limiter is there to prevent it.
          log?.(response.status === 429 ? 'warn' : 'info', 'omnidesk: retrying', { ...summary, waitMs: wait });
          await sleep(wait, caller);
          continue;
        }
        // The body is read here, under the same timeout, so that a cut or stalled body is a
        // ConnectionError or TimeoutError like a failure before the headers.
        // An error body is read up to ERROR_BODY_MAX bytes only.
        try {
          // A null-body status (204, 304) reads as empty.
          const [blob, cut] = await head(response, response.ok ? SUCCESS_BODY_MAX : ERROR_BODY_MAX);
          if (cut && response.ok) {
            done();
            throw new InvalidResponseError(`${response.status} with a body over ${SUCCESS_BODY_MAX} bytes: ${method} ${pathOf()}`, {
              status: response.status,
              operationId: ctx.operationId,
              method,
              path: pathOf(),
            });
          }
          if (ctx.readBody && response.ok) {
            ctx.bodyText = await blob.text();
            done();
            return response;
          }
          const body = await blob.arrayBuffer();
          done();
          let headers = response.headers;
          if (headers.has('content-encoding')) {
            headers = new Headers(headers);
            headers.delete('content-encoding');
          }
          const answer = new Response(body.byteLength ? body : null, { status: response.status, statusText: response.statusText, headers });
          if (cut) cutBodies.add(answer);
          if (!response.ok) log?.('error', 'omnidesk: request failed', summary);
          return answer;
        } catch (cause) {
          done();
          if (cause instanceof OmnideskError) throw cause;
          if (caller.aborted) throw caller.reason;
          error = failure(timedOut, cause);
          // The server answered: only a repeatable request may be sent again.
          retryable = idempotent;
        }
      }
      const failed = { method, path: pathOf(), attempt, error: error!.name, durationMs: Date.now() - started };
      if (!retryable || attempt >= maxRetries) {
        log?.('error', 'omnidesk: request failed', failed);
        throw error!;
      }
      const wait = backoff(attempt);
      log?.('info', 'omnidesk: retrying', { ...failed, waitMs: wait });
      await sleep(wait, caller);
    }
  }
}
