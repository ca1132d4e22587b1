#!/usr/bin/env node
// Builds the reference site into docs/dist/ from the bundled spec: index.html and the two scripts
// beside it (Redoc's code and the description, see splitScripts; no CDN, no fonts, no telemetry),
// so it works offline from file:// and from any static host. The page renders a docs-only copy of dist/openapi.json that adds
//   - `x-codeSamples` on every operation (SDK call and curl, scripts/generate/code-samples.mjs),
//   - the guides (docs/guides/*.md, and each docs/guides/<dir>/ assembled from its files in name
//     order) as `x-traitTag` tags in a first tag group "Guides".
//   - each x-evidence shown in its description, and its Russian title, SDK method and id;
// then it injects the site's own CSS and scripts (docs/site/: contrast, accessible names, and the
// search over an index built here, searchIndex, with the words of docs/search-terms.yaml).
// spec/ and dist/ are never written. The bundle itself is copied beside the page for download.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { addCodeSamples } from '../generate/code-samples.mjs';
import { operations, readBundle, resolver } from '../generate/spec-walker.mjs';

/** @typedef {import('../generate/spec-walker.mjs').SpecNode} SpecNode */
/** @typedef {import('../extract-docs-inventory.mjs').Inventory} Inventory */
/** A guide: its title (its name in the menu) and its Markdown. @typedef {{ name: string, description: string }} Guide */
/** @typedef {{ name: string, tags: string[] }} TagGroup */

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const guidesDir = join(root, 'docs/guides');
const out = join(root, 'docs/dist');
const GUIDES_GROUP = 'Guides';

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`build-docs: ${message}`);
  process.exit(1);
}

/**
 * A guide is a markdown file whose first line is `# Title`; the title names it in the menu.
 * @param {string[]} files @param {string} where @returns {Guide}
 */
function readGuide(files, where) {
  const text = files.map((f) => readFileSync(f, 'utf8').replace(/\r\n/g, '\n').trim()).join('\n\n');
  const match = /^# (.+)\n+/.exec(text);
  if (!match) fail(`${where} must start with a "# Title" line`);
  return { name: match[1].trim(), description: `${uniqueHeadingIds(text.slice(match[0].length))}\n` };
}

/**
 * Gives a heading that repeats the text of an earlier one in the same guide an explicit, unique
 * id (Markdoc's `{% #id %}`): Redoc derives a heading's anchor from its text, so the deviations
 * guide's "What the live API does beyond the docs" of each part shared one anchor and both menu
 * entries led to the first. Texts stay as written (search ranks by them); the first keeps its
 * anchor, the next get `<text>-2`, `<text>-3`.
 * @param {string} markdown
 */
export function uniqueHeadingIds(markdown) {
  /** @type {Map<string, number>} */
  const seen = new Map();
  let fence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      const m = !fence && /^(#{1,6}) (.+?)\s*$/.exec(line);
      if (!m || /\{%.*%\}$/.test(m[2])) return line;
      const key = m[2]
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n === 1) return line;
      const id = `${key.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section'}-${n}`;
      return `${m[1]} ${m[2]} {% #${id} %}`;
    })
    .join('\n');
}

const SAMPLE_DOMAIN = 'yourcompany';
// The site's icon, inlined: no favicon request (a 404 over http).
const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0a58ca"/><text x="8" y="12" font-family="sans-serif" font-size="11" font-weight="700" fill="#fff" text-anchor="middle">O</text></svg>')}`;
const byName = (/** @type {string} */ a, /** @type {string} */ b) => (a < b ? -1 : a > b ? 1 : 0); // code-point order: the same on every machine
/** @returns {Guide[]} */
export function loadGuides(dir = guidesDir) {
  return readdirSync(dir)
    .sort(byName)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        const parts = readdirSync(path)
          .filter((f) => f.endsWith('.md'))
          .sort(byName);
        return parts.length
          ? [
              readGuide(
                parts.map((f) => join(path, f)),
                `docs/guides/${entry}/${parts[0]}`,
              ),
            ]
          : [];
      }
      return entry.endsWith('.md') ? [readGuide([path], `docs/guides/${entry}`)] : [];
    });
}

