import { InvalidRequestError } from './errors.js';
/** The rate-limit headers of the last answer seen. */
export interface RateLimitState {
  /** `api_calls_left`: calls left in the current interval (a minute on current accounts). */
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
  return state.callsLeft === undefined && state.perMinute === undefined && state.retryAfter === undefined ? undefined : state;
}

/**
 * Where the limiter keeps an account's budget. Both calls are atomic: two callers (in one process,
 * or in several, with a shared store) never spend the same call. Times are the callers' clocks (ms).
 */
export interface RateLimitStore {
  /**
   * Spends `cost` calls at `now` when every budget allows it, answering `{ wait: 0, seq }` (the
   * spend's number, for `learn`); otherwise spends nothing and answers the ms to wait first.
   * `perMinute` is the budget set by hand; without it the learned `rate_limit_per_minute`.
   */
  take(input: {
    now: number;
    cost: number;
    perMinute?: number | undefined;
    perHour?: number | undefined;
  }): Promise<{ wait: number; seq?: number }> | { wait: number; seq?: number };
  /**
   * Records an answer to spend `seq`: the account's limit, the calls it says are left (less the
   * calls spent after `seq`, which it may not count yet) until `retryAfter` seconds (60 without),
   * and on a 429 (`limited`) a pause of `retryAfter` seconds for every caller.
   */
  learn(input: { now: number; seq: number; limited: boolean } & Partial<RateLimitState>): Promise<void> | void;
}

/**
 * The rules of RateLimitStore on this process's memory; the Redis store runs the same in Lua.
 *
 * A budget set by hand holds in any 60 s (a sliding minute). The learned budget follows the
 * server's minute as its answers show it: it began at `since` and resets at `until`, with `left`
 * calls in it (less the spends after the answered one). Without `retry_after` the minute ends 60 s
 * after the first answer that showed it (the minute's first call reached the server before that
 * answer left it), and later answers do not move it. Once `until` has passed, a new minute is taken
 * to have begun then: the learned budget is whole again, at once.
 */
export function memoryStore(): RateLimitStore {
  /** [seq, at, cost, calls left its answer said] of the recent spends, oldest first (pruned now and then, not on every call). */
  let spends: number[][] = [];
  let prune = 1024;
  let seq = 0;
  let learned: number | undefined;
  let left = 0;
  let since = 0;
  let until = 0;
  /** A 429's pause. */
  let pause = 0;
  return {
    take({ now, cost, perMinute, perHour }) {
      let wait = Math.max(pause, until > now && left < cost ? until : 0) - now;
      // The learned budget counts the spends of the server's current minute only.
      const from = perMinute ? 0 : until > now ? since : until;
      for (const [size, max, start] of [
        [60_000, perMinute ?? learned, from],
        [3_600_000, perHour, 0],
      ] as const) {
        if (!max) continue;
        // From the newest back to the window's start, then the oldest leave first: wait for enough.
        let used = cost;
        let i = spends.length;
        while (i && spends[i - 1]![1]! > now - size && spends[i - 1]![1]! >= start) used += spends[--i]![2]!;
        for (; used > max && i < spends.length; i++) {
          used -= spends[i]![2]!;
          wait = Math.max(wait, spends[i]![1]! + size - now);
        }
      }
      if (wait > 0) return { wait };
      if (spends.push([++seq, now, cost]) > prune) {
        spends = spends.filter((s) => s[1]! > now - (perHour ? 3_600_000 : 60_000));
        prune = 2 * spends.length + 1024;
      }
      left -= cost;
      return { wait: 0, seq };
    },
    learn({ now, seq: mine, limited, callsLeft, perMinute, retryAfter }) {
      if (perMinute) learned = perMinute;
      if (callsLeft !== undefined) {
        const next = until <= now;
        const spend = spends.find((s) => s[0] === mine);
        // An answer to a call sent before the current minute began counts an older minute: no news.
        if (spend && spend[1]! >= (next ? until : since)) {
          if (next) since = until;
          // The server counted the calls that reached it before this one: less the others of this
          // minute still on their way, or answered with fewer calls left (they came after it).
          left = callsLeft;
          for (const [s, at, cost, seen] of spends) if (s !== mine && at! >= since && !(seen! >= callsLeft)) left -= cost!;
          if (next || retryAfter !== undefined) until = now + (retryAfter ?? 60) * 1000;
        }
        // What this answer saw, for the answers still to come; a 429 was not counted.
        if (spend) spend[3] = limited ? Infinity : callsLeft;
      }
      if (limited && retryAfter) pause = Math.max(pause, now + retryAfter * 1000);
    },
  };
}

