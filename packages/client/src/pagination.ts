import { InvalidRequestError, InvalidResponseError } from './errors.js';
import { show } from './transport.js';

/** A page of a list, whatever shape it had on the wire. */
export interface Page<T> {
  items: T[];
  /** `total_count`: how many items match on all pages (0 on an empty page). */
  total: number;
}

const INDEX = /^(?:0|[1-9][0-9]*)$/;

function unwrap(entry: unknown, key: string | undefined): unknown {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
  if (key !== undefined) return key in entry ? (entry as Record<string, unknown>)[key] : entry;
  const keys = Object.keys(entry);
  return keys.length === 1 ? (entry as Record<string, unknown>)[keys[0]!] : entry;
}

/**
 * `{ items, total }` from Omnidesk's list shapes: `{"0": {"case": {...}}, ..., "total_count": 17}`,
 * the empty page `{"case": []}`, or a plain array. `key` is the wrapper of each entry (`case`).
 */
export function normalizeList<T>(body: unknown, key?: string): Page<T> {
  const { items, total } = readList<T>(body, key);
  return { items, total: total ?? items.length };
}

/** Like normalizeList, with `total` undefined when the answer did not say (no `total_count`). */
export function readList<T>(body: unknown, key?: string): { items: T[]; total: number | undefined } {
  if (Array.isArray(body)) return { items: body.map((e) => unwrap(e, key) as T), total: body.length };
  if (!body || typeof body !== 'object') return { items: [], total: 0 };
  const record = body as Record<string, unknown>;
  // An object's integer keys come first, in ascending order (below 2^32 - 1: far more entries than
  // a page holds), so one pass reads the entries in order, with no key arrays to sort.
  const items: T[] = [];
  for (const k in record) if (INDEX.test(k)) items.push(unwrap(record[k], key) as T);
  if (key !== undefined && Array.isArray(record[key])) {
    items.push(...(record[key] as unknown[]).map((e) => unwrap(e, key) as T));
  }
  // The empty-page shape `{"case": []}` says there is nothing (total 0).
  if (items.length === 0 && key !== undefined && Array.isArray(record[key])) return { items, total: 0 };
  const total = record.total_count === undefined ? NaN : Number(record.total_count);
  return { items, total: Number.isFinite(total) ? total : undefined };
}

export interface PaginateOptions {
  /** Items per page (1-100); 100 by default. */
  limit?: number;
  /** Stop after this many items. */
  maxItems?: number;
  /** The first page to fetch; 1 by default. */
  startPage?: number;
  /**
   * The most pages one walk fetches (10,000 by default: a million items at 100 a page); a walk
   * that would go on fails with InvalidResponseError rather than loop for ever.
   */
  maxPages?: number;
  /**
   * Pages fetched at a time once the first page gave `total_count` (1 to 16; 1 by default): items
   * still come out in order, within the limiter's budget; the first failed page ends the walk.
   */
  concurrency?: number;
  /** @internal How errors name the walk (`cases.listAll`). */
  name?: string;
}

/**
 * Walks pages until `total` items were seen, a page is empty, or `maxItems` is reached; when a
 * page does not say its `total`, until a page shorter than `limit`. `fetchPage` gets 1-based
 * page numbers.
 */
export async function* paginate<T>(
  fetchPage: (page: number, limit: number) => Promise<{ items: T[]; total?: number | undefined }>,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const { limit = 100, maxItems = Infinity, startPage = 1, maxPages = 10_000, concurrency = 1, name = 'paginate' } = options;
  // Checked before the first page: a wrong option sends nothing.
  for (const [key, value, min, max] of [
    ['limit', limit, 1, 100],
    ['maxItems', maxItems, 0],
    ['page', startPage, 1],
    ['maxPages', maxPages, 1],
    ['concurrency', concurrency, 1, 16],
  ] as const) {
    if (!(value >= min && (max ? value <= max : true) && (Number.isInteger(value) || value === Infinity))) {
      throw new InvalidRequestError(
        `${name}: \`${key}\` must be an integer, ${max ? `${min} to ${max}` : `${min} or more`}, got ${show(value)}`,
      );
    }
  }
  let page = startPage;
  // Items before startPage count towards total_count too.
  let seen = (page - 1) * limit;
  let yielded = 0;
  let previous: string | undefined;
  // Pages asked for and not yet handed out: one, or `concurrency` once a total bounds the walk.
  const ahead: Promise<{ items: T[]; total?: number | undefined }>[] = [];
  let width = 1;
  let end = Infinity;
  for (let pages = 0; yielded < maxItems; pages++) {
    if (pages >= maxPages) throw new InvalidResponseError(`${name}: no end after ${maxPages} pages (maxPages)`);
    while (ahead.length < width && page < end) {
      const next = fetchPage(page++, limit);
      // A page after a failed one is not awaited: its failure is not reported twice.
      next.catch(() => undefined);
      ahead.push(next);
    }
    const next = ahead.shift();
    if (!next) return;
    const { items, total } = await next;
    if (items.length === 0) return;
    // Without a total, a server that ignores `page` sends the same page again: the walk ends there
    // (with a total, the count ends it).
    let seenAs: string | undefined;
    try {
      if (total === undefined) seenAs = JSON.stringify(items);
    } catch {
      // too deep to write: not compared
    }
    if (seenAs && seenAs === previous) return;
    previous = seenAs;
    for (const item of items) {
      if (yielded >= maxItems) return;
      yield item;
      yielded++;
    }
    seen += items.length;
    if (total === undefined ? items.length < limit : seen >= total) return;
    if (total !== undefined && concurrency > 1) {
      // The last page needed is known: up to `concurrency` pages in flight, never past it.
      width = concurrency;
      end = Math.min(Math.ceil(total / limit), startPage - 1 + Math.ceil(maxItems / limit), startPage - 1 + maxPages) + 1;
    }
  }
}
