import type { Client } from 'openapi-fetch';
import { InvalidRequestError, InvalidResponseError, errorFromResponse } from './errors.js';
import { buildMultipart, type Attachment } from './multipart.js';
import { type PaginateOptions, normalizeList, paginate, readList } from './pagination.js';
import { type RateLimitState, readRateLimit } from './rate-limit.js';
import type { CallContext } from './transport.js';

/** What the generator knows about one operation (see scripts/generate-sdk.mjs). */
export interface OperationMeta {
  operationId: string;
  resource: string;
  method: string;
  httpMethod: 'get' | 'put' | 'post' | 'delete' | 'patch';
  path: string;
  /** `type` is 'integer' unless said; `array` marks a bulk parameter (comma-joined ids). */
  pathParams: { name: string; type?: 'number' | 'string'; array?: boolean }[];
  /** Present when the operation has query parameters; `page` makes a list pageable. */
  query?: { page: boolean; limit: boolean };
  /**
   * `envelope`: the JSON wrapper key; `form`: the multipart wrapper (`note` for `note[content]`),
   * present when the body may be multipart; `optional`: the spec's
   * `requestBody.required` is false, so no input means no body.
   */
  body?: { envelope?: string; json?: boolean; form?: string; optional?: boolean };
  result: { kind: 'entity'; key: string } | { kind: 'list'; key?: string } | { kind: 'void' } | { kind: 'raw' };
}

/** Settings for one call. */
export interface RequestOptions {
  /** Aborts the call (and its retries). */
  signal?: AbortSignal;
  /** Milliseconds per attempt, instead of the client's `timeout`. */
  timeout?: number;
  /** Instead of the client's `maxRetries`. */
  maxRetries?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** Options of `<method>All`: request options plus where to stop. */
export interface ListAllOptions extends RequestOptions, Pick<PaginateOptions, 'maxItems' | 'limit'> {}

/** The answer to a bulk action on several ids, computed from `*_success_id` against the ids sent. */
export interface BulkOutcome {
  succeeded: number[];
  failed: number[];
}

// Type helpers the generated resource interfaces are written with.
/** The inner type of an envelope `{ [K]: V }` (of the union member that is one); optional K too. */
export type Unwrap<R, K extends string> = R extends { [P in K]: infer V }
  ? V
  : R extends { [P in K]?: infer V }
    ? string extends keyof R
      ? never // a catch-all object (`additionalProperties: true`), not an envelope
      : Exclude<V, undefined>
    : never;
export type ListEntry<R> = R extends unknown ? (`${number}` extends keyof R ? R[`${number}`] : never) : never;
export type WithAttachments<T> = T & { attachments?: Attachment[] };

export interface Invoker {
  raw: Client<any>;
  send: (request: Request, ctx: CallContext) => Promise<Response>;
  rateLimit: () => RateLimitState | undefined;
}

function checkPathValue(meta: OperationMeta, param: OperationMeta['pathParams'][number], value: unknown): unknown {
  const where = `${meta.resource}.${meta.method}: ${param.name}`;
  const one = (v: unknown): v is number | string =>
    param.type === 'string'
      ? typeof v === 'string' && v !== ''
      : typeof v === 'number' && (param.type === 'number' ? Number.isFinite(v) : Number.isSafeInteger(v) && v >= 0);
  const wanted = param.type === 'string' ? 'a non-empty string' : param.type === 'number' ? 'a number' : 'a non-negative integer';
  if (param.array && Array.isArray(value)) {
    if (value.length === 0) throw new InvalidRequestError(`${where} must list at least one id`);
    const bad = value.find((v) => !one(v));
    if (bad !== undefined || value.some((v) => !one(v))) {
      throw new InvalidRequestError(`${where} must be ${wanted} or an array of them, got ${JSON.stringify(bad ?? value)}`);
    }
    return value;
  }
  if (!one(value)) throw new InvalidRequestError(`${where} must be ${wanted}${param.array ? ' or an array of them' : ''}, got ${JSON.stringify(value) ?? String(value)}`);
  return value;
}

function hasInput(meta: OperationMeta): boolean {
  return meta.body !== undefined || meta.query !== undefined;
}

function successIds(data: unknown): number[] | undefined {
  if (!data || typeof data !== 'object') return undefined;
  for (const [k, v] of Object.entries(data)) if (/_success_id$/.test(k) && Array.isArray(v)) return v.map(Number);
  return undefined;
}

/** Makes one call of `meta` with the positional arguments a resource method received. */
export async function invoke(client: Invoker, meta: OperationMeta, args: unknown[], walking = false): Promise<unknown> {
  const n = meta.pathParams.length;
  const path: Record<string, unknown> = {};
  meta.pathParams.forEach((p, i) => (path[p.name] = checkPathValue(meta, p, args[i])));
  const input = (hasInput(meta) ? args[n] : undefined) as Record<string, unknown> | undefined;
  const options = ((hasInput(meta) ? args[n + 1] : args[n]) ?? {}) as RequestOptions & { query?: Record<string, unknown> };
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new InvalidRequestError(`${meta.resource}.${meta.method}: input must be an object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`);
  }

