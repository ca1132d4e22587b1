// Type cost: `tsc --noEmit --extendedDiagnostics` on consumer files of the built SDK, the way an
// app's compiler sees it (strict, NodeNext, skipLibCheck). The every-operation consumer is
// generated from dist/openapi.json: one call per operation, with the least valid input (path
// ids, required query parameters, required body fields).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { operationsById, readBundle, resolver } from '../generate/spec-walker.mjs';
import { clientEntry, int, median, root, table } from './lib.mjs';

/** @typedef {import('../generate/spec-walker.mjs').SpecNode} SpecNode */
/** @typedef {import('../generate/spec-walker.mjs').Deref} Deref */
/** @typedef {import('../../packages/client/src/runtime.js').OperationMeta} OperationMeta */

const consumerOptions = JSON.parse(readFileSync(join(root, 'scripts/consumer-tsconfig.json'), 'utf8')).compilerOptions;

const tsc = join(root, 'node_modules/typescript/bin/tsc');

/**
 * Own and allOf parts' properties and required names, plus the first branch of each anyOf/oneOf.
 * @param {unknown} schema
 * @param {Deref} deref
 * @param {{ properties: Record<string, unknown>, required: Set<string> }} [shape]
 */
function objectShape(schema, deref, shape = { properties: {}, required: new Set() }) {
  const s = deref(schema) ?? {};
  Object.assign(shape.properties, s.properties);
  for (const name of s.required ?? []) shape.required.add(name);
  for (const part of s.allOf ?? []) objectShape(part, deref, shape);
  const branches = s.oneOf ?? s.anyOf;
  if (branches) objectShape(branches[0], deref, shape);
  return shape;
}

const isObject = (/** @type {SpecNode} */ s) =>
  s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || s.properties || s.required;

/**
 * The least value a schema accepts, as far as the generated TypeScript types can tell.
 * @param {unknown} schema
 * @param {Deref} deref
 * @returns {unknown}
 */
function sample(schema, deref, depth = 0) {
  /** @type {SpecNode} */
  const s = deref(schema) ?? {};
  if (depth > 8) return undefined;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum.find((v) => v !== null) ?? null;
  if (isObject(s) || s.allOf?.some((/** @type {unknown} */ p) => isObject(deref(p) ?? {}))) {
    const { properties, required } = objectShape(s, deref);
    return Object.fromEntries([...required].map((name) => [name, sample(properties[name] ?? {}, deref, depth + 1)]));
  }
  const branches = s.oneOf ?? s.anyOf ?? s.allOf;
  if (branches) return sample(branches[0], deref, depth + 1);
  const type =
    (Array.isArray(s.type) ? s.type.filter((/** @type {string} */ t) => t !== 'null') : [s.type])[0] ?? (s.items ? 'array' : undefined);
  switch (type) {
    case 'string':
      return 'x';
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return s.minItems > 0 ? Array.from({ length: s.minItems }, () => sample(s.items, deref, depth + 1)) : [];
    default:
      return {};
  }
}

/** The source of a consumer calling every operation of the built SDK once. */
export async function everyOperationConsumer() {
  const spec = readBundle(join(root, 'dist/openapi.json'));
  const deref = resolver(spec);
  const byId = operationsById(spec, deref);
  /** @type {{ operationTable: OperationMeta[] }} */
  const { operationTable } = await import(pathToFileURL(clientEntry.replace(/index\.js$/, 'generated/sdk.js')).href);
  /** @type {string[]} */
  const lines = [];
  for (const meta of operationTable) {
    // The SDK was generated from this bundle: each of its operations is there.
    const { operation: op, parameters } = /** @type {import('../generate/spec-walker.mjs').Operation} */ (byId.get(meta.operationId));
    /** @type {string[]} the call's arguments, as TypeScript */
    const args = meta.pathParams.map((p) => (p.type === 'string' ? '"x"' : '1'));
    if (meta.body) {
      const content = deref(op.requestBody).content;
      let body = sample((content['application/json'] ?? Object.values(content)[0]).schema, deref);
      if (meta.body.envelope) body = /** @type {Record<string, unknown> | undefined} */ (body)?.[meta.body.envelope] ?? {};
      args.push(JSON.stringify(body));
    } else {
      const required = parameters.filter((p) => p.in === 'query' && p.required);
      if (required.length) args.push(JSON.stringify(Object.fromEntries(required.map((p) => [p.name, sample(p.schema, deref)]))));
    }
    lines.push(`  const ${meta.operationId} = await omnidesk.${meta.resource}.${meta.method}(${args.join(', ')});`);
  }
  return {
    count: operationTable.length,
    source: `import { createOmnideskClient } from ${JSON.stringify(clientEntry)};

const omnidesk = createOmnideskClient({ domain: 'yourcompany', email: 'agent@example.com', apiKey: 'key' });

export async function everyOperation() {
${lines.join('\n')}
  return [${operationTable.map((m) => m.operationId).join(', ')}] as const;
}
`,
  };
}