// `x-evidence: {level, source}` (HELPERS.md): what a fact beyond the old docs snapshot rests on.
// Readers see it under the description of its operation, parameter, field or header.
export const EVIDENCE_LEVELS = {
  'current-docs': 'the current official docs',
  'vendor-kb': "Omnidesk's knowledge base",
  'client-code': "a maintained public client's code",
  assumption: 'an assumption: no source shows it',
};
/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isObject = (value) => !!value && typeof value === 'object';
/** @param {unknown} evidence an `x-evidence` value, as the spec has it @param {string} where */
export function evidenceText(evidence, where) {
  const { level, source } = isObject(evidence) ? evidence : {};
  const text =
    typeof level === 'string' && Object.hasOwn(EVIDENCE_LEVELS, level)
      ? EVIDENCE_LEVELS[/** @type {keyof typeof EVIDENCE_LEVELS} */ (level)]
      : '';
  if (!text || typeof source !== 'string' || !source.trim()) {
    fail(
      `${where}: x-evidence must be {level: ${Object.keys(EVIDENCE_LEVELS).join('|')}, source: '<where>'}, got ${JSON.stringify(evidence)}`,
    );
  }
  return `*Evidence: ${text} (${source.trim()}).*`;
}
/** Appends each `x-evidence` to the description beside it; returns how many it found. */
export function showEvidence(/** @type {unknown} */ node, where = '#') {
  if (!isObject(node)) return 0;
  let count = 0;
  if (!Array.isArray(node) && node['x-evidence'] !== undefined) {
    const line = evidenceText(node['x-evidence'], where);
    const spec = /** @type {SpecNode} */ (node);
    spec.description = spec.description ? `${spec.description.trimEnd()}\n\n${line}` : line;
    count++;
  }
  for (const [key, value] of Object.entries(node)) if (key !== 'x-evidence') count += showEvidence(value, `${where}/${key}`);
  return count;
}

// Search aids. Russian readers found little when only the English text was searched. Each
// operation shows, at the top of its description, its official Russian title (the docs' own
// heading, from the committed docs inventory), its SDK method and its operationId; the site's
// search index (searchIndex) holds these and the word forms and synonyms of
// docs/search-terms.yaml that its title, summary and tag call for.
const INVENTORY = join(root, 'packages/spec-tests/inventory/docs-inventory.json');
const SEARCH_TERMS = join(root, 'docs/search-terms.yaml');
const words = (/** @type {unknown} */ text) =>
  String(text)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
const firstSentence = (/** @type {string} */ text) => text.trim().replace(/\.(\s.*)?$/s, '');

/** `METHOD /path/{}` → the docs' Russian titles of that call (first sentence, in docs order). */
export function russianTitles(inventory = /** @type {Inventory} */ (JSON.parse(readFileSync(INVENTORY, 'utf8')))) {
  /** @type {Map<string, string[]>} */
  const titles = new Map();
  for (const call of inventory.calls) {
    const key = `${call.method} ${call.normalizedPath}`;
    const title = firstSentence(call.summary ?? '');
    if (title && !(titles.get(key) ?? []).includes(title)) titles.set(key, [...(titles.get(key) ?? []), title]);
  }
  return titles;
}

/** @param {unknown} list @returns {list is (string | number)[]} */
const isWords = (list) => Array.isArray(list) && list.every((w) => typeof w === 'string' || typeof w === 'number');
/** @returns {{ groups: string[][], guides: Record<string, (string | number)[]> }} */
export function loadSearchTerms(file = SEARCH_TERMS) {
  const terms = /** @type {unknown} */ (parseYaml(readFileSync(file, 'utf8')));
  const { groups, guides: listed } = isObject(terms) ? terms : {};
  const guides = listed ?? {}; // `guides:` left empty, as before
  if (!Array.isArray(groups) || !groups.every(isWords)) fail(`${file}: \`groups\` must be a list of lists of words`);
  if (!isObject(guides) || !Object.values(guides).every(isWords)) fail(`${file}: \`guides\` must map guide names to lists of words`);
  return {
    groups: groups.map((g) => g.map((w) => String(w).toLowerCase())),
    guides: /** @type {Record<string, (string | number)[]>} */ (guides),
  };
}

/**
 * Joins the lines of each Markdown paragraph (and list item) with a space. Redoc's search builds
 * its text and excerpts with soft line breaks removed, gluing words ("50 MB arequest"); a joined
 * line renders the same. Code (fenced or indented), tables, headings, quotes, HTML and hard
 * breaks are left as they are.
 * @param {string} markdown
 */