  let body: unknown;
  let query: Record<string, unknown> | undefined;
  const spec = meta.body;
  if (spec) {
    query = options.query;
    // An optional body left out is not sent (an empty envelope can fail the server's checks).
    if (input || !spec.optional) {
      const inner = input ?? {};
      const { attachments: files, ...fields } = inner;
      const wantsForm = Array.isArray(files) && files.length > 0;
      if (wantsForm && spec.form === undefined) {
        throw new InvalidRequestError(`${meta.resource}.${meta.method}: this operation takes no attachments`);
      }
      if (wantsForm || !spec.json) {
        body = buildMultipart(spec.form!, inner);
      } else {
        const json = files === undefined ? inner : fields;
        body = spec.envelope ? { [spec.envelope]: json } : json;
      }
    }
  } else {
    query = input;
  }

  const ctx: CallContext = { operationId: meta.operationId, timeout: options.timeout, maxRetries: options.maxRetries };
  let reqPath = meta.path;
  const { data: text, error, response } = (await client.raw.request(meta.httpMethod, meta.path, {
    params: { path, query },
    body,
    headers: options.headers,
    signal: options.signal,
    // Parsed below, so that a broken body is an error naming the call, not a bare SyntaxError.
    parseAs: 'text',
    fetch: (request: Request) => {
      reqPath = new URL(request.url).pathname;
      return client.send(request, ctx);
    },
  } as never)) as { data?: unknown; error?: unknown; response: Response };
  const where = { status: response.status, operationId: meta.operationId, method: meta.httpMethod.toUpperCase(), path: reqPath };
  const call = `${where.method} ${reqPath} (${meta.operationId})`;
  if (!response.ok) {
    // This answer's headers, not the last seen: concurrent calls interleave.
    const rateLimit = readRateLimit(response.headers);
    throw errorFromResponse(response, error, { ...where, rateLimit, retryAfter: rateLimit?.retryAfter });
  }

  let data: unknown;
  if (typeof text === 'string' && text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch (cause) {
      const sample = text.length > 200 ? `${text.slice(0, 200)}…` : text;
      throw new InvalidResponseError(`${response.status} with a body that is not JSON: ${call}`, { ...where, body: sample, cause });
    }
  }

  const bulkParam = meta.pathParams.find((p) => p.array);
  const sent = bulkParam ? path[bulkParam.name] : undefined;
  if (Array.isArray(sent)) {
    const listed = successIds(data);
    if (listed) {
      const ok = new Set(listed);
      return { succeeded: sent.filter((id) => ok.has(id)), failed: sent.filter((id) => !ok.has(id)) } satisfies BulkOutcome;
    }
    // A 2xx without a list of ids (no body, or the one-entity answer) means all of them.
    if (data === undefined || meta.result.kind === 'void' || (meta.result.kind === 'entity' && data && typeof data === 'object' && meta.result.key in data)) {
      return { succeeded: [...sent], failed: [] } satisfies BulkOutcome;
    }
    throw new InvalidResponseError(`${meta.resource}.${meta.method}: the answer lists no succeeded ids`, { ...where, body: data });
  }

  switch (meta.result.kind) {
    case 'void':
      return undefined;
    case 'list':
      // listAll needs to know when the answer did not give a total.
      return walking ? readList(data, meta.result.key) : normalizeList(data, meta.result.key);
    case 'entity': {
      const key = meta.result.key;
      if (data && typeof data === 'object' && key in data) return (data as Record<string, unknown>)[key];
      throw new InvalidResponseError(`${response.status} without the \`${key}\` the spec promises: ${call}`, { ...where, body: data });
    }
    default:
      return data;
  }
}

/** `<method>All`: walks the pages of a list operation. */
export function invokeAll(client: Invoker, meta: OperationMeta, args: unknown[]): AsyncGenerator<unknown, void, undefined> {
  const n = meta.pathParams.length;
  const pathArgs = args.slice(0, n);
  const takesInput = hasInput(meta);
  const query = ((takesInput ? args[n] : undefined) ?? {}) as Record<string, unknown>;
  const { maxItems, limit, ...options } = ((takesInput ? args[n + 1] : args[n]) ?? {}) as ListAllOptions;
  const pageable = meta.query?.page === true;
  const fetchPage = async (page: number, size: number) => {
    const q = pageable ? { ...query, page, ...(meta.query?.limit ? { limit: size } : {}) } : query;
    const result = (await invoke(client, meta, takesInput ? [...pathArgs, q, options] : [...pathArgs, options], true)) as {
      items: unknown[];
      total: number | undefined;
    };
    // One call gives everything when the list has no pages.
    return pageable ? result : { items: result.items, total: result.items.length };
  };
  const startPage = typeof query.page === 'number' ? query.page : 1;
  const size = limit ?? (typeof query.limit === 'number' ? query.limit : 100);
  return paginate(fetchPage, { limit: size, startPage, ...(maxItems === undefined ? {} : { maxItems }) });
}

/** Builds `{ cases: { list, get, ... }, ... }` from the generated operation table. */
export function buildResources(client: Invoker, table: readonly OperationMeta[]): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const meta of table) {
    const resource = (resources[meta.resource] ??= {});
    resource[meta.method] = (...args: unknown[]) => invoke(client, meta, args);
    if (meta.result.kind === 'list') resource[`${meta.method}All`] = (...args: unknown[]) => invokeAll(client, meta, args);
  }
  return resources;
}
