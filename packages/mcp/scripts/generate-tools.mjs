#!/usr/bin/env node
// Generates the MCP server's tools from the bundled spec (run by `pnpm build`, stage `mcp`):
//   <out>/tools.json      one tool per operation: name, description, input JSON Schema,
//                         annotations, and what the server needs to call the SDK method
//   <out>/reference.json  one operation's reference per tool, for the `describe_operation` tool
// The operations come from the SDK generator's own walk of the spec (buildSdk: resource, method,
// path parameters, envelope), so the tools and the SDK methods they call cannot disagree.
// Usage: node scripts/generate-tools.mjs [bundle=../../dist/openapi.json] [out=dist]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSdk, variants } from '../../../scripts/generate/sdk.mjs';
import { isIdempotent, operationsById, readBundle, resolver, runGenerator, SpecError } from '../../../scripts/generate/spec-walker.mjs';

/** @typedef {import('../../../scripts/generate/spec-walker.mjs').SpecNode} SpecNode */
/** @typedef {import('../../../scripts/generate/spec-walker.mjs').Deref} Deref */
/**
 * One tool of the MCP server (dist/tools.json): what an MCP client lists, and what the server
 * needs to call the SDK method (`call`).
 * @typedef {object} Tool
 * @property {string} name `cases_create`
 * @property {string} title
 * @property {string} description
 * @property {{ type: 'object', properties: Record<string, SpecNode>, required?: string[], additionalProperties: false }} inputSchema
 * @property {{ title: string, readOnlyHint: boolean, destructiveHint: boolean, idempotentHint: boolean }} annotations
 * @property {{ operationId: string, resource: string, method: string, pathParams: string[], query: string[], body?: true, list?: true, limit?: boolean }} call
 */

const here = dirname(fileURLToPath(import.meta.url));

/** `kbArticles` + `moveUp` → `kb_articles_move_up`. */
export const snake = (/** @type {string} */ s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toolName = (/** @type {string} */ resource, /** @type {string} */ method) => `${snake(resource)}_${snake(method)}`;

// OpenAPI-only keywords an MCP client's JSON Schema validator does not know.
const OPENAPI_ONLY = new Set(['example', 'discriminator', 'xml', 'externalDocs']);
// Keywords whose values are maps of names (a property called `example` is a property).
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/**
 * A schema with every `$ref` inlined (tools must be self-contained) and, unless `keepExtensions`,
 * the `x-` extensions and OpenAPI-only keywords left out.
 * @param {unknown} node
 * @param {Deref} deref
 * @param {{ keepExtensions?: boolean }} [options]
 * @param {string[]} [chain] the $refs being inlined, outermost first
 * @returns {unknown} the node's JSON, inlined (a schema where `node` is one)
 */
function inline(node, deref, { keepExtensions = false } = {}, chain = []) {
  if (Array.isArray(node)) return node.map((n) => inline(n, deref, { keepExtensions }, chain));
  if (!node || typeof node !== 'object') return node;
  if ('$ref' in node && typeof node.$ref === 'string') {
    if (chain.includes(node.$ref)) throw new SpecError(`recursive schema ${node.$ref}: a tool's input must be finite`);
    const { $ref, ...siblings } = node;
    return {
      ...inlineSchema(deref({ $ref }), deref, { keepExtensions }, [...chain, $ref]),
      ...inlineSchema(siblings, deref, { keepExtensions }, chain),
    };
  }
  /** @type {SpecNode} */
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (!keepExtensions && (k.startsWith('x-') || OPENAPI_ONLY.has(k))) continue;
    out[k] =
      NAME_MAPS.has(k) && v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([name, s]) => [name, inline(s, deref, { keepExtensions }, chain)]))
        : inline(v, deref, { keepExtensions }, chain);
  }
  return out;
}

/**
 * `inline` of a schema (an object, and so is what comes out).
 * @param {Parameters<typeof inline>} args
 */
const inlineSchema = (...args) => /** @type {SpecNode} */ (inline(...args));

const oneLine = (/** @type {string} */ s) => s.replace(/\s+/g, ' ').trim();

/**
 * Summary and the description's first paragraph, cut at a sentence near `max` characters.
 * @param {SpecNode} op
 * @param {string} http
 * @param {string} path
 */
function describe(op, http, path, max = 600) {
  const summary = oneLine(op.summary ?? '').replace(/\.?$/, '.');
  let first = oneLine((op.description ?? '').trim().split(/\n\s*\n/)[0] ?? '');
  if (first.length > max) {
    const cut = first.slice(0, max);
    const end = cut.lastIndexOf('. ');
    first = end > max / 3 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
  }
  return [
    summary,
    first,
    `${http.toUpperCase()} ${path}${op.deprecated ? ' (deprecated)' : ''}; describe_operation gives the full reference.`,
  ]
    .filter((s) => s && s !== '.')
    .join('\n\n');
}

