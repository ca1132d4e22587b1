#!/usr/bin/env node
// omnidesk-mcp: the Omnidesk MCP server over stdio. Read-only unless told otherwise.
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer, DEFAULT_MAX_ITEMS, UsageError } from './server.js';

const USAGE = `Usage: omnidesk-mcp [--allow-writes] [--allow-destructive] [--tools cases,users] [--max-items N]

Environment: OMNIDESK_DOMAIN (yourcompany for https://yourcompany.omnidesk.ru) or OMNIDESK_BASE_URL,
OMNIDESK_EMAIL (a staff member's e-mail), OMNIDESK_API_KEY (Settings → API).

  --allow-writes       also list the tools that create and change data (POST, PUT)
  --allow-destructive  also list the tools that delete, trash or mark as spam (needs --allow-writes)
  --tools a,b          only the tools of these resources (cases, users, kbArticles or kb_articles, ...)
  --max-items N        at most N items of a list in one result (default ${DEFAULT_MAX_ITEMS})`;

/**
 * The server's settings from the command line and the environment (or `{ help: true }`).
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @returns {import('./server.js').ServerSettings & { help?: true }}
 */
function settingsFrom(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'allow-writes': { type: 'boolean', default: false },
        'allow-destructive': { type: 'boolean', default: false },
        tools: { type: 'string' },
        'max-items': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const missing = [
    !env.OMNIDESK_DOMAIN && !env.OMNIDESK_BASE_URL && 'OMNIDESK_DOMAIN (or OMNIDESK_BASE_URL)',
    !env.OMNIDESK_EMAIL && 'OMNIDESK_EMAIL',
    !env.OMNIDESK_API_KEY && 'OMNIDESK_API_KEY',
  ].filter(Boolean);
  if (missing.length) throw new UsageError(`missing environment variable(s): ${missing.join(', ')}`);
  const maxItems = values['max-items'] === undefined ? undefined : Number(values['max-items']);
  return {
    allowWrites: values['allow-writes'],
    allowDestructive: values['allow-destructive'],
    resources: values.tools
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    maxItems,
    baseUrl: env.OMNIDESK_BASE_URL || undefined,
    domain: env.OMNIDESK_DOMAIN || undefined,
    email: env.OMNIDESK_EMAIL,
    apiKey: env.OMNIDESK_API_KEY,
  };
}

try {
  const settings = settingsFrom(process.argv.slice(2), process.env);
  if (settings.help) {
    console.log(USAGE);
  } else {
    const server = createServer(settings);
    await server.connect(new StdioServerTransport());
  }
} catch (error) {
  // stdout is the protocol's: messages go to stderr. A UsageError never holds a credential.
  if (error instanceof UsageError) {
    console.error(`omnidesk-mcp: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`omnidesk-mcp: ${error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${error}`}`);
  process.exit(1);
}
