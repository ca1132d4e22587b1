// The bundled spec (dist/openapi.json), as every check of the spec reads it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { operations as walkOperations } from '../../../scripts/generate/spec-walker.mjs';

// OMNIDESK_BUNDLE points the checks at another bundle (a work-in-progress copy, for example).
export const bundlePath = process.env.OMNIDESK_BUNDLE ?? fileURLToPath(new URL('../../../dist/openapi.json', import.meta.url));

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

export function operations(spec: Record<string, any>): Operation[] {
  return [...walkOperations(spec)].map(({ method, path, operation }) => ({
    method: method.toUpperCase(),
    path,
    operationId: operation.operationId,
    op: operation,
  }));
}
