// The coverage check: does an operation of the spec carry everything one documented call of the
// docs inventory names (parameters, request and response fields, multipart fields)? Kept apart
// from coverage.test.ts so that the checker itself can be tested on small hand-made specs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolver } from '../../../scripts/generate/spec-walker.mjs';
import { type Operation, operations } from './bundle.js';

// ---- the inventory (inventory/docs-inventory.json, made by scripts/extract-docs-inventory.mjs)

export interface DocsParameter {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface DocsShape {
  fields: string[];
  dynamic: string[];
}

export interface DocsCall {
  line: number;
  method: string;
  path: string;
  normalizedPath: string;
  summary: string;
  notes: string[];
  variant: 'multipart' | null;
  parameters: DocsParameter[];
  request: (DocsShape & { line: number; examples: number }) | null;
  multipartFields: { name: string; written: string }[];
  responses: (DocsShape & { heading: string; line: number; status?: number; examples: number })[];
}

export interface Inventory {
  source: string;
  sourceSha256: string;
  callCount: number;
  pairCount: number;
  calls: DocsCall[];
}

export type Place = 'parameter' | 'request' | 'response' | 'multipart';

export type Decision =
  | { kind: 'rename'; calls: string[]; in: Place[]; docs: string; spec: string; reason: string }
  | { kind: 'fault'; calls: string[]; in: Place[]; docs: string; reason: string }
  | { kind: 'path-parameter'; calls: string[]; docs: string; spec: string; reason: string }
  | { kind: 'path'; calls: string[]; spec: string; reason: string }
  | { kind: 'extra-operation'; method: string; path: string; reason: string };

export const inventoryPath = fileURLToPath(new URL('../inventory/docs-inventory.json', import.meta.url));
export const decisionsPath = fileURLToPath(new URL('../inventory/decisions.json', import.meta.url));

export function loadInventory(): Inventory {
  return JSON.parse(readFileSync(inventoryPath, 'utf8'));
}

export function loadDecisions(): Decision[] {
  return JSON.parse(readFileSync(decisionsPath, 'utf8')).decisions;
}

export const callLabel = (call: DocsCall) => `${call.method} ${call.path} (line ${call.line})`;

// ---- paths

/** `/cases/{case_id}.json` and the docs' `/cases/[id].json` both become `/cases/{}.json`. */
export const normalizeSpecPath = (path: string) => path.replace(/\{[^}]*\}/g, '{}');
const specPlaceholders = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
const docsPlaceholders = (path: string) => [...path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1].replace(/\(.*$/, ''));

// ---- decisions

