import type { Client } from 'openapi-fetch';
import { errorFromResponse, InvalidRequestError, InvalidResponseError, kindOf } from './errors.js';
import {
  OP_BODY,
  OP_JSON_BODY,
  OP_LIMIT,
  OP_LIST,
  OP_NOT_IDEMPOTENT,
  OP_OPTIONAL_BODY,
  OP_PAGE,
  OP_QUERY,
  OP_RAW,
  OP_VOID,
} from './generated/operation-flags.js';
import { type Attachment, buildMultipart } from './multipart.js';
import { normalizeList, type Page, type PaginateOptions, paginate, readList } from './pagination.js';
import { type RateLimitState, readRateLimit } from './rate-limit.js';
import { type CallContext, headerProblem, readBodyOf, settingProblem, show } from './transport.js';

/** What the generator knows about one operation (see scripts/generate/sdk.mjs). */
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
  /**
   * `false`: a GET, PUT or DELETE that does more when sent twice (`moveUp`: one step per call),
   * so it is never resent after a 5xx, a timeout or a reset, like a POST.
   */
  idempotent?: false;
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
export interface ListAllOptions extends RequestOptions, Pick<PaginateOptions, 'maxItems' | 'limit' | 'maxPages' | 'concurrency'> {}

/** One call's result with its answer: the data, the `Response` (headers, status; body read) and its rate-limit headers. */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** This answer's rate-limit headers (the client's `rateLimit` is the last answer of any call). */
  rateLimit: RateLimitState | undefined;
}

/** What every resource method returns: the result, and `.withResponse()` for the answer it came in. */
export interface OmnideskPromise<T> extends Promise<T> {
  /** The same call's `{ data, response, rateLimit }` (the call is made once). */
  withResponse(): Promise<WithResponse<T>>;
}

/** A page of a list that takes `page`: what `list()` gives, and the way to the next page. */
export interface ListPage<T> extends Page<T> {
  /** Whether pages after this one hold more items (by `total_count`, the page number and `limit`, 100 by default). */
  hasNextPage(): boolean;
  /** The next page: the same call with `page` one higher. */
  getNextPage(): OmnideskPromise<ListPage<T>>;
}

/** What `<method>All` returns: every item, page after page, and `toArray()` with a cap. */
export interface ListWalker<T> extends AsyncGenerator<T, void, undefined> {
  /** The items in one array, at most `max` (the walk stops there). */
  toArray(options: { max: number }): Promise<T[]>;
}

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

/**
 * One operation as the generator writes it, compactly (the table ships in every bundle):
 * `[operationId, method, httpMethod, path, flags?, resultKey?, envelope?, form?, paramTypes?]`.
 * flags: the OP_* bits of generated/operation-flags.ts (OPERATION_FLAGS in the generator, which
 * writes their names beside each row). `0` stands for an absent string. paramTypes: a letter per
 * path parameter, `i` integer (the default), `n` number, `s` string; upper case for an array.
 */
export type OperationSpec = readonly [
  string,
  string,
  OperationMeta['httpMethod'],
  string,
  number?,
  (string | 0)?,
  (string | 0)?,
  (string | 0)?,
  string?,
];

const TYPES: Record<string, 'string' | 'number'> = { s: 'string', n: 'number' };
/** Whether a name starts with an upper-case letter (upper case sorts before lower: 'GET' < 'a' < 'use'). */
export const startsUpperCase = (name: string): boolean => name < 'a';

/** The OperationMeta of a compact OperationSpec (absent fields are undefined). */
export function decodeOperation(
  resource: string,
  [operationId, method, httpMethod, path, f = 0, key, envelope, form, types = '']: OperationSpec,
): OperationMeta {
  let i = 0;
  return {
    operationId,
    resource,
    method,
    httpMethod,
    path,
    pathParams: (path.match(/[^{}]+(?=\})/g) ?? []).map((name) => {
      const t = types[i++] ?? 'i';
      // An upper-case letter is an array of ids (`I`: integers), a lower-case one a single value.
      return { name, type: TYPES[t.toLowerCase()], array: startsUpperCase(t) || undefined };
    }),
    query: f & OP_QUERY ? { page: !!(f & OP_PAGE), limit: !!(f & OP_LIMIT) } : undefined,
    body:
      f & OP_BODY
        ? {
            envelope: envelope || undefined,
            json: f & OP_JSON_BODY ? true : undefined,
            form: form || undefined,
            ...(f & OP_OPTIONAL_BODY ? { optional: true } : {}),
          }
        : undefined,
    result: { kind: f & OP_LIST ? 'list' : f & OP_VOID ? 'void' : f & OP_RAW ? 'raw' : 'entity', key: key || undefined },
    idempotent: f & OP_NOT_IDEMPOTENT ? false : undefined,
  } as OperationMeta;
}

