#!/usr/bin/env node
// Extracts the machine-readable inventory of the official Omnidesk API docs (the Russian text
// of https://omnidesk.ru/api) into packages/spec-tests/inventory/docs-inventory.json: every
// documented call with its parameters table, request and response example fields, and multipart
// field names. The inventory is committed; the coverage test reads it, not the docs, and checks
// it is up to date whenever the docs text is at hand.
//
//   node scripts/extract-docs-inventory.mjs [path/to/omnidesk-api-docs.txt]
//
// The path defaults to ../shared/omnidesk-api-docs.txt relative to the repository root.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultDocsPath = resolve(repoRoot, '../shared/omnidesk-api-docs.txt');
export const inventoryPath = join(repoRoot, 'packages/spec-tests/inventory/docs-inventory.json');

// What the docs hold today. A change means the docs changed: re-read them, do not just bump this.
export const EXPECTED_CALLS = 96;
export const EXPECTED_PAIRS = 93;

const CALL_LINE = /^https:\/\/\[domain\]\.omnidesk\.ru\/api(\/\S+) (GET|POST|PUT|DELETE)$/;
/** @typedef {ReturnType<typeof extractInventory>} Inventory */

const SECTION = /^(ПАРАМЕТРЫ|ЗАПРОС|ОТВЕТ.*|Пример кода.*)$/;

/**
 * The shape of an example payload as the loose reader sees it: scalars keep their raw text.
 * @typedef {{ kind: 'scalar', raw: string } | { kind: 'object', entries: [string, Shape][] } | { kind: 'array', items: Shape[] }} Shape
 */
/** @typedef {{ name: string, type: string, required: boolean, description: string }} ParameterRow */
/** @typedef {{ heading: string, line: number, body: string[] }} Section */

/** `/cases/[id(,id,id)]/spam.json` → `/cases/{}/spam.json`: placeholder names do not matter. */
export function normalizeDocsPath(/** @type {string} */ path) {
  return path.replace(/\[[^\]]*\]/g, '{}');
}

/** Placeholder names of a docs path, in order: `[id(,id,id)]` → `id`. */
export function docsPlaceholders(/** @type {string} */ path) {
  return [...path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1].replace(/\(.*$/, ''));
}

// ---------------------------------------------------------------------------------------------
// A tolerant reader of the docs' example payloads. They are JSON-like but often invalid:
// `//` comments, bare dates (`Mon, 05 May 2014 ...`), `84%`, `unassigned`, trailing or missing
// commas, repeated keys, unbalanced braces. Only the shape matters here (which keys, nested how),
// so bare values become scalars, stray tokens are dropped and unclosed containers close at the end.

/**
 * @param {string} text
 * @returns {Shape}
 */
function parseLoose(text) {
  let i = 0;
  const ws = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text.startsWith('//', i)) {
        // Comments run to the end of a line in the original; here lines are joined, so stop at
        // the next closing bracket, which the comment never contains.
        while (i < text.length && !'}]\n'.includes(text[i])) i++;
      } else return;
    }
  };
  const string = () => {
    let out = '';
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      out += text[i++] ?? '';
    }
    i++; // closing quote
    return out;
  };
  /** @returns {Shape} */
  const bare = () => {
    const start = i;
    while (i < text.length && !',:{}[]"\n'.includes(text[i]) && !text.startsWith('//', i)) i++;
    return { kind: 'scalar', raw: text.slice(start, i).trim() };
  };
  /** @returns {Shape} */
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return { kind: 'scalar', raw: string() };
    return bare();
  };
  /** @returns {Shape} */
  const object = () => {
    i++;
    /** @type {[string, Shape][]} */
    const entries = [];
    for (;;) {
      ws();
      if (i >= text.length) return { kind: 'object', entries };
      const c = text[i];
      if (c === '}') {
        i++;
        return { kind: 'object', entries };
      }
      if (c === ',' || c === ':' || c === ']') {
        i++;
        continue;
      }
      if (c === '"') {
        const key = string();
        ws();
        if (text[i] === ':') {
          i++;
          entries.push([key, value()]);
        }
        continue;
      }
      if (c === '{' || c === '[') {
        value(); // a container without a key: nothing to name
        continue;
      }
      bare(); // the rest of a bare value cut by a comma (`Mon, 05 May 2014 ...`)
      if (i < text.length && !',:{}[]"'.includes(text[i])) i++;
    }
  };
  /** @returns {Shape} */
  const array = () => {
    i++;
    /** @type {Shape[]} */
    const items = [];
    for (;;) {
      ws();
      if (i >= text.length) return { kind: 'array', items };
      const c = text[i];
      if (c === ']') {
        i++;
        return { kind: 'array', items };
      }
      if (c === ',' || c === ':' || c === '}') {
        i++;
        continue;
      }
      const before = i;
      items.push(value());
      if (i === before) i++;
    }
  };
  return value();
}

