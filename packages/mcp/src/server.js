// The MCP server: the generated tools (dist/tools.json) over the SDK client, filtered by what the
// user allowed. Everything per operation comes from the generated files; nothing here names one.
import { readFileSync } from 'node:fs';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { createOmnideskClient, OmnideskError, ValidationError } from '@omnidesk-openapi/client';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/** @typedef {import('../scripts/generate-tools.mjs').Tool} Tool */
/** @typedef {import('ajv').ErrorObject} ErrorObject */
/** @typedef {{ operationId: string }} Reference one operation's entry of dist/reference.json */
/**
 * What a server is started with (the CLI's flags and environment; tests give their own `client`).
 * @typedef {object} ServerSettings
 * @property {boolean} [allowWrites]
 * @property {boolean} [allowDestructive]
 * @property {string[]} [resources] `--tools`: only these resources (`cases`, `kbArticles` or `kb_articles`)
 * @property {number} [maxItems] `--max-items`
 * @property {import('@omnidesk-openapi/client').OmnideskClient} [client]
 * @property {string} [baseUrl]
 * @property {string} [domain]
 * @property {string} [email]
 * @property {string} [apiKey]
 */

const dist = (/** @type {string} */ file) => new URL(`../dist/${file}`, import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Bad settings (flags, environment): the CLI prints the message and exits 2. */
export class UsageError extends Error {
  name = 'UsageError';
}

/** @type {{ tools: Tool[], reference: Record<string, Reference> | undefined } | undefined} */
let generated;
/** The generated tools and references (read once). */
export function loadTools() {
  if (!generated) {
    /** @type {Tool[]} */
    let tools;
    try {
      tools = JSON.parse(readFileSync(dist('tools.json'), 'utf8')).tools;
    } catch (cause) {
      throw new Error('omnidesk-mcp: dist/tools.json is missing or unreadable; run `pnpm build` (stage mcp) first', { cause });
    }
    generated = { tools, reference: undefined };
  }
  return generated;
}

/** @returns {Record<string, Reference>} */
function reference() {
  const g = loadTools();
  g.reference ??= /** @type {Record<string, Reference>} */ (JSON.parse(readFileSync(dist('reference.json'), 'utf8')));
  return g.reference;
}

export const DEFAULT_MAX_ITEMS = 25;

/**
 * The tools a server with these settings lists: read-only ones always; writes with `allowWrites`;
 * destructive ones only with both; `resources` (the SDK's resource names, `cases`, `kbArticles`)
 * narrows them. `describe_operation` is always there.
 * @param {ServerSettings} [settings]
 */
export function selectTools({ allowWrites = false, allowDestructive = false, resources } = {}) {
  const { tools } = loadTools();
  if (allowDestructive && !allowWrites)
    throw new UsageError('--allow-destructive needs --allow-writes too (destructive tools are write tools)');
  if (resources) {
    const known = [...new Set(tools.map((t) => t.call.resource))];
    const unknown = resources.filter((r) => !known.some((k) => named(k, [r])));
    if (unknown.length) throw new UsageError(`--tools: unknown resource(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  return tools.filter(
    (t) =>
      (!resources || named(t.call.resource, resources)) &&
      (t.annotations.readOnlyHint || (allowWrites && (!t.annotations.destructiveHint || allowDestructive))),
  );
}

/** Whether `resource` (`kbArticles`) is among `names`, as itself or in snake case (`kb_articles`). */
const named = (/** @type {string} */ resource, /** @type {string[]} */ names) =>
  names.includes(resource) || names.includes(resource.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/**
 * Why a generated tool is not listed (for a call to it), or undefined when it is.
 * @param {Tool} tool
 * @param {ServerSettings} settings
 */
function whyHidden(tool, settings) {
  if (settings.resources && !named(tool.call.resource, settings.resources))
    return `the server was started with --tools ${settings.resources.join(',')}`;
  if (tool.annotations.readOnlyHint) return undefined;
  if (!settings.allowWrites) return 'it changes data, and the server was started without --allow-writes';
  if (tool.annotations.destructiveHint && !settings.allowDestructive)
    return 'it deletes or trashes data, and the server was started without --allow-destructive';
  return undefined;
}

const DESCRIBE = {
  name: 'describe_operation',
  title: 'Describe an API operation',
  description:
    "One operation's reference from the OpenAPI description: method and path, the full description (with the API's deviations from its docs), parameters, body and response schemas, and where each fact comes from (x-evidence).",
  annotations: { title: 'Describe an API operation', readOnlyHint: true, destructiveHint: false, idempotentHint: true },
};

function describeTool(/** @type {string[]} */ names) {
  return {
    ...DESCRIBE,
    inputSchema: {
      type: 'object',
      properties: {
        operation: { type: 'string', description: 'A tool name (`cases_list`) or an operationId (`listCases`).', examples: [names[0]] },
      },
      required: ['operation'],
      additionalProperties: false,
    },
  };
}

/**
 * Replaces every occurrence of a secret in `text` (belt and braces: the SDK never shows them).
 * @param {unknown[]} secrets
 */
function redactor(secrets) {
  const list = /** @type {string[]} */ (secrets.filter((s) => typeof s === 'string' && s.length >= 4));
  return (/** @type {string} */ text) => list.reduce((t, s) => t.split(s).join('[redacted]'), text);
}

/** An ajv error as a sentence naming the argument. */
function argumentProblem(/** @type {ErrorObject} */ e) {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '';
  if (e.keyword === 'additionalProperties') {
    const name = where ? `${where}.${e.params.additionalProperty}` : e.params.additionalProperty;
    return `unknown argument \`${name}\``;
  }
  if (e.keyword === 'required' && !where) return `missing required argument \`${e.params.missingProperty}\``;
  const allowed =
    e.keyword === 'enum' ? ` (${e.params.allowedValues.map((/** @type {unknown} */ v) => JSON.stringify(v)).join(', ')})` : '';
  return `argument \`${where || e.params.missingProperty}\` ${e.message}${allowed}`;
}

/**
 * A Server with the Omnidesk tools. `client`: the SDK client (tests may pass their own);
 * otherwise built from `domain`/`baseUrl`, `email`, `apiKey`.
 * @param {ServerSettings} settings
 */
export function createServer(settings) {
  const { maxItems = DEFAULT_MAX_ITEMS } = settings;
  if (!Number.isSafeInteger(maxItems) || maxItems < 1)
    throw new UsageError(`--max-items must be a positive integer, got ${JSON.stringify(maxItems)}`);
  const listed = selectTools(settings);
  const { tools: all } = loadTools();
  const byName = new Map(all.map((t) => [t.name, t]));
  const client =
    settings.client ??
    createOmnideskClient({
      ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : { domain: settings.domain }),
      // Checked by the SDK: a missing one is its ConfigurationError, naming it.
      email: /** @type {string} */ (settings.email),
      apiKey: /** @type {string} */ (settings.apiKey),
    });
  // The tools name their method by resource and method name (`cases`, `list`): looked up so.
  const methods = /** @type {Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>} */ (/** @type {unknown} */ (client));
  const redact = redactor([
    settings.apiKey,
    settings.apiKey && settings.email && Buffer.from(`${settings.email}:${settings.apiKey}`).toString('base64'),
  ]);

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: its function is also its `default` (what TypeScript sees).
  ajvFormats.default(ajv);
  /** @type {Map<string, import('ajv').ValidateFunction>} */
  const validators = new Map();
  /** @param {{ name: string, inputSchema: object }} tool */
  const validator = (tool) => {
    const known = validators.get(tool.name);
    if (known) return known;
    const check = ajv.compile(tool.inputSchema);
    validators.set(tool.name, check);
    return check;
  };

  const server = new Server({ name: 'omnidesk', title: 'Omnidesk', version: pkg.version }, { capabilities: { tools: {} } });
  const describe = describeTool(listed.map((t) => t.name));

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [...listed.map(({ call, ...tool }) => tool), describe],
  }));

  const text = (/** @type {unknown} */ value) => ({
    type: 'text',
    text: redact(typeof value === 'string' ? value : JSON.stringify(value, null, 2)),
  });
  const fail = (/** @type {string} */ message) => ({ isError: true, content: [text(message)] });

  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    /** @type {{ name: string, arguments?: Record<string, unknown> }} */
    const { name, arguments: args = {} } = request.params;
    /** What a failed schema check says, argument by argument. */
    const problems = (/** @type {import('ajv').ValidateFunction} */ check) => (check.errors ?? []).map(argumentProblem).join('; ');
    if (name === DESCRIBE.name) {
      const check = validator(describe);
      if (!check(args)) return fail(`describe_operation: ${problems(check)}`);
      // A string: the schema above requires one.
      const operation = String(args.operation);
      const ref = reference();
      const found = ref[operation] ?? Object.values(ref).find((r) => r.operationId === operation);
      if (!found)
        return fail(`describe_operation: no operation \`${operation}\`; tool names look like \`${listed[0]?.name ?? 'cases_list'}\``);
      return { content: [text(found)] };
    }
    const tool = byName.get(name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const hidden = whyHidden(tool, settings);
    if (hidden) return fail(`${name} is not enabled: ${hidden}.`);
    const check = validator(tool);
    if (!check(args)) return fail(`${name}: invalid arguments: ${problems(check)}.`);

    const { call } = tool;
    // The values as the tool's schema checked them: `page` and `limit` integers.
    /** @type {Record<string, unknown> & { page?: number, limit?: number }} */
    const query = Object.fromEntries(call.query.filter((q) => args[q] !== undefined).map((q) => [q, args[q]]));
    // A list asks for no more than it shows, unless the agent asked for a page size.
    if (call.list && call.limit && query.limit === undefined)
      query.limit = Math.min(maxItems, tool.inputSchema.properties.limit?.maximum ?? maxItems);
    const input = call.body ? args.body : Object.keys(query).length ? query : undefined;
    const options = call.body && Object.keys(query).length ? { query } : {};
    const pathArgs = call.pathParams.map((p) => args[p]);
    const takesInput = call.body || call.query.length > 0;
    try {
      const result = await methods[call.resource][call.method](...pathArgs, ...(takesInput ? [input] : []), options);
      if (call.list) {
        // A list method's page (the SDK's Page).
        const { items, total } = /** @type {import('@omnidesk-openapi/client').Page<unknown>} */ (result);
        const shown = items.slice(0, maxItems);
        /** @type {{ items: unknown[], returned: number, total: number | null, page: number, truncated?: true, note?: string }} */
        const out = { items: shown, returned: shown.length, total: total ?? null, page: query.page ?? 1 };
        if (shown.length < items.length) {
          out.truncated = true;
          out.note = call.limit
            ? `Only the first ${maxItems} of the ${items.length} items of this page are shown (the server's --max-items); ask for limit=${maxItems} and the next pages for the rest.`
            : `Only the first ${maxItems} of the ${items.length} items are shown (the server's --max-items); this list has no pages, so the rest cannot be fetched through this server.`;
        } else if (typeof total === 'number' && total > (out.page - 1) * (query.limit ?? items.length) + items.length) {
          out.note = `More items exist (${total} in all): ask for page=${out.page + 1}.`;
        }
        return { content: [text(out)] };
      }
      return { content: [text(result === undefined ? { ok: true } : result)] };
    } catch (error) {
      return fail(errorSentence(name, error));
    }
  });

  return server;
}

/**
 * What a tool error says: the API's status and code, and a sentence; never headers or credentials.
 * @param {string} name
 * @param {unknown} error
 */
export function errorSentence(name, error) {
  if (!(error instanceof OmnideskError)) return `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
  const head = [error.status, error.code].filter(Boolean).join(' ');
  // The SDK's messages often begin with the status and code already.
  const message = head && error.message.startsWith(head) ? error.message.slice(head.length).replace(/^:\s*/, '') : error.message;
  let s = `${name} failed with ${error.name}${head ? ` ${head}` : ''}: ${message}`;
  if (error instanceof ValidationError && error.details !== undefined) {
    const details = JSON.stringify(error.details);
    s += ` Details: ${details.length > 2000 ? `${details.slice(0, 2000)}…` : details}`;
  }
  return s;
}
