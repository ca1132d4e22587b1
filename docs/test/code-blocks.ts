// The code blocks users can read (the guides, the root README, the SDK's README), and a type
// check of every TypeScript block against the built SDK: see snippets.test.ts.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface CodeBlock {
  /** The markdown file, relative to the repository root. */
  file: string;
  /** The fence's language as written (`ts`, `sh`, ``); lowercase. */
  lang: string;
  /** The 1-based line of the opening fence (of the inline code) in the markdown file. */
  line: number;
  code: string;
}

/** The `lang` of an SDK expression in inline code (`omnidesk.cases.get(2000)`), checked too. */
export const INLINE = 'inline';
/** Fence languages type-checked as TypeScript (and inline SDK expressions). */
export const TS_LANGS = new Set(['ts', 'typescript', INLINE]);
/** Untyped JavaScript would dodge the check: SDK code in the docs is written as TypeScript. */
export const JS_LANGS = new Set(['js', 'javascript', 'mjs', 'cjs', 'jsx']);

/**
 * Every fenced code block (``` or ~~~) of a markdown text, indented ones (in lists) too, and
 * every inline code span outside them that is a whole SDK expression (lang `inline`).
 */
export function extractBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`{]*)/.exec(lines[i]!);
    if (!open) {
      for (const m of lines[i]!.matchAll(/`([^`\n]+)`/g)) {
        const span = m[1]!.trim().replace(/;$/, '');
        // A complete SDK expression in the prose, such as `omnidesk.cases.trash([2000, 2001])`;
        // not a pattern such as `omnidesk.<resource>.<method>(...)` or `{...}`.
        if (/^omnidesk(\.\w+)+(\(.*\))?$/.test(span) && !span.includes('...')) {
          blocks.push({ file, lang: INLINE, line: i + 1, code: `void (${span});` });
        }
      }
      continue;
    }
    const [, indent, fence, lang] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^\\s*${fence![0] === '`' ? '`' : '~'}{${fence!.length},}\\s*$`).exec(lines[j]!);
      if (close) break;
      // Drop the fence's indentation (a block inside a list item) from each line.
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!.trimStart());
    }
    if (j >= lines.length) throw new Error(`${file}:${i + 1}: code fence never closed`);
    blocks.push({ file, lang: lang!.toLowerCase(), line: i + 1, code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** The markdown files whose code users copy: docs/guides/**\/*.md, README.md, packages/client/README.md. */
export function readerFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : [];
      });
  return [...walk(join(root, 'docs/guides')), join(root, 'README.md'), join(root, 'packages/client/README.md')].map((p) =>
    relative(root, p),
  );
}

export function allBlocks(root: string): CodeBlock[] {
  return readerFiles(root).flatMap((file) => extractBlocks(readFileSync(join(root, file), 'utf8'), file));
}

/**
 * What a snippet may assume without writing it: `omnidesk`, a created client (as a global, so
 * that a snippet creating its own `const omnidesk` simply shadows it). Nothing else.
 */
export const PRELUDE = `import type { OmnideskClient } from '@omnidesk-openapi/client';

declare global {
  /** The client a snippet uses when it does not create one: createOmnideskClient({ ... }). */
  const omnidesk: OmnideskClient;
}
`;

export interface Diagnostic {
  block: CodeBlock;
  /** The 1-based line in the markdown file. */
  line: number;
  message: string;
}

export interface CheckResult {
  /** Diagnostics inside snippets, mapped to their markdown lines. */
  diagnostics: Diagnostic[];
  /** Diagnostics outside any snippet (the prelude, the SDK's types, options): a broken setup. */
  other: string[];
}

/**
 * Writes each block as a module into `dir` (snippet line n = file line n, so errors map back),
 * with the prelude and a tsconfig whose `paths` point `@omnidesk-openapi/client` at the built
 * package, and type-checks them all in one strict program.
 */
export function typeCheck(blocks: CodeBlock[], dir: string, root: string): CheckResult {
  const client = join(root, 'packages/client/dist/esm');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'prelude.d.ts'), PRELUDE);
  const byFile = new Map<string, CodeBlock>();
  blocks.forEach((block, i) => {
    const name = `snippet-${String(i).padStart(3, '0')}.ts`;
    // `export {}` makes every snippet a module (its own scope, top-level await), after its last line.
    writeFileSync(join(dir, name), `${block.code}\nexport {};\n`);
    byFile.set(join(dir, name), block);
  });
  const consumer = JSON.parse(readFileSync(join(root, 'scripts/consumer-tsconfig.json'), 'utf8'));
  const tsconfig = {
    compilerOptions: {
      ...consumer.compilerOptions,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
      paths: {
        '@omnidesk-openapi/client': [join(client, 'index.d.ts')],
        '@omnidesk-openapi/client/node': [join(client, 'node.d.ts')],
        '@omnidesk-openapi/client/core': [join(client, 'core.d.ts')],
      },
    },
    include: ['*.ts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);

  const parsed = ts.parseJsonConfigFileContent(tsconfig, ts.sys, dir);
  if (parsed.errors.length) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics: Diagnostic[] = [];
  const other: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    const block = d.file ? byFile.get(d.file.fileName) : undefined;
    if (block && d.file && d.start !== undefined) {
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      diagnostics.push({ block, line: block.lang === INLINE ? block.line : block.line + 1 + line, message });
    } else {
      other.push(d.file ? `${d.file.fileName}: ${message}` : message);
    }
  }
  return { diagnostics, other };
}

export function format(d: Diagnostic): string {
  const where =
    d.block.lang === INLINE ? `inline code \`${d.block.code.slice(6, -2)}\`` : `\`\`\`${d.block.lang} block at line ${d.block.line}`;
  return `${d.block.file}:${d.line} (${where}): ${d.message}`;
}
