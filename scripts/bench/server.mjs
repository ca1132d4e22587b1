// The bench's HTTP server, run in its own process (`fork`) so that it does not share the event
// loop of the client being measured. Listens on 127.0.0.1 only, on a free port it sends back
// over IPC as { port }. Answers, with Basic auth required (401 without), like Omnidesk would:
//   GET /api/cases.json      the example page of dist/openapi.json's listCases (4 cases, total 17)
//   GET /walk/cases.json     pages of a 10 000-case account (?page=N&limit=M; `{"case":[]}` past the end)
import { createServer } from 'node:http';
import { casesExample } from './lib.mjs';

const TOTAL = Number(process.env.BENCH_WALK_TOTAL ?? 10_000);
const example = casesExample();
const exampleBody = Buffer.from(JSON.stringify(example));
const templates = Object.keys(example)
  .filter((k) => /^\d+$/.test(k))
  .map((k) => example[k].case);
const headers = (body) => ({
  'content-type': 'application/json; charset=utf-8',
  'content-length': body.length,
  api_calls_left: '499',
  rate_limit_per_minute: '500',
});

const pages = new Map();
function walkPage(page, limit) {
  const key = `${page}/${limit}`;
  let body = pages.get(key);
  if (!body) {
    const first = (page - 1) * limit;
    const count = Math.max(0, Math.min(limit, TOTAL - first));
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

const server = createServer((req, res) => {
  if (!req.headers.authorization?.startsWith('Basic ')) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    return;
  }
  const url = new URL(req.url, 'http://127.0.0.1');
  let body;
  if (req.method === 'GET' && url.pathname === '/api/cases.json') body = exampleBody;
  else if (req.method === 'GET' && url.pathname === '/walk/cases.json') {
    const page = Number(url.searchParams.get('page') ?? 1);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    body = walkPage(page, limit);
  }
  if (!body) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    return;
  }
  res.writeHead(200, headers(body)).end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