function globToRegExp(glob: string) {
  return new RegExp(
    `^${glob
      .split('*')
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export function decisionMatches(decision: Decision, call: DocsCall) {
  if (decision.kind === 'extra-operation') return false;
  return decision.calls.some((glob) => globToRegExp(glob).test(`${call.method} ${call.path}`));
}

const segments = (path: string) => path.split(/\.|\[\]/).filter(Boolean);
// A fault names a field path; it covers that field and everything under it.
const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`);
// The name a bracketed multipart field starts with (`note` for `note[content]`) and its segments.
const bracketSegments = (name: string) => name.split(/[[\]]+/).filter(Boolean);

/** Does `name` occur where the decision says, in this call? (An entry that never does is dead.) */
export function decisionApplies(decision: Decision, call: DocsCall): boolean {
  if (!decisionMatches(decision, call)) return false;
  switch (decision.kind) {
    case 'path':
      return true;
    case 'path-parameter':
      return docsPlaceholders(call.path).includes(decision.docs);
    case 'fault':
      return decision.in.some((place) => {
        if (place === 'parameter') return call.parameters.some((p) => p.name === decision.docs);
        if (place === 'request') return (call.request?.fields ?? []).some((f) => isUnder(f, decision.docs));
        if (place === 'response') return call.responses.some((r) => r.fields.some((f) => isUnder(f, decision.docs)));
        return call.multipartFields.some((f) => bracketSegments(f.name).includes(decision.docs));
      });
    case 'rename':
      return decision.in.some((place) => {
        if (place === 'parameter') return call.parameters.some((p) => p.name === decision.docs);
        if (place === 'request') return (call.request?.fields ?? []).some((f) => segments(f).includes(decision.docs));
        if (place === 'response') return call.responses.some((r) => r.fields.some((f) => segments(f).includes(decision.docs)));
        return call.multipartFields.some((f) => bracketSegments(f.name).includes(decision.docs));
      });
    default:
      return false;
  }
}

/** What the spec is expected to hold for one call, after the decisions are applied. */
export interface Expected {
  specPath: string | null; // an exact spec path, when a `path` decision names one
  parameters: DocsParameter[];
  requestFields: string[];
  requestDynamic: string[];
  responseFields: string[];
  responseDynamic: string[];
  multipartFields: { name: string; written: string }[];
  pathParameters: { index: number; name: string }[];
}

export function expectedFor(call: DocsCall, decisions: Decision[]): Expected {
  const mine = decisions.filter((d) => decisionMatches(d, call));
  const renames = (place: Place) =>
    mine.filter((d): d is Extract<Decision, { kind: 'rename' }> => d.kind === 'rename' && d.in.includes(place));
  const faults = (place: Place) =>
    mine.filter((d): d is Extract<Decision, { kind: 'fault' }> => d.kind === 'fault' && d.in.includes(place));

  // Dotted field paths: rename whole segments, drop faults and everything under them.
  const fieldPaths = (paths: string[], place: Place) =>
    paths
      .filter((p) => !faults(place).some((f) => isUnder(p, f.docs)))
      .map((p) => renames(place).reduce((acc, r) => acc.replace(/[^.[\]]+/g, (seg) => (seg === r.docs ? r.spec : seg)), p));
  const bracketName = (name: string) =>
    renames('multipart').reduce((acc, r) => acc.replace(/[^[\]]+/g, (seg) => (seg === r.docs ? r.spec : seg)), name);

  const pathDecision = mine.find((d): d is Extract<Decision, { kind: 'path' }> => d.kind === 'path');
  const placeholders = docsPlaceholders(call.path);
  return {
    specPath: pathDecision?.spec ?? null,
    parameters: call.parameters
      .filter((p) => !faults('parameter').some((f) => f.docs === p.name))
      .map((p) => ({ ...p, name: renames('parameter').find((r) => r.docs === p.name)?.spec ?? p.name })),
    requestFields: fieldPaths(call.request?.fields ?? [], 'request'),
    requestDynamic: fieldPaths(call.request?.dynamic ?? [], 'request'),
    responseFields: fieldPaths([...new Set(call.responses.flatMap((r) => r.fields))].sort(), 'response'),
    responseDynamic: fieldPaths([...new Set(call.responses.flatMap((r) => r.dynamic))].sort(), 'response'),
    multipartFields: call.multipartFields
      .filter((f) => !faults('multipart').some((d) => bracketSegments(f.name).includes(d.docs)))
      .map((f) => ({ name: bracketName(f.name), written: bracketName(f.written) })),
    pathParameters: mine
      .filter((d): d is Extract<Decision, { kind: 'path-parameter' }> => d.kind === 'path-parameter')
      .flatMap((d) => placeholders.flatMap((name, index) => (name === d.docs ? [{ index, name: d.spec }] : []))),
  };
}

// ---- schemas

type Schema = Record<string, any>;

export class SchemaWalker {
  /** `$ref`s resolved by the one spec walker's resolver (scripts/generate/spec-walker.mjs). */
  readonly resolve: (node: any) => any;

  constructor(spec: Schema) {
    this.resolve = resolver(spec);
  }

  /** The schema and every schema it stands for through $ref, allOf, anyOf and oneOf. */
  variants(schema: any, seen = new Set<any>()): Schema[] {
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
    seen.add(schema);
    const out: Schema[] = [schema];
    if (typeof schema.$ref === 'string') out.push(...this.variants(this.resolve(schema), seen));
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      for (const sub of schema[key] ?? []) out.push(...this.variants(sub, seen));
    }
    return out;
  }

  /**
   * The schemas a named key may have. `properties` and matching `patternProperties` count;
   * `additionalProperties` does not (it would let any misspelt name pass). The docs' paths skip
   * list-entry keys ("0", "1"), so entries of a numeric `patternProperties` are looked into too.
   */
  child(schema: any, key: string, seen = new Set<any>()): Schema[] {
    const out: Schema[] = [];
    for (const v of this.variants(schema)) {
      if (v.properties && Object.hasOwn(v.properties, key)) out.push(v.properties[key]);
      for (const [pattern, sub] of Object.entries<any>(v.patternProperties ?? {})) {
        // `true` leaves a key to the other parts of an allOf (the lists' `^(?![0-9]+$)`): no schema for it.
        if (sub === true) continue;
        const re = new RegExp(pattern, 'u');
        if (re.test(key)) out.push(sub);
        else if (re.test('0') && !seen.has(sub)) {
          seen.add(sub);
          out.push(...this.child(sub, key, seen));
        }
      }
    }
    return out;
  }

  items(schema: any): Schema[] {
    return this.variants(schema).flatMap((v) => [
      ...(v.items && typeof v.items === 'object' ? [v.items] : []),
      ...(Array.isArray(v.prefixItems) ? v.prefixItems : []),
    ]);
  }

  /** The schemas at a docs field path (`case.custom_fields`, `message.attachments[].url`). */
  at(roots: any[], path: string): Schema[] {
    let current = roots;
    for (const token of path.match(/\[\]|[^.[\]]+/g) ?? []) {
      current = current.flatMap((s) => (token === '[]' ? this.items(s) : this.child(s, token)));
      if (!current.length) return [];
    }
    return current;
  }

  /** A map keyed by ids (`cf_25`, language "1"): typed `additionalProperties` or `patternProperties`. */
  isMap(schemas: any[]): boolean {
    return schemas
      .flatMap((s) => this.variants(s))
      .some(
        (v) =>
          Object.keys(v.patternProperties ?? {}).length > 0 ||
          (v.additionalProperties && typeof v.additionalProperties === 'object' && Object.keys(v.additionalProperties).length > 0),
      );
  }

  /** Is `name` in a `required` list of the schema or of one of its variants (anyOf of required lists)? */
  isRequired(schemas: any[], name: string): boolean {
    return schemas.flatMap((s) => this.variants(s)).some((v) => Array.isArray(v.required) && v.required.includes(name));
  }
}

