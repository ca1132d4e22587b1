// omnidesk-verify: checks the Omnidesk OpenAPI description against your own account.
// Exit codes: 0 every answer conforms, 1 something drifted (or answered an error), 2 bad usage or
// no access (wrong key, e-mail or subdomain; no connection).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatFinding } from '@omnidesk-openapi/client/validate';
import { reportJson, reportMarkdown, summarize, summaryTable } from './report.mjs';
import { AccessError, verifyAccount } from './run.mjs';

export const TOOL = 'omnidesk-verify';

export const USAGE = `Usage: ${TOOL} [--base-url URL] [--max-calls N] [--per-minute N] [--ids N] [--out DIR]

Calls the read-only (GET) operations of the Omnidesk API on your account, checks every answer
against the OpenAPI description, and reports where they differ, without any of the account's data.
It never sends POST, PUT, PATCH or DELETE.

Environment:
  OMNIDESK_DOMAIN    your account's subdomain (yourcompany for yourcompany.omnidesk.ru), or --base-url
  OMNIDESK_EMAIL     a staff member's e-mail
  OMNIDESK_API_KEY   that staff member's API key (Settings → API)

Options:
  --base-url URL     the API's address instead of OMNIDESK_DOMAIN (https://yourcompany.omnidesk.ru/api)
  --max-calls N      at most N calls in all (default 15; the report counts the GETs it skipped)
  --per-minute N     at most N calls a minute (default 10; the smallest plan allows 20)
  --ids N            ids taken from each list for the get-by-id calls (default 1)
  --out DIR          write DIR/report.md and DIR/report.json
  --help             this text

Exit codes: 0 conforms, 1 drift found, 2 bad usage or no access.`;

/**
 * A positive integer option, or a usage error naming it.
 * @param {string} name
 * @param {string | undefined} value
 * @param {number} fallback
 * @param {number} max
 */
function count(name, value, fallback, max) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${max}`);
  return Number(value);
}

class UsageError extends Error {}

/**
 * Runs the command: `argv` without node and the script, `env` for the credentials, `out`/`err`
 * for the lines printed. Returns the exit code. Never prints the key, the e-mail or the address.
 * @param {string[]} argv
 * @param {{ env?: Record<string, string | undefined>, out?: (line: string) => unknown, err?: (line: string) => unknown, fetch?: (request: Request) => Promise<Response>, now?: number }} [io]
 * @returns {Promise<number>}
 */
export async function main(
  argv,
  { env = process.env, out = (l) => process.stdout.write(`${l}\n`), err = (l) => process.stderr.write(`${l}\n`), fetch, now } = {},
) {
  let settings;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        'max-calls': { type: 'string' },
        'per-minute': { type: 'string' },
        ids: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      out(USAGE);
      return 0;
    }
    const domain = env.OMNIDESK_DOMAIN?.trim();
    const baseUrl = values['base-url'] ?? (domain ? `https://${domain}.omnidesk.ru/api` : undefined);
    if (!baseUrl) throw new UsageError('set OMNIDESK_DOMAIN (your subdomain) or give --base-url');
    if (values['base-url'] === undefined && !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(domain ?? ''))
      throw new UsageError('OMNIDESK_DOMAIN must be the subdomain only (`yourcompany`, not a URL or yourcompany.omnidesk.ru)');
    if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError('--base-url must be an http(s) URL');
    const email = env.OMNIDESK_EMAIL?.trim();
    const apiKey = env.OMNIDESK_API_KEY?.trim();
    const missing = [...(email ? [] : ['OMNIDESK_EMAIL']), ...(apiKey ? [] : ['OMNIDESK_API_KEY'])];
    if (!email || !apiKey) throw new UsageError(`set ${missing.join(' and ')}`);
    settings = {
      baseUrl,
      email,
      apiKey,
      maxCalls: count('max-calls', values['max-calls'], 15, 1000),
      perMinute: count('per-minute', values['per-minute'], 10, 100_000),
      ids: count('ids', values.ids, 1, 20),
      outDir: values.out,
    };
  } catch (error) {
    // Usage errors and parseArgs' own (`ERR_PARSE_ARGS_*`) name the option; anything else might hold a value.
    const parseArgsError =
      error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
    err(`${TOOL}: ${error instanceof UsageError || parseArgsError ? /** @type {Error} */ (error).message : 'bad arguments'}`);
    err(`Run ${TOOL} --help for usage.`);
    return 2;
  }

  err(`${TOOL}: GET calls only, at most ${settings.maxCalls}, ${settings.perMinute} a minute.`);
  let run;
  try {
    run = await verifyAccount({
      ...settings,
      fetch,
      now,
      onProgress: ({ n, of, operationId, path, outcome }) => err(`[${n}/${of}] ${operationId} GET ${path}: ${outcome}`),
    });
  } catch (error) {
    if (error instanceof AccessError) {
      err(`${TOOL}: ${error.message}`);
      return 2;
    }
    // The SDK's option checks (a TypeError naming the option), never a value.
    if (error instanceof TypeError && /^createOmnideskClient: /.test(error.message)) {
      err(`${TOOL}: ${error.message.replace(/^createOmnideskClient: /, '')}`);
      return 2;
    }
    throw error;
  }

  for (const r of run.operations) for (const f of r.findings) if (f.severity === 'drift') err(`${r.operationId}: ${formatFinding(f)}`);
  out(summaryTable(run));
  if (settings.outDir) {
    const dir = resolve(settings.outDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.json'), `${JSON.stringify(reportJson(run, { tool: TOOL }), null, 2)}\n`);
    writeFileSync(join(dir, 'report.md'), reportMarkdown(run, { tool: TOOL }));
    out(`Reports: ${join(settings.outDir, 'report.md')}, ${join(settings.outDir, 'report.json')}`);
  }
  return summarize(run).exitCode;
}