const NUMERIC_KEY = /^[0-9]+$/;
// Maps keyed by ids: custom field values (`cf_25`), multilingual texts and select options ("1").
const ID_KEY = /^([0-9]+|cf_[0-9]+)$/;

function isIdMap(/** @type {Shape} */ node) {
  return (
    node.kind === 'object' &&
    node.entries.length > 0 &&
    node.entries.every(([k, v]) => ID_KEY.test(k) && v.kind !== 'object' && v.kind !== 'array')
  );
}

/**
 * The key paths of a parsed example: `case`, `case.custom_fields`, `message.attachments[].url`.
 * Numeric keys (list entries "0", "1", ...) are skipped; maps keyed by ids are recorded in
 * `dynamic` and not descended into.
 * @param {Shape} node
 * @param {string} prefix
 * @param {Set<string>} fields
 * @param {Set<string>} dynamic
 */
function collectFields(node, prefix, fields, dynamic) {
  if (node.kind === 'array') {
    for (const item of node.items) collectFields(item, `${prefix}[]`, fields, dynamic);
    return;
  }
  if (node.kind !== 'object') return;
  if (prefix && isIdMap(node)) {
    dynamic.add(prefix);
    return;
  }
  for (const [key, child] of node.entries) {
    if (NUMERIC_KEY.test(key)) {
      collectFields(child, prefix, fields, dynamic);
      continue;
    }
    const path = prefix ? `${prefix}.${key}` : key;
    fields.add(path);
    collectFields(child, path, fields, dynamic);
  }
}

/** The key paths of the example payloads `lines` (`fields`) and of their maps keyed by ids (`dynamic`), sorted. */
function examplesShape(/** @type {string[]} */ lines) {
  /** @type {Set<string>} */
  const fields = new Set();
  /** @type {Set<string>} */
  const dynamic = new Set();
  for (const text of lines) collectFields(parseLoose(text), '', fields, dynamic);
  return { fields: [...fields].sort(), dynamic: [...dynamic].sort() };
}

// ---------------------------------------------------------------------------------------------

/** `Название | Тип | Описание |` rows; a row may run over several lines until its last `|`. */
/**
 * @param {string[]} lines
 * @returns {ParameterRow[]}
 */
function parseTable(lines) {
  /** @type {ParameterRow[]} */
  const rows = [];
  let pending = '';
  for (const line of lines) {
    if (/^Название \| Тип \| Описание \|$/.test(line)) continue;
    pending = pending ? `${pending}\n${line}` : line;
    const cells = pending.split('|');
    if (cells.length < 4 || !pending.trimEnd().endsWith('|')) continue;
    const [rawName, type, ...rest] = cells.slice(0, -1); // the row ends with `|`
    const name = rawName.trim();
    rows.push({
      name: name.replace(/\s*\*$/, ''),
      type: type.trim(),
      required: name.endsWith('*'),
      description: rest
        .join('|')
        .trim()
        .replace(/\s*\n\s*/g, '\n'),
    });
    pending = '';
  }
  if (pending) throw new Error(`unterminated parameters row: ${pending.slice(0, 80)}`);
  return rows;
}

/** `-F "case[attachments][0]=@..."` → `case[attachments]`, keeping the name as written. */
function multipartFields(/** @type {string[]} */ curlLines) {
  /** @type {Map<string, { name: string, written: string }>} */
  const out = new Map();
  for (const line of curlLines) {
    for (const m of line.matchAll(/-F "([^"=]+)=/g)) {
      const written = m[1];
      // Indices and id keys are per request, not field names: `[0]`, `[cf_44]`.
      const name = written.replace(/(\[([0-9]+|cf_[0-9]+)\])+$/, '');
      if (!out.has(name)) out.set(name, { name, written });
    }
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Reads the docs text and returns the inventory. Throws when the number of calls or distinct
 * method+path pairs is not what the docs held when this was written.
 * @param {string} text
 * @param {{ source?: string }} [options]
 */
