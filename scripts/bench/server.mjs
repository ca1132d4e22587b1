// The bench's HTTP server, run in its own process (`fork`) so that it does not share the event
// loop of the client being measured. Listens on 127.0.0.1 only, on a free port it sends back
// over IPC as { port }. Answers, with Basic auth required (401 without), like Omnidesk would:
//   GET /api/cases.json      the example page of dist/openapi.json's listCases (4 cases, total 17)
//   GET /walk/cases.json     pages of a 10 000-case account (?page=N&limit=M; `{"case":[]}` past the end)
//   /budget/...              cases.list, cases.get and cases.update under a per-minute budget (below)
// The /api and /walk answers carry no rate-limit headers: the request-overhead figures measure the
// client's CPU, not a budget. BENCH_LATENCY_MS delays every answer by that many ms.
//
// The budget (/budget/cases.json, /budget/cases/{id}.json, GET and PUT) follows the API's
// per-minute rules (../shared/omnidesk-api-current.md, 2.1): BENCH_BUDGET calls a minute for the
// whole account, POST/PUT/DELETE count two, every answer says `rate_limit_per_minute` and
// `api_calls_left`, and a call over the budget gets 429 with `retry_after` (seconds until the
// minute resets) and is not counted. The minute is a fixed window that starts with the first call
// after the previous one ended (as Laravel's throttle does); the API does not say how its interval
// is aligned, so that is an assumption. Minutes run on the bench's clock (clock.mjs: scaled).
//   GET /bench/stats   what the budget saw since the last reset (JSON; no auth, not counted)
//   POST /bench/reset  a fresh account: a new budget, counts at zero
import './clock.mjs';
import { createServer } from 'node:http';
import { casesExample } from './lib.mjs';

const TOTAL = Number(process.env.BENCH_WALK_TOTAL ?? 10_000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 0);
const BUDGET = Number(process.env.BENCH_BUDGET ?? 20);
const MINUTE = 60_000;
const example = casesExample();
const exampleBody = Buffer.from(JSON.stringify(example));
/** @type {Record<string, unknown>[]} the example's cases */
const templates = Object.keys(example)
  .filter((k) => /^\d+$/.test(k))
  .map((k) => /** @type {{ case: Record<string, unknown> }} */ (example[k]).case);
const jsonHeaders = (/** @type {Buffer} */ body) => ({ 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });

/** @type {Map<string, Buffer>} the walk's pages, by `page/limit` */
const pages = new Map();
/**
 * @param {number} page
 * @param {number} limit
 */
function walkPage(page, limit) {
  const key = `${page}/${limit}`;
  let body = pages.get(key);
  if (!body) {
    const first = (page - 1) * limit;
    const count = Math.max(0, Math.min(limit, TOTAL - first));
    /** @type {Record<number, unknown>} */
    const out = {};
    for (let i = 0; i < count; i++) {
      const id = first + i + 1;
      out[i] = { case: { ...templates[id % templates.length], case_id: id, case_number: `000-${id}` } };
    }
    body = Buffer.from(JSON.stringify(count ? { ...out, total_count: TOTAL } : { case: [] }));
    pages.set(key, body);
  }
  return body;
}

/**
 * The account's budget: the current minute window and what the bench reads back (`/bench/stats`).
 * @typedef {object} Account
 * @property {number} windowStart when the current minute began (bench clock, ms)
 * @property {number} used what the current minute has spent
 * @property {number} ok calls answered 200
 * @property {number} limited calls answered 429
 * @property {number} limitedAfterAnnounce 429s after the first answer that announced the budget
 * @property {number} spent calls' cost in all (POST/PUT/DELETE count two)
 * @property {number | undefined} first the first call's time
 * @property {number | undefined} last the last budget answer's time
 * @property {number | undefined} announcedAt the first answer that announced the budget
 * @property {number[]} windows what each minute spent
 * @property {[at: number, cost: number, status: 200 | 429][]} log every call: ms since the first, cost, status
 */
