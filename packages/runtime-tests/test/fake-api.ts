// A small fake of the Omnidesk API on 127.0.0.1 (a free port), shaped like the real one: Basic
// auth, answers wrapped in their envelopes, lists as {"0": {"case": {...}}, ..., "total_count"},
// ids joined by raw commas in bulk paths, api_calls_left / rate_limit_per_minute headers. It
// records every request as it arrived on the wire, and can serve static files (the browser page).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CREDENTIALS } from './fixtures/scenario.mjs';

export interface SeenRequest {
  method: string;
  /** The request target exactly as sent (percent-encoding and commas untouched). */
  rawUrl: string;
  /** Decoded query pairs, in order. */
  query: [string, string][];
  /** `email:apiKey` from Basic credentials; null without them. */
  basic: string | null;
  contentType: string | null;
  body: string;
}

export interface FakeApi {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Where the SDK should point: <origin>/api, like https://<domain>.omnidesk.ru/api. */
  baseUrl: string;
  requests: SeenRequest[];
  /** Serves `body` at `path` (outside /api), for the browser's page and scripts. */
  serve(path: string, type: string, body: string | Uint8Array): void;
  close(): Promise<void>;
}

export const RATE_LIMIT = { callsLeft: 377, perMinute: 400 };

const base = {
  user_id: 123,
  staff_id: 22,
  group_id: 44,
  deleted: false,
  spam: false,
  created_at: 'Mon, 05 May 2014 00:15:17 +0300',
  updated_at: 'Tue, 23 Dec 2014 10:55:23 +0200',
  language_id: 2,
  custom_fields: { cf_25: 'some text', cf_30: 'another field' },
  labels: [101, 102],
};

/** The cases the fake knows (the spec's list example). 2001 cannot be trashed by this agent. */
export const CASES: Record<number, Record<string, unknown>> = {
  2000: {
    case_id: 2000,
    case_number: '664-245551',
    subject: 'I need help',
    status: 'open',
    priority: 'low',
    channel: 'web',
    recipient: 'user@domain.ru',
    ...base,
  },
  2001: {
    case_id: 2001,
    case_number: '334-245651',
    subject: 'Oh, help me please',
    status: 'waiting',
    priority: 'normal',
    channel: 'facebook',
    recipient: 'facebook',
    ...base,
  },
  2002: {
    case_id: 2002,
    case_number: '634-245651',
    subject: 'Please, help me!',
    status: 'open',
    priority: 'high',
    channel: 'email',
    recipient: 'user2@domain.ru',
    ...base,
    labels: [],
  },
  2003: {
    case_id: 2003,
    case_number: '134-245651',
    subject: 'Help!!!',
    status: 'waiting',
    priority: 'critical',
    channel: 'cch101',
    recipient: '',
    ...base,
    staff_id: 0,
    custom_fields: [],
    updated_at: '-',
  },
};
export const TOTAL_COUNT = 17;
const UNTRASHABLE = new Set([2001]);

function api(req: IncomingMessage, path: string, seen: SeenRequest): [number, unknown] {
  const expected = `${CREDENTIALS.email}:${CREDENTIALS.apiKey}`;
  if (seen.basic !== expected) return [401, { error: 'wrong_api_key' }];
  if (req.method === 'GET' && path === '/api/cases.json') {
    const page: Record<string, unknown> = {};
    for (const [i, c] of Object.values(CASES).entries()) page[i] = { case: { ...c, closing_speed: i === 0 ? 7 : '-' } };
    page.total_count = TOTAL_COUNT;
    return [200, page];
  }
  const caseId = req.method === 'GET' ? path.match(/^\/api\/cases\/(\d+)\.json$/) : null;
  if (caseId) {
    const found = CASES[Number(caseId[1])];
    return found ? [200, { case: found }] : [404, { error: 'case_not_found' }];
  }
  // Raw commas only: /cases/2000%2C2001/trash.json is no route on the real API either.
  const trashIds = req.method === 'PUT' ? path.match(/^\/api\/cases\/(\d+(?:,\d+)*)\/trash\.json$/) : null;
  if (trashIds) {
    const ids = trashIds[1]!.split(',').map(Number);
    const ok = ids.filter((id) => CASES[id] && !UNTRASHABLE.has(id));
    if (ids.length === 1) return ok.length ? [200, { case: { ...CASES[ids[0]!], deleted: true } }] : [404, { error: 'case_not_found' }];
    return [200, { case_success_id: ok }];
  }
  return [404, { error: 'not_found' }];
}

export async function startFakeApi(): Promise<FakeApi> {
  const requests: SeenRequest[] = [];
  const files = new Map<string, { type: string; body: string | Uint8Array }>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawUrl = req.url ?? '/';
    const [path = '/', search = ''] = rawUrl.split('?', 2);

    const file = files.get(path);
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
      return;
    }
    if (!path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }

    const auth = req.headers.authorization ?? '';
    const seen: SeenRequest = {
      method: req.method ?? '',
      rawUrl,
      query: [...new URLSearchParams(search)],
      basic: auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : null,
      contentType: req.headers['content-type'] ?? null,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(seen);
    const [status, body] = api(req, path, seen);
    res
      .writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        api_calls_left: String(RATE_LIMIT.callsLeft),
        rate_limit_per_minute: String(RATE_LIMIT.perMinute),
      })
      .end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/api`,
    requests,
    serve: (path, type, body) => void files.set(path, { type, body }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
