// The naming convention of spec/README.md ("Operations"), checked on the bundle: every operationId
// and `x-sdk-method` starts with a verb from one fixed list, the method with its operationId's
// verb, and an operationId's noun is plural exactly when the operation acts on several things
// (a `list`, or a path parameter that is a list of ids, `/cases/1,2,3/trash.json`).
import { describe, expect, it } from 'vitest';
import { resolver } from '../../../scripts/generate/spec-walker.mjs';
import { loadBundle, operations } from './bundle.js';

/** The verbs operations are named with. A new one is a decision: add it here and in spec/README.md. */
const VERBS = [
  'list',
  'get',
  'create',
  'update',
  'delete',
  'trash',
  'spam',
  'restore',
  'rate',
  'block',
  'disable',
  'enable',
  'link',
  'unlink',
  'identify',
  'move',
] as const;
/** Nouns that are the same in the singular and the plural. */
const BOTH = new Set(['Staff']);

/** `trashCases` → { verb: 'trash', noun: 'Cases' }; `moveKbArticleUp` → { verb: 'move', noun: 'KbArticle' }. */
function splitName(name: string): { verb: string | undefined; noun: string } {
  const verb = VERBS.find((v) => name.startsWith(v) && (name.length === v.length || /[A-Z]/.test(name[v.length]!)));
  const rest = verb ? name.slice(verb.length) : name;
  return { verb, noun: verb === 'move' ? rest.replace(/(?:Up|Down)$/, '') : rest };
}

const isPlural = (noun: string) => /s$/.test(noun);

const spec = loadBundle();
const ops = operations(spec);

/** A `$ref` of the bundle (`#/components/parameters/case_ids`) to what it points at. */
const deref = resolver(spec);

/** Whether a path parameter of the operation is a list of ids (`style: simple`, an array). */
function takesIdList(op: Record<string, any>): boolean {
  return (op.parameters ?? []).map(deref).some((p: any) => p.in === 'path' && deref(p.schema)?.type === 'array');
}

describe('names: verbs and one rule for singular and plural', () => {
  it('reads the operations of the bundle', () => {
    expect(ops.length).toBeGreaterThan(90);
  });

  it('every operationId starts with a verb from the list', () => {
    const bad = ops.filter((o) => !splitName(o.operationId).verb || !splitName(o.operationId).noun).map((o) => o.operationId);
    expect(bad, `operationIds without a verb of ${VERBS.join(', ')} and a noun`).toEqual([]);
  });

  it("every x-sdk-method is a verb from the list, or one followed by more words, and the operationId's verb", () => {
    const bad = ops
      .filter((o) => splitName(String(o.op['x-sdk-method'])).verb !== splitName(o.operationId).verb || !splitName(o.operationId).verb)
      .map((o) => `${o.operationId}: x-sdk-method ${o.op['x-sdk-method']}`);
    expect(bad).toEqual([]);
  });

  it('an operationId is plural exactly when it acts on several things: a list, or a path with a list of ids', () => {
    const bad = ops.flatMap((o) => {
      const { verb, noun } = splitName(o.operationId);
      if (BOTH.has(noun.replace(/^.*(?=[A-Z])/, ''))) return [];
      const several = verb === 'list' || takesIdList(o.op);
      return isPlural(noun) === several
        ? []
        : [`${o.operationId} (${o.method} ${o.path}): the noun should be ${several ? 'plural' : 'singular'}`];
    });
    expect(bad).toEqual([]);
  });

  it('the rules catch what they are for', () => {
    expect(splitName('leaderboard').verb).toBeUndefined();
    expect(splitName('getLeaderboard')).toEqual({ verb: 'get', noun: 'Leaderboard' });
    expect(splitName('moveKbArticleDown')).toEqual({ verb: 'move', noun: 'KbArticle' });
    expect(splitName('listed').verb).toBeUndefined();
    const trash = ops.find((o) => o.operationId === 'trashCases')!;
    const get = ops.find((o) => o.operationId === 'getCase')!;
    expect([takesIdList(trash.op), takesIdList(get.op)]).toEqual([true, false]);
  });
});