/**
 * The schema of the body inside its envelope (`{"case": X}` → X), or the body's schema.
 * @param {unknown} schema
 * @param {string | undefined} envelope
 * @param {Deref} deref
 * @returns {unknown}
 */
function unwrapBody(schema, envelope, deref) {
  if (!envelope) return schema;
  const holder = variants(schema, deref).find((v) => v.properties?.[envelope]);
  if (!holder) throw new SpecError(`the body has no envelope property ${envelope}`);
  return holder.properties[envelope];
}

/**
 * The fields of a multipart body without their wrapper: `case[subject]` → `subject`.
 * @param {unknown} schema
 * @param {Deref} deref
 */
function formFields(schema, deref) {
  /** @type {Record<string, unknown>} */
  const fields = {};
  for (const v of [deref(schema), ...variants(schema, deref)]) {
    for (const [name, s] of Object.entries(v?.properties ?? {})) {
      const [, field, rest] = /^[A-Za-z_]+\[([^\]]+)\](.*)$/.exec(name) ?? [];
      if (!field || field === 'attachments' || field in fields) continue;
      fields[field] = rest ? {} : s; // `case[custom_fields][cf_44]`: a nested value, any shape
    }
  }
  return fields;
}

/** @typedef {import('../../../scripts/generate/spec-walker.mjs').Operation} Operation */
/** @typedef {import('../../../packages/client/src/runtime.js').OperationMeta} OperationMeta */

/**
 * A tool's input schema: the path and query parameters by name (a bulk path parameter as an array
 * of ids), and `body` for the request body, unwrapped; with the query parameters' names.
 * @param {OperationMeta} meta
 * @param {Operation} operation
 * @param {string} where the operation, for errors
 * @param {Deref} deref
 */
function toolInput(meta, { operation: op, parameters }, where, deref) {
  /** @type {Record<string, SpecNode>} */
  const properties = {};
  /** @type {string[]} */
  const required = [];
  /** @type {string[]} */
  const query = [];
  for (const p of parameters) {
    if (p.in !== 'path' && p.in !== 'query') continue; // headers and cookies are the SDK's business
    if (p.name === 'body') throw new SpecError(`${where}: a parameter named "body" clashes with the tool's body argument`);
    const bulk = p.in === 'path' && meta.pathParams.find((pp) => pp.name === p.name)?.array;
    // The SDK joins an array of ids with commas itself: the tool takes the array.
    const description = bulk
      ? `An array of ids: one id acts on that one, several are the bulk form (one request for all).`
      : p.description?.trim();
    properties[p.name] = {
      ...inlineSchema(p.schema ?? {}, deref),
      ...(description ? { description } : {}),
      ...(p.deprecated ? { deprecated: true } : {}),
    };
    if (p.required || p.in === 'path') required.push(p.name);
    if (p.in === 'query') query.push(p.name);
  }
  if (meta.body) {
    const rb = deref(op.requestBody);
    const json = rb.content?.['application/json'];
    // A body with only a multipart form (`case[subject]`): the SDK names the fields itself, so
    // the tool takes them without the wrapper; files are not something a tool call carries.
    const schema = json
      ? unwrapBody(json.schema, meta.body.envelope, deref)
      : { type: 'object', properties: formFields(rb.content['multipart/form-data'].schema, deref) };
    const sent = meta.body.envelope
      ? ` (sent as {"${meta.body.envelope}": body})`
      : json
        ? ''
        : ` (sent as the multipart form ${meta.body.form}[<field>])`;
    properties.body = { ...inlineSchema(schema, deref), description: `The request body${sent}.` };
    if (rb.required) required.push('body');
  }
  return { properties, required, query };
}

/**
 * The tool of one operation: its input, its hints, and the SDK call it makes.
 * @param {string} name
 * @param {OperationMeta} meta
 * @param {Operation} operation
 * @param {string} where the operation, for errors
 * @param {Deref} deref
 * @returns {Tool}
 */