const importOnly = `import { createOmnideskClient } from ${JSON.stringify(clientEntry)};

export const omnidesk = createOmnideskClient({ domain: 'yourcompany', email: 'agent@example.com', apiKey: 'key' });
`;

/**
 * tsc's diagnostics on one consumer file, written into `dir`.
 * @param {string} dir
 * @param {string} file
 * @param {string} source
 */
function diagnostics(dir, file, source) {
  writeFileSync(join(dir, file), source);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...consumerOptions, types: [] },
      files: [file],
    }),
  );
  const r = spawnSync(process.execPath, [tsc, '-p', dir, '--extendedDiagnostics'], { encoding: 'utf8' });
  const out = r.stdout + r.stderr;
  const errors = out
    .split('\n')
    .filter((l) => /error TS\d+/.test(l))
    .map((l) => l.replace(/^.*consumer\.ts/, 'consumer.ts'));
  const read = (/** @type {string} */ label) => {
    const m = out.match(new RegExp(`^${label}:\\s+([\\d.]+)(K|s)?`, 'm'));
    if (!m) throw new Error(`bench: no "${label}" in tsc's output:\n${out}`);
    return Number(m[1]);
  };
  return {
    errors,
    instantiations: read('Instantiations'),
    types: read('Types'),
    memoryMB: read('Memory used') / 1024,
    checkTime: read('Check time'),
    totalTime: read('Total time'),
  };
}

/** @param {{ runs?: number, log?: (line: string) => void }} [options] */
export async function runTypes({ runs = 3, log = console.error } = {}) {
  const every = await everyOperationConsumer();
  const consumers = {
    'empty file': 'export {};\n',
    'imports the client, no call': importOnly,
    [`calls every operation (${every.count})`]: every.source,
  };
  const dir = mkdtempSync(join(tmpdir(), 'omnidesk-bench-types-'));
  try {
    /** @type {Record<string, ReturnType<typeof diagnostics>>} the figures of each consumer */
    const results = {};
    for (const [name, source] of Object.entries(consumers)) {
      log(`bench: tsc, ${name}`);
      const r = Array.from({ length: runs }, () => diagnostics(dir, 'consumer.ts', source));
      const counts = new Set(r.map((x) => x.instantiations));
      if (counts.size !== 1) throw new Error(`bench: instantiation counts differ between runs: ${[...counts]}`);
      results[name] = {
        errors: r[0].errors,
        instantiations: r[0].instantiations,
        types: r[0].types,
        memoryMB: median(r.map((x) => x.memoryMB)),
        checkTime: median(r.map((x) => x.checkTime)),
        totalTime: median(r.map((x) => x.totalTime)),
      };
    }
    return { runs, results, typescript: JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')).version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @typedef {Awaited<ReturnType<typeof runTypes>>} TypesResults */

export function typesMarkdown(/** @type {TypesResults} */ t) {
  const rows = Object.entries(t.results).map(([name, r]) => [
    name,
    int(r.instantiations),
    int(r.types),
    `${int(r.memoryMB)} MB`,
    `${r.checkTime.toFixed(2)} s`,
    `${r.totalTime.toFixed(2)} s`,
    String(r.errors.length),
  ]);
  const failing = Object.entries(t.results).filter(([, r]) => r.errors.length);
  return [
    '## Type cost',
    '',
    `\`tsc --noEmit --extendedDiagnostics\` (TypeScript ${t.typescript}; strict, NodeNext, skipLibCheck) on a consumer`,
    'file of the built SDK. The every-operation consumer is generated from `dist/openapi.json` (one call per',
    'operation with its least valid input) by `scripts/bench/types.mjs`. Instantiations and types are',
    `deterministic counts; memory and times are the median of ${t.runs} runs.`,
    '',
    table(['consumer', 'instantiations', 'types', 'memory', 'check time', 'total time', 'type errors'], rows),
    ...(failing.length
      ? [
          '',
          "Type errors in the generated consumer (its least valid input, or the SDK's types, is wrong):",
          '',
          '```',
          ...failing.flatMap(([, r]) => r.errors.slice(0, 20)),
          '```',
        ]
      : []),
  ].join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  if (process.argv.includes('--print-consumer')) console.log((await everyOperationConsumer()).source);
  else console.log(typesMarkdown(await runTypes()));
}