export function unwrapParagraphs(markdown) {
  /** @type {string[]} */
  const out = [];
  /** @type {string | undefined} */
  let fence;
  // Block starts, and setext underlines or thematic breaks (`===`, `---`, `***`).
  const block = /^(#{1,6}\s|\||>|[-*+]\s|\d+[.)]\s|<|```|~~~|(=+|-{2,}|\*{3,}|_{3,})\s*$)/;
  for (const line of markdown.split('\n')) {
    const t = line.trim();
    const f = /^(`{3,}|~{3,})/.exec(t)?.[1];
    if (fence) {
      if (f && t.startsWith(fence) && t.slice(fence.length).trim() === '') fence = undefined;
      out.push(line);
      continue;
    }
    if (f) {
      fence = f;
      out.push(line);
      continue;
    }
    const prev = out.length ? out[out.length - 1] : '';
    const joinable =
      t &&
      prev.trim() &&
      !block.test(t) &&
      !/^(#{1,6}\s|\||<|```|~~~|(=+|-{2,}|\*{3,}|_{3,})\s*$)/.test(prev.trim()) &&
      !/( {2}|\\)$/.test(prev) &&
      !/^( {4,}|\t)/.test(prev);
    if (joinable)
      out[out.length - 1] = `${prev.trimEnd()} ${line.trimStart()}`; // keeps a hard break's two spaces
    else out.push(line);
  }
  return out.join('\n');
}
/** unwrapParagraphs on every `description` of the docs-only copy. */
function unwrapDescriptions(/** @type {unknown} */ node) {
  if (!isObject(node)) return;
  if (!Array.isArray(node) && typeof node.description === 'string') node.description = unwrapParagraphs(node.description);
  for (const [key, value] of Object.entries(node)) if (key !== 'x-codeSamples') unwrapDescriptions(value);
}

/**
 * Adds the Russian title, SDK method, operationId and search terms to every operation; `aids`
 * receives them by operationId (with the description as written) for the site's search index.
 * @param {SpecNode} spec
 * @param {Map<string, string[]>} [titles]
 * @param {{ groups: string[][] }} [terms]
 * @param {Map<string, SearchAids>} [aids]
 */
export function addSearchAids(spec, titles = russianTitles(), { groups } = loadSearchTerms(), aids = new Map()) {
  const resources = new Map(tagsOf(spec).map((t) => [t.name, t['x-sdk-resource']]));
  let withTitle = 0;
  for (const { path, method, operation: op } of operations(spec)) {
    const ru = titles.get(`${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`) ?? [];
    const resource = resources.get(op.tags?.[0]);
    const sdk = resource && op['x-sdk-method'] ? `omnidesk.${resource}.${op['x-sdk-method']}()` : undefined;
    // The SDK method and the id as a line atop the description, for readers (and the browser's
    // find); the site's search index holds them too (searchIndex).
    const head = [
      `#### ${[...(sdk ? [`SDK \`${sdk}\``] : []), `operationId \`${op.operationId}\``].join(' · ')} {% .operation-ids %}`,
      ...(ru.length ? [`**${ru[0]}**${ru.length > 1 ? ` (${ru.slice(1).join('; ')})` : ''} (the official Russian docs' title)`] : []),
    ].join('\n\n');
    const own = new Set(words([...ru, op.summary, ...(op.tags ?? [])].join(' ')));
    const terms = [...new Set(groups.filter((g) => g.some((w) => own.has(w))).flat())].filter((w) => !own.has(w));
    // The SDK method as one word too ("cases.create"), and the id's words ("create case").
    if (sdk) terms.push(`${resource}.${op['x-sdk-method']}`);
    aids.set(op.operationId, { ru, sdk, terms, description: op.description ?? '' });
    op.description = `${head}\n\n${op.description ?? ''}`.trimEnd();
    if (ru.length) withTitle++;
  }
  return withTitle;
}

// Versions (issue 21): the site shows `info.version` (Redoc, beside the title) and links the
// description's changelog, which changesets writes to spec/CHANGELOG.md (`pnpm version-packages`).
// The build copies it beside the page as CHANGELOG.md, so the link works offline; before the
// first release that file lists the changesets pending for the spec package instead.
export const CHANGELOG_FILE = 'CHANGELOG.md';
export function changelogText() {
  const own = join(root, 'spec/CHANGELOG.md');
  if (existsSync(own)) return readFileSync(own, 'utf8');
  const { name, version } = /** @type {{ name: string, version: string }} */ (
    JSON.parse(readFileSync(join(root, 'spec/package.json'), 'utf8'))
  );
  const dir = join(root, '.changeset');
  const bumpOf = new RegExp(`^["']?${name.replace(/[/.]/g, '\\$&')}["']?:\\s*(major|minor|patch)\\s*$`, 'm');
  const pending = (existsSync(dir) ? readdirSync(dir) : [])
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort(byName)
    .flatMap((f) => {
      const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(join(dir, f), 'utf8').replace(/\r\n/g, '\n'));
      const bump = m && bumpOf.exec(m[1]);
      return bump ? [`- ${bump[1]}: ${m[2].trim().replace(/\s*\n\s*/g, ' ')}`] : [];
    });
  return [
    `# ${name}`,
    '',
    `Version ${version} is the first; no later version is released yet. At each release \`pnpm version-packages\` (changesets) writes this changelog to spec/CHANGELOG.md, and the site copies it here.`,
    '',
    '## Pending release',
    '',
    ...(pending.length ? pending : ['- nothing yet']),
    '',
  ].join('\n');
}

