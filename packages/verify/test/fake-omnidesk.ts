// A fake Omnidesk on a local port: every GET of the spec answers its first example, with the
// account's strings and ids replaced by unique markers (so a test can prove none of them leaks),
// and one drift applied on purpose. It records the method of every request it receives.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { responseTable, validateResponse } from '@omnidesk-openapi/client/validate';
import { operations } from '../../../scripts/generate/spec-walker.mjs';

const bundle = JSON.parse(readFileSync(new URL('../../../dist/openapi.json', import.meta.url), 'utf8'));

/** The first 200 example of each GET operation, by operationId. */
function examples(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const { method, operation: op } of operations(bundle)) {
    if (method !== 'get') continue;
    const media = op.responses?.['200']?.content?.['application/json'];
    if (!media) continue;
    const first = media.examples ? Object.values<any>(media.examples)[0]?.value : media.example;
    if (first !== undefined) out.set(op.operationId, first);
  }
  return out;
}

/** Findings of any kind: a planted value must leave the answer exactly as conforming as the example. */
const findings = (operationId: string, body: unknown) => validateResponse(operationId, { status: 200, body }).length;

/**
 * Replaces every string of `body` by a unique marker and every `*_id` integer by a unique number,
 * wherever the spec still holds after the change (a date or an enum keeps its value). Returns
 * what was planted.
 */
function plant(operationId: string, body: any, planted: Set<string>, next: () => number): void {
  const before = findings(operationId, body);
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      const old = node[key];
      if (typeof old === 'string' || (typeof old === 'number' && /_id$/.test(key) && old > 0)) {
        const n = next();
        const value = typeof old === 'string' ? `Qmark${n}x` : 700_000 + n;
        node[key] = value;
        if (findings(operationId, body) !== before) node[key] = old;
        else planted.add(String(value));
      } else visit(old);
    }
  };
  visit(body);
}

export interface Drift {
  operationId: string;
  /** Changes the (planted) body of that operation's answers. */
  body?: (body: any) => any;
  /** Answers this status instead of 200. */
  status?: number;
}

export interface FakeOmnidesk {
  url: string;
  /** The method and path template of every request received, in order. */
  received: { method: string; operationId: string | undefined }[];
  /** Every marker string and id planted in the answers. */
  planted: Set<string>;
  close(): Promise<void>;
}

/** Starts the fake; `status` answers every request with that status (401, 403, 404) instead. */
export async function startFake(options: { drift?: Drift; status?: number } = {}): Promise<FakeOmnidesk> {
  const planted = new Set<string>();
  let counter = 0;
  const bodies = new Map<string, unknown>();
  for (const [operationId, example] of examples()) {
    const body = structuredClone(example);
    plant(operationId, body, planted, () => ++counter);
    bodies.set(operationId, options.drift?.operationId === operationId && options.drift.body ? options.drift.body(body) : body);
  }
  // Path templates as regular expressions: `/cases/{case_id}.json` → ^/cases/[^/]+\.json$.
  const routes = Object.entries(responseTable.operations).map(([id, op]) => ({
    id,
    method: op.method.toUpperCase(),
    re: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const received: FakeOmnidesk['received'] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const route = routes.find((r) => r.method === req.method && r.re.test(path));
    received.push({ method: req.method ?? '', operationId: route?.id });
    const headers = { 'content-type': 'application/json', api_calls_left: '480', rate_limit_per_minute: '20' };
    if (options.status) {
      res.writeHead(options.status, headers).end(JSON.stringify({ error: 'fake' }));
      return;
    }
    if (!route || !bodies.has(route.id)) {
      res.writeHead(404, headers).end(JSON.stringify({ error: 'not_found' }));
      return;
    }
    const status = options.drift?.operationId === route.id ? (options.drift.status ?? 200) : 200;
    res.writeHead(status, headers).end(JSON.stringify(bodies.get(route.id)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    planted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
