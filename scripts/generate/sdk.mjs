#!/usr/bin/env node
// Generates the SDK's code from the bundled spec:
//   <out>/schema.ts    the `paths`/`components`/`operations` types (openapi-typescript)
//   <out>/sdk.ts       the operation table (compact, per resource) and the typed resource interfaces
//   <out>/resources.ts one factory per resource over a core (`cases(core)`), for tree-shaking
// One resource per tag (`x-sdk-resource`), one method per operation (`x-sdk-method`).
// Usage: node scripts/generate/sdk.mjs [bundle=dist/openapi.yaml] [out=packages/client/src/generated] [runtimeDir=<out>/..]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import {
  exampleOf,
  isIdempotent,
  readBundle,
  resolver,
  runGenerator,
  SpecError,
  operations as specOperations,
  successStatuses,
} from './spec-walker.mjs';

export { SpecError };

/** @typedef {import('openapi-typescript').OpenAPI3} OpenAPI3 */
/** @typedef {import('./spec-walker.mjs').SpecNode} SpecNode */
/** @typedef {import('./spec-walker.mjs').Operation} Operation */
/** @typedef {import('./spec-walker.mjs').HttpMethod} HttpMethod */
/** @typedef {import('./spec-walker.mjs').Deref} Deref */
/** @typedef {import('../../packages/client/src/runtime.js').OperationMeta} OperationMeta */
/** @typedef {OperationMeta['result']} Result */

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const RESERVED = new Set(['raw', 'rateLimit', 'baseUrl', 'toJSON', 'toString', 'constructor', '__proto__', 'createOmnideskCore']);

// A placeholder line of the generated sdk.ts, replaced by the imports its code turns out to use.
const IMPORTS = '/* imports */';
const RUNTIME_TYPES = [
  'BulkOutcome',
  'ListAllOptions',
  'ListEntry',
  'ListPage',
  'ListWalker',
  'OmnideskPromise',
  'OperationMeta',
  'OperationSpec',
  'RequestOptions',
  'Unwrap',
  'WithAttachments',
];
/** `case_id` → `caseId`, `Kb-Articles` → `kbArticles`. */
const camel = (/** @type {string} */ s) =>
  s
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, /** @type {string | undefined} */ c) => (c ? c.toUpperCase() : ''))
    .replace(/^[A-Z]/, (c) => c.toLowerCase());
const str = (/** @type {unknown} */ s) => JSON.stringify(s);

// A branch that only adds constraints (`anyOf` of `required` lists: "content or content_html").
const constraintOnly = (/** @type {SpecNode} */ b) =>
  !b.$ref && !b.type && !b.properties && !b.patternProperties && !b.oneOf && !b.anyOf && !b.allOf && !('const' in b);

/**
 * The alternatives of a schema: its oneOf/anyOf branches, or itself. allOf parts are merged.
 * @param {unknown} schema
 * @param {Deref} deref
 * @returns {SpecNode[]}
 */
export function variants(schema, deref) {
  const s = deref(schema);
  if (!s || typeof s !== 'object') return [];
  const branches = s.oneOf ?? s.anyOf;
  if (branches && !branches.every(constraintOnly)) return branches.flatMap((/** @type {unknown} */ b) => variants(b, deref));
  if (s.allOf) {
    /** @type {{ properties: Record<string, unknown>, patternProperties: Record<string, unknown> }} */
    const merged = { properties: {}, patternProperties: {} };
    for (const part of s.allOf.map(deref)) {
      Object.assign(merged.properties, part?.properties);
      // `true` states nothing (the lists' part for other generators): it must not hide a schema.
      for (const [pattern, sub] of Object.entries(part?.patternProperties ?? {})) if (sub !== true) merged.patternProperties[pattern] = sub;
    }
    return [{ ...s, ...merged, allOf: undefined }];
  }
  return [s];
}

/**
 * The wrapper key of an envelope schema (`{"case": {...}}` → "case"), if the schema is one.
 * @param {unknown} schema
 * @param {Deref} deref
 * @returns {string | undefined}
 */
function envelopeKey(schema, deref) {
  for (const v of variants(schema, deref)) {
    const keys = Object.keys(v.properties ?? {}).filter((k) => !/_success_id$/.test(k));
    if (keys.length === 1 && !v.patternProperties) {
      const inner = variants(v.properties[keys[0]], deref);
      if (inner.some((i) => i.type === 'object' || i.properties || i.additionalProperties !== undefined)) return keys[0];
    }
  }
  return undefined;
}

// A pattern for numeric keys ("0".."n-1"), not one that excludes them (`^(?![0-9]+$)`).
const numericKeys = (/** @type {string} */ pattern) => /\[0-9\]|\\d/.test(pattern) && !pattern.includes('(?!');

/**
 * For a list schema (entries keyed "0".."n-1"), the wrapper key of its entries ('' if unwrapped).
 * Lists are an `allOf` of the named keys with a numeric `patternProperties` (the rules), and the
 * entries' type as `additionalProperties` (for other generators); the numeric pattern names the entry.
 * @param {unknown} schema
 * @param {Deref} deref
 * @returns {string | undefined}
 */
