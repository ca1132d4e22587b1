// `@omnidesk-openapi/client/validate`: checks an answer of the Omnidesk API against the bundled
// spec (status, declared headers, JSON body) and says where and how it differs, never with a value
// of the answer. Used by `omnidesk-verify` and by the client's `validateResponses` option; this
// entry (and its schemas) is loaded only by those, so the default bundle does not carry it.
import { responses } from './generated/responses.js';
import { type Answer, checkAnswer, type ResponseFinding, SchemaChecker } from './validate-schema.js';

export type {
  Answer,
  FindingKind,
  FindingPlace,
  OperationResponses,
  ResponseFinding,
  ResponseSpec,
  ResponseTable,
  Schema,
} from './validate-schema.js';
export { checkAnswer, jsonType, mergeFindings, SchemaChecker, stringForm } from './validate-schema.js';

/** The operations, headers and schemas of the bundled spec, as the validator reads them. */
export const responseTable = responses;

const checker = new SchemaChecker(responses);

/**
 * The findings for one answer of `operationId` (`listCases`): an empty array when it conforms.
 * `drift` findings break the spec; `info` ones (an unknown field) may mean the spec is incomplete.
 */
export function validateResponse(operationId: string, answer: Answer): ResponseFinding[] {
  return checkAnswer(responses, checker, operationId, answer);
}

/** True when none of `findings` is drift (info findings do not count). */
export function conforms(findings: readonly ResponseFinding[]): boolean {
  return !findings.some((f) => f.severity === 'drift');
}

/** One finding as a line of text: `body /0/case/status: expected one of open, waiting, closed, got a string outside the enum`. */
export function formatFinding(f: ResponseFinding): string {
  const where = f.in === 'status' ? 'status' : `${f.in} ${f.pointer || '(whole body)'}`;
  const times = f.occurrences > 1 ? ` (${f.occurrences} places)` : '';
  return `${f.severity === 'info' ? 'info' : 'drift'}: ${where}: expected ${f.expected}, got ${f.got}${times}`;
}
