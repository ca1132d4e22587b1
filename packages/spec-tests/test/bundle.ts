// The bundled spec (dist/openapi.json), as every check of the spec reads it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// OMNIDESK_BUNDLE points the checks at another bundle (a work-in-progress copy, for example).
export const bundlePath =
  process.env.OMNIDESK_BUNDLE ?? fileURLToPath(new URL('../../../dist/openapi.json', import.meta.url));

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  op: Record<string, any>;
}

export function loadBundle(): Record<string, any> {
  try {
    return JSON.parse(readFileSync(bundlePath, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${bundlePath}: run \`pnpm build\` first (${(error as Error).message})`);
  }
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export function operations(spec: Record<string, any>): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(spec.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) out.push({ method: method.toUpperCase(), path, operationId: op.operationId, op });
    }
  }
  return out;
}