export function extractInventory(text, { source = 'omnidesk-api-docs.txt' } = {}) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  /** @type {number[]} the lines that start a call */
  const starts = [];
  lines.forEach((line, index) => {
    if (CALL_LINE.test(line)) starts.push(index);
  });

  const calls = starts.map((start, n) => {
    const end = n + 1 < starts.length ? starts[n + 1] : lines.length;
    // `starts` holds the lines CALL_LINE matches.
    const [, path, method] = /** @type {RegExpExecArray} */ (CALL_LINE.exec(lines[start]));
    const block = lines.slice(start + 1, end);

    // Split the block into its description and its sections.
    /** @type {string[]} */
    const description = [];
    /** @type {Section[]} */
    const sections = [];
    for (let k = 0; k < block.length; k++) {
      const line = block[k];
      const current = sections.at(-1);
      if (SECTION.test(line)) sections.push({ heading: line, line: start + 2 + k, body: [] });
      else if (current) current.body.push(line);
      else description.push(line);
    }
    const bodies = (/** @type {(heading: string) => boolean} */ test) => sections.filter((s) => test(s.heading));
    const exampleLines = (/** @type {Section} */ section) => section.body.filter((l) => l.trimStart().startsWith('{'));

    const paramSections = bodies((h) => h === 'ПАРАМЕТРЫ');
    const requestSections = bodies((h) => h === 'ЗАПРОС');
    const responseSections = bodies((h) => h.startsWith('ОТВЕТ'));
    const codeSections = bodies((h) => h.startsWith('Пример кода'));

    const requestExamples = requestSections.flatMap(exampleLines);
    const request = requestExamples.length
      ? { line: requestSections[0].line, examples: requestExamples.length, ...examplesShape(requestExamples) }
      : null;

    const responses = responseSections.map((s) => {
      const status = s.body.map((l) => /^HTTP Status: ([0-9]{3})/.exec(l)).find(Boolean);
      const examples = exampleLines(s);
      return {
        heading: s.heading,
        line: s.line,
        ...(status ? { status: Number(status[1]) } : {}),
        examples: examples.length,
        ...examplesShape(examples),
      };
    });

    const multipart = block.some((l) => l.includes('multipart/form-data'));
    return {
      line: start + 1,
      method,
      path,
      normalizedPath: normalizeDocsPath(path),
      summary: description[0] ?? '',
      notes: description.slice(1).filter((l) => l.trim()),
      variant: multipart ? 'multipart' : null,
      parameters: paramSections.flatMap((s) => parseTable(s.body)),
      request,
      multipartFields: multipartFields(codeSections.flatMap((s) => s.body)),
      responses,
    };
  });

  const pairs = new Set(calls.map((c) => `${c.method} ${c.normalizedPath}`));
  if (calls.length !== EXPECTED_CALLS || pairs.size !== EXPECTED_PAIRS) {
    throw new Error(
      `the docs now document ${calls.length} calls and ${pairs.size} distinct method+path pairs ` +
        `(expected ${EXPECTED_CALLS} and ${EXPECTED_PAIRS}): the docs changed, review the inventory ` +
        `and the spec, then update EXPECTED_CALLS/EXPECTED_PAIRS`,
    );
  }

  return {
    source,
    sourceSha256: createHash('sha256').update(text).digest('hex'),
    callCount: calls.length,
    pairCount: pairs.size,
    calls,
  };
}

/** The inventory file's exact text: 2-space JSON with a trailing newline. */
export function serializeInventory(/** @type {Inventory} */ inventory) {
  return `${JSON.stringify(inventory, null, 2)}\n`;
}

function main() {
  const docsPath = resolve(process.argv[2] ?? defaultDocsPath);
  const inventory = extractInventory(readFileSync(docsPath, 'utf8'), { source: basename(docsPath) });
  writeFileSync(inventoryPath, serializeInventory(inventory));
  const count = (/** @type {(call: Inventory['calls'][number]) => number} */ f) => inventory.calls.reduce((n, c) => n + f(c), 0);
  console.log(
    [
      `${docsPath}:`,
      `  ${inventory.callCount} calls, ${inventory.pairCount} distinct method+path pairs`,
      `  ${count((c) => (c.variant === 'multipart' ? 1 : 0))} multipart variants`,
      `  ${count((c) => c.parameters.length)} parameters`,
      `  ${count((c) => c.request?.fields.length ?? 0)} request example fields`,
      `  ${count((c) => c.responses.reduce((n, r) => n + r.fields.length, 0))} response example fields`,
      `wrote ${inventoryPath}`,
    ].join('\n'),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(`extract-docs-inventory: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
