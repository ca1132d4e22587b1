// What `validateResponses: 'warn' | 'throw'` runs: loaded by setup.ts with a dynamic import on the
// first answer, so that the validator and its schemas are in no bundle of a client without it.
import type { OmnideskClientOptions } from './client.js';
import { createLog } from './log.js';
import { type CallContext, readBodyOf } from './transport.js';
import { conforms, formatFinding, validateResponse } from './validate.js';
import { ResponseValidationError } from './validate-error.js';

type Send = (request: Request, ctx?: CallContext) => Promise<Response>;

/**
 * Sends through `send`, then checks a 2xx answer of a known operation against the spec: `warn`
 * logs each finding at the `warn` level (to `console.warn` without a logger; none at `logLevel`
 * `error` or `off`),
 * `throw` throws ResponseValidationError when something drifted. Info findings (an unknown field)
 * are logged with `warn` only, never thrown.
 */
export async function checkedSend(send: Send, options: OmnideskClientOptions, request: Request, ctx?: CallContext): Promise<Response> {
  // 'warn' or 'throw': setup() refused any other value when the client was made.
  const mode = options.validateResponses;
  const response = await send(request, ctx);
  const operationId = ctx?.operationId;
  if (!operationId || !response.ok) return response;
  // The transport read the body (resource methods), or left it in the answer.
  const text = readBodyOf(response) ?? (await response.clone().text());
  const findings = validateResponse(operationId, { status: response.status, headers: response.headers, text });
  if (!findings.length) return response;
  const method = request.method.toUpperCase();
  const path = new URL(request.url).pathname;
  if (mode === 'throw' && !conforms(findings)) {
    const drift = findings.filter((f) => f.severity === 'drift');
    throw new ResponseValidationError(
      `${response.status} that differs from the spec in ${drift.length} place(s): ${method} ${path} (${operationId}); first: ${formatFinding(drift[0]!)}`,
      {
        status: response.status,
        operationId,
        method,
        path,
        findings,
      },
    );
  }
  if (mode === 'warn') {
    // `validateResponses: 'warn'` asks for these lines: without a logger they go to the console.
    const log = createLog(options.logger ?? console, options.logLevel);
    for (const finding of findings)
      log?.('warn', `omnidesk: response differs from the spec: ${formatFinding(finding)}`, { operationId, method, path, finding });
  }
  return response;
}
