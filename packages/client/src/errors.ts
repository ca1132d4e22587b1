import type { RateLimitState } from './rate-limit.js';

/** What every error knows about the call that failed. Never credentials. */
export interface ErrorContext {
  status?: number | undefined;
  /** The API's `error` code (`case_not_found`), when the body had one. */
  code?: string | undefined;
  /** The parsed response body, when there was one. */
  body?: unknown;
  operationId?: string | undefined;
  method?: string | undefined;
  /** The URL path (no host, no query string: query values can hold personal data). */
  path?: string | undefined;
  rateLimit?: RateLimitState | undefined;
  headers?: Record<string, string> | undefined;
  cause?: unknown;
}

/** What a wrong argument was, for error messages: `null`, `an array`, or its `typeof`. */
export const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** How Node's `util.inspect` asks an object to print itself. */
export const inspect: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** A printable copy of `value`: at most `depth` levels and `budget.left` values, strings cut at 500 characters. */
function clip(value: unknown, depth: number, budget: { left: number }): unknown {
  budget.left--;
  if (typeof value === 'string') return value.length > 500 ? `${value.slice(0, 500)}… (${value.length} characters)` : value;
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return String(value);
  if (!value || typeof value !== 'object') return value;
  if (depth < 1 || budget.left < 1) return Array.isArray(value) ? '[…]' : '{…}';
  const entries = Object.entries(value);
  const out: [string, unknown][] = [];
  for (const [k, v] of entries) {
    if (budget.left < 1) {
      out.push(['…', `${entries.length - out.length} more`]);
      break;
    }
    out.push([k, clip(v, depth - 1, budget)]);
  }
  return Array.isArray(value) ? out.map(([k, v]) => (k === '…' ? `… ${v}` : v)) : Object.fromEntries(out);
}

/** Where each error class keeps its name (its kind follows): one key for every copy of the package (ESM and CommonJS builds alike). */
export const KIND: unique symbol = Symbol.for('omnidesk-openapi.kind') as never;

/** The `kind` of each error class, to `switch` on: `'not_found'` for NotFoundError... */
export type OmnideskErrorKind =
  | 'omnidesk'
  | 'authentication'
  | 'permission_denied'
  | 'not_found'
  | 'validation'
  | 'rate_limit'
  | 'server'
  | 'unexpected_status'
  | 'invalid_response'
  | 'connection'
  | 'timeout'
  | 'abort'
  | 'invalid_request'
  | 'attachment_too_large'
  | 'response_validation';

export class OmnideskError extends Error {
  declare name: string;
  /** Which error this is, as a string literal: `switch (err.kind)` (see `AnyOmnideskError`). */
  declare readonly kind: OmnideskErrorKind;
  /** @internal */
  static readonly [KIND]: string = 'OmnideskError';

  /**
   * `instanceof` holds across copies of the package: an error thrown by the ESM build is an
   * instance of the CommonJS build's class of the same kind (and of its parents), as of its own.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    for (let c = (value as object | undefined)?.constructor; c; c = Object.getPrototypeOf(c)) {
      // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof asks about (a subclass too), not OmnideskError.
      if (c === this || (Object.hasOwn(c, KIND) && Object.hasOwn(this, KIND) && (c as typeof OmnideskError)[KIND] === this[KIND]))
        return true;
    }
    return false;
  }
  declare readonly status: number | undefined;
  declare readonly code: string | undefined;
  declare readonly body: unknown;
  /** Set by the resource method that made the call (or looked up from the raw client's path). */
  declare operationId: string | undefined;
  declare readonly method: string | undefined;
  declare readonly path: string | undefined;
  declare readonly rateLimit: RateLimitState | undefined;
  declare readonly headers: Record<string, string> | undefined;

  /** `ctx` becomes the error's fields (a subclass's own too: `retryAfter`, `timeout`); `cause` the standard one. */
  constructor(message: string, { cause, ...fields }: ErrorContext = {}) {
    super(message, cause === undefined ? undefined : { cause });
    // `NotFoundError` → `not_found`.
    this.name = (new.target as typeof OmnideskError)[KIND];
    (this as { kind: string }).kind = this.name
      .slice(0, -5)
      .replace(/\B[A-Z]/g, '_$&')
      .toLowerCase();
    Object.assign(this, fields);
  }

