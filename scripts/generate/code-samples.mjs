// Code samples for the reference site, generated from the bundled spec: for each operation the SDK
// call and the equivalent curl (plus multipart variants where the operation takes files).
// `addCodeSamples(spec)` writes them as `x-codeSamples` into a docs-only copy of the bundle;
// spec/ and dist/ never see them.
// The curl samples are not encoded here: the SDK call of the sample is made with the built SDK
// (packages/client/dist) over a fetch that keeps the request and sends nothing, and the curl
// command is written from that request (its method, URL, content type and body). The SDK's own
// query and form encoder thus writes both samples; docs/test/samples.test.ts type-checks every
// SDK sample and sends every curl sample to the mock.
import { readFileSync } from 'node:fs';
import { createOmnideskClient } from '../../packages/client/dist/esm/index.js';
import { exampleOf, operations, resolver } from './spec-walker.mjs';

/** @typedef {import('./spec-walker.mjs').SpecNode} SpecNode */
/** @typedef {import('./spec-walker.mjs').Operation} Operation */
/** @typedef {import('./spec-walker.mjs').Deref} Deref */
/** One sample of an operation, as Redoc reads `x-codeSamples`. */
/** @typedef {{ lang: 'TypeScript' | 'Shell', label: string, source: string }} CodeSample */

// The SDK's named types (issue 17): a sample declares its input with the type the method takes
// (`const input: CaseCreateParams = {...}`), read from the signatures of the generated SDK
// (packages/client/src/generated/sdk.ts, `export interface CasesResource { create(input: ...) }`).
const SDK_TYPES = new URL('../../packages/client/src/generated/sdk.ts', import.meta.url);
/** @type {Map<string, string> | undefined} */
let inputTypes;
/** `cases.create` → `CaseCreateParams`: the named type of each method's input or query argument. */
export function sdkInputTypes(source = readFileSync(SDK_TYPES, 'utf8')) {
  /** @type {Map<string, string>} */
  const types = new Map();
  for (const [, name, body] of source.matchAll(/^export interface (\w+)Resource \{\n([\s\S]*?)^\}/gm)) {
    const resource = name[0].toLowerCase() + name.slice(1);
    for (const [, method, args] of body.matchAll(/^ {2}(\w+)\(([^)]*)\): /gm)) {
      const arg = /\b(?:input|query)\??: ([A-Z]\w*)\b/.exec(args)?.[1];
      if (arg && !types.has(`${resource}.${method}`)) types.set(`${resource}.${method}`, arg);
    }
  }
  if (!types.size) throw new Error(`code-samples: no method signatures found in ${SDK_TYPES.pathname}`);
  return types;
}

const SETUP = [
  "import { createOmnideskClient } from '@omnidesk-openapi/client';",
  '',
  'const omnidesk = createOmnideskClient({',
  "  domain: 'yourcompany',",
  "  email: 'agent@yourcompany.com',",
  // `!`: under `strict` the variable is `string | undefined`; the sample reads it as set.
  '  apiKey: process.env.OMNIDESK_API_KEY!,',
  '});',
];
// Beyond the required ones, a sample shows this many optional query parameters (in declared order):
// enough to show the encoding without a call that filters on everything at once.
const MAX_OPTIONAL_QUERY = 3;

/** Follows a local `#/components/...` $ref of the bundle (one resolver per bundle). */
/** @type {WeakMap<SpecNode, Deref>} */
const resolvers = new WeakMap();
/**
 * @param {SpecNode} spec
 * @param {unknown} node
 */
function deref(spec, node) {
  let resolve = resolvers.get(spec);
  if (!resolve) resolvers.set(spec, (resolve = resolver(spec)));
  return resolve(node);
}

/**
 * The example of a parameter or media type (spec-walker's exampleOf), else its schema's default.
 * @param {SpecNode} spec
 * @param {SpecNode | undefined} holder
 * @returns {unknown}
 */
function sampleValue(spec, holder) {
  const example = exampleOf(holder, (node) => deref(spec, node));
  return example !== undefined || !holder ? example : deref(spec, holder.schema)?.default;
}

/**
 * A value of a parameter's type, where the spec gives no example.
 * @param {SpecNode} spec
 * @param {SpecNode} param
 */
function placeholder(spec, param) {
  const schema = deref(spec, param.schema) ?? {};
  if (schema.type === 'array') return [1];
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'boolean') return true;
  return 'value';
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// Single quotes unless the text holds one (then double), as a person would write it.
const jsString = (/** @type {unknown} */ s) => {
  const q = String(s).includes("'") && !String(s).includes('"') ? '"' : "'";
  return q + String(s).replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n') + q;
};