/** The spec's tags, each a SpecNode. */
const tagsOf = (/** @type {SpecNode} */ spec) => /** @type {SpecNode[]} */ (spec.tags ?? []);

/**
 * The docs-only copy: code samples, evidence shown, guides, and only the tags that have operations.
 * @param {SpecNode} bundle @param {Guide[]} guides
 */
export async function docsSpec(bundle, guides) {
  const spec = structuredClone(bundle);
  const count = await addCodeSamples(spec);
  const evidence = showEvidence(spec);
  // One placeholder account on the whole site: the samples' `yourcompany`, also as the server's
  // default subdomain (the bundle's is `example`).
  for (const server of spec.servers ?? []) if (server.variables?.domain) server.variables.domain.default = SAMPLE_DOMAIN;
  /** @type {Map<string, SearchAids>} */
  const aids = new Map();
  const titled = addSearchAids(spec, undefined, undefined, aids);

  /** @type {Set<string>} */
  const used = new Set();
  for (const { operation } of operations(spec)) for (const tag of operation.tags ?? []) used.add(tag);
  const groups = /** @type {TagGroup[]} */ (spec['x-tagGroups'] ?? [])
    .map((g) => ({ ...g, tags: g.tags.filter((t) => used.has(t)) }))
    .filter((g) => g.tags.length);
  // With x-tagGroups Redoc hides every tag outside a group: an operation there would vanish.
  const grouped = new Set(groups.flatMap((g) => g.tags));
  const lost = [...used].filter((t) => !grouped.has(t));
  if (spec['x-tagGroups'] && lost.length) fail(`tags with operations but in no x-tagGroups group: ${lost.join(', ')}`);

  const names = new Set(tagsOf(spec).map((t) => t.name));
  for (const g of guides) if (names.has(g.name)) fail(`guide "${g.name}" has the name of a tag of the spec`);
  spec.tags = [
    ...guides.map((g) => ({
      name: g.name,
      description: g.description,
      'x-traitTag': true,
    })),
    ...tagsOf(spec).filter((t) => used.has(t.name)),
  ];
  spec['x-tagGroups'] = [...(guides.length ? [{ name: GUIDES_GROUP, tags: guides.map((g) => g.name) }] : []), ...groups];
  unwrapDescriptions(spec);
  return { spec, count, evidence, titled, aids };
}

