/**
 * Query strings the way Omnidesk (PHP) reads them: `status[]=open&status[]=closed`,
 * `custom_fields[cf_25]=x`, `custom_fields[cf_25][]=a`; scalars plain. Byte for byte what
 * `qs.stringify(query, { arrayFormat: 'brackets', encodeValuesOnly: true, skipNulls: true })`
 * writes, except that keys are percent-encoded too (a `&` in a map key must not end the
 * parameter), a `Date` is sent as Unix seconds (how the API's time filters are read) and an
 * empty array, which qs leaves out, is refused.
 */

import { InvalidRequestError } from './errors.js';

// RFC 3986 unreserved characters stay, everything else is percent-encoded (as qs does).
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The text of one value of a query or a form: strings and numbers as they are, booleans as
 * `true`/`false` (the docs' own form, `amount_of_users=true`), a `Date` as Unix seconds (how the
 * API reads its time filters). Anything else is refused, naming `where`.
 */
export function scalarText(value: unknown, where: string): string {
  const plain = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (typeof plain === 'number' && !Number.isFinite(plain)) {
    throw new InvalidRequestError(`${where}: cannot send ${value instanceof Date ? 'an invalid Date' : plain}`);
  }
  if (!/^(?:string|number|boolean|bigint)$/.test(typeof plain)) throw new InvalidRequestError(`${where}: cannot send a ${typeof value}`);
  if (typeof plain !== 'string') return String(plain);
  // A lone surrogate (half an emoji) has no UTF-8 form: refuse it rather than send U+FFFD
  // (encodeURIComponent throws a URIError on one, in every engine).
  try {
    encodeURIComponent(plain);
  } catch {
    throw new InvalidRequestError(`${where}: the string is not well-formed Unicode (a lone surrogate)`);
  }
  return plain;
}

/**
 * Every value in `fields` that is neither null nor undefined, with its PHP-style name: `key`,
 * `key[inner]` for a map's entry, `key[]` for an array's item (`key[0]`, `key[1]` when `numbered`,
 * as forms name them). Every key goes through `encodeKey`. A value that contains itself, and an
 * array that would send nothing, are refused, named with `label` in front (`query parameter `).
 */
export function flattenBrackets(fields: object, numbered: boolean, encodeKey: (key: string) => string, label: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  // `parents`: the objects holding this value, to catch a cycle before the stack overflows.
  // A key is checked as a value is (a lone surrogate has no UTF-8 form).
  const key = (k: string, name: string) => encodeKey(scalarText(k, `${label}${name}`));
  const walk = (name: string, value: unknown, parents: readonly object[]): void => {
    if (value === undefined || value === null) return;
    if (typeof value !== 'object' || value instanceof Date) {
      out.push([name, value]);
      return;
    }
    if (parents.includes(value)) throw new InvalidRequestError(`${label}${name}: the value contains itself`);
    // Deeper than any field of the API, and short of a stack overflow.
    if (parents.length >= 8) throw new InvalidRequestError(`${label}${name}: nested more than 8 levels`);
    const inside = [...parents, value];
    if (Array.isArray(value)) {
      // `a[][x]=1` and `a[][]=1` are read back differently by qs and by PHP: not sent.
      if (!numbered && value.some((item) => item && typeof item === 'object' && !(item instanceof Date))) {
        throw new InvalidRequestError(`${label}${name}: a query array holds plain values only`);
      }
      const before = out.length;
      for (const [i, item] of Array.from(value as unknown[]).entries()) walk(`${name}[${numbered ? i : ''}]`, item, inside);
      // `[]` has no form in a query or a form: dropping it would turn `status: []` ("none of
      // these") into no filter at all, and `labels: []` into no change. Refused, naming it.
      if (out.length === before) {
        throw new InvalidRequestError(`${label}${name}: cannot send an empty array (leave the key out)`);
      }
    } else for (const [k, v] of Object.entries(value)) walk(`${name}[${key(k, name)}]`, v, inside);
  };
  for (const [k, v] of Object.entries(fields)) walk(key(k, '(top level)'), v, []);
  return out;
}

export function serializeQuery(query: Record<string, unknown> | undefined | null): string {
  const label = 'query parameter ';
  return query && typeof query === 'object'
    ? flattenBrackets(query, false, encodeComponent, label)
        .map(([name, value]) => `${name}=${encodeComponent(scalarText(value, label + name))}`)
        .join('&')
    : '';
}

/**
 * JSON.stringify's replacer for request bodies, the rule of queries and forms: a `Date` is sent
 * as Unix seconds (what `created_at` and the time filters read; an ISO string is neither of the
 * forms the API takes), and a property set to `null` is left out, as it is from a query or form.
 */
export function jsonValue(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Date) return Number(scalarText(raw, `body field ${key}`));
  return value === null && !Array.isArray(this) ? undefined : value;
}