/** Every operation of `{ resource: specs }`, in that order. */
export function decodeTable(resources: Record<string, readonly OperationSpec[]>): OperationMeta[] {
  return Object.entries(resources).flatMap(([resource, specs]) => specs.map((spec) => decodeOperation(resource, spec)));
}

/** What the resource methods need of a client: the openapi-fetch client, the transport under it. */
export interface Invoker {
  /** Builds every request (URL, query, headers, body); its `fetch` is `send`. */
  // biome-ignore lint/suspicious/noExplicitAny: the runtime serves any spec's paths; the typed client casts it.
  raw: Client<any>;
  send: (request: Request, ctx?: CallContext) => Promise<Response>;
  rateLimit: () => RateLimitState | undefined;
  /** Set once `raw.use()` registers a middleware: answers then reach it unread. */
  middlewareRegistered?: boolean;
}

/** Where a client or core keeps its Invoker (not enumerable, not in JSON). */
export const INVOKER: unique symbol = Symbol('omnidesk.invoker') as never;

/** The transport and settings shared by resources: `createOmnideskCore()` of `@omnidesk-openapi/client/core`. */
export interface OmnideskCore {
  /** The rate-limit headers of the last answer (undefined before the first). */
  readonly rateLimit: RateLimitState | undefined;
  readonly baseUrl: string;
  /** @internal */
  readonly [INVOKER]: Invoker;
}

function checkPathValue(meta: OperationMeta, param: OperationMeta['pathParams'][number], value: unknown): unknown {
  const where = `${meta.resource}.${meta.method}: ${param.name}`;
  const one = (v: unknown) =>
    param.type === 'string'
      ? // `.` and `..` would move the request to another path once the URL is resolved.
        typeof v === 'string' && v !== '' && v !== '.' && v !== '..'
      : typeof v === 'number' && (param.type === 'number' ? Number.isFinite(v) : Number.isSafeInteger(v) && v >= 0);
  const list = param.array && Array.isArray(value);
  if (list && !value.length) throw new InvalidRequestError(`${where} must list at least one id`);
  // Array.from: a hole in a sparse array is undefined, not skipped.
  const bad = list ? Array.from(value as unknown[]).filter((v) => !one(v)) : one(value) ? [] : [value];
  if (bad.length) {
    const wanted =
      param.type === 'string' ? 'a non-empty string (not `.` or `..`)' : param.type === 'number' ? 'a number' : 'a non-negative integer';
    throw new InvalidRequestError(`${where} must be ${wanted}${param.array ? ' or an array of them' : ''}, got ${show(bad[0])}`);
  }
  // The same id twice is one id: sent once, reported once.
  return list ? [...new Set(value)] : value;
}

function hasInput(meta: OperationMeta): boolean {
  return meta.body !== undefined || meta.query !== undefined;
}

function successIds(data: unknown): number[] | undefined {
  if (!data || typeof data !== 'object') return undefined;
  for (const [k, v] of Object.entries(data)) if (/_success_id$/.test(k) && Array.isArray(v)) return v.map(Number);
  return undefined;
}

/** The body (JSON or a form) and the query of a call, from its input; nothing sent yet. */
function requestContent(
  meta: OperationMeta,
  name: string,
  input: Record<string, unknown> | undefined,
  extraQuery: Record<string, unknown> | undefined,
): { body?: unknown; query?: Record<string, unknown> | undefined } {
  const spec = meta.body;
  if (!spec) return { query: input };
  // An optional body left out is not sent (an empty envelope can fail the server's checks).
  if (!input && spec.optional) return { query: extraQuery };
  const inner = input ?? {};
  const { attachments: files, ...fields } = inner;
  if (files !== undefined && !Array.isArray(files))
    throw new InvalidRequestError(`${name}: attachments must be an array, got ${kindOf(files)}`);
  const wantsForm = Array.isArray(files) && files.length > 0;
  if (wantsForm && spec.form === undefined) throw new InvalidRequestError(`${name}: this operation takes no attachments`);
  if (wantsForm || !spec.json) return { body: buildMultipart(spec.form!, inner), query: extraQuery };
  const json = files === undefined ? inner : fields;
  return { body: spec.envelope ? { [spec.envelope]: json } : json, query: extraQuery };
}