export interface RateLimitOptions {
  /** At most this many calls (writes count two) in any 60 s window, instead of the account's `rate_limit_per_minute`. */
  perMinute?: number;
  /** At most this many calls in any 3600 s window. */
  perHour?: number;
  /** Where the budget is kept: this client's memory by default; `@omnidesk-openapi/ratelimit-redis` shares it between processes. */
  store?: RateLimitStore;
}

/**
 * Resolves after `ms` milliseconds, or sooner when the function given to `early` is called;
 * rejects with the signal's reason when it aborts first. Either way its timer is cleared.
 */
export const sleep = (ms: number, signal?: AbortSignal, early?: (end: () => void) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const end = (error?: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => end(signal!.reason);
    const timer = setTimeout(end, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    early?.(() => end());
  });

export interface Limiter {
  /** Resolves with a spend number when a `method` call may start within the budget. */
  acquire(method: string, signal?: AbortSignal): Promise<number>;
  /** Feeds an answer's rate-limit headers back (`limited`: it was a 429). */
  learn(seq: number, state: RateLimitState, limited: boolean): Promise<void> | void;
}

/**
 * The limiter: a call may start when the store grants its cost (writes, POST, PUT and DELETE,
 * count two) within the budget set by hand or learned from the answers. Callers of one process
 * queue in call order; a shared store extends the budget over processes.
 */
export function createLimiter(options: RateLimitOptions): Limiter {
  const { perMinute, perHour, store = memoryStore() } = options;
  for (const [name, max] of [
    ['perMinute', perMinute],
    ['perHour', perHour],
  ] as const) {
    if (max !== undefined && !(Number.isInteger(max) && max >= 1))
      throw new InvalidRequestError(`rateLimit.${name} must be a positive integer, got ${String(max)}`);
  }
  if (typeof store?.take !== 'function') throw new InvalidRequestError('rateLimit.store must have `take` and `learn` methods');
  let queue: Promise<unknown> = Promise.resolve();
  /** Callers in the queue (waiting for their turn or taking it). */
  let queued = 0;
  /** Ends the current caller's wait early (an answer came in): it asks the store again. */
  let wake = () => {};
  const take = async (cost: number, signal?: AbortSignal): Promise<number> => {
    for (;;) {
      const { wait, seq } = await store.take({ now: Date.now(), cost, perMinute, perHour });
      if (wait <= 0) return seq!;
      await sleep(wait, signal, (end) => (wake = end));
    }
  };
  return {
    acquire(method, signal) {
      const cost = method === 'GET' ? 1 : 2;
      // Nobody queued and the store is this process's memory (it answers at once): a call it
      // grants goes without queueing; a refusal spends nothing, and the call queues as any other.
      if (!(queued || options.store || signal?.aborted)) {
        const { wait, seq } = store.take({ now: Date.now(), cost, perMinute, perHour }) as { wait: number; seq?: number };
        if (wait <= 0) return Promise.resolve(seq!);
      }
      queued++;
      // An aborted caller's turn passes without taking a slot: aborted calls use no budget.
      const turn = queue.then(() => {
        signal?.throwIfAborted();
        return take(cost, signal);
      });
      // The next caller waits for this one's slot, whether it succeeded or was aborted.
      const left = () => void queued--;
      queue = turn.then(left, left);
      if (!signal) return turn;
      // A caller that aborts while queued is rejected at once, not at its turn.
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
    async learn(seq, state, limited) {
      await store.learn({ now: Date.now(), seq, limited, ...state });
      wake();
    },
  };
}
