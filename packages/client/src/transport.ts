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
  /** `true`: a 2xx body is read here, kept for `readBodyOf(answer)`, and the answer returned with its body used. */
  readBody?: boolean | undefined;
  /**
   * `true`: nothing can abort the request but its timeout (the caller gave no signal, and no
   * middleware could have given it one), so its attempts may share a deadline (see createDeadlines).
   */
  noCallerSignal?: boolean | undefined;
}

// The 2xx bodies read for calls that asked (`readBody`), by the answer they came with.
const readBodies = new WeakMap<Response, string>();
/** The body the transport read of this answer (a 2xx of a call with `readBody`); else undefined. */
export const readBodyOf = (answer: Response): string | undefined => readBodies.get(answer);

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** The most of an error (non-2xx) body read: enough for any JSON error, not a 50 MB proxy page. */
export const ERROR_BODY_MAX = 65_536;

/**
 * The most of a success (2xx) body read, counted after decompression: far above the largest real
 * page (100 entries), so only a broken or hostile answer (a gzip bomb, an endless stream) reaches it.
 */
export const SUCCESS_BODY_MAX = 64 * 1024 * 1024;

/**
 * At most `max` bytes of a body as one array (undefined for no body), and whether there was more
 * (cancelled, not downloaded). Read chunk by chunk, so that the bound holds after decompression.
 */
async function readBounded(response: Response, max: number): Promise<[Uint8Array | undefined, boolean]> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
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
  // A body in one chunk (a small one) is used as it came.
  let bytes = chunks[0];
  if (chunks.length > 1) {
    bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
  }
  return [bytes?.subarray(0, max), cut];
}

/** The signal an attempt is sent with, and how it ends. */
interface Deadline {
  signal: AbortSignal;
  /** Whether the signal aborted because the attempt's time ran out. */
  expired(): boolean;
  /** The attempt is over (its body read): its timer and listener go. */
  end(): void;
}

/** How much later than `timeout` a shared deadline may abort an attempt: 1 % of it, at most 1 s (see createDeadlines). */
export const deadlineSlack = (timeout: number): number => Math.min(1000, timeout / 100);

/** The most attempts on one shared deadline: each fetch leaves a listener on its signal until garbage collection. */
const DEADLINE_SHARERS = 100;

/**
 * Deadlines of attempts: a signal aborted once `timeout` ms have passed (the body read included)
 * or when the caller's signal (`caller`, undefined when there is none) aborts. An AbortController
 * and a timer per attempt were a third to a half of the CPU the SDK's layer adds to a call, mostly
 * in garbage collection of the signal that fetch follows (CPU and allocation profiles of the
 * request benchmark, scripts/bench/requests.mjs), so attempts that nothing else can abort share one:
 * those that start with the same `timeout` within a window of deadlineSlack(timeout) ms get the
 * same signal, aborted `timeout` ms after the window closes. Each attempt still gets at least its
 * `timeout` (at most 1 % more), and when the shared signal aborts every attempt still on it has
 * had its time. The timer is cleared whenever no attempt is on the deadline.
 */
