/**
 * Query strings the way Omnidesk (PHP) reads them: `status[]=open&status[]=closed`,
 * `custom_fields[cf_25]=x`, `custom_fields[cf_25][]=a`; scalars plain. Byte for byte what
 * `qs.stringify(query, { arrayFormat: 'brackets', encodeValuesOnly: true, skipNulls: true })`
 * writes, except that a `Date` is sent as Unix seconds (how the API's time filters are read).
 */

import { InvalidRequestError } from './errors.js';

// RFC 3986 unreserved characters stay, everything else is percent-encoded (as qs does).
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function scalar(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return String(Math.floor(value.getTime() / 1000));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return undefined;
}

function walk(key: string, value: unknown, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) walk(`${key}[]`, item, out);
    return;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) walk(`${key}[${encodeComponent(k)}]`, v, out);
    return;
  }
  const text = scalar(value);
  if (text === undefined) throw new InvalidRequestError(`query parameter ${key}: cannot send a ${typeof value}`);
  // A lone surrogate (half an emoji) has no UTF-8 form: refuse it rather than send U+FFFD.
  if (LONE_SURROGATE.test(text)) throw new InvalidRequestError(`query parameter ${key}: the string is not well-formed Unicode (a lone surrogate)`);
  out.push(`${key}=${encodeComponent(text)}`);
}

export function serializeQuery(query: Record<string, unknown> | undefined | null): string {
  const out: string[] = [];
  if (query && typeof query === 'object') {
    for (const [k, v] of Object.entries(query)) walk(encodeComponent(k), v, out);
  }
  return out.join('&');
}
