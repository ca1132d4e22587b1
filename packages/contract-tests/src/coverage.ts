// Reads which operations the contract tests cover, from the syntax tree of every
// *.contract.test.ts file (comments and strings that merely mention covers() do not count).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Coverage {
  /** operationId → the files with a covers() block for it. */
  covered: Map<string, string[]>;
  /** Things that make the guard inexact: non-literal ids, empty blocks, skipped tests. */
  problems: string[];
}

const TEST_CALLEES = new Set(['it', 'test']);
const BANNED_MODIFIERS = new Set(['skip', 'todo', 'only', 'skipIf', 'runIf', 'fails']);

function contractFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.contract.test.ts'))
    .map((file) => join(dir, file))
    .sort();
}

function containsTest(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && TEST_CALLEES.has(n.expression.text)) found = true;
    // A shared helper that registers tests (declaredErrors) does not count: every operation
    // needs at least one test of its own success answer.
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

export function readCoverage(testDir: string): Coverage {
  const covered = new Map<string, string[]>();
  const problems: string[] = [];
  for (const file of contractFiles(testDir)) {
    const name = relative(testDir, file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
        const base = node.expression.text;
        if (['it', 'test', 'describe', 'covers'].includes(base) && BANNED_MODIFIERS.has(node.name.text)) {
          problems.push(`${where(node)}: ${base}.${node.name.text} is not allowed in contract tests`);
        }
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'covers') {
        const [id, body] = node.arguments;
        if (!id || !ts.isStringLiteralLike(id)) {
          problems.push(`${where(node)}: covers() needs the operationId as a string literal`);
        } else if (!body || !containsTest(body)) {
          problems.push(`${where(node)}: covers('${id.text}') holds no it()/test() of its own`);
        } else {
          covered.set(id.text, [...(covered.get(id.text) ?? []), name]);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { covered, problems };
}
