// @ts-check
// The one walker of the bundled spec: every generator, script and test that reads operations out
// of dist/openapi.{json,yaml} goes through here, so that "which methods", "how a $ref resolves"
// and "which parameters an operation has" are answered once.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A node of the spec: an object whose shape the caller knows (the walker does not type OpenAPI). */
/** @typedef {Record<string, any>} SpecNode */
/** Resolves a node's local `$ref` (see `resolver`): the node it points to, or the node itself. */
/** @typedef {(node: any) => any} Deref */

/**
 * One operation of the spec, with what every reader needs next to it.
 * @typedef {object} Operation
 * @property {string} path the path template, `/cases/{case_id}.json`
 * @property {HttpMethod} method lower case, as the spec keys it
 * @property {SpecNode} item the path item (dereferenced)
 * @property {SpecNode} operation the operation object
 * @property {SpecNode[]} parameters path-item and operation parameters, dereferenced, the
 *   operation's overriding the path item's with the same `in` and `name`, in declared order
 */

/** The HTTP methods an Omnidesk path item can hold, in the order generators list them. */
export const HTTP_METHODS = /** @type {const} */ (['get', 'put', 'post', 'delete', 'patch']);
/** @typedef {typeof HTTP_METHODS[number]} HttpMethod */

/** The methods HTTP defines as idempotent: sending one twice does what sending it once does. */
const IDEMPOTENT_METHODS = new Set(['get', 'put', 'delete']);

/**
 * Whether an operation may be sent twice with the effect of once: its method's rule, unless the
 * spec says otherwise with `x-sdk-idempotent` (the relative moves: `moveUp` is a PUT that moves
 * one step up per call).
 * @param {HttpMethod} method
 * @param {SpecNode} operation
 * @returns {boolean}
 */
export function isIdempotent(method, operation) {
  return operation['x-sdk-idempotent'] ?? IDEMPOTENT_METHODS.has(method);
}

/** A fault of the spec that stops a generator (named, so callers can tell it from a bug). */
export class SpecError extends Error {
  name = 'SpecError';
}

/** Reads a bundle: JSON when the file name says so, YAML otherwise. */
export function readBundle(/** @type {string} */ file) {
  const text = readFileSync(file, 'utf8');
  return /** @type {SpecNode} */ (file.endsWith('.json') ? JSON.parse(text) : parse(text));
}

/**
 * `deref(node)`: the node a local `$ref` points to (through chains of them), or the node itself.
 * An external, circular or dangling `$ref` is a SpecError: generators work on the bundle.
 * @param {SpecNode} doc
 */
export function resolver(doc) {
  /** @type {(node: any, seen: Set<string>) => any} */
  const follow = (node, seen) => {
    if (!node || typeof node !== 'object' || typeof node.$ref !== 'string') return node;
    const ref = node.$ref;
    if (!ref.startsWith('#/')) throw new SpecError(`external $ref ${ref}: generate from the bundle`);
    if (seen.has(ref)) throw new SpecError(`circular $ref ${ref}`);
    seen.add(ref);
    /** @type {any} */
    let target = doc;
    for (const part of ref.slice(2).split('/')) target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (target === undefined) throw new SpecError(`unresolved $ref ${ref}`);
    return follow(target, seen);
  };
  // One argument only, so that `.map(deref)` works (map's index is not a set of seen refs).
  return (/** @type {any} */ node) => follow(node, new Set());
}

/**
 * Every operation of the spec, in path then method order.
 * @param {SpecNode} doc
 * @param {Deref} [deref]
 * @returns {Generator<Operation>}
 */
export function* operations(doc, deref = resolver(doc)) {
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(rawItem);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      // Operation parameters override path-item ones with the same name and location.
      /** @type {Map<string, SpecNode>} */
      const byKey = new Map();
      for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const p = deref(raw);
        byKey.set(`${p.in}:${p.name}`, p);
      }
      yield { path, method, item, operation, parameters: [...byKey.values()] };
    }
  }
}

/**
 * Every operation of the spec by its operationId, walked once.
 * @param {SpecNode} doc
 * @param {Deref} [deref]
 * @returns {Map<string, Operation>}
 */
export function operationsById(doc, deref = resolver(doc)) {
  return new Map([...operations(doc, deref)].map((entry) => [entry.operation.operationId, entry]));
}

/**
 * The example of a parameter or media type: its own `example`, else the first of its `examples`,
 * else its schema's (`example`, or the first of `examples`).
 * @param {SpecNode | undefined} holder
 * @param {Deref} deref
 * @returns {unknown}
 */
export function exampleOf(holder, deref) {
  if (!holder) return undefined;
  if (holder.example !== undefined) return holder.example;
  const first = holder.examples && Object.values(holder.examples)[0];
  if (first !== undefined) return deref(first)?.value;
  const schema = deref(holder.schema ?? {});
  if (schema?.example !== undefined) return schema.example;
  return Array.isArray(schema?.examples) ? schema.examples[0] : undefined;
}

/**
 * Runs a generator's command line: a SpecError (a fault of the spec, not of the generator) is
 * printed as `<name>: <message>`, without a stack, and ends the process with exit code 1; any
 * other error is thrown.
 * @param {string} name
 * @param {() => unknown} main
 */
export async function runGenerator(name, main) {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  }
}

/** The success (2xx) status codes an operation declares, lowest first. */
export function successStatuses(/** @type {SpecNode} */ operation) {
  return Object.keys(operation.responses ?? {})
    .filter((code) => /^2/.test(code))
    .sort();
}