/**
 * A JavaScript literal, on one line when short, indented otherwise.
 * @param {unknown} value
 * @returns {string}
 */
function toJs(value, indent = '') {
  /** @type {(v: unknown) => string} */
  const inline = (v) => {
    if (v === null) return 'null';
    if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
    if (typeof v === 'object') {
      const entries = Object.entries(v).map(([k, x]) => `${IDENT.test(k) ? k : jsString(k)}: ${inline(x)}`);
      return entries.length ? `{ ${entries.join(', ')} }` : '{}';
    }
    return typeof v === 'string' ? jsString(v) : String(v);
  };
  const flat = inline(value);
  if (flat.length + indent.length <= 80 || value === null || typeof value !== 'object') return flat;
  const next = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${next}${toJs(v, next)},`).join('\n')}\n${indent}]`;
  const lines = Object.entries(value).map(([k, v]) => `${next}${IDENT.test(k) ? k : jsString(k)}: ${toJs(v, next)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

// JSON indented by two, with arrays of plain values kept on one line.
const prettyJson = (/** @type {unknown} */ value) =>
  JSON.stringify(value, null, 2).replace(
    /\[\s*\n\s*((?:[^[\]{}\n]+,\s*\n\s*)*[^[\]{}\n]+)\s*\n\s*\]/g,
    (_, /** @type {string} */ items) => `[${items.replace(/,\s*\n\s*/g, ', ')}]`,
  );

const shellSingle = (/** @type {string} */ s) => `'${s.replace(/'/g, "'\\''")}'`;
const shellDouble = (/** @type {string} */ s) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;

/**
 * The body's envelope key and inner object: `{"case": {...}}` → ['case', {...}].
 * @param {unknown} body
 * @returns {[string | undefined, unknown]}
 */
function unwrap(body) {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const keys = Object.keys(body);
    const inner = /** @type {Record<string, unknown>} */ (body)[keys[0]];
    if (keys.length === 1 && inner && typeof inner === 'object' && !Array.isArray(inner)) return [keys[0], inner];
  }
  return [undefined, body];
}

/**
 * Whether a schema is a `<Name>List` on the wire (objects keyed "0".."n-1").
 * @param {SpecNode} spec
 * @param {unknown} node
 * @returns {boolean}
 */
function isList(spec, node, depth = 0) {
  /** @type {SpecNode | undefined} */
  const schema = deref(spec, node);
  if (!schema || typeof schema !== 'object' || depth > 5) return false;
  if (schema.patternProperties && Object.keys(schema.patternProperties).some((k) => /\[0-9\]/.test(k))) return true;
  return ['oneOf', 'anyOf', 'allOf'].some((k) => (schema[k] ?? []).some((/** @type {unknown} */ s) => isList(spec, s, depth + 1)));
}

/**
 * The call a sample makes: the SDK method, and its path values and input from the spec's examples.
 * @typedef {object} SampleCall
 * @property {string} id the operation, for errors
 * @property {string} resource `x-sdk-resource` of its tag
 * @property {string} method `x-sdk-method`
 * @property {unknown[]} pathValues
 * @property {unknown} input the one input object (the query, or the body's inner object), if any
 * @property {boolean} hasBody
 * @property {boolean} multipart whether the body may be a multipart form (files)
 * @property {string} returns what the call's line starts with: `const result = `, or nothing
 */

/**
 * The call of one operation's samples.
 * @param {SpecNode} spec
 * @param {Operation} entry
 * @returns {SampleCall}
 */
