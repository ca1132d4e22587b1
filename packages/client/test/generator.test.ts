import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSdk, generate, SpecError, withOperationsTable } from '../../../scripts/generate/sdk.mjs';
import { operations } from '../../../scripts/generate/spec-walker.mjs';
import { operationTable } from './.generated/mini/sdk.js';

const here = dirname(fileURLToPath(import.meta.url));
const mini = () => parse(readFileSync(join(here, 'fixtures/mini.yaml'), 'utf8'));
const byId = (id: string) => operationTable.find((o) => o.operationId === id);

describe('generate-sdk on the fixture spec', () => {
  it('finds every shape', () => {
    expect(operationTable.map((o) => `${o.resource}.${o.method}`)).toEqual([
      'cases.list',
      'cases.create',
      'cases.get',
      'cases.trash',
      'cases.update',
      'cases.delete',
      'messages.list',
      'messages.create',
      'messages.delete',
      'kbArticles.update',
      'kbArticles.moveUp',
      'languages.deleteLabel',
      'languages.list',
      'statistics.get',
    ]);
    expect(byId('listCases')).toMatchObject({ query: { page: true, limit: true }, result: { kind: 'list', key: 'case' } });
    expect(byId('getStats')!.query).toEqual({ page: false, limit: false });
    expect(byId('getCase')!.query).toBeUndefined();
    expect(byId('createCase')).toMatchObject({
      httpMethod: 'post',
      body: { envelope: 'case', json: true, form: 'case' },
      result: { kind: 'entity', key: 'case' },
    });
    expect(byId('getCase')!.pathParams).toEqual([{ name: 'case_id' }]);
    expect(byId('trashCases')).toMatchObject({ pathParams: [{ name: 'case_id', array: true }], result: { kind: 'entity', key: 'case' } });
    expect(byId('deleteCases')!.result).toEqual({ kind: 'void' });
    expect(byId('deleteMessage')).toMatchObject({
      pathParams: [{ name: 'case_id' }, { name: 'message_id' }],
      body: { envelope: 'message', json: true, optional: true },
      result: { kind: 'void' },
    });
    expect(byId('listMessages')!.result).toEqual({ kind: 'list', key: 'message' });
    // An anyOf of `required` lists constrains the envelope's content; it is not an alternative.
    expect(byId('createMessage')!.body).toEqual({ envelope: 'message', json: true, form: 'message' });
    // A required body is the default, left out of the table.
    expect(byId('createCase')!.body).not.toHaveProperty('optional');
    expect(byId('updateKbArticle')!.pathParams).toEqual([{ name: 'article_id' }]);
    // A 200 whose object declares nothing (DeleteResult) is void.
    expect(byId('deleteLabel')!.result).toEqual({ kind: 'void' });
    expect(byId('getStats')!.result).toEqual({ kind: 'raw' });
    // A PUT that moves one step per call is marked x-sdk-idempotent: false: never resent, like a POST.
    expect(byId('moveKbArticleUp')).toMatchObject({ httpMethod: 'put', idempotent: false });
    expect(byId('updateKbArticle')!.idempotent).toBeUndefined();
  });

  it('x-sdk-idempotent: false in the spec marks any GET, PUT or DELETE as not to be resent', () => {
    const spec = mini();
    spec.paths['/kb_article/{article_id}.json'].put['x-sdk-idempotent'] = false;
    spec.paths['/kb_article/{article_id}/moveup.json'].put['x-sdk-idempotent'] = true;
    const { table } = buildSdk(spec);
    const op = (id: string) => table.find((o: { operationId: string }) => o.operationId === id);
    expect(op('updateKbArticle')).toMatchObject({ idempotent: false });
    expect(op('moveKbArticleUp')).not.toHaveProperty('idempotent');
  });

  it('takes the envelope from multipart field names when there is no JSON variant', () => {
    const spec = mini();
    delete spec.paths['/cases/{case_id}/messages.json'].post.requestBody.content['application/json'];
    const { table } = buildSdk(spec);
    expect(table.find((o: { operationId: string }) => o.operationId === 'createMessage')?.body).toEqual({ form: 'message' });
  });

  it("takes the multipart wrapper from the form's own field names, not from the JSON envelope", () => {
    const spec = mini();
    const form = spec.paths['/cases/{case_id}/messages.json'].post.requestBody.content['multipart/form-data'].schema;
    const rename = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace('message', 'note'), v]));
    form.properties = rename(form.properties ?? {});
    form.patternProperties = rename(form.patternProperties);
    // Also when the form's rules are an allOf of `required` lists beside its properties.
    form.properties['note[content]'] = { type: 'string' };
    form.allOf = [{ anyOf: [{ required: ['note[content]'] }, { required: ['note[content_html]'] }] }];
    const { table } = buildSdk(spec);
    expect(table.find((o: { operationId: string }) => o.operationId === 'createMessage')?.body).toEqual({
      envelope: 'message',
      json: true,
      form: 'note',
    });
  });

  it('is deterministic', async () => {
    const a = mkdtempSync(join(tmpdir(), 'gen-a-'));
    const b = mkdtempSync(join(tmpdir(), 'gen-b-'));
    await generate(join(here, 'fixtures/mini.yaml'), a, join(here, '../src'));
    await generate(join(here, 'fixtures/mini.yaml'), b, join(here, '../src'));
    for (const f of ['sdk.ts', 'schema.ts']) expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
  });

  const broken: [string, (spec: any) => void, RegExp][] = [
    [
      'a duplicate method',
      (s) => (s.paths['/cases/{case_id}.json'].get['x-sdk-method'] = 'list'),
      /cases\.list is both listCases and getCase/,
    ],
    ['a missing x-sdk-method', (s) => delete s.paths['/stats.json'].get['x-sdk-method'], /GET \/stats\.json \(getStats\): no x-sdk-method/],
    ['a tag without x-sdk-resource', (s) => delete s.tags[4]['x-sdk-resource'], /tag "Statistics" has no x-sdk-resource/],
    ['a reserved resource name', (s) => (s.tags[4]['x-sdk-resource'] = 'raw'), /x-sdk-resource "raw" is not a usable name/],
    [
      'an undeclared path parameter',
      (s) => (s.paths['/cases/{case_id}.json'].get.parameters = []),
      /path parameter \{case_id\} is not declared/,
    ],
    [
      'multipart fields without a wrapper',
      (s) =>
        (s.paths['/cases.json'].post.requestBody.content['multipart/form-data'].schema = {
          type: 'object',
          properties: { subject: { type: 'string' } },
        }),
      /POST \/cases\.json \(createCase\): the multipart\/form-data fields are not named <wrapper>\[<field>\]/,
    ],
    [
      'a dangling $ref',
      (s) => (s.paths['/stats.json'].get.parameters = [{ $ref: '#/components/parameters/nope' }]),
      /unresolved \$ref #\/components\/parameters\/nope/,
    ],
  ];
  for (const [name, breakIt, message] of broken) {
    it(`fails clearly on ${name}`, () => {
      const spec = mini();
      breakIt(spec);
      expect(() => buildSdk(spec)).toThrow(SpecError);
      expect(() => buildSdk(spec)).toThrow(message);
    });
  }

  it('types: wrong names, enum values, body fields and result use do not compile (tsc over test/types)', () => {
    const tsc = join(here, '../../../node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(here, 'types/tsconfig.json')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);
});

const bundle = join(here, '../../../dist/openapi.yaml');
describe('generate-sdk on the current bundle (built by `node scripts/build.mjs bundle`)', () => {
  it('gives every operation of the bundle one method', () => {
    const spec = parse(readFileSync(bundle, 'utf8'));
    const ops = [...operations(spec)].map((entry) => entry.operation.operationId);
    const { table } = buildSdk(spec);
    expect(table.map((o: { operationId: string }) => o.operationId).sort()).toEqual(ops.sort());
  });

  it('names a type for every entity, input and query, and documents every method with its summary, reference page and an example', () => {
    const spec = parse(readFileSync(bundle, 'utf8'));
    const { table, source, typeNames } = buildSdk(spec);
    for (const n of ['Case', 'CaseCreateParams', 'CaseListQuery', 'User', 'UserCreateParams', 'Company', 'Message', 'MessageListQuery'])
      expect(typeNames).toContain(n);
    // No anonymous operation types left in a signature.
    const signatures = source.split('\n').filter((l: string) => /^ {2}[a-zA-Z]+\(/.test(l));
    expect(signatures.length).toBeGreaterThanOrEqual(table.length);
    for (const sig of signatures) expect(sig).not.toMatch(/operations\[/);
    expect(source).toContain('get(caseId: number, options?: RequestOptions): OmnideskPromise<Case>;');
    // One doc block per method: summary, `@see` the reference page, `@example` calling that method.
    const blocks = source.split('  /**\n').slice(1);
    for (const meta of table as { operationId: string; resource: string; method: string }[]) {
      const block = blocks.find((b: string) => b.includes(`(operationId \`${meta.operationId}\`)`));
      expect(block, meta.operationId).toBeDefined();
      expect(block).toContain(`#tag/`);
      expect(block).toContain(`/operation/${meta.operationId} | Reference: `);
      expect(block).toMatch(new RegExp(`@example\\n   \\* \`\`\`ts\\n   \\* .*omnidesk\\.${meta.resource}\\.${meta.method}\\(`));
    }
  });

  it('the client README lists every call with its method and path, as the build writes it (current)', () => {
    const spec = parse(readFileSync(bundle, 'utf8'));
    const { table } = buildSdk(spec);
    const readme = readFileSync(join(here, '../README.md'), 'utf8');
    expect(readme, 'packages/client/README.md: run `pnpm build` to regenerate its table of calls').toBe(withOperationsTable(readme, table));
    for (const m of table as { resource: string; method: string; httpMethod: string; path: string }[]) {
      expect(readme).toContain(`| \`${m.resource}.${m.method}\` | \`${m.httpMethod.toUpperCase()} ${m.path}\` |`);
    }
  });

  it("the compact table the SDK ships decodes to the generator's table, operation by operation", async () => {
    // encodeOperation (scripts/generate/sdk.mjs) packs flags that decodeOperation (runtime.ts)
    // unpacks: this pins the two to each other for every operation of the spec.
    const { table } = buildSdk(parse(readFileSync(bundle, 'utf8')));
    const { operationTable: shipped } = await import('../src/generated/sdk.js');
    const shippedById = new Map(shipped.map((meta) => [meta.operationId, meta]));
    expect(shippedById.size).toBe(table.length);
    for (const meta of table) expect(shippedById.get(meta.operationId), meta.operationId).toEqual(meta);
  });

  it('marks the relative moves (moveUp, moveDown: one step per call) as not idempotent, in the shipped table too', async () => {
    const { operationTable: shipped } = await import('../src/generated/sdk.js');
    const moves = shipped.filter((o) => /^move/.test(o.method));
    expect(moves.length).toBeGreaterThanOrEqual(6);
    for (const op of moves) expect(op, op.operationId).toMatchObject({ httpMethod: 'put', idempotent: false });
    expect(shipped.filter((o) => o.idempotent === false)).toEqual(moves);
  });
});