/** Makes one call of `meta` with the positional arguments a resource method received. */
export async function invoke(
  client: Invoker,
  meta: OperationMeta,
  args: unknown[],
  walking = false,
  out: { response?: Response } = {},
): Promise<unknown> {
  const n = meta.pathParams.length;
  const path: Record<string, unknown> = {};
  for (const [i, p] of meta.pathParams.entries()) path[p.name] = checkPathValue(meta, p, args[i]);
  const input = (hasInput(meta) ? args[n] : undefined) as Record<string, unknown> | undefined;
  const options = ((hasInput(meta) ? args[n + 1] : args[n]) ?? {}) as RequestOptions & { query?: Record<string, unknown> };
  const name = `${meta.resource}.${meta.method}`;
  const kind = kindOf(input);
  if (input !== undefined && kind !== 'object') throw new InvalidRequestError(`${name}: input must be an object, got ${kind}`);
  const problem = settingProblem(options.timeout, options.maxRetries) ?? headerProblem(options.headers);
  if (problem) throw new InvalidRequestError(`${name}: ${problem}`);

  const { body, query } = requestContent(meta, name, input, options.query);

  // Without middleware, the transport reads a 2xx body as text for us (read once, not copied
  // into a new Response for openapi-fetch to read again); with it, the answer is read here.
  const ctx: CallContext = {
    operationId: meta.operationId,
    idempotent: meta.idempotent,
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    readBody: !client.middlewareRegistered,
    noCallerSignal: options.signal == null && !client.middlewareRegistered,
  };
  let sent: Request | undefined;
  const { error, response } = (await client.raw.request(meta.httpMethod, meta.path, {
    // Bulk ids go as one value, `2000,2001`: openapi-fetch encodes each id and joins them with raw commas.
    // No path parameters: openapi-fetch skips its path serializer.
    params: { path: n ? path : undefined, query },
    body,
    headers: options.headers,
    signal: options.signal,
    // Parsed below, so that a broken body is an error naming the call, not a bare SyntaxError.
    parseAs: 'stream',
    fetch: (request: Request) => {
      sent = request;
      return client.send(request, ctx);
    },
  } as never)) as { error?: unknown; response: Response };
  out.response = response;
  const method = meta.httpMethod.toUpperCase();
  // Only errors need the path: the URL is parsed then.
  const where = () => ({
    status: response.status,
    operationId: meta.operationId,
    method,
    path: sent ? new URL(sent.url).pathname : meta.path,
  });
  const call = () => `${method} ${where().path} (${meta.operationId})`;
  if (!response.ok) {
    // This answer's headers, not the last seen: concurrent calls interleave.
    const rateLimit = readRateLimit(response.headers);
    throw errorFromResponse(response, error, { ...where(), rateLimit });
  }
  const text = readBodyOf(response) ?? (await response.text());

  let data: unknown;
  if (text?.trim()) {
    try {
      data = JSON.parse(text);
    } catch (cause) {
      const sample = text.length > 200 ? `${text.slice(0, 200)}…` : text;
      throw new InvalidResponseError(`${response.status} with a body that is not JSON: ${call()}`, { ...where(), body: sample, cause });
    }
  }

  // The ids of a bulk call (an array path parameter), when it named them as an array.
  const bulkParam = meta.pathParams.find((p) => p.array);
  return resultOf(meta, data, bulkParam && path[bulkParam.name], walking, {
    name,
    status: response.status,
    where,
    call,
  });
}

/** Where an answer came from, for the errors that name it. */
interface AnswerContext {
  name: string;
  status: number;
  where: () => { status: number; operationId: string; method: string; path: string };
  call: () => string;
}

/**
 * What a 2xx answer's JSON becomes for the caller: a bulk outcome when the call named several
 * ids, else nothing, a page, the entity unwrapped from its envelope, or the JSON as it is.
 */