function sampleCall(spec, { path, method, operation, parameters }) {
  const id = operation.operationId ?? `${method.toUpperCase()} ${path}`;
  const tag = (spec.tags ?? []).find((/** @type {SpecNode} */ t) => t.name === operation.tags?.[0]);
  const resource = tag?.['x-sdk-resource'];
  const sdkMethod = operation['x-sdk-method'];
  if (!resource || !sdkMethod) {
    throw new Error(`code-samples: ${id} needs x-sdk-method, and its first tag x-sdk-resource (spec/README.md)`);
  }

  const params = new Map(parameters.map((param) => [`${param.in}:${param.name}`, param]));
  const exampleValue = (/** @type {SpecNode} */ param) => sampleValue(spec, param) ?? placeholder(spec, param);

  const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathValues = pathNames.map((name) => {
    const param = params.get(`path:${name}`);
    if (!param) throw new Error(`code-samples: ${id} has no path parameter "${name}"`);
    return exampleValue(param);
  });

  const query = [...params.values()].filter((p) => p.in === 'query');
  const shown = [
    ...query.filter((p) => p.required),
    ...query.filter((p) => !p.required && exampleValue(p) !== undefined).slice(0, MAX_OPTIONAL_QUERY),
  ];
  const queryObject = Object.fromEntries(query.filter((p) => shown.includes(p)).map((p) => [p.name, exampleValue(p)]));

  const requestBody = deref(spec, operation.requestBody);
  const content = requestBody?.content ?? {};
  const jsonType = Object.keys(content).find((t) => /json/.test(t));
  const multipart = content['multipart/form-data'];
  const bodyExample = jsonType ? sampleValue(spec, content[jsonType]) : sampleValue(spec, multipart);
  const [, inner] = unwrap(bodyExample);

  // The SDK: path parameters positional, then one input object (query, or the body's inner object).
  const input = requestBody ? inner : Object.keys(queryObject).length ? queryObject : undefined;
  const ok = Object.entries(operation.responses ?? {}).find(([code]) => /^2/.test(code));
  const okResponse = ok && deref(spec, ok[1]);
  const okSchema = okResponse?.content && Object.values(okResponse.content)[0]?.schema;
  const list = isList(spec, okSchema);
  const returns = list ? 'const { items, total } = ' : okSchema ? 'const result = ' : '';
  return { id, resource, method: sdkMethod, pathValues, input, hasBody: Boolean(requestBody), multipart: Boolean(multipart), returns };
}

/**
 * The input of a call with `extra` fields, or undefined when it takes none.
 * @param {SampleCall} call
 * @param {Record<string, unknown>} [extra]
 */
const inputWith = ({ input }, extra) =>
  // The input is the spec's example of an object (a query, a body): spread as one.
  input === undefined && !extra ? undefined : { .../** @type {object} */ (input ?? {}), ...extra };

/**
 * The SDK sample's code: the input as a declared value of the method's named type, then the call
 * with it (and `extra` fields); the named types to import.
 * @param {SampleCall} call
 * @param {Record<string, unknown>} [extra]
 * @returns {{ imports: string[], lines: string[] }}
 */
function sdkCode(call, extra) {
  inputTypes ??= sdkInputTypes();
  const typeName = inputTypes.get(`${call.resource}.${call.method}`);
  const variable = call.hasBody ? 'input' : 'query';
  const value = inputWith(call, extra);
  const pathArgs = call.pathValues.map((v) => toJs(v));
  const callLine = (/** @type {string[]} */ args) => `${call.returns}await omnidesk.${call.resource}.${call.method}(${args.join(', ')});`;
  if (value === undefined) return { imports: [], lines: [callLine(pathArgs)] };
  if (!typeName) return { imports: [], lines: [callLine([...pathArgs, toJs(value)])] };
  return { imports: [typeName], lines: [`const ${variable}: ${typeName} = ${toJs(value)};`, callLine([...pathArgs, variable])] };
}

/**
 * The SDK samples of a call: plain, and with attachments when it takes files.
 * @param {SampleCall} call
 * @returns {CodeSample[]}
 */
function sdkSamples(call) {
  const setup = (/** @type {string[]} */ imports) => [
    imports.length
      ? `import { createOmnideskClient, ${imports.map((t) => `type ${t}`).join(', ')} } from '@omnidesk-openapi/client';`
      : SETUP[0],
  ];
  const plain = sdkCode(call);
  /** @type {CodeSample[]} */
  const samples = [
    { lang: 'TypeScript', label: 'SDK', source: [...setup(plain.imports), ...SETUP.slice(1), '', ...plain.lines].join('\n') },
  ];
  if (call.multipart) {
    const withFiles = sdkCode(call, { attachments: ['__FILE__'] });
    samples.push({
      lang: 'TypeScript',
      label: 'SDK (attachments)',
      source: [
        ...setup(withFiles.imports),
        "import { fileFromPath } from '@omnidesk-openapi/client/node';",
        ...SETUP.slice(1),
        '',
        // fileFromPath is async: the placeholder below becomes an awaited call.
        ...withFiles.lines.map((l) => l.replace("'__FILE__'", "await fileFromPath('file.pdf')")),
      ].join('\n'),
    });
  }
  return samples;
}