// ---- the check of one call

export function findOperation(spec: Schema, call: DocsCall, expected: Expected): Operation | undefined {
  const target = expected.specPath ? normalizeSpecPath(expected.specPath) : call.normalizedPath;
  return operations(spec).find((o) => o.method === call.method && normalizeSpecPath(o.path) === target);
}

const list = (what: string, names: string[]) => (names.length ? [`${what}: ${names.join(', ')}`] : []);

/** Everything the docs name for this call that the spec lacks, as readable lines; [] when covered. */
export function coverageProblems(spec: Schema, call: DocsCall, decisions: Decision[]): string[] {
  const expected = expectedFor(call, decisions);
  const found = findOperation(spec, call, expected);
  if (!found) return [`no operation ${call.method} ${expected.specPath ?? call.normalizedPath} in the spec`];
  const walk = new SchemaWalker(spec);
  const { op, path } = found;
  const problems: string[] = [];

  const specPathNames = specPlaceholders(path);
  problems.push(
    ...list(
      'path parameters named otherwise than decided',
      expected.pathParameters
        .filter((p) => specPathNames[p.index] !== p.name)
        .map((p) => `{${specPathNames[p.index]}} should be {${p.name}}`),
    ),
  );

  const params = (op.parameters ?? []).map((p: any) => walk.resolve(p));
  const media = (type: string) => walk.resolve(op.requestBody)?.content?.[type]?.schema;

  if (call.variant === 'multipart') {
    // The "with files" calls document their fields by curl -F only: `case[attachments][0]`.
    const form = media('multipart/form-data');
    if (!form) problems.push('no multipart/form-data request body');
    else {
      // Bracket names are whole property names of the form, not paths.
      const covered = (f: { name: string; written: string }) =>
        walk.child(form, f.written).length > 0 || walk.child(form, f.name).length > 0;
      problems.push(
        ...list(
          'missing multipart fields',
          expected.multipartFields.filter((f) => !covered(f)).map((f) => f.written),
        ),
      );
    }
  } else {
    const json = media('application/json');
    // The body's wrapper object(s), as the request example shows them (`{"case": {...}}`).
    const wrappers = expected.requestFields.filter((f) => !/[.[]/.test(f));
    const bodyRoots = json ? (wrappers.length ? wrappers.flatMap((w) => walk.at([json], w)) : [json]) : [];
    const missing: string[] = [];
    const notRequired: string[] = [];
    for (const p of expected.parameters) {
      const asParameter = params.find((q: any) => q?.name === p.name && (q.in === 'query' || q.in === 'path'));
      // GET has no body: its parameters must be query parameters.
      const inBody = call.method !== 'GET' ? bodyRoots.flatMap((root) => walk.child(root, p.name)) : [];
      if (!asParameter && !inBody.length) missing.push(p.name);
      else if (p.required && !(asParameter?.required === true || walk.isRequired(bodyRoots, p.name))) notRequired.push(p.name);
    }
    problems.push(...list('missing parameters', missing));
    problems.push(...list('parameters the docs mark required (*) but the spec does not', notRequired));
    if (call.request) {
      if (!json) problems.push('no application/json request body');
      else {
        problems.push(
          ...list(
            'missing request fields',
            expected.requestFields.filter((f) => !walk.at([json], f).length),
          ),
        );
        problems.push(
          ...list(
            'request fields that are not maps',
            expected.requestDynamic.filter((f) => !walk.isMap(walk.at([json], f))),
          ),
        );
      }
    }
  }

  const success = Object.entries<any>(op.responses ?? {})
    .filter(([status]) => /^2/.test(status))
    .map(([, r]) => walk.resolve(r));
  if (!success.length) problems.push('no 2xx response');
  else if (expected.responseFields.length) {
    const roots = success.map((r) => r?.content?.['application/json']?.schema).filter(Boolean);
    if (!roots.length) problems.push('no application/json success response');
    else {
      problems.push(
        ...list(
          'missing response fields',
          expected.responseFields.filter((f) => !walk.at(roots, f).length),
        ),
      );
      problems.push(
        ...list(
          'response fields that are not maps',
          expected.responseDynamic.filter((f) => !walk.isMap(walk.at(roots, f))),
        ),
      );
    }
  }
  return problems;
}

/** Spec operations that no documented call (nor a `path` decision) accounts for. */
export function undocumentedOperations(spec: Schema, inventory: Inventory, decisions: Decision[]): Operation[] {
  const documented = new Set(
    inventory.calls.map((call) => {
      const { specPath } = expectedFor(call, decisions);
      return `${call.method} ${specPath ? normalizeSpecPath(specPath) : call.normalizedPath}`;
    }),
  );
  return operations(spec).filter((o) => !documented.has(`${o.method} ${normalizeSpecPath(o.path)}`));
}