// For agents and scripts: llms.txt (https://llmstxt.org: a title, a summary, links) and a plain
// Markdown export of the reference, one file per resource (tag), from the same docs-only copy.
const slug = (/** @type {string} */ name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const cell = (/** @type {unknown} */ text) =>
  String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
// Without Markdoc's `{% ... %}` annotations (ids, classes).
const withoutHidden = (/** @type {unknown} */ text) =>
  String(text ?? '')
    .replace(/ ?\{%[^%]*%\}/g, '')
    .trim();
/** @param {SpecNode} spec the docs-only copy (docsSpec) @returns {Map<string, string>} file → text */
export function markdownExport(spec) {
  const refOf = resolver(spec);
  /** @type {Map<string, string>} */
  const files = new Map();
  const resourceTags = tagsOf(spec).filter((t) => !t['x-traitTag']);
  for (const tag of resourceTags) {
    const lines = [`# ${tag.name}`, '', withoutHidden(tag.description), ''];
    for (const { path, method, operation: op, parameters: params } of operations(spec, refOf)) {
      if (op.tags?.[0] !== tag.name) continue;
      lines.push(
        `## ${op.summary}`,
        '',
        `\`${method.toUpperCase()} ${path}\`${op.deprecated ? ' (deprecated)' : ''}`,
        '',
        withoutHidden(op.description),
        '',
      );
      if (params.length) {
        lines.push('| Parameter | In | Required | Type | Description |', '|---|---|---|---|---|');
        for (const p of params) {
          const schema = refOf(p.schema) ?? {};
          lines.push(
            `| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : 'no'} | ${cell(schema.type ?? (schema.oneOf || schema.anyOf ? 'one of several' : ''))} | ${cell(p.description)} |`,
          );
        }
        lines.push('');
      }
      const body = refOf(op.requestBody);
      if (body?.content)
        lines.push(
          `Request body: ${Object.keys(body.content)
            .map((t) => `\`${t}\``)
            .join(', ')}.`,
          '',
        );
      lines.push(
        `Responses: ${Object.entries(op.responses ?? {})
          .map(([code, r]) => `${code} (${cell(refOf(r)?.description)})`)
          .join('; ')}.`,
        '',
      );
      for (const sample of op['x-codeSamples'] ?? [])
        lines.push(`${sample.label}:`, '', `\`\`\`${sample.lang === 'Shell' ? 'sh' : 'ts'}`, sample.source, '```', '');
    }
    files.set(
      `reference/${slug(tag.name)}.md`,
      `${lines
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()}\n`,
    );
  }
  const guides = tagsOf(spec).filter((t) => t['x-traitTag']);
  const llms = [
    `# ${spec.info?.title ?? 'API reference'}`,
    '',
    `> ${cell(withoutHidden(spec.info?.description).split('\n\n')[0])}`,
    '',
    '## Reference (Markdown, one file per resource)',
    '',
    ...resourceTags.map((t) => `- [${t.name}](reference/${slug(t.name)}.md): ${cell(withoutHidden(t.description).split('\n')[0])}`),
    '',
    '## Guides (in the site, index.html)',
    '',
    ...guides.map((g) => `- [${g.name}](index.html#/${slug(g.name)})`),
    '',
    '## Machine-readable',
    '',
    '- [OpenAPI 3.1 (JSON)](openapi.json)',
    '- [OpenAPI 3.1 (YAML)](openapi.yaml)',
    `- [Changelog](${CHANGELOG_FILE}): the description's versions (info.version ${spec.info?.version})`,
    '',
  ];
  files.set('llms.txt', llms.join('\n'));
  return files;
}

// The site's own search (issue 18: Redoc built its index in the browser, about 3 s on this
// machine, and the search box and menu stalled until then). Its index is built here, from the
// same docs-only copy, and set into the page as JSON, so the box of docs/site/search.js answers
// as soon as the page is parsed, before Redoc has run. An entry: `a` Redoc's anchor, `t` title,
// `r` route (`GET /cases.json`), `p` the guide or tag it belongs to, `ru` the official Russian
// titles, `id` operationId and SDK method, `w` search terms (docs/search-terms.yaml), `x` text.

