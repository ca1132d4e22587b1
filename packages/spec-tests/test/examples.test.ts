// Every example in the spec must be valid against its own schema: users copy them, the mock
// serves them, and the reference site shows them.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { resolver } from '../../../scripts/generate/spec-walker.mjs';
import { loadBundle, operations } from './bundle.js';

const spec = loadBundle();

function validatorFor(schema: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addKeyword('x-known-values');
  // Resolve #/components/... refs against the bundle itself.
  ajv.addSchema({ ...spec, $id: 'spec' }, 'spec.json');
  const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"spec.json#/'));
  return ajv.compile(rewritten);
}

interface Sample {
  where: string;
  schema: unknown;
  value: unknown;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  const fromMedia = (where: string, media: Record<string, any> | undefined) => {
    for (const [type, m] of Object.entries<Record<string, any>>(media ?? {})) {
      if (!m.schema) continue;
      if ('example' in m) out.push({ where: `${where} ${type} example`, schema: m.schema, value: m.example });
      for (const [name, ex] of Object.entries<Record<string, any>>(m.examples ?? {})) {
        out.push({ where: `${where} ${type} examples.${name}`, schema: m.schema, value: ex.value });
      }
    }
  };
  const resolve = resolver(spec);
  for (const { method, path, op } of operations(spec)) {
    const at = `${method} ${path}`;
    for (const p of (op.parameters ?? []).map(resolve)) {
      if ('example' in p) out.push({ where: `${at} parameter ${p.name}`, schema: p.schema, value: p.example });
    }
    if (op.requestBody) fromMedia(`${at} request`, resolve(op.requestBody).content);
    for (const [status, r] of Object.entries<Record<string, any>>(op.responses ?? {})) {
      fromMedia(`${at} ${status}`, resolve(r).content);
    }
  }
  return out;
}

describe('examples', () => {
  const all = samples();

  it('exist for every operation', () => {
    const withoutExample = operations(spec)
      .filter(({ method, path }) => !all.some((s) => s.where.startsWith(`${method} ${path} 2`)))
      .map(({ operationId }) => operationId);
    expect(withoutExample).toEqual([]);
  });

  it.each(all.map((s) => [s.where, s] as const))('%s is valid against its schema', (_where, sample) => {
    const validate = validatorFor(sample.schema);
    const ok = validate(sample.value);
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it('are checked by a validator that rejects a wrong one', () => {
    const validate = validatorFor({ $ref: '#/components/schemas/Case' });
    expect(validate({ case_id: 'not a number' })).toBe(false);
  });
});
