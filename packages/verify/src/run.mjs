// Runs the plan through the SDK's own transport (auth, retries, timeouts, 429 handling and its
// rate limiter) and checks every answer with the SDK's validator. GET only: the fetch under the
// transport refuses any other method, whatever the plan or the flags say.
import { createOmnideskClient } from '@omnidesk-openapi/client';
import { mergeFindings, responseTable, validateResponse } from '@omnidesk-openapi/client/validate';
import { idsFrom, planCalls } from './plan.mjs';

/** @typedef {import('@omnidesk-openapi/client/validate').ResponseFinding} ResponseFinding */
/** @typedef {import('./plan.mjs').Need} Need */
/** @typedef {'pass' | 'drift' | 'error' | 'no-access' | 'skipped'} Outcome */
/**
 * What the run found for one GET operation.
 * @typedef {object} OperationResult
 * @property {string} operationId
 * @property {'GET'} method
 * @property {string} path the path template (never with the account's ids)
 * @property {Outcome} outcome
 * @property {string} reason why it was skipped or failed ('' when it passed or drifted)
 * @property {number} calls
 * @property {Record<string, number>} statuses how many answers came with each status
 * @property {ResponseFinding[]} findings grouped over its answers
 */
/**
 * A whole run.
 * @typedef {{ version: string, calls: number, maxCalls: number, perMinute: number, ids: number, operations: OperationResult[] }} Run
 */
/** @typedef {{ n: number, of: number, operationId: string, path: string, outcome: Outcome }} Progress */
/**
 * @typedef {object} VerifyOptions
 * @property {string} baseUrl
 * @property {string} email
 * @property {string} apiKey
 * @property {number} [maxCalls] at most this many calls in all
 * @property {number} [perMinute]
 * @property {number} [ids] ids taken from each list
 * @property {number} [timeout] milliseconds per attempt
 * @property {(request: Request) => Promise<Response>} [fetch]
 * @property {(progress: Progress) => void} [onProgress] after each call
 * @property {number} [now] the clock the plan's time windows start from
 */

/** Thrown when the account cannot be checked at all (wrong key, e-mail or subdomain, no connection). */
export class AccessError extends Error {
  name = 'AccessError';
}

/** What 401, 403 and 404 on a list mean for this tool, in words (the spec's error answers). */
/** @type {Record<number, string | undefined>} */
export const ACCESS_HINTS = {
  401: 'the API key was refused (401): check OMNIDESK_API_KEY (Settings → API in Omnidesk)',
  403: 'the staff e-mail was refused (403): OMNIDESK_EMAIL must be the e-mail of an active staff member whose access level allows API calls',
  404: 'nothing answers at this address (404): check OMNIDESK_DOMAIN, the subdomain of your account (`yourcompany` for yourcompany.omnidesk.ru)',
};

/**
 * A GET-only fetch: anything else never leaves the process.
 * @param {(request: Request) => Promise<Response>} [fetchImpl]
 * @returns {(request: Request) => Promise<Response>}
 */
export function readOnlyFetch(fetchImpl = globalThis.fetch) {
  return (request) => {
    if (request.method !== 'GET') throw new TypeError(`omnidesk-verify sends GET requests only, refused ${request.method}`);
    return fetchImpl(request);
  };
}

/**
 * Checks the account: `{ operations: [...], calls, version }`; each operation has its outcome
 * (`pass`, `drift`, `error`, `no-access`, `skipped`), the statuses that came, and its findings
 * grouped over its answers. `onProgress({ n, of, operationId, path, outcome })` after each call.
 * Throws AccessError when the first call shows the credentials or the address are wrong.
 * @param {VerifyOptions} options
 * @returns {Promise<Run>}
 */
