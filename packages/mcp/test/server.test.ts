// The MCP server as an MCP client sees it: the built server (src/cli.js, dist/tools.json) started
// over stdio by the SDK's own Client, against the Prism mock of the bundled spec. Every expected
// tool, example and answer is read from the bundle, so new operations need no change here.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { operations, readBundle, resolver, type SpecNode } from '../../../scripts/generate/spec-walker.mjs';
import { bundlePath } from '../../contract-tests/src/bundle.js';
import { errorExample, pageOf, requestExample, responseExample } from '../../contract-tests/src/examples.js';
import { recordOf } from '../../contract-tests/src/json.js';

const cli = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const EMAIL = 'agent@example.com';
const API_KEY = 'mcp-test-key-7f3a9c21e5b8';
const SECRETS = [API_KEY, Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')];

const spec = readBundle(bundlePath);
const deref = resolver(spec);
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every operation of the bundle as the issue defines its tool: name, kind, examples. */
interface SpecOp {
  tool: string;
  operationId: string;
  resource: string;
  method: string;
  http: string;
  kind: 'read' | 'write' | 'destructive';
  op: SpecNode;
  params: SpecNode[];
}
const resourceOf = new Map<string, string>((spec.tags ?? []).map((t: SpecNode) => [t.name, t['x-sdk-resource']]));
const specOps: SpecOp[] = [...operations(spec, deref)].map(({ method: http, operation: op, parameters: params }) => {
  const resource = resourceOf.get(op.tags[0])!;
  const method: string = op['x-sdk-method'];
  // DELETE, and the actions named for a delete, the trash or spam (the bulk `cases.trash`).
  const destructive = http === 'delete' || /^(delete|trash|spam)/.test(method);
  const kind = http === 'get' ? 'read' : destructive ? 'destructive' : 'write';
  return { tool: `${snake(resource)}_${snake(method)}`, operationId: op.operationId, resource, method, http, kind, op, params };
});
const toolOf = (operationId: string) => specOps.find((o) => o.operationId === operationId)!;

/** Everything any server printed or answered, checked for credentials at the end. */
const seen: string[] = [];
const open: Client[] = [];

/** One server per set of flags and base URL, shared by the tests that ask for the same. */
const servers = new Map<string, Promise<Client>>();
function start(flags: string[] = [], baseUrl: string = inject('prismUrl')): Promise<Client> {
  const key = `${flags.join(' ')} @ ${baseUrl}`;
  if (!servers.has(key)) {
    const started = launch(flags, baseUrl);
    servers.set(key, started);
    started.catch(() => servers.delete(key));
  }
  return servers.get(key)!;
}

async function launch(flags: string[], baseUrl: string) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, ...flags],
    env: { PATH: process.env.PATH!, OMNIDESK_BASE_URL: baseUrl, OMNIDESK_EMAIL: EMAIL, OMNIDESK_API_KEY: API_KEY },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => seen.push(chunk.toString()));
  const client = new Client({ name: 'mcp-test', version: '0.0.0' });
  await client.connect(transport);
  open.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  // callTool's type allows the protocol's older `{ toolResult }` answer too; this server sends content.
  const result = CallToolResultSchema.parse(await client.callTool({ name, arguments: args }));
  const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
  seen.push(text);
  return { isError: result.isError === true, text, json: (): unknown => JSON.parse(text) };
}

async function toolNames(client: Client) {
  const { tools } = await client.listTools();
  seen.push(JSON.stringify(tools));
  return tools.map((t) => t.name).sort();
}