function createDeadlines() {
  let shared:
    | {
        controller: AbortController;
        timeout: number;
        closes: number;
        joined: number;
        pending: number;
        fired?: boolean;
        timer?: ReturnType<typeof setTimeout>;
      }
    | undefined;

  return (timeout: number, caller: AbortSignal | undefined): Deadline => {
    const now = Date.now();
    let group = shared;
    // An attempt its caller can abort has a deadline of its own, to the millisecond.
    if (caller || !group || group.fired || group.timeout !== timeout || now >= group.closes || group.joined >= DEADLINE_SHARERS) {
      group = { controller: new AbortController(), timeout, closes: caller ? now : now + deadlineSlack(timeout), joined: 0, pending: 0 };
      if (!caller) shared = group;
    }
    const { controller } = group;
    group.joined++;
    if (group.pending++ === 0) {
      group.timer = setTimeout(
        () => {
          group.fired = true;
          controller.abort();
        },
        Math.min(TIMER_MAX, group.closes + timeout - now),
      );
    }
    const onAbort = () => controller.abort(caller!.reason);
    caller?.addEventListener('abort', onAbort);
    return {
      signal: controller.signal,
      expired: () => !!group.fired,
      end() {
        caller?.removeEventListener('abort', onAbort);
        if (--group.pending === 0) clearTimeout(group.timer);
      },
    };
  };
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

/** The answer over the bytes read from it: its status and headers, less `content-encoding` (the bytes are decoded). */
function answerOver(response: Response, bytes: Uint8Array | undefined, cut: boolean): Response {
  let headers = response.headers;
  if (headers.has('content-encoding')) {
    headers = new Headers(headers);
    headers.delete('content-encoding');
  }
  const answer = new Response(bytes?.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : null, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  if (cut) cutBodies.add(answer);
  return answer;
}

export function createTransport(options: TransportOptions) {
  // `log?.(...)` builds no line without a logger; a logger that throws never ends the call.
  const { log, fetch: userFetch, limiter } = options;
  // Decoding a whole body at once keeps no state between calls: one decoder serves them all.
  const decoder = new TextDecoder();
  const deadline = createDeadlines();

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

  /**
   * Attempt after attempt, each after the wait the last one asked for, until one gives the final
   * answer (or throws). Its steps, below: `attempt`, then `retryAfterAnswer` (what the status and
   * headers say) and `readAnswer` (the body), or `retryAfterError` when there was no answer.
   */
  async function send(request: Request, ctx: CallContext): Promise<Response> {
    const { operationId } = ctx;
    const method = request.method.toUpperCase();
    const caller = request.signal;
    // A body stream can be read only once: every attempt with a body sends a copy.
    const hasBody = request.body !== null;
    const timeout = ctx.timeout ?? options.timeout;
    const maxRetries = ctx.maxRetries ?? options.maxRetries;
    const idempotent = ctx.idempotent ?? IDEMPOTENT.has(method);
    let path: string | undefined;
    /** The URL's path, parsed on the first line or error that names it. */
    const pathOf = () => (path ??= new URL(request.url).pathname);
    /** What an error says of the call. */
    const where = () => ({ operationId, method, path: pathOf() });

    /**
     * Attempt `n`: waits for the limiter, sends, and reads the answer, all but the limiter's wait
     * within the timeout. Gives the final answer, or the ms to wait before the next attempt;
     * throws when the call failed for good.
     */
    const attempt = async (n: number): Promise<Response | number> => {
      caller.throwIfAborted();
      const seq = await limiter?.acquire(method, caller);
      caller.throwIfAborted();
      // Aborted when the attempt's time runs out (the body read included) or by the caller's signal.
      const attemptDeadline = deadline(timeout, ctx.noCallerSignal ? undefined : caller);
      const signal = attemptDeadline.signal;
      const started = log ? Date.now() : 0;
      try {
        let response: Response;
        try {
          const copy = hasBody ? request.clone() : request;
          // Redirects are never followed: the API has no reason to send one, and following it would
          // resend the body (and headers) elsewhere. A 3xx is answered as an UnexpectedStatusError.
          response = await (userFetch
            ? callUserFetch(userFetch, new Request(copy, { signal, redirect: 'manual' }))
            : fetch(copy, { signal, redirect: 'manual' }));
        } catch (cause) {
          if (caller.aborted) throw caller.reason;
          // A POST that may have reached the server is never sent again.
          const timedOut = attemptDeadline.expired();
          return retryAfterError(n, started, failure(timedOut, cause), idempotent || (!timedOut && refusedBeforeSend(cause)));
        }
        const summary = log ? { method, path: pathOf(), status: response.status, attempt: n, durationMs: Date.now() - started } : {};
        const wait = await retryAfterAnswer(n, response, seq, summary);
        if (wait !== undefined) {
          // Not awaited: cancelling one branch of a tee()d body waits for the other branch.
          response.body?.cancel().catch(() => undefined);
          return wait;
        }
        try {
          return await readAnswer(response, summary);
        } catch (cause) {
          if (cause instanceof OmnideskError) throw cause;
          if (caller.aborted) throw caller.reason;
          // The server answered: only a repeatable request may be sent again.
          return retryAfterError(n, started, failure(attemptDeadline.expired(), cause), idempotent);
        }
      } finally {
        attemptDeadline.end();
      }
    };

    /**
     * What an answer's status and headers say: a redirect is refused, the rate-limit headers are
     * learned, and a 429 or 5xx worth another attempt gives the ms to wait (undefined: final).
     */
    const retryAfterAnswer = async (
      n: number,
      response: Response,
      seq: number | undefined,
      summary: Record<string, unknown>,
    ): Promise<number | undefined> => {
      // A browser's fetch hides a manual redirect (status 0): refused like any other redirect.
      if (response.type === 'opaqueredirect') {
        throw new UnexpectedStatusError(`redirect, not followed: ${method} ${pathOf()}`, { status: 0, ...where() });
      }
      const rateLimit = readRateLimit(response.headers);
      if (rateLimit) {
        options.onRateLimit(rateLimit);
        await limiter?.learn(seq!, rateLimit, response.status === 429);
      }
      log?.('debug', 'omnidesk: response', summary);
      if (n >= maxRetries) return undefined;
      const wait = retryWait(response.status, rateLimit, idempotent, n, options.maxRetryAfter);
      // A 429 is worth a warning: the limiter is there to prevent it.
      if (wait !== undefined) log?.(response.status === 429 ? 'warn' : 'info', 'omnidesk: retrying', { ...summary, waitMs: wait });
      return wait;
    };

    /**
     * Reads a final answer's body within the attempt's timeout, so that a cut or stalled body is a
     * ConnectionError or TimeoutError like a failure before the headers: a 2xx body up to
     * SUCCESS_BODY_MAX bytes (more is an InvalidResponseError), an error body up to ERROR_BODY_MAX
     * (the rest dropped, the answer marked cut). With `readBody`, a 2xx body is decoded and kept
     * for `readBodyOf`, and the answer given back with its body used; otherwise a new answer holds the bytes.
     */
    const readAnswer = async (response: Response, summary: Record<string, unknown>): Promise<Response> => {
      const { ok, status } = response;
      // A null-body status (204, 304) reads as empty.
      const [bytes, cut] = await readBounded(response, ok ? SUCCESS_BODY_MAX : ERROR_BODY_MAX);
      if (ok && cut)
        throw new InvalidResponseError(`${status} with a body over ${SUCCESS_BODY_MAX} bytes: ${method} ${pathOf()}`, {
          status,
          ...where(),
        });
      if (ok && ctx.readBody) {
        readBodies.set(response, bytes ? decoder.decode(bytes) : '');
        return response;
      }
      if (!ok) log?.('error', 'omnidesk: request failed', summary);
      return answerOver(response, bytes, cut);
    };

    /** The ms to wait before resending after `error`, or throws it when the call may not be resent. */
    const retryAfterError = (n: number, started: number, error: OmnideskError, retryable: boolean): number => {
      const failed = log ? { method, path: pathOf(), attempt: n, error: error.name, durationMs: Date.now() - started } : {};
      if (!retryable || n >= maxRetries) {
        log?.('error', 'omnidesk: request failed', failed);
        throw error;
      }
      const wait = backoff(n);
      log?.('info', 'omnidesk: retrying', { ...failed, waitMs: wait });
      return wait;
    };

    /** The error of an attempt that got no (whole) answer. */
    const failure = (timedOut: boolean, cause: unknown): OmnideskError =>
      timedOut
        ? new TimeoutError(`no answer within ${timeout} ms: ${method} ${pathOf()}`, { ...where(), cause, timeout })
        : new ConnectionError(`connection failed: ${method} ${pathOf()}`, { ...where(), cause });

    for (let n = 0; ; n++) {
      const outcome = await attempt(n);
      if (typeof outcome !== 'number') return outcome;
      await sleep(outcome, caller);
    }
  }
}
