// How a contract test says which operation it covers:
//
//   covers('getCase', (op) => { it('returns the case', ...) });
//
// It is a `describe` named after the operation (`getCase: GET /cases/{case_id}.json`). The
// coverage guard (test/coverage.test.ts) reads every `covers('<operationId>'` call of the
// *.contract.test.ts files from their syntax tree, so the first argument must be a string
// literal, and each block must hold at least one test. An operationId the bundle does not have
// fails at once (a typo or a renamed operation).
import { describe } from 'vitest';
import { type OperationId, type OperationInfo, operation } from './bundle.js';

export function covers(operationId: OperationId, body: (op: OperationInfo) => void): void {
  const op = operation(operationId);
  describe(`${op.operationId}: ${op.method} ${op.path}`, () => body(op));
}
