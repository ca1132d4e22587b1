import { InvalidRequestError } from './errors.js';
/** The rate-limit headers of the last answer seen. */
export interface RateLimitState {
  /** `api_calls_left`: calls left this hour. */
  callsLeft: number | undefined;
  /** `rate_limit_per_minute`: the account's per-minute limit. */
  perMinute: number | undefined;
  /** `retry_after` (seconds), sent with 429. */
  retryAfter: number | undefined;
}

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Seconds until a `Retry-After` given as an HTTP date (the standard header's other form); 0 when past. */
function retryAt(raw: string | null): number | undefined {
  const at = raw && /[a-z]/i.test(raw) ? Date.parse(raw) : NaN;
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : undefined;
}

/** Reads Omnidesk's lowercase-underscore headers (and the standard Retry-After as a fallback). */
export function readRateLimit(headers: Headers): RateLimitState | undefined {
  const state: RateLimitState = {
    callsLeft: intHeader(headers, 'api_calls_left'),
    perMinute: intHeader(headers, 'rate_limit_per_minute'),
    retryAfter: intHeader(headers, 'retry_after') ?? intHeader(headers, 'retry-after') ?? retryAt(headers.get('retry-after')),
  };
  return state.callsLeft === undefined && state.perMinute === undefined && state.retryAfter === undefined
    ? undefined
    : state;
}

export interface RateLimitOptions {
  /** At most this many requests in any 60 s window. */
  perMinute?: number;
  /** At most this many requests in any 3600 s window. */
  perHour?: number;
}

/** Resolves after `ms` milliseconds; rejects with the signal's reason when it aborts first. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * A client-side sliding-window limiter: `acquire()` resolves when a request may start without
 * exceeding any window. Slots are reserved in call order, so concurrent callers queue fairly.
 */
export class Limiter {
  /** Per window: its length (ms), its budget, and the start times of the requests still in it. */
  private readonly windows: { size: number; max: number; starts: number[] }[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimitOptions) {
    for (const [max, size, name] of [
      [options.perMinute, 60_000, 'perMinute'],
      [options.perHour, 3_600_000, 'perHour'],
    ] as const) {
      if (max === undefined) continue;
      if (!Number.isInteger(max) || max < 1) throw new InvalidRequestError(`rateLimit.${name} must be a positive integer, got ${String(max)}`);
      this.windows.push({ size, max, starts: [] });
    }
  }

  acquire(signal?: AbortSignal): Promise<void> {
    // An aborted caller's turn passes without taking a slot: aborted calls use no budget.
    const turn = this.queue.then(() => (signal?.throwIfAborted(), this.take(signal)));
    // The next caller waits for this one's slot, whether it succeeded or was aborted.
    this.queue = turn.catch(() => undefined);
    if (!signal) return turn;
    // A caller that aborts while queued is rejected at once, not at its turn.
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const t = Date.now();
      let wait = 0;
      for (const w of this.windows) {
        while (w.starts.length && w.starts[0]! <= t - w.size) w.starts.shift();
        if (w.starts.length >= w.max) wait = Math.max(wait, w.starts[0]! + w.size - t);
      }
      if (wait <= 0) {
        for (const w of this.windows) w.starts.push(t);
        return;
      }
      await sleep(wait, signal);
    }
  }
}
