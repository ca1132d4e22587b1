// The example values of the bundled spec, read from the bundle itself: the tests send the spec's
// request examples and compare the SDK's results against the spec's response examples (which
// Prism serves verbatim), instead of keeping copies that would drift from the spec.

import type { operations } from '@omnidesk-openapi/client';
import {
  type Operation,
  operationsById,
  readBundle,
  resolver,
  type SpecNode,
  successStatuses,
} from '../../../scripts/generate/spec-walker.mjs';
import { bundlePath, type OperationId } from './bundle.js';

type Json = any;
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<Id extends OperationId> = operations[Id]['responses'];
/** The JSON body of an operation's success answer, as the generated types have it. */
export type SuccessBody<Id extends OperationId> = JsonContent<Responses<Id>[Extract<keyof Responses<Id>, 200 | 201 | 202>]>;
/** The JSON request body of an operation, as the generated types have it. */
export type RequestBody<Id extends OperationId> = operations[Id] extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

let spec: SpecNode | undefined;
let derefInSpec: ((node: unknown) => Json) | undefined;
function bundle(): SpecNode {
  spec ??= readBundle(bundlePath);
  return spec;
}
/** Follows local `$ref`s (`#/components/...`). */
function deref(node: unknown): Json {
  if (!derefInSpec) derefInSpec = resolver(bundle());
  return derefInSpec(node);
}

let byId: Map<string, Operation> | undefined;
/** The operation object, and its parameters merged with its path item's (the bundle walked once). */
function findOperation(operationId: string): { op: Json; parameters: Json[] } {
  if (!byId) byId = operationsById(bundle(), deref);
  const found = byId.get(operationId);
  if (!found) throw new Error(`examples: no operation ${operationId} in ${bundlePath}`);
  return { op: found.operation, parameters: found.parameters };
}

/** `example`, or `examples[name]` (the first one when no name is given) of a media type object. */
function pick(media: Json, where: string, name?: string): Json {
  if (!media) throw new Error(`examples: ${where} has no application/json content`);
  if (name === undefined && media.example !== undefined) return structuredClone(media.example);
  const examples = media.examples ?? {};
  const key = name ?? Object.keys(examples)[0];
  if (key === undefined || !(key in examples)) {
    throw new Error(`examples: ${where} has no example${name ? ` "${name}"` : ''} (has ${Object.keys(examples).join(', ') || 'none'})`);
  }
  return structuredClone(deref(examples[key]).value);
}

/** The names of the JSON examples of the operation's success answer. */
export function responseExampleNames(operationId: string): string[] {
  const { op } = findOperation(operationId);
  const code = successStatuses(op)[0]!;
  return Object.keys(deref(op.responses[code]).content?.['application/json']?.examples ?? {});
}

/** The body of the operation's (first) success answer, as Prism serves it: `{"case": {...}}`. */
// A named example is one branch of the body's union (the bulk answer, the empty page): typed as
// the wire JSON it is, checked against its schema by the spec's own tests (examples.test.ts).
export function responseExample<Id extends OperationId>(operationId: Id): SuccessBody<Id>;
export function responseExample(operationId: OperationId, name: string): Json;
export function responseExample(operationId: OperationId, name?: string): Json {
  const { op } = findOperation(operationId);
  const code = successStatuses(op)[0];
  if (!code) throw new Error(`examples: ${operationId} declares no 2xx answer`);
  return pick(deref(op.responses[code]).content?.['application/json'], `${operationId} ${code}`, name);
}

/** The body of an error answer the operation declares (`404` → `{"error": "case_not_found"}`). */
export function errorExample(operationId: string, code: string): Json {
  const { op } = findOperation(operationId);
  return pick(deref(op.responses[code]).content?.['application/json'], `${operationId} ${code}`);
}

/** The JSON request body example, as the API takes it: `{"case": {...}}`. */
export function requestExample<Id extends OperationId>(operationId: Id): RequestBody<Id>;
export function requestExample(operationId: OperationId, name: string): Json;
export function requestExample(operationId: OperationId, name?: string): Json {
  const { op } = findOperation(operationId);
  return pick(deref(op.requestBody)?.content?.['application/json'], `${operationId} request`, name);
}

/** A parameter's example (`case_id` → 2000, `status` → ['open', 'waiting']). */
export function parameterExample(operationId: string, name: string): Json {
  const param = findOperation(operationId).parameters.find((p) => p.name === name);
  if (!param) throw new Error(`examples: ${operationId} has no parameter ${name}`);
  if (param.example !== undefined) return structuredClone(param.example);
  const first = Object.values<Json>(param.examples ?? {})[0];
  if (first === undefined) throw new Error(`examples: ${operationId} parameter ${name} has no example`);
  return structuredClone(deref(first).value);
}

/** Every query parameter example of the operation, by name (a realistic full filter). */
export function queryExamples(operationId: string, { except = [] as string[] } = {}): Record<string, Json> {
  const out: Record<string, Json> = {};
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
export function pageOf(body: Json, key: string): { items: Json[]; total: number } {
  const indexes = Object.keys(body)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b));
  if (indexes.length === 0) throw new Error(`examples: the answer has no entries: ${JSON.stringify(body).slice(0, 200)}`);
  return { items: indexes.map((k) => body[k][key]), total: Number(body.total_count) };
}

/**
 * Like pageOf, for the lists that come whole and carry no total_count (the leaderboards, staff
 * roles and statuses): `total` is the number of entries, as the SDK computes it.
 */
export function wholeListOf(body: Json, key: string): { items: Json[]; total: number } {
  const { items } = pageOf(body, key);
  return { items, total: items.length };
}

/** The example of a shared response header (`retry_after` → 12), as Prism sends it. */
export function headerExample(name: string): Json {
  const header = deref(bundle().components?.headers?.[name]);
  if (header?.example === undefined) throw new Error(`examples: no header ${name} with an example`);
  return header.example;
}
