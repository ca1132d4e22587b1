/** Search helpers for the text filters (`subject`, `user_email`, ...), as the docs describe them. */

import { InvalidRequestError } from './errors.js';
import { show } from './transport.js';

/** Matches the whole value: `^value^`. */
export const exact = (value: string): string => `^${value}^`;
/** Matches values that start with `value`: `^value`. */
export const startsWith = (value: string): string => `^${value}`;
/** Matches values that end with `value`: `value^`. */
export const endsWith = (value: string): string => `${value}^`;

/**
 * A time filter (`from_time`, `to_updated_time`, ...) as Unix seconds, from a `Date`, or a
 * number: milliseconds when it is 10^12 or more (`Date.now()`), seconds otherwise. It builds
 * request parameters, so what is not a point in time since 1970 is an InvalidRequestError naming
 * the value, like any other bad input to a call.
 */
export function toUnixTime(value: Date | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' && value >= 1e12 ? value : Number(value) * 1000;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InvalidRequestError(`toUnixTime: not a valid point in time: ${value instanceof Date ? String(value) : show(value)}`);
  }
  return Math.floor(ms / 1000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC2822 =
  /^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+(?:([+-])(\d{2})(\d{2})|GMT|UT|UTC|Z)\s*$/;

/**
 * A date as the API sends it (`Mon, 05 May 2014 00:15:17 +0300`) as a `Date`; `"-"` (no date),
 * `""`, `null` and `undefined` as `null`. Anything else, and a date or time that does not exist
 * (`31 Feb`, `24:00`), throws a RangeError naming the value.
 *
 * A RangeError, not an InvalidResponseError: this parses a value the caller holds (a field of an
 * answer, a webhook's, a stored one), long after and apart from any call, so there is no answer
 * (status, operation, path) for an SDK error to name; a RangeError is what JavaScript's own dates
 * throw for a time that cannot be (`new Date(NaN).toISOString()`).
 */
export function parseOmnideskDate(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  // String(): a number or another wrong type reaches the RangeError below, not a TypeError.
  const text = String(value).trim();
  if (text === '-' || text === '') return null;
  const m = RFC2822.exec(text);
  if (!m) throw new RangeError(`parseOmnideskDate: not an RFC 2822 date: ${JSON.stringify(value)}`);
  const [, day, mon, year, hh, mm, ss = '0', sign, oh = '0', om = '0'] = m;
  const fields = [Number(year), MONTHS.indexOf(mon!), Number(day), Number(hh), Number(mm), Number(ss)] as const;
  const wallClock = new Date(Date.UTC(...fields));
  // Date.UTC rolls over (31 Feb is 3 Mar, 24:00 the next day): a field that changed did not exist.
  const back = [
    wallClock.getUTCFullYear(),
    wallClock.getUTCMonth(),
    wallClock.getUTCDate(),
    wallClock.getUTCHours(),
    wallClock.getUTCMinutes(),
    wallClock.getUTCSeconds(),
  ];
  if (back.some((v, i) => v !== fields[i]) || Number(om) > 59) {
    throw new RangeError(`parseOmnideskDate: not a valid date or time: ${JSON.stringify(value)}`);
  }
  const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return new Date(wallClock.getTime() - offsetMin * 60_000);
}
