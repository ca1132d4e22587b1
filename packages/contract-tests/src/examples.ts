// The example values of the bundled spec, read from the bundle itself: the tests send the spec's
// request examples and compare the SDK's results against the spec's response examples (which
// Prism serves verbatim), instead of keeping copies that would drift from the spec.

import type { components, operations } from '@omnidesk-openapi/client';
import {
  type Deref,
  exampleOf,
  type Operation,
  operationsById,
  readBundle,
  resolver,
  type SpecNode,
  successStatuses,
} from '../../../scripts/generate/spec-walker.mjs';
import { bundlePath, type OperationId } from './bundle.js';
import { recordOf } from './json.js';

// The examples are typed by the SDK's generated types: the spec's own tests
// (packages/spec-tests/test/examples.test.ts) check every example against its schema.
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<Id extends OperationId> = operations[Id]['responses'];
/** The JSON body of an operation's success answer, as the generated types have it. */
export type SuccessBody<Id extends OperationId> = JsonContent<Responses<Id>[Extract<keyof Responses<Id>, 200 | 201 | 202>]>;
/** The JSON request body of an operation, as the generated types have it. */
export type RequestBody<Id extends OperationId> = operations[Id] extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;
/** The body of an error answer (`{"error": "case_not_found"}`). */
export type ErrorBody = components['schemas']['Error'];

type ParameterLocation = 'path' | 'query' | 'header';
/** The operation's parameters in one location, by name; `never` when it has none there. */
type ParametersIn<Id extends OperationId, In extends ParameterLocation> = Exclude<operations[Id]['parameters'][In], undefined>;
// `keyof never` is every key, so a location without parameters is ruled out first.
type NamesOf<T> = [T] extends [never] ? never : keyof T & string;
type ValueOf<T, Name> = [T] extends [never] ? never : Name extends keyof T ? T[Name] : never;
/** The names of an operation's parameters (path, query and header). */
export type ParameterName<Id extends OperationId> = Id extends OperationId
  ? { [In in ParameterLocation]: NamesOf<ParametersIn<Id, In>> }[ParameterLocation]
  : never;
/** A parameter's value, as the generated types have it. */
export type ParameterValue<Id extends OperationId, Name extends string> = Id extends OperationId
  ? { [In in ParameterLocation]: ValueOf<ParametersIn<Id, In>, Name> }[ParameterLocation]
  : never;
/** The query of an operation, as the generated types have it. */
export type Query<Id extends OperationId> = ParametersIn<Id, 'query'>;

let spec: SpecNode | undefined;
let derefInSpec: Deref | undefined;
function bundle(): SpecNode {
  spec ??= readBundle(bundlePath);
  return spec;
}
/** Follows local `$ref`s (`#/components/...`). */
function deref(node: unknown): SpecNode | undefined {
  if (!derefInSpec) derefInSpec = resolver(bundle());
  return derefInSpec(node);
}

let byId: Map<string, Operation> | undefined;
/** The operation, and its parameters merged with its path item's (the bundle walked once). */
function findOperation(operationId: string): Operation {
  if (!byId) byId = operationsById(bundle(), deref);
  const found = byId.get(operationId);
  if (!found) throw new Error(`examples: no operation ${operationId} in ${bundlePath}`);
  return found;
}

/** `example`, or `examples[name]` (the first one when no name is given) of a media type object. */
function pick(media: SpecNode | undefined, where: string, name?: string): unknown {
  if (!media) throw new Error(`examples: ${where} has no application/json content`);
  if (name === undefined && media.example !== undefined) return structuredClone(media.example);
  const examples: SpecNode = media.examples ?? {};
  const key = name ?? Object.keys(examples)[0];
  if (key === undefined || !(key in examples)) {
    throw new Error(`examples: ${where} has no example${name ? ` "${name}"` : ''} (has ${Object.keys(examples).join(', ') || 'none'})`);
  }
  return structuredClone(deref(examples[key])?.value);
}

/** The JSON media type of a response or request body. */
function jsonContent(holder: unknown): SpecNode | undefined {
  return deref(holder)?.content?.['application/json'];
}

