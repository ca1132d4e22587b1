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

/** How Node's `util.inspect` asks an object to print itself. */
export const inspect: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

export class OmnideskError extends Error {
  override name = 'OmnideskError';
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly body: unknown;
  /** Set by the resource method that made the call (or looked up from the raw client's path). */
  operationId: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly rateLimit: RateLimitState | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(message: string, ctx: ErrorContext = {}) {
    super(message, ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.status = ctx.status;
    this.code = ctx.code;
    this.body = ctx.body;
    this.operationId = ctx.operationId;
    this.method = ctx.method;
    this.path = ctx.path;
    this.rateLimit = ctx.rateLimit;
    this.headers = ctx.headers;
  }

  /** The error's fields (a subclass's too), without the answer's headers. */
  toJSON(): Record<string, unknown> {
    const { headers, name, message, ...fields } = this;
    return { name, message, ...fields };
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
  override name = 'AuthenticationError';
}
/** 403: the staff e-mail is wrong or inactive, or this staff member may not make the call. */
export class PermissionDeniedError extends OmnideskError {
  override name = 'PermissionDeniedError';
}
/** 404: no such object (or not visible), or a wrong account subdomain. */
export class NotFoundError extends OmnideskError {
  override name = 'NotFoundError';
}
/** 400 or 422: the request was refused; `details` holds what the server said was wrong. */
export class ValidationError extends OmnideskError {
  override name = 'ValidationError';
  /** The server's details: the body (Prism's problem+json) or the parsed `sl-violations` header. */
  readonly details: unknown;
  constructor(message: string, ctx: ErrorContext & { details?: unknown }) {
    super(message, ctx);
    this.details = ctx.details;
  }
}
/** 429 after the retries allowed (or a wait longer than `maxRetryAfter`). */
export class RateLimitError extends OmnideskError {
  override name = 'RateLimitError';
  /** Seconds the server asked to wait (`retry_after`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(message: string, ctx: ErrorContext & { retryAfter?: number | undefined }) {
    super(message, ctx);
    this.retryAfter = ctx.retryAfter;
  }
}
/** 5xx after the retries allowed (a POST is never retried on 5xx). */
export class ServerError extends OmnideskError {
  override name = 'ServerError';
}
/** Any other non-2xx answer. */
export class UnexpectedStatusError extends OmnideskError {
  override name = 'UnexpectedStatusError';
}
/** A 2xx answer the SDK cannot read (not JSON, cut short, or missing what the spec promises). */
export class InvalidResponseError extends OmnideskError {
  override name = 'InvalidResponseError';
}
/** The request never got a whole answer (DNS, refused, reset, body cut off). */
export class ConnectionError extends OmnideskError {
  override name = 'ConnectionError';
}
/** No answer within `timeout` milliseconds. */
export class TimeoutError extends OmnideskError {
  override name = 'TimeoutError';
  readonly timeout: number;
  constructor(message: string, ctx: ErrorContext & { timeout: number }) {
    super(message, ctx);
    this.timeout = ctx.timeout;
  }
}
/** The call's arguments are wrong; nothing was sent. */
export class InvalidRequestError extends OmnideskError {
  override name = 'InvalidRequestError';
}
/** An attachment, or all of them together, is over Omnidesk's limits; nothing was sent. */
export class AttachmentTooLargeError extends InvalidRequestError {
  override name = 'AttachmentTooLargeError';
  /** The file over the limit; undefined when only the request's total is over. */
  readonly fileName: string | undefined;
  readonly size: number;
  readonly limit: number;
  constructor(message: string, ctx: ErrorContext & { fileName?: string | undefined; size: number; limit: number }) {
    super(message, ctx);
    this.fileName = ctx.fileName;
    this.size = ctx.size;
    this.limit = ctx.limit;
  }
}

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

/** Builds the error class for a non-2xx answer. */
export function errorFromResponse(
  response: Response,
  body: unknown,
  ctx: Omit<ErrorContext, 'status' | 'code' | 'body' | 'headers'> & { retryAfter?: number | undefined },
): OmnideskError {
  const status = response.status;
  const code =
    body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : undefined;
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => {
    if (k !== 'set-cookie') headers[k] = v;
  });
  const cut = cutBodies.has(response);
  if (typeof body === 'string' && (cut || body.length > TEXT_MAX)) {
    body = `${body.slice(0, TEXT_MAX)}… (${cut ? 'more than 65536 bytes' : `${body.length} characters`} in all)`;
  }
  const full = { ...ctx, status, code, body, headers };
  const where = `${ctx.method ?? ''} ${ctx.path ?? ''}`.trim();
  const op = ctx.operationId ? ` (${ctx.operationId})` : '';
  const message = `${status}${code ? ` ${code}` : ''}: ${where}${op}`;
  if (status === 401) return new AuthenticationError(message, full);
  if (status === 403) return new PermissionDeniedError(message, full);
  if (status === 404) return new NotFoundError(message, full);
  if (status === 400 || status === 422) {
    const violations = parseViolations(response.headers.get('sl-violations'));
    return new ValidationError(message, { ...full, details: violations ?? body });
  }
  if (status === 429) return new RateLimitError(message, full);
  if (status >= 500) return new ServerError(message, full);
  return new UnexpectedStatusError(message, full);
}
