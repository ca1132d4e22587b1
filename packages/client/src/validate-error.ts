import { type ErrorContext, KIND, OmnideskError } from './errors.js';
import type { ResponseFinding } from './validate-schema.js';

/**
 * A 2xx answer that differs from the spec, with `validateResponses: 'throw'`. `findings` say where
 * and how (JSON pointer, what the spec expects, what came), never with a value of the answer:
 * the same findings `omnidesk-verify` writes into its report.
 */
export class ResponseValidationError extends OmnideskError {
  declare readonly kind: 'response_validation';
  /** @internal */
  static override readonly [KIND] = 'ResponseValidationError';
  declare readonly findings: ResponseFinding[];
  constructor(message: string, ctx: ErrorContext & { findings: ResponseFinding[] }) {
    super(message, ctx);
  }
}
