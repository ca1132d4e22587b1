import createClient from 'openapi-fetch';
import type { OmnideskClientOptions } from './client.js';
import { InvalidRequestError, inspect, kindOf } from './errors.js';
import { createLog, LOG_LEVELS } from './log.js';
import { jsonValue, serializeQuery } from './query.js';
import { createLimiter, type RateLimitState } from './rate-limit.js';
import { INVOKER, type Invoker } from './runtime.js';
import { createTransport, headerProblem, settingProblem, TIMER_MAX } from './transport.js';

// A variable, so that bundlers leave the validator out of the bundle (it loads next to this file).
const HOOK = './validate-hook.js';

/** Checks the options and builds the transport and the openapi-fetch client both the client and the core use. */
export function setup(options: OmnideskClientOptions, who: string) {
  const check: (condition: boolean, message: string) => asserts condition = (condition, message) => {
    if (!condition) throw new InvalidRequestError(`${who}: ${message}`);
  };
  check(options !== null && typeof options === 'object', 'options must be an object');
  const { domain, email, apiKey } = options;
  check(typeof email === 'string' && email.trim() !== '', '`email` must be a non-empty string');
  // Basic auth splits user and password at the first ':': the server would read another user.
  check(!email.includes(':'), '`email` cannot contain `:` (Basic auth cannot carry it)');
  check(typeof apiKey === 'string' && apiKey.trim() !== '', '`apiKey` must be a non-empty string');
  check(
    domain === undefined || (typeof domain === 'string' && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(domain)),
    '`domain` must be the account subdomain only (`yourcompany`, not a URL)',
  );
  const baseUrl = options.baseUrl ?? (domain ? `https://${domain}.omnidesk.ru/api` : undefined);
  check(baseUrl !== undefined, 'give `domain` or `baseUrl`');
  check(/^https?:\/\//.test(baseUrl), '`baseUrl` must be an http(s) URL');
  const timeout = options.timeout ?? 60_000;
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryAfter = options.maxRetryAfter ?? 60;
  const problem = settingProblem(timeout, maxRetries);
  check(!problem, problem!);
  check(
    Number.isFinite(maxRetryAfter) && maxRetryAfter >= 0 && maxRetryAfter * 1000 <= TIMER_MAX,
    `\`maxRetryAfter\` must be 0 to ${Math.floor(TIMER_MAX / 1000)} seconds`,
  );
  const logger = options.logger as Record<string, unknown> | undefined;
  const methods = LOG_LEVELS.slice(0, 4);
  for (const [key, ok, what] of [
    ['fetch', typeof options.fetch === 'function', 'a function'],
    // At least one method of a level, and nothing else under those names.
    [
      'logger',
      kindOf(logger) === 'object' &&
        methods.some((m) => typeof logger![m] === 'function') &&
        methods.every((m) => logger![m] === undefined || typeof logger![m] === 'function'),
      'an object with `debug`, `info`, `warn` or `error` methods',
    ],
    ['logLevel', LOG_LEVELS.includes(options.logLevel!), `one of ${LOG_LEVELS.join(', ')}`],
    ['rateLimit', options.rateLimit === false || kindOf(options.rateLimit) === 'object', 'an object or false'],
  ] as const)
    check(options[key] === undefined || ok, `\`${key}\` must be ${what}, got ${kindOf(options[key])}`);
  const headerFault = headerProblem(options.headers);
  check(!headerFault, headerFault!);

  let lastRateLimit: RateLimitState | undefined;
  const transport = createTransport({
    fetch: options.fetch,
    timeout,
    maxRetries,
    maxRetryAfter,
    limiter: options.rateLimit === false ? undefined : createLimiter(options.rateLimit ?? {}),
    log: createLog(options.logger, options.logLevel),
    onRateLimit: (state) => (lastRateLimit = state),
  });
  // `validateResponses`: the checker and its schemas load on the first answer, never otherwise.
  const mode = options.validateResponses;
  check(
    [undefined, 'off', 'warn', 'throw'].includes(mode),
    `\`validateResponses\` must be 'off', 'warn' or 'throw', got ${typeof mode === 'string' ? JSON.stringify(mode) : typeof mode}`,
  );
  const send: typeof transport =
    mode && mode !== 'off'
      ? (request, ctx) =>
          import(/* webpackIgnore: true */ /* @vite-ignore */ HOOK).then((m: typeof import('./validate-hook.js')) =>
            m.checkedSend(transport, options, request, ctx),
          )
      : transport;

  // UTF-8 safe: btoa alone throws on non-Latin-1 characters (Cyrillic e-mail addresses).
  const auth = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${email}:${apiKey}`)))}`;
  // The one request builder: openapi-fetch, with the transport as its fetch.
  // biome-ignore lint/suspicious/noExplicitAny: as Invoker.raw: the typed client casts it to its spec's paths.
  const raw = createClient<any>({
    baseUrl,
    headers: { ...options.headers, Authorization: auth },
    querySerializer: serializeQuery as never,
    // One rule for Date and null in JSON, queries and forms (see jsonValue); a form goes as it is.
    bodySerializer: (body: unknown) => (body instanceof FormData ? body : JSON.stringify(body, jsonValue)),
    // Every call gives its own fetch; this one gets openapi-fetch's `requestInitExt` (undefined) as a context.
    fetch: send as never,
  });
  const invoker: Invoker = { raw, send, rateLimit: () => lastRateLimit };
  return { invoker, baseUrl };
}

/** baseUrl, rateLimit and the hidden invoker on a client or core, and how it prints (never the key). */
export function describeAs(target: object, invoker: Invoker, baseUrl: string, name: string): void {
  const describe = () => ({ baseUrl, rateLimit: invoker.rateLimit() });
  // Properties defined here are not enumerable unless said.
  Object.defineProperties(target, {
    [INVOKER]: { value: invoker },
    baseUrl: { value: baseUrl, enumerable: true },
    rateLimit: { get: invoker.rateLimit, enumerable: true },
    toJSON: { value: describe },
    toString: { value: () => `${name}(${baseUrl})` },
    [inspect]: { value: () => `${name} ${JSON.stringify(describe())}` },
  });
}