// Redoc's anchors come from the `slugify` package: letters transliterated by its table (Russian
// below, as in its charmap), then every character but `\w \s $*_+~.()'"!-:@` dropped, a `-`
// taken as a space, spaces joined into `-`, lower case.
/** @type {Record<string, string>} */
const CYRILLIC = Object.fromEntries(
  [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'].map((c, i) => [
    c,
    'a b v g d e yo zh z i j k l m n o p r s t u f h c ch sh sh u y _ e yu ya'.split(' ')[i].replace('_', ''),
  ]),
);
/** Redoc's anchor of a heading or tag name (see CYRILLIC). @param {string} text */
export const anchorOf = (text) =>
  [...String(text).replace(/[`*]/g, '').normalize()]
    .map((c) => {
      const lower = CYRILLIC[c.toLowerCase()];
      const t = lower === undefined ? c : c === c.toLowerCase() ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
      return (t === '-' ? ' ' : t).replace(/[^\w\s$*_+~.()'"!\-:@]+/g, '');
    })
    .join('')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase();

/** Markdown as the words a reader sees: no marks, links, HTML, Markdoc annotations or hidden terms. */
/** @param {string} markdown */
export function plainText(markdown) {
  return withoutHidden(markdown)
    .replace(/^\s*(```|~~~).*$/gm, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\|/g, ' ')
    .replace(/^\s*:?-{3,}:?(\s+:?-{3,}:?)*\s*$/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sections of a guide's Markdown: its intro, then one per `##` or `###` heading. */
/** @param {string} markdown */
function guideSections(markdown) {
  /** @type {{ heading?: string, id?: string, lines: string[] }[]} */
  const sections = [{ lines: [] }];
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = !fence && /^#{2,3} (.+?)\s*$/.exec(line);
    if (m) {
      const id = /\{%\s*#([^\s%]+)\s*%\}$/.exec(m[1])?.[1];
      const heading = m[1]
        .replace(/\s*\{%.*%\}$/, '')
        .replace(/[`*]/g, '')
        .trim();
      sections.push({ heading, id: id ?? anchorOf(heading), lines: [] });
    } else sections[sections.length - 1].lines.push(line);
  }
  return sections;
}

/**
 * @typedef {{ ru: string[], sdk?: string, terms: string[], description: string }} SearchAids
 * @typedef {{ a: string, t: string, r?: string, p?: string, ru?: string, id?: string, w?: string, x: string }} SearchEntry
 */
/**
 * @param {SpecNode} spec the docs-only copy (docsSpec)
 * @param {Map<string, SearchAids>} aids by operationId (addSearchAids)
 * @param {Record<string, (string | number)[]>} [guideTerms] docs/search-terms.yaml's `guides`
 * @returns {SearchEntry[]}
 */
export function searchIndex(spec, aids, guideTerms = loadSearchTerms().guides) {
  /** @type {SearchEntry[]} */
  const entries = [];
  /** @type {Map<string, string>} */
  const tagName = new Map();
  for (const tag of tagsOf(spec)) {
    const a = `#/${anchorOf(tag.name)}`;
    tagName.set(tag.name, a);
    if (tag['x-traitTag']) {
      for (const [i, section] of guideSections(String(tag.description)).entries()) {
        const x = plainText(section.lines.join('\n'));
        if (i === 0) entries.push({ a, t: tag.name, w: (guideTerms[tag.name] ?? []).map(String).join(' '), x });
        else entries.push({ a: `${a}/${section.id}`, t: section.heading ?? '', p: tag.name, x });
      }
    } else entries.push({ a, t: tag.name, x: plainText(tag.description) });
  }
  for (const { path, method, operation: op } of operations(spec)) {
    /** @type {SearchAids} */
    const aid = aids.get(op.operationId) ?? { ru: [], terms: [], description: op.description ?? '' };
    const tag = op.tags?.[0];
    entries.push({
      a: `${tagName.get(tag) ?? `#/${anchorOf(tag)}`}/${op.operationId.toLowerCase()}`,
      t: op.summary,
      r: `${method.toUpperCase()} ${path}`,
      p: tag,
      ru: aid.ru.join(' · '),
      id: [op.operationId, aid.sdk].filter(Boolean).join(' '),
      w: aid.terms.join(' '),
      x: plainText(unwrapParagraphs(aid.description)),
    });
  }
  return entries;
}

// Redoc 3's sidebar footer loads its logo from cdn.redoc.ly and has no option to turn it off;
// the same small mark is embedded instead. A Redoc upgrade that changes this fails the build here.
const LOGOS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': svg(
    96,
    '<text x="0" y="13" font-family="sans-serif" font-size="13" font-weight="600" fill="#0044d4">Redocly</text>',
  ),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': svg(16, '<rect width="16" height="16" rx="3" fill="#0044d4"/>'),
};
/** @param {number} width @param {string} body SVG elements */
function svg(width, body) {
  return `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">${body}</svg>`)}`;
}

// The search box of docs/site/search.js, in the page as parsed (docs/site/site.css places it over
// the sidebar's top, where Redoc's own search trigger was, or atop the page on a phone).
const SEARCH_BOX = `<div id="site-search" role="search" aria-label="Reference">
<label for="site-search-input" class="site-visually-hidden">Search the reference</label>
<input id="site-search-input" type="search" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="site-search-list" autocomplete="off" spellcheck="false" placeholder="Search (Ctrl+K)" data-state="loading">
<div id="site-search-panel" hidden><p id="site-search-status" role="status" aria-live="polite"></p><div id="site-search-list" role="listbox" aria-label="Search results"></div></div>
</div>`;

/**
 * Redoc's own search, replaced by the site's: its trigger is hidden (docs/site/site.css) and this
 * stops it from building its index whenever the browser is idle (about 3 s of main-thread work
 * in slices on a busy machine, during which clicks and keys wait). It is built only if its
 * dialog opens, which the site's Ctrl+K handler prevents.
 */
/** @param {string} code Redoc's code @returns {string} */
export function withoutRedocSearch(code) {
  const idle = /function (\w+)\((\w+)\)\{if\(typeof window>`u`\|\|typeof window\.requestIdleCallback!=`function`\)return\(\)=>\{\};/g;
  const found = code.match(idle)?.length ?? 0;
  if (found !== 1) fail(`expected Redoc's search to schedule its index once with requestIdleCallback, found ${found}`);
  return code.replace(idle, 'function $1($2){return()=>{};');
}

/**
 * Redoc's hydrate() hydrates its prerendered page at React's default priority, in one run of
 * 0.3-0.5 s on a busy machine during which keys and clicks wait. Called in a transition
 * (React's startTransition), the hydration yields to the browser every few milliseconds, so the
 * search box and clicks are answered while it goes on.
 */
/** @param {string} code Redoc's code @returns {string} */
export function hydrateInTransition(code) {
  const at = code.indexOf('async function hydrate(');
  const body = at < 0 ? '' : code.slice(at, code.indexOf('\n', at) < 0 ? undefined : code.indexOf('\n', at));
  const react = /\(0,(\w+)\.createElement\)\(/.exec(body)?.[1];
  const call = /\(0,(\w+)\.hydrateRoot\)\((\w+),(\w+\(\w+,\w+\)),(\{onRecoverableError:\([^)]*\)=>\{[^}]*\}\})\)/;
  const m = call.exec(body);
  if (!react || !m || call.exec(body.slice(m.index + m[0].length)))
    fail("expected Redoc's hydrate() to call React's hydrateRoot once: cannot run it in a transition");
  const wrapped = `(0,${react}.startTransition)(()=>{(0,${m[1]}.hydrateRoot)(${m[2]},${m[3]},${m[4]})})`;
  return code.slice(0, at) + body.replace(m[0], wrapped) + code.slice(at + body.length);
}