  /**
   * The error's fields (a subclass's too), without the answer's headers; a body or details cut
   * to a printable size (a few levels, a few entries, short strings), so that printing an error
   * never throws on a deeply nested answer and never prints megabytes.
   */
  toJSON(): Record<string, unknown> {
    const { headers, name, message, ...fields } = this;
    return clip({ name, message, ...fields }, 8, { left: 400 }) as Record<string, unknown>;
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }

  [inspect](): string {
    return `${this.toString()} ${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}

/** 401: the API key is wrong, or credentials are missing. */
export class AuthenticationError extends OmnideskError {
  declare readonly kind: 'authentication';
  /** @internal */
  static override readonly [KIND] = 'AuthenticationError';
}
/** 403: the staff e-mail is wrong or inactive, or this staff member may not make the call. */
export class PermissionDeniedError extends OmnideskError {
  declare readonly kind: 'permission_denied';
  /** @internal */
  static override readonly [KIND] = 'PermissionDeniedError';
}
/** 404: no such object (or not visible), or a wrong account subdomain. */
export class NotFoundError extends OmnideskError {
  declare readonly kind: 'not_found';
  /** @internal */
  static override readonly [KIND] = 'NotFoundError';
}
/** 400 or 422: the request was refused; `details` holds what the server said was wrong. */
export class ValidationError extends OmnideskError {
  declare readonly kind: 'validation';
  /** @internal */
  static override readonly [KIND] = 'ValidationError';
  /** The server's details: the body (Prism's problem+json) or the parsed `sl-violations` header. */
  declare readonly details: unknown;
  constructor(message: string, ctx: ErrorContext & { details?: unknown }) {
    super(message, ctx);
  }
}
/** 429 after the retries allowed (or a wait longer than `maxRetryAfter`). */
export class RateLimitError extends OmnideskError {
  declare readonly kind: 'rate_limit';
  /** @internal */
  static override readonly [KIND] = 'RateLimitError';
  /** Seconds the server asked to wait (`retry_after`), when it said. */
  declare readonly retryAfter: number | undefined;
  constructor(message: string, ctx: ErrorContext & { retryAfter?: number | undefined }) {
    super(message, ctx);
  }
}
/** 5xx after the retries allowed (a POST is never retried on 5xx). */
export class ServerError extends OmnideskError {
  declare readonly kind: 'server';
  /** @internal */
  static override readonly [KIND] = 'ServerError';
}
/** Any other non-2xx answer. */
export class UnexpectedStatusError extends OmnideskError {
  declare readonly kind: 'unexpected_status';
  /** @internal */
  static override readonly [KIND] = 'UnexpectedStatusError';
}
/** A 2xx answer the SDK cannot read (not JSON, cut short, or missing what the spec promises). */
export class InvalidResponseError extends OmnideskError {
  declare readonly kind: 'invalid_response';
  /** @internal */
  static override readonly [KIND] = 'InvalidResponseError';
}
/** The request never got a whole answer (DNS, refused, reset, body cut off). */
export class ConnectionError extends OmnideskError {
  declare readonly kind: 'connection';
  /** @internal */
  static override readonly [KIND] = 'ConnectionError';
}
/** No answer within `timeout` milliseconds, or the call's `signal` came from `AbortSignal.timeout()` (then `timeout` is undefined). */
export class TimeoutError extends OmnideskError {
  declare readonly kind: 'timeout';
  /** @internal */
  static override readonly [KIND] = 'TimeoutError';
  declare readonly timeout: number | undefined;
  constructor(message: string, ctx: ErrorContext & { timeout: number | undefined }) {
    super(message, ctx);
  }
}
/** The call's `signal` aborted it; `cause` is the signal's reason. */
export class AbortError extends OmnideskError {
  declare readonly kind: 'abort';
  /** @internal */
  static override readonly [KIND] = 'AbortError';
}
/** The call's arguments are wrong; nothing was sent. */
export class InvalidRequestError extends OmnideskError {
  declare readonly kind: 'invalid_request' | 'attachment_too_large';
  /** @internal */
  static override readonly [KIND]: string = 'InvalidRequestError';
}
/** An attachment, or all of them together, is over Omnidesk's limits; nothing was sent. */
export class AttachmentTooLargeError extends InvalidRequestError {
  declare readonly kind: 'attachment_too_large';
  /** @internal */
  static override readonly [KIND] = 'AttachmentTooLargeError';
  /** The file over the limit; undefined when only the request's total is over. */
  declare readonly fileName: string | undefined;
  declare readonly size: number;
  declare readonly limit: number;
  constructor(message: string, ctx: ErrorContext & { fileName?: string | undefined; size: number; limit: number }) {
    super(message, ctx);
  }
}

/** Every error the SDK throws, a union to narrow by `kind`: `if (isOmnideskError(err)) switch (err.kind) {...}`. */
export type AnyOmnideskError =
  | AuthenticationError
  | PermissionDeniedError
  | NotFoundError
  | ValidationError
  | RateLimitError
  | ServerError
  | UnexpectedStatusError
  | InvalidResponseError
  | ConnectionError
  | TimeoutError
  | AbortError
  | InvalidRequestError
  | AttachmentTooLargeError
  | import('./validate-error.js').ResponseValidationError;

/** Whether `value` is an error of this SDK (of any copy of it: ESM or CommonJS), typed as the union to switch on. */
export const isOmnideskError = (value: unknown): value is AnyOmnideskError => value instanceof OmnideskError;

function parseViolations(header: string | null): unknown {
  if (!header) return undefined;
  try {
    return JSON.parse(header);
  } catch {
    return header;
  }
}

/** Answers whose error body the transport cut at ERROR_BODY_MAX bytes (the rest never read). */
export const cutBodies = new WeakSet<Response>();
/** The most characters of a non-JSON error body kept on an error (a 50 MB proxy page ends up in logs). */
const TEXT_MAX = 2000;

/** The error class of each status that has its own; 5xx is ServerError, the rest UnexpectedStatusError. */
const ERROR_CLASSES: Record<number, typeof OmnideskError> = {
  400: ValidationError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: ValidationError,
  429: RateLimitError,
};

/** Builds the error for a non-2xx answer. */
export function errorFromResponse(
  response: Response,
  body: unknown,
  ctx: Omit<ErrorContext, 'status' | 'code' | 'body' | 'headers'>,
): OmnideskError {
  const status = response.status;
  const code =
    body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : undefined;
  // fromEntries: own properties, whatever a header is named (`__proto__` too).
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'set-cookie'));
  const cut = cutBodies.has(response);
  if (typeof body === 'string' && (cut || body.length > TEXT_MAX)) {
    body = `${body.slice(0, TEXT_MAX)}… (${cut ? 'more than 65536 bytes' : `${body.length} characters`} in all)`;
  }
  const where = `${ctx.method ?? ''} ${ctx.path ?? ''}`.trim();
  const op = ctx.operationId ? ` (${ctx.operationId})` : '';
  const ErrorClass = ERROR_CLASSES[status] ?? (status >= 500 ? ServerError : UnexpectedStatusError);
  const location = status > 299 && status < 400 ? response.headers.get('location') : null;
  // A redirect is never followed (see transport.ts): the error says where it pointed.
  const redirect = location === null ? '' : ` redirect to ${JSON.stringify(location.slice(0, 200))}, not followed`;
  return new ErrorClass(`${status}${code ? ` ${code}` : ''}${redirect}: ${where}${op}`, {
    ...ctx,
    status,
    code,
    body,
    headers,
    // Fields of one class only (undefined elsewhere).
    ...(status === 429 && { retryAfter: ctx.rateLimit?.retryAfter }),
    ...(ErrorClass === ValidationError && { details: parseViolations(response.headers.get('sl-violations')) ?? body }),
  } as ErrorContext);
}