/** @type {Account} */
let account;
function reset() {
  account = {
    windowStart: -Infinity,
    used: 0,
    ok: 0,
    limited: 0,
    limitedAfterAnnounce: 0,
    spent: 0,
    first: undefined,
    last: undefined,
    announcedAt: undefined,
    windows: [],
    log: [],
  };
}
reset();

/**
 * A budget call's answer, or undefined for a path the budget does not serve.
 * @param {import('node:http').IncomingMessage} req
 * @param {URL} url
 * @returns {Answer | undefined}
 */
function budgetAnswer(req, url) {
  const caseMatch = url.pathname.match(/^\/budget\/cases\/(\d+)\.json$/);
  let body;
  if (req.method === 'GET' && url.pathname === '/budget/cases.json') body = exampleBody;
  else if (caseMatch && (req.method === 'GET' || req.method === 'PUT')) {
    const id = Number(caseMatch[1]);
    body = Buffer.from(JSON.stringify({ case: { ...templates[id % templates.length], case_id: id } }));
  } else return undefined;
  const now = Date.now();
  const cost = req.method === 'GET' ? 1 : 2;
  account.first ??= now;
  const first = account.first;
  if (now >= account.windowStart + MINUTE) {
    account.windowStart = now;
    account.used = 0;
    account.windows.push(0);
  }
  /** @type {Record<string, string>} */
  const headers = { rate_limit_per_minute: String(BUDGET) };
  account.log.push([now - first, cost, account.used + cost > BUDGET ? 429 : 200]);
  if (account.used + cost > BUDGET) {
    account.limited++;
    if (account.announcedAt !== undefined && now > account.announcedAt) account.limitedAfterAnnounce++;
    const limited = Buffer.from('{"error":"too_many_requests"}');
    headers.api_calls_left = String(BUDGET - account.used);
    headers.retry_after = String(Math.ceil((account.windowStart + MINUTE - now) / 1000));
    return { status: 429, body: limited, headers };
  }
  account.used += cost;
  account.spent += cost;
  account.windows[account.windows.length - 1] += cost;
  account.ok++;
  headers.api_calls_left = String(BUDGET - account.used);
  return { status: 200, body, headers };
}

/** @typedef {{ status: number, body: Buffer, headers?: Record<string, string> }} Answer */

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/bench/stats')
    return void res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ budget: BUDGET, minute: MINUTE, ...account }));
  if (url.pathname === '/bench/reset' && req.method === 'POST') return void (reset(), res.writeHead(204).end());
  if (!req.headers.authorization?.startsWith('Basic ')) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    return;
  }
  /** @type {Answer | undefined} */
  let answer;
  if (req.method === 'GET' && url.pathname === '/api/cases.json') answer = { status: 200, body: exampleBody };
  else if (req.method === 'GET' && url.pathname === '/walk/cases.json') {
    const page = Number(url.searchParams.get('page') ?? 1);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    answer = { status: 200, body: walkPage(page, limit) };
  } else if (url.pathname.startsWith('/budget/')) answer = budgetAnswer(req, url);
  const send = () => {
    if (!answer) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    const { status, body, headers } = answer;
    res.writeHead(status, { ...jsonHeaders(body), ...headers }).end(body);
    if (headers) {
      // The first answer that announced the budget, and the last answer of the job.
      account.announcedAt ??= Date.now();
      account.last = Date.now();
    }
  };
  // Drain a request body (PUT) before answering.
  req.resume();
  req.on('end', () => (LATENCY ? setTimeout(send, LATENCY) : send()));
});
server.keepAliveTimeout = 60_000;
// Forked by startServer (lib.mjs): the IPC channel is there.
server.listen(0, '127.0.0.1', () => process.send?.({ port: /** @type {import('node:net').AddressInfo} */ (server.address()).port }));
process.on('disconnect', () => process.exit(0));