function listKey(schema, deref) {
  for (const v of variants(schema, deref)) {
    for (const [pattern, entry] of Object.entries(v.patternProperties ?? {})) {
      if (numericKeys(pattern)) return envelopeKey(entry, deref) ?? '';
    }
  }
  return undefined;
}

/**
 * The reference site's page of an operation: Redoc's anchor `#tag/<tag>/operation/<operationId>`
 * under `info.x-reference-url` (the built site, docs/dist/index.html, when the spec names none).
 * @param {SpecNode} spec
 * @param {SpecNode} op the operation object
 * @returns {string}
 */
export function referenceUrl(spec, op) {
  const base = spec.info?.['x-reference-url'] ?? 'docs/dist/index.html';
  return `${base}#tag/${encodeURIComponent(String(op.tags?.[0] ?? '').replace(/ /g, '-'))}/operation/${op.operationId}`;
}

/**
 * The doc comment of a method: summary, first paragraph, HTTP call, reference link, example.
 * @param {SpecNode} op
 * @param {string} http
 * @param {string} path
 * @param {{ link: string, example: string[], types?: string[] }} about
 */
function doc(op, http, path, { link, example, types }) {
  const lines = [];
  if (op.summary) lines.push(op.summary.trim().replace(/\.?$/, '.'));
  const first = (op.description ?? '').trim().split(/\n\s*\n/)[0];
  if (first) lines.push('', ...first.split('\n').map((/** @type {string} */ l) => l.trim()));
  lines.push('', `\`${http.toUpperCase()} ${path}\` (operationId \`${op.operationId}\`)`);
  if (types) lines.push('', types);
  lines.push('', `@see {@link ${link} | Reference: ${(op.summary ?? op.operationId).trim().replace(/\.$/, '')}}`);
  lines.push('@example', '```ts', ...example, '```');
  if (op.deprecated) lines.push('@deprecated');
  return ['  /**', ...lines.map((l) => `   * ${l}`.trimEnd().replace(/\*\//g, '*\\/')), '   */'].join('\n');
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/**
 * A JavaScript literal on one line (single quotes, as a person writes it), with `max` entries at most.
 * @param {unknown} v
 * @returns {string}
 */
export function lit(v, max = 6) {
  if (v === null || typeof v !== 'object')
    return typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'` : String(v);
  if (Array.isArray(v))
    return `[${v
      .slice(0, max)
      .map((x) => lit(x, 3))
      .join(', ')}]`;
  const e = Object.entries(v);
  if (!e.length) return '{}';
  return `{ ${e
    .slice(0, max)
    .map(([k, x]) => `${IDENT.test(k) ? k : lit(k)}: ${lit(x, 3)}`)
    .join(', ')} }`;
}
// Words a generated variable cannot be.
const KEYWORDS = new Set([
  'case',
  'default',
  'delete',
  'new',
  'class',
  'function',
  'import',
  'export',
  'return',
  'switch',
  'this',
  'var',
  'void',
  'with',
  'in',
  'do',
  'if',
  'for',
  'try',
  'catch',
  'enum',
  'const',
  'let',
  'static',
  'package',
  'public',
  'private',
  'interface',
]);

// `cases` → `Case`, `kbCategories` → `KbCategory`, `staff` and `statistics` stay.
const singular = (/** @type {string} */ r) => {
  const p = r[0].toUpperCase() + r.slice(1);
  return /ies$/.test(p) ? p.replace(/ies$/, 'y') : /(ss|ics|us)$/.test(p) || !/s$/.test(p) ? p : p.slice(0, -1);
};
const pascal = (/** @type {string} */ s) => s[0].toUpperCase() + s.slice(1);
// The part of a method's name its types are named after: `getChangelog` → `Changelog` (types
// `CaseChangelogQuery`, not `CaseGetChangelogQuery`); a bare verb stays (`CaseListQuery`).
const typeStem = (/** @type {string} */ method) => method.replace(/^(?:get|list)(?=[A-Z])/, '');
// Names the package exports itself: a schema of the same name is exported with `Schema` after it.
const TAKEN = new Set([
  'Attachment',
  'Page',
  'PaginateOptions',
  'RateLimitState',
  'RateLimitOptions',
  'Logger',
  'FetchLike',
  'RequestOptions',
  'ListAllOptions',
  'BulkOutcome',
  'Schemas',
  'Resources',
  'OmnideskClient',
  'OmnideskClientOptions',
  'ResponseFinding',
  'Error',
  'Response',
  'Request',
  'Promise',
  'Record',
  'Date',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'Map',
  'Set',
]);

/**
 * The component name a property of an envelope refers to (`CaseEnvelope.case` → `Case`), in any variant.
 * @param {unknown} schema
 * @param {string} key
 * @param {Deref} deref
 * @returns {string | undefined}
 */
function refOf(schema, key, deref) {
  for (const v of variants(schema, deref)) {
    const ref = v.properties?.[key]?.$ref;
    const m = typeof ref === 'string' && /^#\/components\/schemas\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Of a list schema, the component name of its entries (after their wrapper `key`, if any).
 * @param {unknown} schema
 * @param {string} key
 * @param {Deref} deref
 * @returns {string | undefined}
 */
function listRefOf(schema, key, deref) {
  for (const v of variants(schema, deref)) {
    for (const [pattern, entry] of Object.entries(v.patternProperties ?? {})) {
      if (!/\[0-9\]|\\d/.test(pattern)) continue;
      if (key) return refOf(entry, key, deref);
      const m = typeof entry?.$ref === 'string' && /^#\/components\/schemas\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(entry.$ref);
      if (m) return m[1];
    }
  }
  return undefined;
}

/**
 * The flags of a row of the operation table, by name: each row's number is made of these, and
 * operation-flags.ts, which decodeOperation (runtime.ts) reads them with, is written from them.
 */
export const OPERATION_FLAGS = {
  OP_QUERY: { bit: 1, doc: 'It has query parameters.' },
  OP_PAGE: { bit: 2, doc: 'One of them is `page`: the list is pageable.' },
  OP_LIMIT: { bit: 4, doc: 'One of them is `limit`.' },
  OP_BODY: { bit: 8, doc: 'It has a request body.' },
  OP_JSON_BODY: { bit: 16, doc: 'The body may be JSON.' },
  OP_OPTIONAL_BODY: { bit: 32, doc: 'The body may be left out (`requestBody.required` is false).' },
  OP_LIST: { bit: 64, doc: 'The result is a list. Without OP_LIST, OP_VOID or OP_RAW, it is an entity.' },
  OP_VOID: { bit: 128, doc: 'The result is no content.' },
  OP_RAW: { bit: 256, doc: 'The result is the body as it came (no envelope to unwrap).' },
  OP_NOT_IDEMPOTENT: { bit: 512, doc: 'Not idempotent: never resent after a 5xx, a timeout or a reset.' },
};
/** @typedef {keyof typeof OPERATION_FLAGS} OperationFlag */

/** @type {Record<OperationMeta['result']['kind'], OperationFlag | undefined>} */
const KIND_FLAGS = { entity: undefined, list: 'OP_LIST', void: 'OP_VOID', raw: 'OP_RAW' };

/**
 * The flags of an operation, by name.
 * @param {OperationMeta} meta
 * @returns {OperationFlag[]}
 */
function flagsOf(meta) {
  /** @type {(OperationFlag | false | undefined)[]} */
  const flags = [
    !!meta.query && 'OP_QUERY',
    !!meta.query?.page && 'OP_PAGE',
    !!meta.query?.limit && 'OP_LIMIT',
    !!meta.body && 'OP_BODY',
    !!meta.body?.json && 'OP_JSON_BODY',
    !!meta.body?.optional && 'OP_OPTIONAL_BODY',
    KIND_FLAGS[meta.result.kind],
    meta.idempotent === false && 'OP_NOT_IDEMPOTENT',
  ];
  return flags.filter((f) => !!f);
}

/**
 * The row of an operation in the generated table (runtime.ts `OperationSpec`, decoded by
 * `decodeOperation`), as TypeScript source. Its flags are a number, so that the rows stay
 * literals a bundler drops with an unused resource, followed by their names in a comment.
 * @param {OperationMeta} meta
 * @returns {string}
 */
export function encodeOperation(meta) {
  const flags = flagsOf(meta);
  const types = meta.pathParams.map((p) => {
    const t = p.type === 'string' ? 's' : p.type === 'number' ? 'n' : 'i';
    return p.array ? t.toUpperCase() : t;
  });
  while (types.at(-1) === 'i') types.pop();
  const row = [
    meta.operationId,
    meta.method,
    meta.httpMethod,
    meta.path,
    flags.reduce((bits, f) => bits | OPERATION_FLAGS[f].bit, 0),
    ('key' in meta.result ? meta.result.key : undefined) ?? 0,
    meta.body?.envelope ?? 0,
    meta.body?.form ?? 0,
    types.join(''),
  ];
  while (row.length > 4 && (row.at(-1) === 0 || row.at(-1) === '')) row.pop();
  const comment = flags.length ? ` // ${flags.join(' | ')}` : '';
  return `${JSON.stringify(row)},${comment}`;
}

/** operation-flags.ts: OPERATION_FLAGS as constants, for decodeOperation in runtime.ts. */
function operationFlagsSource() {
  const lines = [
    '// Generated by scripts/generate/sdk.mjs (OPERATION_FLAGS). Do not edit.',
    '// The flags of a row of the operation table (OperationSpec in runtime.ts).',
  ];
  for (const [name, { bit, doc }] of Object.entries(OPERATION_FLAGS)) lines.push(`/** ${doc} */`, `export const ${name} = ${bit};`);
  return `${lines.join('\n')}\n`;
}

/**
 * An operation as the SDK calls it, its names checked.
 * @typedef {object} SdkCall
 * @property {string} path
 * @property {HttpMethod} http
 * @property {SpecNode} op the operation object
 * @property {string} where `GET /cases.json`, for errors
 * @property {string} resource `x-sdk-resource` of its tag, `cases`
 * @property {string} method `x-sdk-method`, `list`
 * @property {SpecNode} tag the tag object
 * @property {Map<string, SpecNode>} params the parameters by `<in>:<name>`
 * @property {SpecNode[]} query the query parameters
 * @property {string} stem what its types are named after: `cases.getChangelog` → `CaseChangelog`
 */

/** A path parameter as the generator sees it (the table leaves the defaults out). */
/** @typedef {{ name: string, type: 'string' | 'number' | 'integer', array: boolean }} PathParam */

/**
 * The request body: `envelope` the JSON wrapper key, `json` whether JSON is accepted, `form` the
 * multipart wrapper (`note` for `note[content]`) when multipart is, `media` the media type whose
 * example the docs show.
 * @typedef {{ envelope: string | undefined, json: boolean, form: string | undefined, required: boolean, media: SpecNode }} Body
 */

/**
 * The named types of the generated SDK (`Case`, `CaseCreateParams`, `CaseListQuery`), name →
 * [type, comment]; two types wanting one name is a SpecError.
 */
class NamedTypes {
  /** @type {Map<string, [string, string]>} */
  byName = new Map();

  /**
   * Names `type` (with `Schema` after a name the package exports itself) and returns the name.
   * @param {string} n
   * @param {string} type
   * @param {string} comment
   */
  name(n, type, comment) {
    if (TAKEN.has(n)) n = `${n}Schema`;
    const had = this.byName.get(n);
    if (had && had[0] !== type) throw new SpecError(`two types would be named ${n}: ${had[0]} and ${type}`);
    if (!had) this.byName.set(n, [type, comment]);
    return n;
  }
}

const USABLE = /^[a-z][A-Za-z0-9]*$/;

/**
 * The SDK's names of an operation (`x-sdk-resource` of its tag, `x-sdk-method`), checked: usable
 * identifiers, one method name per operation within a resource (`seen`: `resource.method` → operationId).
 * @param {Operation} entry
 * @param {Map<string, SpecNode>} tags
 * @param {Map<string, string>} seen
 * @returns {SdkCall}
 */
function sdkCall({ path, method: http, operation: op, parameters }, tags, seen) {
  const where = `${http.toUpperCase()} ${path}`;
  if (!op.operationId) throw new SpecError(`${where}: no operationId`);
  const tagName = op.tags?.[0];
  const tag = tags.get(tagName);
  const resource = tag?.['x-sdk-resource'];
  const method = op['x-sdk-method'];
  if (!tag || !resource) throw new SpecError(`${where} (${op.operationId}): tag ${str(tagName)} has no x-sdk-resource`);
  if (!method) throw new SpecError(`${where} (${op.operationId}): no x-sdk-method`);
  if (!USABLE.test(resource) || RESERVED.has(resource))
    throw new SpecError(`${where}: x-sdk-resource ${str(resource)} is not a usable name`);
  if (!USABLE.test(method) || RESERVED.has(method)) throw new SpecError(`${where}: x-sdk-method ${str(method)} is not a usable name`);
  const pair = `${resource}.${method}`;
  if (seen.has(pair))
    throw new SpecError(`${pair} is both ${seen.get(pair)} and ${op.operationId}: x-sdk-method must be unique within a resource`);
  seen.set(pair, op.operationId);
  const params = new Map(parameters.map((p) => [`${p.in}:${p.name}`, p]));
  const query = [...params.values()].filter((p) => p.in === 'query');
  return { path, http, op, where, resource, method, tag, params, query, stem: singular(resource) + pascal(typeStem(method)) };
}

/**
 * The path's `{name}` parameters in order, each declared, typed from its schema (an array of ids
 * is a bulk parameter).
 * @param {SdkCall} call
 * @param {Deref} deref
 * @returns {PathParam[]}
 */
function pathParamsOf({ path, params, where }, deref) {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const p = params.get(`path:${name}`);
    if (!p) throw new SpecError(`${where}: path parameter {${name}} is not declared`);
    const schema = deref(p.schema ?? {});
    const array = schema.type === 'array';
    const t = deref(array ? (schema.items ?? {}) : schema).type;
    const type = t === 'string' ? 'string' : t === 'number' ? 'number' : 'integer';
    return { name, type, array };
  });
}

/**
 * The request body of an operation, if it has one: JSON, multipart or both.
 * @param {SdkCall} call
 * @param {Deref} deref
 * @returns {Body | undefined}
 */
function requestBodyOf({ op, where }, deref) {
  const rb = op.requestBody ? deref(op.requestBody) : undefined;
  if (!rb) return undefined;
  const json = rb.content?.['application/json'];
  const form = rb.content?.['multipart/form-data'];
  if (!json && !form) throw new SpecError(`${where}: request body has neither application/json nor multipart/form-data`);
  const envelope = json ? envelopeKey(json.schema, deref) : undefined;
  // The form's wrapper comes from its own field names (`note[content]` → "note"): it may
  // differ from the JSON envelope (notes take `{"message": ...}` as JSON).
  let formWrapper;
  if (form) {
    // The schema itself too: its allOf of constraints (`anyOf` of `required` lists) is merged
    // by variants() without the schema's own properties.
    const names = [deref(form.schema), ...variants(form.schema, deref)].flatMap((v) => [
      ...Object.keys(v?.properties ?? {}),
      ...Object.keys(v?.patternProperties ?? {}),
    ]);
    formWrapper = names.map((n) => /^\^?([A-Za-z_]+)\\?\[/.exec(n)?.[1]).find(Boolean);
    if (!formWrapper) throw new SpecError(`${where} (${op.operationId}): the multipart/form-data fields are not named <wrapper>[<field>]`);
  }
  return { envelope, json: !!json, form: formWrapper, required: !!rb.required, media: json ?? form };
}

/**
 * What a call gives, from its first success response: nothing (`void`), a page of a list, an
 * entity out of its envelope, or the body as it is (`raw`); and the TypeScript type of that.
 * @param {SdkCall} call
 * @param {NamedTypes} types
 * @param {Deref} deref
 * @returns {{ result: Result, resultType: string }}
 */
function resultOf({ op, resource, method, query, stem }, types, deref) {
  const code = successStatuses(op)[0];
  const response = code ? deref(op.responses[code]) : undefined;
  const media = response?.content?.['application/json'] ?? Object.values(response?.content ?? {})[0];
  const R = `operations[${str(op.operationId)}]["responses"][${str(code)}]["content"][${str(response?.content?.['application/json'] ? 'application/json' : Object.keys(response?.content ?? {})[0])}]`;
  /** @param {string | undefined} n */
  const schemaType = (n) => n && types.name(n, `components["schemas"][${str(n)}]`, `The \`${n}\` schema of the spec.`);
  // No content, or an object that declares nothing (`DeleteResult`: "rely on the status"): void.
  const declaresNothing =
    media && variants(media.schema, deref).every((v) => v.type === 'object' && !v.properties && !v.patternProperties && !v.items);
  if (!media || code === '204' || declaresNothing) return { result: { kind: 'void' }, resultType: 'void' };
  const listed = listKey(media.schema, deref);
  if (listed !== undefined) {
    const entry = listed ? `Unwrap<ListEntry<${R}>, ${str(listed)}>` : `ListEntry<${R}>`;
    // A list that takes `page` gives a ListPage (hasNextPage, getNextPage).
    const item =
      schemaType(listRefOf(media.schema, listed, deref)) ?? types.name(`${stem}Item`, entry, `An item of \`${resource}.${method}\`.`);
    return {
      result: listed ? { kind: 'list', key: listed } : { kind: 'list' },
      resultType: `${query.some((p) => p.name === 'page') ? 'ListPage' : 'Page'}<${item}>`,
    };
  }
  const key = envelopeKey(media.schema, deref);
  if (key) {
    return {
      result: { kind: 'entity', key },
      resultType:
        schemaType(refOf(media.schema, key, deref)) ??
        types.name(`${stem}Result`, `Unwrap<${R}, ${str(key)}>`, `The result of \`${resource}.${method}\`.`),
    };
  }
  return { result: { kind: 'raw' }, resultType: types.name(`${stem}Result`, R, `The result of \`${resource}.${method}\`.`) };
}

/**
 * The row of the operation table: only what the runtime needs, defaults left out (integer, not
 * an array, no JSON or multipart), since the table ships in every bundle.
 * @param {SdkCall} call
 * @param {PathParam[]} pathParams
 * @param {Body | undefined} body
 * @param {Result} result
 * @returns {OperationMeta}
 */
function operationMeta({ op, resource, method, http, path, query }, pathParams, body, result) {
  // GET, PUT and DELETE are resent after a 5xx, a timeout or a reset, unless the spec marks the
  // operation `x-sdk-idempotent: false`: the table says so (`idempotent: false`). POST and PATCH
  // are never resent (the runtime knows), so the table says nothing about them.
  const resentByMethod = isIdempotent(http, {});
  const idempotent = isIdempotent(http, op);
  return {
    operationId: op.operationId,
    resource,
    method,
    httpMethod: http,
    path,
    pathParams: pathParams.map(({ name, type, array }) => ({
      name,
      ...(type === 'integer' ? {} : { type }),
      ...(array ? { array } : {}),
    })),
    // Only what the runtime needs: whether there is a query, and whether it pages.
    ...(query.length ? { query: { page: query.some((p) => p.name === 'page'), limit: query.some((p) => p.name === 'limit') } } : {}),
    // `form`: the multipart wrapper, present when the body may be multipart; `optional` only
    // when the body is (a required body is the default).
    ...(body
      ? {
          body: {
            ...(body.envelope ? { envelope: body.envelope } : {}),
            ...(body.json ? { json: true } : {}),
            ...(body.form !== undefined ? { form: body.form } : {}),
            ...(body.required ? {} : { optional: true }),
          },
        }
      : {}),
    result,
    ...(resentByMethod && !idempotent ? { idempotent: /** @type {const} */ (false) } : {}),
  };
}

/**
 * The `@example` of a method: a call with path values and input from the spec's examples.
 * @param {SdkCall} call
 * @param {PathParam[]} pathParams
 * @param {Body | undefined} body
 * @param {Result} result
 * @param {Deref} deref
 */
function exampleCall({ resource, method, params, query }, pathParams, body, result, deref) {
  /** @param {PathParam} p */
  const pathValue = (p) => lit(exampleOf(params.get(`path:${p.name}`), deref) ?? (p.type === 'string' ? 'value' : 1));
  let input;
  if (body) {
    const ex = exampleOf(body.media, deref);
    const inner =
      body.envelope && ex && typeof ex === 'object' && body.envelope in ex
        ? /** @type {Record<string, unknown>} */ (ex)[body.envelope]
        : ex;
    input = lit(inner ?? {});
  } else if (query.length) {
    const shown = Object.fromEntries(
      query
        .map((p) => [p.name, exampleOf(p, deref)])
        .filter(([n, v]) => v !== undefined && n !== 'page')
        .slice(0, 2),
    );
    if (Object.keys(shown).length || query.some((p) => p.required)) input = lit(shown);
  }
  const call = `omnidesk.${resource}.${method}(${[...pathParams.map(pathValue), ...(input ? [input] : [])].join(', ')})`;
  if (result.kind === 'void') return [`await ${call};`];
  if (result.kind === 'list') return [`const { items, total } = await ${call};`];
  const variable = camel(singular(resource));
  const bulk = pathParams.some((p) => p.array);
  return [`const ${bulk || KEYWORDS.has(variable) ? 'result' : variable} = await ${call};`];
}

/**
 * The method's declaration in its resource's interface: its doc comment and signature, a second
 * signature taking arrays of ids for a bulk call, and the `…All` walker of a list that pages.
 * @param {SpecNode} spec
 * @param {SdkCall} call
 * @param {PathParam[]} pathParams
 * @param {Body | undefined} body
 * @param {OperationMeta} meta
 * @param {string} resultType
 * @param {NamedTypes} types
 * @param {Deref} deref
 */
function methodDeclaration(spec, call, pathParams, body, meta, resultType, types, deref) {
  const { op, http, path, resource, method, query, stem } = call;
  const Q = query.length
    ? types.name(
        `${stem}Query`,
        `NonNullable<operations[${str(op.operationId)}]["parameters"]["query"]>`,
        `The query parameters of \`${resource}.${method}\`.`,
      )
    : '';
  /** @type {string | undefined} */
  let inputArg;
  if (body) {
    let B = body.json
      ? `NonNullable<operations[${str(op.operationId)}]["requestBody"]>["content"]["application/json"]`
      : 'Record<string, unknown>';
    if (body.json && body.envelope) B = `Unwrap<${B}, ${str(body.envelope)}>`;
    if (body.form !== undefined) B = `WithAttachments<${B}>`;
    inputArg = `input${body.required ? '' : '?'}: ${types.name(`${stem}Params`, B, `The input of \`${resource}.${method}\`${body.envelope ? ` (sent as \`{"${body.envelope}": ...}\`)` : ''}.`)}`;
  } else if (query.length) {
    inputArg = `query${query.some((p) => p.required) ? '' : '?'}: ${Q}`;
  }
  const opts = body && query.length ? `RequestOptions & { query?: ${Q} }` : 'RequestOptions';
  /** @type {(p: PathParam, plural: boolean) => string} */
  const pathArg = (p, plural) => `${camel(p.name)}${plural ? 's' : ''}: ${p.type === 'string' ? 'string' : 'number'}${plural ? '[]' : ''}`;
  /** @type {(name: string, plural: boolean, ret: string, options: string) => string} */
  const sig = (name, plural, ret, options) =>
    `  ${name}(${[...pathParams.map((p) => pathArg(p, plural && p.array)), ...(inputArg ? [inputArg] : []), `options?: ${options}`].join(', ')}): ${ret};`;
  const example = exampleCall(call, pathParams, body, meta.result, deref);
  const lines = [doc(op, http, path, { link: referenceUrl(spec, op), example })];
  if (pathParams.some((p) => p.array)) lines.push(sig(method, true, 'OmnideskPromise<BulkOutcome>', opts));
  lines.push(sig(method, false, `OmnideskPromise<${resultType}>`, opts));
  // A walker only where the list has pages (`page` among its query parameters): a list without
  // them is whole in one call.
  if (meta.result.kind === 'list' && meta.query?.page) {
    const item = resultType.replace(/^(?:List)?Page<(.*)>$/, '$1');
    lines.push(
      `  /** Every item of \`${method}\`, page after page (\`limit\` 100 by default); stops at \`total_count\`, an empty page or \`maxItems\`. */`,
    );
    lines.push(sig(`${method}All`, false, `ListWalker<${item}>`, opts.replace('RequestOptions', 'ListAllOptions')));
  }
  return lines.join('\n');
}

/**
 * @typedef {object} Resource one resource of the SDK, from its tag
 * @property {string} tag the tag's name
 * @property {string | undefined} description the tag's description
 * @property {string[]} methods the declarations of its methods, in spec order
 */

/**
 * Reads the bundle and returns the operation table plus the TypeScript sources of sdk.ts and resources.ts.
 * @param {SpecNode} spec
 * @param {{ runtimeImport?: string }} [options]
 */
export function buildSdk(spec, { runtimeImport = '..' } = {}) {
  const deref = resolver(spec);
  /** @type {Map<string, SpecNode>} */
  const tags = new Map((spec.tags ?? []).map((/** @type {SpecNode} */ t) => [t.name, t]));
  /** @type {OperationMeta[]} */
  const table = [];
  /** @type {Map<string, Resource>} */
  const resources = new Map();
  /** @type {Map<string, string>} */
  const seen = new Map();
  const types = new NamedTypes();

  for (const entry of specOperations(spec, deref)) {
    const call = sdkCall(entry, tags, seen);
    const pathParams = pathParamsOf(call, deref);
    const body = requestBodyOf(call, deref);
    const { result, resultType } = resultOf(call, types, deref);
    const meta = operationMeta(call, pathParams, body, result);
    table.push(meta);
    const declaration = methodDeclaration(spec, call, pathParams, body, meta, resultType, types, deref);
    let resource = resources.get(call.resource);
    if (!resource) resources.set(call.resource, (resource = { tag: call.tag.name, description: call.tag.description, methods: [] }));
    resource.methods.push(declaration);
  }

  return {
    table,
    source: sdkSource(table, resources, types.byName, runtimeImport),
    resourcesSource: resourcesSource(resources, runtimeImport),
    typeNames: [...types.byName.keys()].sort(),
  };
}

/** `Resource` interface name of a resource: `kbArticles` → `KbArticlesResource`. */
const typeName = (/** @type {string} */ r) => `${r[0].toUpperCase()}${r.slice(1)}Resource`;

/**
 * sdk.ts: the compact operation table, one interface per resource, the named types, `Resources`.
 * @param {OperationMeta[]} table
 * @param {Map<string, Resource>} resources
 * @param {Map<string, [string, string]>} named
 * @param {string} runtimeImport
 */
function sdkSource(table, resources, named, runtimeImport) {
  const out = [
    '// Generated by scripts/generate/sdk.mjs from the bundled OpenAPI description. Do not edit.',
    IMPORTS,
    '',
    '// The operations of each resource, compactly (see OperationSpec in runtime.ts): they ship in every bundle.',
  ];
  for (const name of resources.keys()) {
    const specs = table.filter((m) => m.resource === name).map((m) => `  ${encodeOperation(m)}`);
    out.push(`export const ops_${name}: readonly OperationSpec[] = [`, ...specs, '];');
  }
  out.push(
    '',
    '/** Every operation, resource by resource. */',
    `export const operationTable: readonly OperationMeta[] = /* @__PURE__ */ decodeTable({ ${[...resources.keys()].map((n) => `${n}: ops_${n}`).join(', ')} });`,
    '',
  );
  for (const [name, r] of resources) {
    out.push(`/** ${(r.description ?? r.tag).trim().split('\n')[0].replace(/\*\//g, '*\\/')} (tag \`${r.tag}\`) */`);
    out.push(`export interface ${typeName(name)} {`, r.methods.join('\n'), '}', '');
  }
  out.push('// The named types of the API: every entity, input and query the methods take or give.');
  for (const [n, [type, comment]] of [...named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(`/** ${comment.replace(/\*\//g, '*\\/')} */`, `export type ${n} = ${type};`);
  }
  out.push('');
  out.push('/** One property per resource of the API. */', 'export interface Resources {');
  for (const name of resources.keys()) out.push(`  ${name}: ${typeName(name)};`);
  out.push('}', '');
  // Only the helper types this spec's code uses are imported (an unused import fails strict builds).
  const body = out.join('\n');
  const used = (/** @type {string[]} */ names) => names.filter((n) => new RegExp(`\\b${n}\\b`).test(body));
  const fromSchema = used(['components', 'operations']);
  const fromRuntime = used(RUNTIME_TYPES).map((n) => `type ${n}`);
  out[out.indexOf(IMPORTS)] = [
    ...(fromSchema.length ? [`import type { ${fromSchema.join(', ')} } from './schema.js';`] : []),
    ...(used(['Page']).length ? [`import type { Page } from '${runtimeImport}/pagination.js';`] : []),
    `import { ${[...fromRuntime, 'decodeTable'].join(', ')} } from '${runtimeImport}/runtime.js';`,
  ].join('\n');

  return out.join('\n');
}

/**
 * resources.ts: one factory per resource over a core (`cases(core)`), for tree-shaking.
 * @param {Map<string, Resource>} resources
 * @param {string} runtimeImport
 */
function resourcesSource(resources, runtimeImport) {
  const factories = [
    '// Generated by scripts/generate/sdk.mjs from the bundled OpenAPI description. Do not edit.',
    '// One function per resource over a core (`cases(core)`): a bundler keeps only those an app calls.',
    `import * as $rt from '${runtimeImport}/runtime.js';`,
    `import * as $sdk from './sdk.js';`,
    '',
  ];
  for (const [name, r] of resources) {
    factories.push(
      `/** The \`${name}\` resource over a core: ${(r.description ?? r.tag).trim().split('\n')[0].replace(/\*\//g, '*\\/')} (tag \`${r.tag}\`) */`,
    );
    factories.push(
      `export const ${name} = (core: $rt.OmnideskCore): $sdk.${typeName(name)} => $rt.bindResource(core, ${str(name)}, $sdk.ops_${name}) as $sdk.${typeName(name)};`,
    );
  }
  factories.push('');
  return factories.join('\n');
}

const START = '<!-- operations:start (generated by scripts/generate/sdk.mjs) -->';
const END = '<!-- operations:end -->';

/**
 * The README's table of every `resource.method` with its HTTP method and path, between its markers.
 * @param {OperationMeta[]} table
 */
export function operationsMarkdown(table) {
  const rows = table.map((m) => `| \`${m.resource}.${m.method}\` | \`${m.httpMethod.toUpperCase()} ${m.path}\` | \`${m.operationId}\` |`);
  return [START, '', '| call | method and path | operationId |', '| --- | --- | --- |', ...rows, '', END].join('\n');
}

/**
 * `readme` with its operations table replaced by the current one (unchanged when it has no markers).
 * @param {string} readme
 * @param {OperationMeta[]} table
 */
export function withOperationsTable(readme, table) {
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  return i < 0 || j < i ? readme : readme.slice(0, i) + operationsMarkdown(table) + readme.slice(j + END.length);
}

/**
 * The document openapi-typescript gets: an `anyOf`/`oneOf` of bare `required` lists ("content or
 * content_html") becomes `Base & ({content} | {content_html})`; given as is, openapi-typescript
 * types it `Base | unknown`, which is `unknown` and checks nothing.
 * @param {SpecNode} spec
 * @returns {SpecNode}
 */
export function typesView(spec) {
  /**
   * `inherited`: the properties of the schema whose allOf holds this node (`allOf: [{anyOf: ...}]`).
   * @param {unknown} node
   * @param {Record<string, unknown> | undefined} inherited
   * @returns {unknown}
   */
  const walk = (node, inherited) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, inherited));
    if (!node || typeof node !== 'object') return node;
    /** @type {SpecNode} */
    const schema = node;
    /** @type {SpecNode} */
    const out = {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] = k === 'allOf' ? v.map((/** @type {unknown} */ part) => walk(part, schema.properties ?? inherited)) : walk(v, undefined);
    }
    for (const key of ['anyOf', 'oneOf']) {
      const branches = out[key];
      if (!Array.isArray(branches) || !branches.every(constraintOnly)) continue;
      /** @type {SpecNode} */
      const { [key]: _, ...rest } = out;
      const props = out.properties ?? inherited ?? {};
      const named = branches.every((b) => Array.isArray(b.required) && b.required.every((/** @type {string} */ r) => r in props));
      // Constraints the types cannot say are dropped (the spec still validates them).
      if (!named) return rest;
      const parts = branches.map((b) => ({
        type: 'object',
        required: b.required,
        properties: Object.fromEntries(b.required.map((/** @type {string} */ r) => [r, props[r]])),
      }));
      if (!out.properties) return { ...rest, [key]: parts };
      const { title, description, ...base } = rest;
      return { ...(title ? { title } : {}), ...(description ? { description } : {}), allOf: [base, { [key]: parts }] };
    }
    return out;
  };
  return /** @type {SpecNode} */ (walk(spec, undefined));
}

/**
 * Writes schema.ts, sdk.ts, resources.ts and operation-flags.ts of the bundle `input` into
 * `outDir`; returns the table.
 * @param {string} input
 * @param {string} outDir
 * @param {string} [runtimeDir] where runtime.ts is (the generated files import it)
 */
export async function generate(input, outDir, runtimeDir = resolve(outDir, '..')) {
  const spec = readBundle(input);
  let runtimeImport = relative(outDir, runtimeDir).split('\\').join('/') || '.';
  if (!runtimeImport.startsWith('.')) runtimeImport = `./${runtimeImport}`;
  const { table, source, resourcesSource } = buildSdk(spec, { runtimeImport });
  // defaultNonNullable: false, or a field with a default (do_not_send_email) is required in request bodies.
  const ast = await openapiTS(/** @type {OpenAPI3} */ (typesView(spec)), { defaultNonNullable: false });
  const header = '/**\n * This file was auto-generated by openapi-typescript.\n * Do not make direct changes to the file.\n */\n\n';
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'schema.ts'), header + astToString(ast));
  writeFileSync(join(outDir, 'sdk.ts'), source);
  writeFileSync(join(outDir, 'resources.ts'), resourcesSource);
  writeFileSync(join(outDir, 'operation-flags.ts'), operationFlagsSource());
  // The client's README lists every call: rewritten when the SDK itself is generated.
  if (resolve(outDir) === join(root, 'packages/client/src/generated')) {
    const readme = join(root, 'packages/client/README.md');
    const text = readFileSync(readme, 'utf8');
    const next = withOperationsTable(text, table);
    if (next !== text) writeFileSync(readme, next);
  }
  return table;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input = join(root, 'dist/openapi.yaml'), outDir = join(root, 'packages/client/src/generated'), runtimeDir] = process.argv.slice(2);
  await runGenerator('generate-sdk', async () => {
    const table = await generate(resolve(input), resolve(outDir), runtimeDir && resolve(runtimeDir));
    console.log(
      `generate-sdk: ${table.length} operations in ${new Set(table.map((o) => o.resource)).size} resources → ${relative(process.cwd(), outDir) || '.'}`,
    );
  });
}
