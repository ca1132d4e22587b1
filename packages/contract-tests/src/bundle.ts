// The bundled spec the contract tests run against: dist/openapi.json, or the file named by
// OMNIDESK_BUNDLE (as in the spec checks). The mock serves the same description.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { operations as Operations } from '@omnidesk-openapi/client';
import { operations, readBundle } from '../../../scripts/generate/spec-walker.mjs';

const dist = (file: string) => fileURLToPath(new URL(`../../../dist/${file}`, import.meta.url));

export const bundlePath = process.env.OMNIDESK_BUNDLE ?? dist('openapi.json');
/** What Prism serves: the YAML bundle by default, the OMNIDESK_BUNDLE file when it is set. */
export const mockSpecPath = process.env.OMNIDESK_BUNDLE ?? dist('openapi.yaml');

/** An operationId of the spec, as the generated types know them. */
export type OperationId = keyof Operations;

export interface OperationInfo {
  operationId: OperationId;
  method: string;
  path: string;
  /** Declared response codes: '200', '404', 'default', ... */
  responses: string[];
}

let cached: OperationInfo[] | undefined;

export function bundleOperations(): OperationInfo[] {
  if (cached) return cached;
  if (!existsSync(bundlePath)) throw new Error(`contract: ${bundlePath} is missing; run \`pnpm build\` first.`);
  cached = [...operations(readBundle(bundlePath))].map(({ path, method, operation }) => ({
    operationId: operation.operationId as OperationId,
    method: method.toUpperCase(),
    path,
    responses: Object.keys(operation.responses ?? {}),
  }));
  return cached;
}

export function operation(operationId: OperationId): OperationInfo {
  const found = bundleOperations().find((op) => op.operationId === operationId);
  if (!found) throw new Error(`contract: no operation "${operationId}" in ${bundlePath}`);
  return found;
}