function resultOf(meta: OperationMeta, data: unknown, ids: unknown, walking: boolean, answer: AnswerContext): unknown {
  if (Array.isArray(ids)) {
    const listed = successIds(data);
    if (listed) {
      const ok = new Set(listed);
      return { succeeded: ids.filter((id) => ok.has(id)), failed: ids.filter((id) => !ok.has(id)) } satisfies BulkOutcome;
    }
    // A 2xx without a list of ids (no body, or the one-entity answer) means all of them.
    if (
      data === undefined ||
      meta.result.kind === 'void' ||
      (meta.result.kind === 'entity' && data && typeof data === 'object' && meta.result.key in data)
    ) {
      return { succeeded: [...ids], failed: [] } satisfies BulkOutcome;
    }
    throw new InvalidResponseError(`${answer.name}: the answer lists no succeeded ids`, { ...answer.where(), body: data });
  }

  switch (meta.result.kind) {
    case 'void':
      return undefined;
    case 'list':
      // listAll needs to know when the answer did not give a total.
      return walking ? readList(data, meta.result.key) : normalizeList(data, meta.result.key);
    case 'entity': {
      const key = meta.result.key;
      const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
      // An entity is an object: `{"case": []}` (the empty-list shape) is not one.
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
      throw new InvalidResponseError(`${answer.status} without the \`${key}\` the spec promises: ${answer.call()}`, {
        ...answer.where(),
        body: data,
      });
    }
    default:
      return data;
  }
}

/** `<method>All`: walks the pages of a list operation. */
export function invokeAll(client: Invoker, meta: OperationMeta, args: unknown[]): ListWalker<unknown> {
  const n = meta.pathParams.length;
  const pathArgs = args.slice(0, n);
  const takesInput = hasInput(meta);
  const query = ((takesInput ? args[n] : undefined) ?? {}) as Record<string, unknown>;
  const { maxItems, limit, maxPages, concurrency, ...options } = ((takesInput ? args[n + 1] : args[n]) ?? {}) as ListAllOptions;
  // Bound only to lists with `page` (see bindMethods).
  const fetchPage = async (page: number, size: number) => {
    const q = { ...query, page, ...(meta.query?.limit ? { limit: size } : {}) };
    return (await invoke(client, meta, takesInput ? [...pathArgs, q, options] : [...pathArgs, options], true)) as {
      items: unknown[];
      total: number | undefined;
    };
  };
  const walk = paginate(fetchPage, {
    limit: (limit ?? query.limit) as number,
    startPage: query.page as number,
    maxItems,
    maxPages,
    concurrency,
    name: `${meta.resource}.${meta.method}All`,
  }) as ListWalker<unknown>;
  walk.toArray = async ({ max }) => {
    const all: unknown[] = [];
    if (!(max >= 0)) throw new InvalidRequestError(`toArray: \`max\` must be 0 or more, got ${show(max)}`);
    for await (const item of walk) if (all.push(item) >= max) break;
    return all.slice(0, max);
  };
  return walk;
}

/** The methods of one resource (`{ list, listAll, get, ... }`) over `client`. */
export function bindMethods(client: Invoker, metas: readonly OperationMeta[], into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const meta of metas) {
    const n = meta.pathParams.length;
    const paged = meta.result.kind === 'list' && meta.query?.page;
    const call = (...args: unknown[]) => {
      const out: { response?: Response } = {};
      const query = (args[n] ?? {}) as { page?: number; limit?: number };
      const page = query.page ?? 1;
      const p = invoke(client, meta, args, false, out).then((r) => {
        if (!paged) return r;
        const list = r as ListPage<unknown>;
        // Not enumerable: the page still reads, prints and compares as `{ items, total }`.
        return Object.defineProperties(list, {
          hasNextPage: { value: () => list.items.length > 0 && page * (query.limit ?? 100) < list.total },
          getNextPage: { value: () => call(...args.slice(0, n), { ...query, page: page + 1 }, args[n + 1]) },
        });
      }) as OmnideskPromise<unknown>;
      p.withResponse = async () => ({ data: await p, response: out.response!, rateLimit: readRateLimit(out.response!.headers) });
      return p;
    };
    into[meta.method] = call;
    if (paged) into[`${meta.method}All`] = (...args: unknown[]) => invokeAll(client, meta, args);
  }
  return into;
}

/** A resource from its compact operation specs, over a core (what the generated factories call). */
export function bindResource(core: OmnideskCore, resource: string, specs: readonly OperationSpec[]): unknown {
  const client = core?.[INVOKER];
  if (!client) throw new InvalidRequestError(`${resource}(core): expected the result of createOmnideskCore()`);
  return bindMethods(
    client,
    specs.map((spec) => decodeOperation(resource, spec)),
  );
}

/** Builds `{ cases: { list, get, ... }, ... }` from an operation table. */
export function buildResources(client: Invoker, table: readonly OperationMeta[]): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const meta of table) {
    resources[meta.resource] ??= {};
    bindMethods(client, [meta], resources[meta.resource]!);
  }
  return resources;
}
