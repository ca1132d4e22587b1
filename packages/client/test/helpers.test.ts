import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../src/errors.js';
import { endsWith, exact, parseOmnideskDate, startsWith, toUnixTime } from '../src/helpers.js';

describe('search helpers', () => {
  it('write the docs’ exact-match syntax', () => {
    expect([exact('help'), startsWith('help'), endsWith('help')]).toEqual(['^help^', '^help', 'help^']);
  });
});

describe('toUnixTime', () => {
  it('takes Dates, milliseconds and seconds', () => {
    expect(toUnixTime(new Date('2015-01-01T00:00:00+03:00'))).toBe(1420059600);
    expect(toUnixTime(1420059600123)).toBe(1420059600);
    expect(toUnixTime(1420059600)).toBe(1420059600);
  });
  it('refuses what is not a time with an InvalidRequestError naming the value, as any bad input to a call', () => {
    expect(() => toUnixTime(new Date('nope'))).toThrow('toUnixTime: not a valid point in time: Invalid Date');
    expect(() => toUnixTime(-5)).toThrow(InvalidRequestError);
    expect(() => toUnixTime(-5)).toThrow('toUnixTime: not a valid point in time: -5');
    expect(() => toUnixTime('soon' as never)).toThrow('toUnixTime: not a valid point in time: "soon"');
    expect(() => toUnixTime(Number.NaN)).toThrow(InvalidRequestError);
  });
});

describe('parseOmnideskDate', () => {
  it('parses RFC 2822 with its offset', () => {
    expect(parseOmnideskDate('Mon, 05 May 2014 00:15:17 +0300')!.toISOString()).toBe('2014-05-04T21:15:17.000Z');
    expect(parseOmnideskDate('23 Dec 2014 10:55 -0130')!.toISOString()).toBe('2014-12-23T12:25:00.000Z');
  });
  it('turns "-" and empty into null', () => {
    expect([parseOmnideskDate('-'), parseOmnideskDate(''), parseOmnideskDate(null), parseOmnideskDate(undefined)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
  it('throws on anything else, naming the value', () => {
    expect(() => parseOmnideskDate('2014-05-05T00:15:17Z')).toThrow('parseOmnideskDate: not an RFC 2822 date: "2014-05-05T00:15:17Z"');
  });
  it('throws on a date or time that does not exist, instead of rolling it over', () => {
    expect(() => parseOmnideskDate('Sat, 31 Feb 2014 10:00:00 +0300')).toThrow(
      'parseOmnideskDate: not a valid date or time: "Sat, 31 Feb 2014 10:00:00 +0300"',
    );
    expect(() => parseOmnideskDate('05 May 2014 24:15:17 +0300')).toThrow(RangeError);
    expect(() => parseOmnideskDate('05 May 2014 10:60:00 +0300')).toThrow(RangeError);
    expect(() => parseOmnideskDate('05 May 2014 10:15:17 +0390')).toThrow(RangeError);
    // A leap day and a leap second's neighbour are fine.
    expect(parseOmnideskDate('29 Feb 2016 23:59:59 +0000')!.toISOString()).toBe('2016-02-29T23:59:59.000Z');
  });
  it('throws a RangeError naming the value when it is not a string', () => {
    expect(() => parseOmnideskDate(1399238117 as never)).toThrow('parseOmnideskDate: not an RFC 2822 date: 1399238117');
  });
});