/** A stand-in API on a free port that answers every request with `status` and `body`. */
async function standIn(status: number, body: unknown) {
  const auth: string[] = [];
  const server = createServer((req, res) => {
    auth.push(req.headers.authorization ?? '');
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`the stand-in API has no port: ${address}`);
  const { port } = address;
  return {
    url: `http://127.0.0.1:${port}`,
    auth,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

const names = (ops: SpecOp[]) => [...ops.map((o) => o.tool), 'describe_operation'].sort();

describe('tool list under each flag set (computed from the bundle)', () => {
  it('without flags: the read-only operations only', async () => {
    expect(await toolNames(await start())).toEqual(names(specOps.filter((o) => o.kind === 'read')));
  });

  it('--allow-writes: reads and writes, no destructive one', async () => {
    expect(await toolNames(await start(['--allow-writes']))).toEqual(names(specOps.filter((o) => o.kind !== 'destructive')));
  });

  it('--allow-writes --allow-destructive: every operation', async () => {
    expect(await toolNames(await start(['--allow-writes', '--allow-destructive']))).toEqual(names(specOps));
  });

  it('--tools cases,users: only those resources (still read-only)', async () => {
    expect(await toolNames(await start(['--tools', 'cases,users']))).toEqual(
      names(specOps.filter((o) => o.kind === 'read' && ['cases', 'users'].includes(o.resource))),
    );
  });

  it('--tools takes a resource in snake case too, and a resource of two words', async () => {
    const twoWords = specOps.find((o) => /[A-Z]/.test(o.resource))!.resource;
    expect(await toolNames(await start(['--allow-writes', '--tools', snake(twoWords)]))).toEqual(
      names(specOps.filter((o) => o.kind !== 'destructive' && o.resource === twoWords)),
    );
  });

  it('annotations: read-only for GET, destructive for deletes and bulk trash/spam, idempotent from the spec', async () => {
    const { tools } = await (await start(['--allow-writes', '--allow-destructive'])).listTools();
    for (const o of specOps) {
      const tool = tools.find((t) => t.name === o.tool)!;
      expect(tool.annotations, o.tool).toMatchObject({
        readOnlyHint: o.kind === 'read',
        destructiveHint: o.kind === 'destructive',
        idempotentHint: o.op['x-sdk-idempotent'] ?? ['get', 'put', 'delete'].includes(o.http),
      });
      expect(tool.description, o.tool).toContain(o.op.summary.trim().replace(/\.?$/, ''));
    }
  });

  it('--allow-destructive without --allow-writes and an unknown --tools resource stop the server with a usage error', async () => {
    await expect(start(['--allow-destructive'])).rejects.toThrow();
    await expect(start(['--tools', 'nosuchresource'])).rejects.toThrow();
    const printed = seen.join('\n');
    expect(printed).toContain('--allow-destructive needs --allow-writes');
    expect(printed).toMatch(/unknown resource\(s\) nosuchresource/);
  });
});

describe('input schemas', () => {
  it('validate every parameter and request body example of the spec', async () => {
    const client = await start(['--allow-writes', '--allow-destructive']);
    const { tools } = await client.listTools();
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    // ajv-formats is CommonJS: its function is also its `default` (what TypeScript sees).
    ajvFormats.default(ajv);
    let checked = 0;
    for (const o of specOps) {
      const schema: SpecNode = tools.find((t) => t.name === o.tool)!.inputSchema;
      for (const p of o.params.filter((p) => p.in === 'path' || p.in === 'query')) {
        const examples = [p.example, ...Object.values<SpecNode>(p.examples ?? {}).map((e) => deref(e).value)].filter(
          (e) => e !== undefined,
        );
        for (const example of examples) {
          const validate = ajv.compile(schema.properties[p.name]);
          expect(validate(example), `${o.tool} ${p.name} ${JSON.stringify(example)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
          checked++;
        }
      }
      const media = deref(o.op.requestBody)?.content?.['application/json'];
      if (!media) continue;
      // The envelope, as describe_operation reports it from the bundle.
      const reference = recordOf((await call(client, 'describe_operation', { operation: o.tool })).json(), `${o.tool} reference`);
      const requestBody = recordOf(reference.requestBody, `${o.tool} reference's requestBody`);
      const bodies = [media.example, ...Object.values<SpecNode>(media.examples ?? {}).map((e) => deref(e).value)].filter(
        (e) => e !== undefined,
      );
      for (const body of bodies) {
        // The SDK's envelope, or the alternative wrapper the spec also allows (notes: `note`).
        const wrappers = requestBody.envelope ? Object.keys(body) : [];
        expect(wrappers.length, `${o.tool}: a body example is wrapped in one key`).toBeLessThanOrEqual(1);
        const inner = requestBody.envelope ? body[wrappers[0]!] : body;
        const validate = ajv.compile(schema.properties.body);
        expect(validate(inner), `${o.tool} body ${JSON.stringify(inner)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(specOps.length);
  });
});

describe('calls against the mock', () => {
  it("a read tool returns the mock's answer, unwrapped from its envelope", async () => {
    const client = await start();
    const get = toolOf('getCase');
    const id = get.params.find((p) => p.in === 'path')!.example;
    const result = await call(client, get.tool, { case_id: id });
    expect(result.isError, result.text).toBe(false);
    expect(result.json()).toEqual(responseExample('getCase').case);
  });

  it('a list is capped at --max-items and says so', async () => {
    const client = await start(['--max-items', '1']);
    const list = toolOf('listCases');
    const page = pageOf(responseExample('listCases'), 'case');
    expect(page.items.length).toBeGreaterThan(1);
    const result = (await call(client, list.tool)).json();
    expect(result).toMatchObject({
      items: [page.items[0]],
      returned: 1,
      total: page.total,
      truncated: true,
      note: expect.stringMatching(/first 1 of the \d+ items/),
    });
  });

  it("a --max-items above the API's page size asks for the largest page the spec allows", async () => {
    const list = toolOf('listCases');
    const max = deref(list.params.find((p) => p.name === 'limit')!.schema).maximum;
    expect(max).toBeGreaterThan(0);
    // Prism refuses a limit above the spec's maximum with 422: this passes only if it was capped.
    const result = await call(await start(['--max-items', String(max * 10)]), list.tool);
    expect(result.isError, result.text).toBe(false);
    expect(result.json()).toMatchObject({ total: pageOf(responseExample('listCases'), 'case').total });
  });

  it('a write tool is absent without --allow-writes, refused if called, and works with the flag', async () => {
    const create = toolOf('createCase');
    const body = requestExample('createCase').case;
    const readOnly = await start();
    expect(await toolNames(readOnly)).not.toContain(create.tool);
    const refused = await call(readOnly, create.tool, { body });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('--allow-writes');

    const writer = await start(['--allow-writes']);
    const created = await call(writer, create.tool, { body });
    expect(created.isError, created.text).toBe(false);
    expect(created.json()).toEqual(responseExample('createCase').case);
  });

  it('a destructive bulk tool needs --allow-destructive and answers { succeeded, failed }', async () => {
    const trash = toolOf('trashCases');
    const ids = trash.params.find((p) => p.in === 'path')!.example;
    expect(await toolNames(await start(['--allow-writes']))).not.toContain(trash.tool);
    const client = await start(['--allow-writes', '--allow-destructive']);
    const result = await call(client, trash.tool, { case_id: ids });
    expect(result.isError, result.text).toBe(false);
    // Prism serves the first example (one case) to any ids: the SDK counts that as all succeeded.
    expect(result.json()).toEqual({ succeeded: ids, failed: [] });
  });

  it('a bad argument is a tool error naming it, and nothing is sent', async () => {
    const api = await standIn(200, {});
    const client = await start([], api.url);
    const get = toolOf('getCase');
    const wrongType = await call(client, get.tool, { case_id: 'two thousand' });
    expect(wrongType).toMatchObject({ isError: true });
    expect(wrongType.text).toMatch(/`case_id`/);
    const unknown = await call(client, get.tool, { case_id: 2000, cas_id: 1 });
    expect(unknown).toMatchObject({ isError: true });
    expect(unknown.text).toContain('unknown argument `cas_id`');
    const missing = await call(client, get.tool, {});
    expect(missing.text).toContain('missing required argument `case_id`');
    const list = toolOf('listCases');
    const badEnum = await call(client, list.tool, { status: 'nonsense' });
    expect(badEnum).toMatchObject({ isError: true });
    expect(badEnum.text).toMatch(/`status`/);
    expect(api.auth).toEqual([]);
    api.close();
  });

  it("an API error is a tool error with the API's status, code and sentence", async () => {
    // The mock answers a valid request with success; a 404 comes from a stand-in API that answers
    // every request with the spec's own 404 example (and shows that credentials were sent).
    const get = toolOf('getCase');
    const notFound = errorExample('getCase', '404');
    const api = await standIn(404, notFound);
    try {
      const client = await start([], api.url);
      const result = await call(client, get.tool, { case_id: 2000 });
      expect(result).toMatchObject({ isError: true });
      expect(result.text).toContain(`NotFoundError 404 ${notFound.error}`);
      expect(result.text).toMatch(/GET \/cases\/2000\.json/);
      // The credentials were sent, and are in no output (checked at the end).
      expect(api.auth).toEqual([`Basic ${SECRETS[1]}`]);
    } finally {
      api.close();
    }
  });

  it('describe_operation returns the reference of an operation by tool name or operationId', async () => {
    const client = await start();
    const o = toolOf('listCases');
    const byName = (await call(client, 'describe_operation', { operation: o.tool })).json();
    const byId = (await call(client, 'describe_operation', { operation: o.operationId })).json();
    expect(byName).toEqual(byId);
    expect(byName).toMatchObject({
      tool: o.tool,
      operationId: o.operationId,
      method: 'GET',
      summary: o.op.summary,
      description: o.op.description.trim(),
      // The same parameters, in the same order (an array matches only at the same length).
      parameters: o.params.map((p) => expect.objectContaining({ name: p.name })),
    });
  });
});

describe('credentials', () => {
  it('never appear in any listing, result, error or log line', () => {
    expect(seen.length).toBeGreaterThan(10);
    const all = seen.join('\n');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});
