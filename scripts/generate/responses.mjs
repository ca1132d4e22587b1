#!/usr/bin/env node
// Generates the response schemas the validator (`@omnidesk-openapi/client/validate`) checks
// answers against, from the bundled spec:
//   version:    the spec's info.version
//   operations: per operationId, its method, path, query parameters (names, and which are
//               required), every declared status, and each 2xx response (the JSON body's schema,
//               the declared headers by name, the media type)
//   headers:    the declared headers' schemas, by name
//   schemas:    the component schemas those reach, by name, stripped of prose and examples
// Schema $refs stay as `{ $ref: 'Name' }` (the component's name), so each schema is written once.
// Error answers (4xx, 5xx) are the SDK's typed errors, so only their statuses are kept.
// Deterministic: operations in the bundle's order, schemas by name.
// Usage: node scripts/generate/responses.mjs [bundle=dist/openapi.json] [out=packages/client/src/generated/responses.ts]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle, resolver, runGenerator, SpecError, operations as specOperations, successStatuses } from './spec-walker.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SCHEMA_REF = '#/components/schemas/';

/** @typedef {import('./spec-walker.mjs').SpecNode} SpecNode */
/** @typedef {import('../../packages/client/src/validate-schema.js').ResponseTable} ResponseTable */
/** @typedef {import('../../packages/client/src/validate-schema.js').ResponseSpec} ResponseSpec */
/** @typedef {import('../../packages/client/src/validate-schema.js').Schema} Schema */

/** A stripped schema node (strip keeps a schema a schema). */
const asSchema = (/** @type {unknown} */ node) => /** @type {Schema} */ (node);
/** Keys that describe rather than constrain: left out of the generated module. */
const PROSE = new Set([
  'description',
  'title',
  'examples',
  'example',
  'externalDocs',
  'deprecated',
  'default',
  'readOnly',
  'writeOnly',
  '$comment',
]);

/**
 * The schemas and responses of every operation of `spec`: `{ operations, schemas }`, plain data.
 * Responses and headers that are $refs are inlined; schema $refs point to `schemas` by name.
 * @param {SpecNode} spec
 * @returns {ResponseTable}
 */
export function buildResponses(spec) {
  const deref = resolver(spec);
  /** @type {Record<string, Schema | null>} the component schemas met, `null` until stripped */
  const schemas = {};
  /** @type {string[]} */
  const pending = [];

  /**
   * A schema without prose, its $refs renamed; each component schema met is queued once.
   * @param {unknown} node
   * @returns {unknown} the node's JSON, stripped (a Schema where `node` is one)
   */
  const strip = (node) => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== 'object') return node;
    const ref = /** @type {{ $ref?: unknown }} */ (node).$ref;
    if (typeof ref === 'string') {
      if (!ref.startsWith(SCHEMA_REF)) return strip(deref(node));
      const name = ref.slice(SCHEMA_REF.length);
      if (!(name in schemas)) {
        schemas[name] = null;
        pending.push(name);
      }
      return { $ref: name };
    }
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (PROSE.has(k) || (k.startsWith('x-') && k !== 'x-known-values')) continue;
      // Names under `properties`/`patternProperties` are data, not keywords: kept whatever they are.
      out[k] =
        k === 'properties' || k === 'patternProperties' ? Object.fromEntries(Object.entries(v).map(([n, s]) => [n, strip(s)])) : strip(v);
    }
    return out;
  };

  /** @type {ResponseTable['headers']} */
  const headerTable = {};
  /** @type {ResponseTable['operations']} */
  const operations = {};
  for (const { path, method, operation: op, parameters } of specOperations(spec, deref)) {
    if (!op.operationId) throw new SpecError(`${method.toUpperCase()} ${path}: no operationId`);
    /** @type {Record<string, ResponseSpec>} */
    const responses = {};
    const statuses = Object.keys(op.responses ?? {});
    for (const status of successStatuses(op)) {
      const response = deref(op.responses[status]);
      /** @type {ResponseSpec} */
      const entry = {};
      const [media, content] =
        Object.entries(response.content ?? {}).find(([m]) => /json/.test(m)) ?? Object.entries(response.content ?? {})[0] ?? [];
      if (media) {
        entry.media = media;
        if (content.schema) entry.schema = asSchema(strip(content.schema));
      }
      const headers = Object.entries(response.headers ?? {});
      for (const [name, h] of headers) {
        const header = deref(h);
        const value = { ...(header.required ? { required: true } : {}), schema: asSchema(strip(header.schema ?? {})) };
        const key = name.toLowerCase();
        if (key in headerTable && JSON.stringify(headerTable[key]) !== JSON.stringify(value)) {
          throw new SpecError(`${op.operationId}: header ${name} is declared twice with different schemas`);
        }
        headerTable[key] = value;
      }
      if (headers.length) entry.headers = headers.map(([name]) => name.toLowerCase());
      responses[status] = entry;
    }
    const query = parameters.filter((p) => p.in === 'query');
    const required = query.filter((p) => p.required).map((p) => p.name);
    operations[op.operationId] = {
      method,
      path,
      query: query.map((p) => p.name),
      ...(required.length ? { requiredQuery: required } : {}),
      statuses,
      responses,
    };
  }
  while (pending.length) {
    const name = /** @type {string} */ (pending.shift());
    const target = spec.components?.schemas?.[name];
    if (target === undefined) throw new SpecError(`unresolved $ref ${SCHEMA_REF}${name}`);
    schemas[name] = asSchema(strip(target));
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      // Every schema queued is stripped by now: none is null.
      .map((n) => [n, /** @type {Schema} */ (schemas[n])]),
  );
  const headers = Object.fromEntries(
    Object.keys(headerTable)
      .sort()
      .map((n) => [n, headerTable[n]]),
  );
  return { version: String(spec.info?.version ?? ''), operations, headers, schemas: sorted };
}

/** The TypeScript module of `buildResponses(spec)`. */
export function responsesSource(/** @type {SpecNode} */ spec) {
  return [
    '// Generated by scripts/generate/responses.mjs from the bundled OpenAPI description. Do not edit.',
    '// Loaded only by `@omnidesk-openapi/client/validate` (and by the SDK when `validateResponses` is on).',
    "import type { ResponseTable } from '../validate-schema.js';",
    '',
    `export const responses: ResponseTable = ${JSON.stringify(buildResponses(spec))};`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input = join(root, 'dist/openapi.json'), out = join(root, 'packages/client/src/generated/responses.ts')] = process.argv.slice(2);
  await runGenerator('generate-responses', () => {
    const spec = readBundle(resolve(input));
    const source = responsesSource(spec);
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(resolve(out), source);
    const { operations, schemas } = buildResponses(spec);
    console.log(
      `generate-responses: ${Object.keys(operations).length} operations, ${Object.keys(schemas).length} schemas → ${relative(process.cwd(), resolve(out))} (${source.length} bytes)`,
    );
  });
}