/**
 * A curl sample: the request the SDK makes for the sample's call (-g: no globbing of the brackets).
 * @param {SpecNode} spec
 * @param {SampleCall} call
 * @param {string} label
 * @param {Record<string, unknown>} [extra]
 * @returns {Promise<CodeSample>}
 */
async function curlSample(spec, call, label, extra) {
  const server = (spec.servers?.[0]?.url ?? 'https://{domain}.omnidesk.ru/api').replace(/\{domain\}/g, 'yourcompany');
  const input = inputWith(call, extra);
  const request = await sdkRequest(
    server,
    call.resource,
    call.method,
    [...call.pathValues, ...(input === undefined ? [] : [input])],
    call.id,
  );
  const head = [`curl -g -u "$OMNIDESK_EMAIL:$OMNIDESK_API_KEY"`];
  if (request.method !== 'GET') head.push(`-X ${request.method}`);
  const lines = [];
  const type = request.headers.get('content-type') ?? '';
  if (/json/.test(type)) {
    lines.push(`-H ${shellDouble(`Content-Type: ${type}`)}`, `-d ${shellSingle(prettyJson(JSON.parse(await request.text())))}`);
  } else if (/multipart\/form-data/.test(type)) {
    for (const [name, value] of await request.formData()) {
      if (typeof value === 'string') {
        // --form-string where curl would read a leading @ or <, or a `;type=`, as its own syntax.
        lines.push(`${/^[@<]|;/.test(value) ? '--form-string' : '-F'} ${shellDouble(`${name}=${value}`)}`);
      } else lines.push(`-F ${shellDouble(`${name}=@${value.name}`)}`);
    }
  } else if (request.body) {
    throw new Error(
      `code-samples: ${call.id}: the SDK sends a ${type || 'body without a content type'}, which no curl sample is written for`,
    );
  }
  lines.push(shellDouble(request.url));
  return {
    lang: 'Shell',
    label,
    source: [`${head.join(' ')} \\`, ...lines.map((l, i) => `  ${l}${i < lines.length - 1 ? ' \\' : ''}`)].join('\n'),
  };
}

/**
 * The samples of one operation: SDK, curl, and their multipart variants when the operation takes files.
 * @param {SpecNode} spec
 * @param {Operation} entry
 * @returns {Promise<CodeSample[]>}
 */
export async function samplesFor(spec, entry) {
  const call = sampleCall(spec, entry);
  const samples = sdkSamples(call);
  samples.push(await curlSample(spec, call, 'curl'));
  if (call.multipart) samples.push(await curlSample(spec, call, 'curl (multipart)', { attachments: [SAMPLE_FILE] }));
  return samples;
}

// The file of the multipart samples (`fileFromPath('file.pdf')` in the SDK sample).
const SAMPLE_FILE = { name: 'file.pdf', data: new Uint8Array([0x25, 0x50, 0x44, 0x46]), type: 'application/pdf' };
const CAPTURED = Symbol('captured');

/**
 * The Request the built SDK makes for `omnidesk[resource][method](...args)`, not sent anywhere.
 * @param {string} baseUrl
 * @param {string} resource
 * @param {string} method
 * @param {unknown[]} args
 * @param {string} id the operation, for errors
 * @returns {Promise<Request>}
 */
async function sdkRequest(baseUrl, resource, method, args, id) {
  /** @type {Request | undefined} */
  let request;
  const client = createOmnideskClient({
    baseUrl,
    email: 'agent@yourcompany.com',
    apiKey: 'sample',
    maxRetries: 0,
    fetch: async (r) => {
      request ??= r;
      throw CAPTURED;
    },
  });
  // Looked up by name: what the client holds under that name is checked before it is called.
  const call = /** @type {Record<string, Record<string, unknown> | undefined>} */ (/** @type {unknown} */ (client))[resource]?.[method];
  if (typeof call !== 'function') throw new Error(`code-samples: ${id}: the SDK has no omnidesk.${resource}.${method}()`);
  try {
    await call(...args);
  } catch (error) {
    if (!request)
      throw new Error(`code-samples: ${id}: the SDK refused the sample's call: ${error instanceof Error ? error.message : error}`);
  }
  if (!request) throw new Error(`code-samples: ${id}: the SDK call made no request`);
  return request;
}

/** Adds `x-codeSamples` to every operation of `spec` (a docs-only copy: it is changed in place). */
export async function addCodeSamples(/** @type {SpecNode} */ spec) {
  let count = 0;
  for (const entry of operations(spec, (node) => deref(spec, node))) {
    entry.operation['x-codeSamples'] = await samplesFor(spec, entry);
    count++;
  }
  return count;
}