function toolOf(name, meta, operation, where, deref) {
  const op = operation.operation;
  const { properties, required, query } = toolInput(meta, operation, where, deref);
  const http = meta.httpMethod;
  // DELETE, and the actions named for a delete, the trash or spam (`cases.trash` on many ids).
  const destructive = http === 'delete' || /^(delete|trash|spam)/.test(meta.method);
  return {
    name,
    title: oneLine(op.summary ?? name),
    description: describe(op, http, meta.path),
    inputSchema: { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false },
    annotations: {
      title: oneLine(op.summary ?? name),
      readOnlyHint: http === 'get',
      destructiveHint: destructive,
      idempotentHint: isIdempotent(http, op),
    },
    call: {
      operationId: meta.operationId,
      resource: meta.resource,
      method: meta.method,
      pathParams: meta.pathParams.map((p) => p.name),
      query,
      ...(meta.body ? { body: /** @type {const} */ (true) } : {}),
      ...(meta.result.kind === 'list' ? { list: /** @type {const} */ (true), limit: meta.query?.limit === true } : {}),
    },
  };
}

/**
 * The reference of one operation (`describe_operation`): the spec's own words and schemas,
 * extensions kept, every $ref inlined.
 * @param {string} name
 * @param {OperationMeta} meta
 * @param {Operation} operation
 * @param {Deref} deref
 * @returns {SpecNode}
 */
function referenceOf(name, meta, { operation: op, parameters }, deref) {
  /** @type {Record<string, SpecNode>} */
  const responses = {};
  for (const [code, raw] of Object.entries(op.responses ?? {})) {
    const r = deref(raw);
    const media = r.content?.['application/json'] ?? Object.values(r.content ?? {})[0];
    responses[code] = {
      description: r.description?.trim(),
      ...(/^2/.test(code) && media?.schema ? { schema: inline(media.schema, deref, { keepExtensions: true }) } : {}),
    };
  }
  return {
    tool: name,
    operationId: meta.operationId,
    method: meta.httpMethod.toUpperCase(),
    path: meta.path,
    summary: op.summary,
    description: op.description?.trim(),
    ...(op.deprecated ? { deprecated: true } : {}),
    ...(op['x-evidence'] ? { evidence: op['x-evidence'] } : {}),
    parameters: parameters.map((p) => inline(p, deref, { keepExtensions: true })),
    ...(meta.body
      ? {
          requestBody: {
            envelope: meta.body.envelope,
            schema: inline(Object.values(deref(op.requestBody).content)[0].schema, deref, { keepExtensions: true }),
          },
        }
      : {}),
    responses,
  };
}

/**
 * Tools and references for every operation of `spec` (a bundle: only local $refs).
 * @param {SpecNode} spec
 */
export function buildTools(spec) {
  const deref = resolver(spec);
  const { table } = buildSdk(spec);
  const byId = operationsById(spec, deref);
  /** @type {Tool[]} */
  const tools = [];
  /** @type {Record<string, SpecNode>} the reference of each tool, by its name */
  const reference = {};
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const meta of table) {
    // buildSdk's table is made of these operations: each is there.
    const operation = /** @type {Operation} */ (byId.get(meta.operationId));
    const where = `${meta.httpMethod.toUpperCase()} ${meta.path} (${meta.operationId})`;
    const name = toolName(meta.resource, meta.method);
    if (names.has(name)) throw new SpecError(`${where}: tool name ${name} is also ${names.get(name)}`);
    if (!/^[a-z0-9_]{1,64}$/.test(name)) throw new SpecError(`${where}: tool name ${name} is not a valid MCP tool name`);
    names.set(name, meta.operationId);
    tools.push(toolOf(name, meta, operation, where, deref));
    reference[name] = referenceOf(name, meta, operation, deref);
  }
  return { tools, reference };
}

/**
 * Writes tools.json and reference.json of the bundle `input` into `outDir`; returns the tools.
 * @param {string} input
 * @param {string} outDir
 */
export function generate(input, outDir) {
  const spec = readBundle(input);
  const { tools, reference } = buildTools(spec);
  mkdirSync(outDir, { recursive: true });
  const info = { title: spec.info?.title, version: spec.info?.version };
  writeFileSync(join(outDir, 'tools.json'), `${JSON.stringify({ generatedFrom: info, tools }, null, 1)}\n`);
  writeFileSync(join(outDir, 'reference.json'), `${JSON.stringify(reference)}\n`);
  return tools;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input = join(here, '../../../dist/openapi.json'), outDir = join(here, '../dist')] = process.argv.slice(2);
  await runGenerator('generate-tools', () => {
    const tools = generate(resolve(input), resolve(outDir));
    const count = (/** @type {(tool: Tool) => boolean} */ f) => tools.filter(f).length;
    console.log(
      `generate-tools: ${tools.length} tools (${count((t) => t.annotations.readOnlyHint)} read-only, ` +
        `${count((t) => t.annotations.destructiveHint)} destructive) → ${relative(process.cwd(), outDir) || '.'}`,
    );
  });
}