// Speed (issue 18): Redoc writes its 2.3 MB of code and the description into one inline module
// script, which Chromium must tokenize with the HTML and compile on the page's only thread before
// anything responds. As two deferred classic scripts beside the page (redoc.js, definition.js),
// they are compiled off the main thread while the page parses (script streaming), and the
// description is read by JSON.parse, faster than an object literal. Classic, not module, scripts:
// from file:// Chromium refuses module scripts in other files. Still no request leaves the folder.
export const SCRIPTS = { redoc: 'redoc.js', definition: 'definition.js' };
/** @param {string} html the page Redoc built @returns {string} */
export function splitScripts(html) {
  const open = '<script type="module">';
  const start = html.indexOf(open);
  const call = "hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'));";
  const callAt = html.indexOf(call, start);
  const end = html.indexOf('</script>', callAt);
  if (start < 0 || html.indexOf(open, start + 1) >= 0 || callAt < 0 || end < 0)
    fail("expected Redoc's one inline module script ending in its hydrate() call");
  const body = html.slice(start + open.length, callAt);
  const defAt = body.indexOf('const __redoc_definition = ');
  const optAt = body.indexOf('const __redoc_options = ');
  const exported = 'export{RedocStandalone,hydrate,init};';
  if (defAt < 0 || optAt < defAt || body.slice(0, defAt).split(exported).length !== 2)
    fail("Redoc's module script changed shape: cannot split it");
  // The two `import.meta` of Redoc's code (FlexSearch's worker path, never taken in a page that
  // can run the inline worker) are no syntax in a classic script.
  let code = body.slice(0, defAt).replace(exported, 'window.__redoc={RedocStandalone,hydrate,init};');
  const metas = code.match(/(?<![`"'])\bimport\.meta\b/g)?.length ?? 0;
  code = `var __importMeta={url:location.href,dirname:""};\n${code.replace(/(?<![`"'])\bimport\.meta\b/g, '__importMeta')}`;
  if (metas !== 2) fail(`expected 2 uses of import.meta in Redoc's code, found ${metas}`);
  const value = (/** @type {number} */ at) => body.slice(at, body.indexOf(';\n', at)).replace(/^const \w+ = /, '');
  const definition = JSON.stringify(JSON.parse(value(defAt)));
  const options = value(optAt);
  JSON.parse(options); // fails the build if Redoc's options stop being plain JSON
  writeFileSync(join(out, SCRIPTS.redoc), hydrateInTransition(withoutRedocSearch(code)));
  writeFileSync(
    join(out, SCRIPTS.definition),
    `window.__redoc.hydrate(JSON.parse(${JSON.stringify(definition)}), ${options}, document.getElementById('redoc'));\n`,
  );
  const tags = `<script defer src="${SCRIPTS.redoc}"></script>\n<script defer src="${SCRIPTS.definition}"></script>`;
  return html.slice(0, start) + tags + html.slice(end + '</script>'.length);
}

async function main() {
  /** @type {SpecNode} */
  let bundle;
  try {
    bundle = readBundle(join(root, 'dist/openapi.json'));
  } catch (e) {
    fail(`cannot read dist/openapi.json (run \`node scripts/build.mjs bundle\` first): ${e instanceof Error ? e.message : e}`);
  }
  const guides = loadGuides();
  const { spec, count, evidence, titled, aids } = await docsSpec(bundle, guides);

  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'omnidesk-docs-'));
  try {
    const input = join(tmp, 'openapi.docs.json');
    // The page's first lines: the version (beside the title too) and the changelog's link.
    const info = {
      ...spec.info,
      description: `Version **${spec.info?.version}** of this description · [Changelog](${CHANGELOG_FILE}): what changed in each version.\n\n${spec.info?.description ?? ''}`,
    };
    writeFileSync(input, `${JSON.stringify({ ...spec, info }, null, 2)}\n`);
    const result = spawnSync(
      join(root, 'node_modules/.bin/redocly'),
      [
        'build-docs',
        input,
        '--output',
        join(out, 'index.html'),
        '--inlineBundle',
        '--title',
        'Omnidesk API reference',
        // docs/redocly.yaml: telemetry off (else the page reports to otel.cloud.redocly.com) and Redoc's options.
        '--config',
        join(root, 'docs/redocly.yaml'),
      ],
      // REDOCLY_TELEMETRY=off: also keeps the CLI itself from calling home during the build.
      { cwd: root, stdio: 'inherit', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  let html = readFileSync(join(out, 'index.html'), 'utf8');
  for (const [url, data] of Object.entries(LOGOS)) {
    const parts = html.split(url);
    if (parts.length !== 2) fail(`expected Redoc's logo URL ${url} once in the page, found it ${parts.length - 1} times`);
    html = parts.join(data);
  }
  if (!html.includes('"disableTelemetry":true')) fail('the page has Redoc telemetry on; check docs/redocly.yaml');
  // The site's own CSS and script (docs/site/), after Redoc's styles and before its end.
  const css = readFileSync(join(root, 'docs/site/site.css'), 'utf8');
  // The document's own </head>: the first one (Redoc's inlined script holds others, in strings).
  const head = html.indexOf('</style>\n</head>\n');
  if (head < 0) fail("expected Redoc's styles to end the page's <head>");
  html = `${html.slice(0, head)}</style>\n<link rel="icon" href="${FAVICON}">\n<style id="site-css">\n${css}${html.slice(head)}`;
  // The site's search (docs/site/search.js): its box before Redoc's root, outside what React
  // hydrates; its index and script at the end of the page, before Redoc's deferred scripts run.
  const redocRoot = html.split('<div id="redoc"');
  if (redocRoot.length !== 2) fail('expected one <div id="redoc"> in the page');
  html = redocRoot.join(`${SEARCH_BOX}\n<div id="redoc"`);
  const js = readFileSync(join(root, 'docs/site/site.js'), 'utf8');
  const searchJs = readFileSync(join(root, 'docs/site/search.js'), 'utf8');
  const end = html.lastIndexOf('</body>');
  if (end < 0 || js.includes('</script') || searchJs.includes('</script')) fail("cannot add docs/site/*.js before the page's </body>");
  // `<` escaped: the JSON cannot end its script element.
  const index = JSON.stringify(searchIndex(spec, aids)).replace(/</g, '\\u003c');
  html = `${html.slice(0, end)}<script id="site-search-index" type="application/json">${index}</script>\n<script id="site-search-js">\n${searchJs}</script>\n<script id="site-js">\n${js}</script>\n${html.slice(end)}`;
  writeFileSync(join(out, 'index.html'), splitScripts(html));
  // The bundle beside the page, for the "Download" links (docs/redocly.yaml downloadUrls).
  for (const f of ['openapi.yaml', 'openapi.json']) copyFileSync(join(root, 'dist', f), join(out, f));
  rmSync(join(out, 'reference'), { recursive: true, force: true });
  mkdirSync(join(out, 'reference'), { recursive: true });
  writeFileSync(join(out, CHANGELOG_FILE), changelogText());
  const exported = markdownExport(spec);
  for (const [file, text] of exported) writeFileSync(join(out, file), text);
  console.log(
    `build-docs: docs/dist/index.html, ${count} operations with code samples, ${evidence} facts with their evidence, ${titled} operations with their Russian title, ${guides.length} guides, llms.txt and ${exported.size - 1} Markdown files`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