export async function verifyAccount({
  baseUrl,
  email,
  apiKey,
  maxCalls = 15,
  perMinute = 10,
  ids = 1,
  timeout = 30_000,
  fetch,
  onProgress = () => {},
  now,
}) {
  const client = createOmnideskClient({
    baseUrl,
    email,
    apiKey,
    timeout,
    maxRetries: 2,
    rateLimit: { perMinute },
    fetch: readOnlyFetch(fetch),
  });
  // The plan's paths are read at run time (from the response table), not literals the typed raw
  // client knows: its GET is called as what it is under them, a path with values, read as text.
  const raw =
    /** @type {{ GET(path: string, init: { params: { path: Record<string, number>, query: Record<string, number> }, parseAs: 'text' }): Promise<{ data?: string, response: Response }> }} */ (
      /** @type {unknown} */ (client.raw)
    );
  const plan = planCalls(responseTable, { now });
  /** @type {Map<string, unknown>} the parsed answer of each list called */
  const answers = new Map();
  /** @type {OperationResult[]} */
  const results = plan.map((p) => ({
    operationId: p.operationId,
    method: 'GET',
    path: p.path,
    outcome: 'skipped',
    reason: '',
    calls: 0,
    statuses: {},
    findings: [],
  }));
  // How many calls each planned operation makes: one, or one per id taken from its list.
  const planned = plan.reduce((n, p) => n + (p.needs.length ? ids : 1), 0);
  const of = Math.min(maxCalls, planned);
  let calls = 0;

  for (const [i, step] of plan.entries()) {
    const result = results[i];
    if (step.unplannable) {
      result.reason = step.unplannable;
      continue;
    }
    const { inputs, missing } = inputsOf(step, answers, ids);
    if (missing) {
      result.reason = missing;
      continue;
    }
    const rounds = step.needs.length ? Math.max(...inputs.map(([, f]) => f.length)) : 1;
    /** @type {ResponseFinding[]} */
    const perAnswer = [];
    for (let r = 0; r < rounds; r++) {
      if (calls >= maxCalls) {
        result.reason ||= `over --max-calls ${maxCalls}`;
        break;
      }
      /** @type {Record<string, number>} */
      const path = {};
      /** @type {Record<string, number>} */
      const query = { ...step.query };
      for (const [need, found] of inputs) (need.in === 'path' ? path : query)[need.param] = found[Math.min(r, found.length - 1)];
      calls++;
      let response;
      let text;
      try {
        ({ data: text, response } = await raw.GET(step.path, { params: { path, query }, parseAs: 'text' }));
      } catch (error) {
        // Never the error's message: it holds the path with the account's ids.
        const name = error instanceof Error ? error.name : 'error';
        if (calls === 1) throw new AccessError(`cannot reach the API (${name}): check OMNIDESK_DOMAIN or --base-url and the network`);
        result.outcome = 'error';
        result.reason = `${name}: no answer`;
        result.calls++;
        onProgress({ n: calls, of, operationId: step.operationId, path: step.path, outcome: 'error' });
        continue;
      }
      result.calls++;
      result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
      const ok = response.status >= 200 && response.status < 300;
      const hint = ACCESS_HINTS[response.status];
      if (!ok && calls === 1 && hint) throw new AccessError(hint);
      if (ok) {
        const findings = validateResponse(step.operationId, { status: response.status, headers: response.headers, text: text ?? '' });
        perAnswer.push(...findings);
        if (r === 0 && !answers.has(step.operationId)) {
          try {
            answers.set(step.operationId, JSON.parse(text ?? ''));
          } catch {
            // Not JSON: the finding says so; nothing to take ids from.
          }
        }
      } else if (response.status === 403) {
        result.outcome = 'no-access';
        result.reason = 'this staff member may not call it (403)';
      } else if (
        !responseTable.operations[step.operationId].statuses.some(
          (s) => s === String(response.status) || (s.endsWith('XX') && s[0] === String(response.status)[0]),
        )
      ) {
        perAnswer.push(...validateResponse(step.operationId, { status: response.status, headers: response.headers }));
      } else {
        result.outcome = 'error';
        result.reason = `answered ${response.status}`;
      }
      onProgress({ n: calls, of, operationId: step.operationId, path: step.path, outcome: outcomeOf(mergeFindings(perAnswer), result) });
    }
    result.findings = mergeFindings(perAnswer);
    if (result.calls) result.outcome = outcomeOf(result.findings, result);
    if (result.outcome !== 'skipped') result.reason = result.outcome === 'pass' || result.outcome === 'drift' ? '' : result.reason;
  }
  return { version: responseTable.version, calls, maxCalls, perMinute, ids, operations: results };
}

/**
 * The inputs of a planned step from the lists answered before it, up to `ids` ids each (every
 * combination would multiply calls, so each input has its own ids); `missing` says why there are
 * none for one of them.
 * @param {import('./plan.mjs').PlanEntry} step
 * @param {Map<string, unknown>} answers the parsed answer of each list called
 * @param {number} ids
 */
function inputsOf(step, answers, ids) {
  /** @type {[Need, number[]][]} */
  const inputs = [];
  /** @type {string | undefined} */
  let missing;
  for (const need of step.needs) {
    const from = answers.get(need.from);
    const found = from ? idsFrom(from, need.param, ids) : [];
    if (!found.length) missing = from ? `${need.from} listed no ${need.param}` : `${need.from} was not called`;
    inputs.push(/** @type {[Need, number[]]} */ ([need, found]));
  }
  return { inputs, missing };
}

/**
 * The outcome of an operation: drift when a finding says so, else its error or no access, else pass.
 * @param {ResponseFinding[]} findings
 * @param {OperationResult} result
 * @returns {Outcome}
 */
function outcomeOf(findings, result) {
  if (findings.some((f) => f.severity === 'drift')) return 'drift';
  if (result.outcome === 'error' || result.outcome === 'no-access') return result.outcome;
  return 'pass';
}
