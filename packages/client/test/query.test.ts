import fc from 'fast-check';
import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../src/errors.js';
import { serializeQuery } from '../src/query.js';

const reference = (q: Record<string, unknown>) => qs.stringify(q, { arrayFormat: 'brackets', encodeValuesOnly: true, skipNulls: true });

describe('serializeQuery (PHP brackets)', () => {
  it('writes arrays, maps and arrays in maps as the API reads them', () => {
    const q = { status: ['open', 'closed'], custom_fields: { cf_25: 'x', cf_26: ['a', 'b'] }, limit: 10, subject: '^Need help^' };
    expect(serializeQuery(q)).toBe(
      'status[]=open&status[]=closed&custom_fields[cf_25]=x&custom_fields[cf_26][]=a&custom_fields[cf_26][]=b&limit=10&subject=%5ENeed%20help%5E',
    );
    expect(serializeQuery(q)).toBe(reference(q));
  });

  it('sends scalars plainly (booleans as true/false) and skips undefined and null', () => {
    expect(serializeQuery({ status: 'open', a: undefined, b: null, d: true, f: false, e: 0 })).toBe('status=open&d=true&f=false&e=0');
  });

  it('refuses an empty array, at any depth, naming it (qs drops it: `status: []` would filter nothing)', () => {
    expect(() => serializeQuery({ status: [] })).toThrow(
      new InvalidRequestError('query parameter status: cannot send an empty array (leave the key out)'),
    );
    expect(() => serializeQuery({ custom_fields: { cf_26: [] } })).toThrow(
      /^query parameter custom_fields\[cf_26\]: cannot send an empty array/,
    );
    expect(() => serializeQuery({ labels: [null, undefined] })).toThrow(/^query parameter labels: cannot send an empty array/);
    expect(serializeQuery({ labels: [null, 3] })).toBe('labels[]=3');
  });

  it('sends a Date as Unix seconds', () => {
    expect(serializeQuery({ from_time: new Date('2015-01-01T00:00:00Z') })).toBe('from_time=1420070400');
  });

  it('refuses values it cannot encode, naming the parameter', () => {
    expect(() => serializeQuery({ f: () => 1 })).toThrow(new InvalidRequestError('query parameter f: cannot send a function'));
    expect(() => serializeQuery({ custom_fields: { cf_1: '\ud83d' } })).toThrow(
      /query parameter custom_fields\[cf_1\]: the string is not well-formed/,
    );
  });

  it('refuses an invalid Date and NaN or Infinity instead of sending "NaN"', () => {
    expect(() => serializeQuery({ from_time: new Date('nope') })).toThrow(
      new InvalidRequestError('query parameter from_time: cannot send an invalid Date'),
    );
    expect(() => serializeQuery({ page: NaN })).toThrow(new InvalidRequestError('query parameter page: cannot send NaN'));
    expect(() => serializeQuery({ labels: [1, Infinity] })).toThrow(
      new InvalidRequestError('query parameter labels[]: cannot send Infinity'),
    );
  });

  it('refuses a query that contains itself, naming where, instead of overflowing the stack', () => {
    const custom: Record<string, unknown> = { cf_1: 'a' };
    custom.self = custom;
    expect(() => serializeQuery({ custom_fields: custom })).toThrow(
      new InvalidRequestError('query parameter custom_fields[self]: the value contains itself'),
    );
  });

  it('reads keys such as __proto__ and constructor as plain names, and changes no prototype', () => {
    const q = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": "x"}}');
    expect(serializeQuery(q)).toBe('__proto__[polluted]=yes&constructor[prototype]=x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('matches qs on arbitrary nested queries', () => {
    const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
    const scalar = fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean());
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { minLength: 1, maxLength: 4 }),
      fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { minLength: 1, maxLength: 3 })), { maxKeys: 3 }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), (q) => {
        expect(serializeQuery(q)).toBe(reference(q));
      }),
      { numRuns: 500 },
    );
  });
});