/** The names of the JSON examples of the operation's success answer. */
export function responseExampleNames(operationId: string): string[] {
  const { operation } = findOperation(operationId);
  const code = successStatuses(operation)[0]!;
  return Object.keys(jsonContent(operation.responses[code])?.examples ?? {});
}

/** The body of the operation's (first) success answer, as Prism serves it: `{"case": {...}}`. */
// A named example is one branch of the body's union (the bulk answer, the empty page).
export function responseExample<Id extends OperationId>(operationId: Id, name?: string): SuccessBody<Id>;
export function responseExample(operationId: OperationId, name?: string): unknown {
  const { operation } = findOperation(operationId);
  const code = successStatuses(operation)[0];
  if (!code) throw new Error(`examples: ${operationId} declares no 2xx answer`);
  return pick(jsonContent(operation.responses[code]), `${operationId} ${code}`, name);
}

/** The body of an error answer the operation declares (`404` → `{"error": "case_not_found"}`). */
export function errorExample(operationId: string, code: string): ErrorBody {
  const { operation } = findOperation(operationId);
  const where = `${operationId} ${code}`;
  const body = recordOf(pick(jsonContent(operation.responses[code]), where), `examples: ${where}`);
  if (typeof body.error !== 'string') throw new Error(`examples: ${where} has no error code`);
  return { ...body, error: body.error };
}

/** The JSON request body example, as the API takes it: `{"case": {...}}`. */
export function requestExample<Id extends OperationId>(operationId: Id, name?: string): RequestBody<Id>;
export function requestExample(operationId: OperationId, name?: string): unknown {
  const { operation } = findOperation(operationId);
  return pick(jsonContent(operation.requestBody), `${operationId} request`, name);
}

/** A parameter's example (`case_id` → 2000, `status` → ['open', 'waiting']). */
export function parameterExample<Id extends OperationId, Name extends ParameterName<Id>>(
  operationId: Id,
  name: Name,
): ParameterValue<Id, Name>;
export function parameterExample(operationId: OperationId, name: string): unknown {
  const param = findOperation(operationId).parameters.find((p) => p.name === name);
  if (!param) throw new Error(`examples: ${operationId} has no parameter ${name}`);
  const example = exampleOf(param, deref);
  if (example === undefined) throw new Error(`examples: ${operationId} parameter ${name} has no example`);
  return structuredClone(example);
}

/** Every query parameter example of the operation, by name (a realistic full filter). */
export function queryExamples<Id extends OperationId>(operationId: Id, options?: { except?: string[] }): Partial<Query<Id>>;
export function queryExamples(operationId: OperationId, { except = [] as string[] } = {}): unknown {
  const out: Record<string, unknown> = {};
  for (const param of findOperation(operationId).parameters) {
    if (param.in !== 'query' || except.includes(param.name)) continue;
    out[param.name] = parameterExample(operationId, param.name);
  }
  return out;
}

/**
 * What a list answer means, read off the wire shape by hand: the entries keyed "0".."n-1" in
 * order, each unwrapped from its envelope, and `total_count`. The SDK's `{ items, total }` must
 * equal it.
 */
export function pageOf(answer: unknown, key: string): { items: unknown[]; total: number } {
  const body = recordOf(answer, 'examples: the list answer');
  const indexes = Object.keys(body)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b));
  if (indexes.length === 0) throw new Error(`examples: the answer has no entries: ${JSON.stringify(body).slice(0, 200)}`);
  return { items: indexes.map((k) => recordOf(body[k], `examples: entry ${k}`)[key]), total: Number(body.total_count) };
}

/**
 * Like pageOf, for the lists that come whole and carry no total_count (the leaderboards, staff
 * roles and statuses): `total` is the number of entries, as the SDK computes it.
 */
export function wholeListOf(body: unknown, key: string): { items: unknown[]; total: number } {
  const { items } = pageOf(body, key);
  return { items, total: items.length };
}

type HeaderName = keyof components['headers'];
/** The example of a shared response header (`retry_after` → 12), as Prism sends it. */
export function headerExample<Name extends HeaderName>(name: Name): components['headers'][Name];
export function headerExample(name: HeaderName): unknown {
  const header = deref(bundle().components?.headers?.[name]);
  if (header?.example === undefined) throw new Error(`examples: no header ${name} with an example`);
  return header.example;
}
