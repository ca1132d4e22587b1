// The inventory of the current API (inventory/current/*.json): one entry per endpoint, parameter
// and field that shared/omnidesk-api-current.md names beyond the old docs snapshot, with what the
// spec does with it (`present`, `deprecated`, or `left-out` with the reason). Kept apart from
// current-inventory.test.ts so the checker can be tested on small hand-made specs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Operation, operations } from './bundle.js';
import { normalizeSpecPath, SchemaWalker } from './coverage.js';

export const currentDir = fileURLToPath(new URL('../inventory/current/', import.meta.url));

export interface CurrentEntry {
  kind: 'endpoint' | 'parameter' | 'field';
  method: string;
  path: string;
  name: string;
  in: 'path' | 'query' | 'body' | 'response';
  section: string;
  decision: 'present' | 'deprecated' | 'left-out';
  reason?: string;
}

/** Every entry of every file of inventory/current/, with the file it came from. */
export function loadCurrent(dir = currentDir): { file: string; entry: CurrentEntry }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as CurrentEntry[]).map((entry) => ({ file, entry })));
}

export const entryLabel = (e: CurrentEntry) => `${e.kind} ${e.in}:${e.name} of ${e.method} ${e.path} (§${e.section}, ${e.decision})`;

/** What is wrong with the entry's form ([] when well formed). */
export function malformed(e: any): string[] {
  const problems: string[] = [];
  const str = (k: string) => typeof e[k] === 'string' && e[k].length > 0;
  for (const k of ['kind', 'method', 'path', 'name', 'in', 'section', 'decision']) if (!str(k)) problems.push(`no ${k}`);
  const allowed = new Set(['kind', 'method', 'path', 'name', 'in', 'section', 'decision', 'reason']);
  for (const k of Object.keys(e)) if (!allowed.has(k)) problems.push(`unknown key ${k}`);
  const places: Record<string, string[]> = { endpoint: ['path'], parameter: ['query', 'path'], field: ['body', 'response'] };
  if (!places[e.kind]) problems.push(`unknown kind ${e.kind}`);
  else if (!places[e.kind]!.includes(e.in)) problems.push(`a ${e.kind} cannot be in ${e.in}`);
  if (!['present', 'deprecated', 'left-out'].includes(e.decision)) problems.push(`unknown decision ${e.decision}`);
  if (e.decision === 'deprecated' && e.kind !== 'endpoint') problems.push('only endpoints are marked deprecated here');
  if (e.decision === 'left-out' && !(str('reason') && !e.reason.includes('\n'))) problems.push('left-out needs a one-line reason');
  if (e.decision !== 'left-out' && 'reason' in e) problems.push('a reason belongs to left-out entries only');
  if (!/^(GET|PUT|POST|DELETE|PATCH)$/.test(e.method)) problems.push(`unknown method ${e.method}`);
  return problems;
}

function findOp(spec: any, e: CurrentEntry): Operation | undefined {
  return operations(spec).find((o) => o.method === e.method && normalizeSpecPath(o.path) === normalizeSpecPath(e.path));
}

/** Whether the bundle carries the entry's name where the entry says. */
function carries(spec: any, op: Operation, e: CurrentEntry): boolean {
  const walker = new SchemaWalker(spec);
  if (e.kind === 'parameter') {
    return (op.op.parameters ?? []).map((p: any) => walker.resolve(p)).some((p: any) => p.name === e.name && p.in === e.in);
  }
  const roots =
    e.in === 'body'
      ? [walker.resolve(op.op.requestBody)?.content?.['application/json']?.schema]
      : Object.entries<any>(op.op.responses ?? {})
          .filter(([code]) => code.startsWith('2'))
          .map(([, r]) => walker.resolve(r)?.content?.['application/json']?.schema);
  const present = roots.filter(Boolean);
  if (/[.[]/.test(e.name)) return walker.at(present, e.name).length > 0;
  return hasPropertyAnywhere(walker, present, e.name);
}

/** Is `name` a declared property anywhere below the schemas (not through additionalProperties: true)? */
function hasPropertyAnywhere(walker: SchemaWalker, roots: any[], name: string): boolean {
  const seen = new Set<any>();
  const queue = [...roots];
  while (queue.length) {
    for (const v of walker.variants(queue.shift())) {
      if (seen.has(v)) continue;
      seen.add(v);
      if (v.properties && Object.hasOwn(v.properties, name)) return true;
      queue.push(...Object.values(v.properties ?? {}), ...Object.values(v.patternProperties ?? {}));
      if (v.additionalProperties && typeof v.additionalProperties === 'object') queue.push(v.additionalProperties);
      if (v.items && typeof v.items === 'object') queue.push(v.items);
    }
  }
  return false;
}

/** What the bundle gets wrong about the entry ([] when it matches the decision). */
export function currentProblems(spec: any, e: CurrentEntry): string[] {
  const op = findOp(spec, e);
  if (e.kind === 'endpoint') {
    if (e.decision === 'left-out') return op ? [`left out, but the spec has ${op.operationId}`] : [];
    if (!op) return ['no such operation in the spec'];
    const problems: string[] = [];
    if (op.operationId !== e.name) problems.push(`operationId is ${op.operationId}, not ${e.name}`);
    if (e.decision === 'deprecated') {
      if (op.op.deprecated !== true) problems.push('not marked deprecated: true');
      if (!/stats_leaderboard|getLeaderboard/.test(op.op.description ?? ''))
        problems.push('its description does not point to its replacement');
    } else if (op.op.deprecated) problems.push('marked deprecated');
    return problems;
  }
  if (!op) return ['no such operation in the spec'];
  const has = carries(spec, op, e);
  if (e.decision === 'left-out') return has ? ['left out, but the spec has it'] : [];
  return has ? [] : [`${op.operationId} has no ${e.kind} ${e.name} in ${e.in}`];
}
