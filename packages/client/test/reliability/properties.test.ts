// Property-based tests (fast-check) of the three pieces that turn user data into bytes and bytes
// into user data: the query serializer, the list normalizer, the multipart builder. Each also
// runs end to end through the harness where the server's view is what matters.
import fc from 'fast-check';
import { parse } from 'qs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ATTACHMENT_LIMITS, AttachmentTooLargeError, InvalidRequestError, normalizeList, serializeQuery } from '../../src/index.js';
import { buildMultipart } from '../../src/multipart.js';
import { clientFor, type Harness, listPage, sendJson, startHarness } from './harness.js';

vi.setConfig({ testTimeout: 60_000 });

// ---- Arbitraries ---------------------------------------------------------------------------

/** Strings built from the characters that break query strings and forms, plus any Unicode. */
const hostile = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '[',
      ']',
      '[]',
      '&',
      '=',
      '%',
      '%25',
      '%zz',
      '+',
      ' ',
      '#',
      '?',
      ';',
      ',',
      'a',
      'Z',
      '0',
      'é',
      'ё',
      '日',
      '🙂',
      '\u00a0',
      '\\',
      '/',
      "'",
      '"',
    ),
    maxLength: 12,
  }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', '=', '&', '[]', 'a[b]=c&d', '%', '100%', '+1 (555) 010-0199', 'Привет, мир'),
);

// qs.parse reads brackets in a key as nesting, drops keys that shadow Object.prototype, and turns a
// map with an index-like key into an array: keys avoid those, as PHP keys would.
const protoKeys = new Set(Object.getOwnPropertyNames(Object.prototype));
const key = hostile.filter((k) => k !== '' && !/[[\]]/.test(k) && !protoKeys.has(k) && !/^\d+$/.test(k));
const scalar = fc.oneof(hostile, fc.integer(), fc.boolean());
const strings = fc.array(scalar, { minLength: 1, maxLength: 25 });
const map = fc.dictionary(key, fc.oneof(scalar, strings, fc.dictionary(key, fc.oneof(scalar, strings), { maxKeys: 3 })), { maxKeys: 4 });
const query = fc.dictionary(key, fc.oneof(scalar, strings, map), { maxKeys: 6 });

/** What a PHP (or qs) server reads back: every scalar a string, empty maps gone. */
function asRead(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asRead);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = asRead(v);
      if (r !== undefined) out[k] = r;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return String(value);
}

const PARSE = { depth: 10, arrayLimit: 1000, parameterLimit: 100_000 } as const;

// ---- Query serializer ----------------------------------------------------------------------

describe('query serializer', () => {
  it('round trip: qs.parse(serializeQuery(q)) is q as the server reads it (hostile keys and values, nested arrays and maps)', () => {
    fc.assert(
      fc.property(query, (q) => {
        const text = serializeQuery(q);
        expect(parse(text, PARSE)).toEqual(asRead(q) ?? {});
        // Nothing but the pairs themselves: no raw separators or spaces leak from values.
        for (const pair of text === '' ? [] : text.split('&')) expect(pair).toMatch(/^[^&=\s#]+=[^&=\s#]*$/);
      }),
      { numRuns: 500 },
    );
  });

  let h: Harness;
  beforeAll(async () => {
    h = await startHarness((_, res) => sendJson(res, 200, { case: [] }));
  });
  afterAll(() => h.close());

  it('end to end: what cases.list sends is what a qs server parses (status[], custom_fields[...], hostile strings)', async () => {
    const omnidesk = clientFor(h);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ status: strings, custom_fields: map, subject: hostile, user_email: hostile }, { requiredKeys: ['status'] }),
        async (q) => {
          const before = h.requests.length;
          expect(await omnidesk.cases.list(q as never)).toEqual({ items: [], total: 0 });
          expect(h.requests).toHaveLength(before + 1);
          expect(parse(h.requests.at(-1)!.search, PARSE)).toEqual(asRead(q));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a string that is not well-formed Unicode (a lone surrogate, e.g. an emoji cut in half) is refused naming the parameter, and nothing is sent', async () => {
    const before = h.requests.length;
    const subject = '🙂 Printer'.slice(1); // starts with a lone low surrogate
    let error: unknown;
    try {
      await clientFor(h).cases.list({ subject });
    } catch (e) {
      error = e;
    }
    expect(h.requests).toHaveLength(before);
    expect(error, 'an InvalidRequestError of the SDK').toSatisfy((e) => e instanceof InvalidRequestError);
    expect(String((error as Error).message)).toContain('subject');
  });
});

// ---- List normalizer -----------------------------------------------------------------------

describe('list normalizer', () => {
  const entry = fc.record({ case_id: fc.nat(), subject: hostile, status: fc.constantFrom('open', 'closed', '-') });
  const wrapper = fc.constantFrom('case', 'message', 'user', 'staff', 'label', 'group');

  it('any keyed page → the entries in numeric key order ("10" after "9"), total_count preserved', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 40 }),
        fc.nat({ max: 1_000_000 }),
        wrapper,
        fc.integer({ min: 0, max: 2 ** 31 }),
        (entries, total, key, seed) => {
          // Keys inserted in a scrambled order, with non-index keys mixed in that are not entries.
          const order = entries.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
          const body: Record<string, unknown> = { total_count: total, '01': { [key]: 'not an index' }, '-1': null };
          for (const i of order) body[String(i)] = { [key]: entries[i] };
          expect(normalizeList(body, key)).toEqual({ items: entries, total });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('total_count as a string, or missing, still gives a number', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.nat(), (entries, total) => {
        expect(normalizeList({ ...listPage(entries, 0), total_count: String(total) }, 'case').total).toBe(total);
        const { total_count: _drop, ...noTotal } = listPage(entries, 0);
        expect(normalizeList(noTotal, 'case')).toEqual({ items: entries, total: entries.length });
      }),
    );
  });

  it('the empty-page shapes ({"case": []}, [], {}, null, "") → no items, total 0', () => {
    fc.assert(
      fc.property(wrapper, fc.constantFrom('array', 'emptyArray', 'emptyObject', 'null', 'emptyString'), (key, shape) => {
        const body = { array: { [key]: [] }, emptyArray: [], emptyObject: {}, null: null, emptyString: '' }[shape];
        expect(normalizeList(body, key)).toEqual({ items: [], total: 0 });
      }),
    );
  });

  it('end to end: keyed pages through listAll give every entry once, in order', async () => {
    const h = await startHarness();
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 1, max: 100 }), async (total, limit) => {
          h.handle((req, res) => {
            const page = Number(parse(req.search).page);
            const first = (page - 1) * limit;
            const ids = Array.from({ length: Math.max(0, Math.min(limit, total - first)) }, (_, i) => first + i + 1);
            sendJson(
              res,
              200,
              ids.length
                ? listPage(
                    ids.map((case_id) => ({ case_id })),
                    total,
                  )
                : { case: [] },
            );
          });
          const before = h.requests.length;
          const seen: number[] = [];
          for await (const c of clientFor(h).cases.listAll({}, { limit })) seen.push(c.case_id);
          expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
          // One request per page, plus none or one for the empty page when total is 0.
          expect(h.requests.length - before).toBe(Math.max(1, Math.ceil(total / limit)));
        }),
        { numRuns: 40 },
      );
    } finally {
      await h.close();
    }
  });
});

// ---- Multipart builder ---------------------------------------------------------------------

/** Lone CR or LF becomes CRLF in a form (the HTML multipart rules), as a server reads it back. */
const crlf = (s: string) => s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');
// Multipart names escape `"`, CR and LF as %22, %0D, %0A without escaping `%` (HTML's rules), so a
// name holding those characters or those escapes does not survive any form parser; brackets are
// the SDK's own structure.
const fieldName = key.filter((k) => !/["\r\n]|%(?:0a|0d|22)/i.test(k));
const formText = fc.oneof(hostile, fc.string({ unit: fc.constantFrom('a', '\r', '\n', '\r\n', '--', '"', '日'), maxLength: 10 }));
const formValue = fc.oneof(
  formText,
  fc.integer(),
  fc.boolean(),
  fc.array(formText, { minLength: 1, maxLength: 4 }),
  fc.dictionary(fieldName, formText, { maxKeys: 3 }),
);

function expectedPairs(envelope: string, fields: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const walk = (name: string, v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(`${name}[${i}]`, x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${name}[${k}]`, x);
    else out.push([name, crlf(String(v))]);
  };
  for (const [k, v] of Object.entries(fields)) walk(`${envelope}[${k}]`, v);
  return out;
}

/** A Blob that reports any size without holding the bytes (the limits read `size` only). */
class SizedBlob extends Blob {
  constructor(private readonly claimed: number) {
    super(['x']);
  }
  override get size(): number {
    return this.claimed;
  }
}

describe('multipart builder', () => {
  it('field names and values, and attachment names and bytes, survive serialization and parsing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('case', 'message', 'user'),
        fc.dictionary(fieldName, formValue, { maxKeys: 5 }),
        fc.array(fc.record({ name: fieldName, bytes: fc.uint8Array({ maxLength: 300 }) }), { maxLength: 3 }),
        async (envelope, fields, files) => {
          const form = buildMultipart(envelope, { ...fields, attachments: files.map((f) => ({ name: f.name, data: f.bytes })) });
          // Serialize the way fetch sends it, then parse the way a server reads it.
          const parsed = await new Response(form).formData();
          const texts = [...parsed.entries()].filter(([, v]) => typeof v === 'string');
          expect(texts).toEqual(expectedPairs(envelope, fields));
          const sent = [...parsed.entries()].filter(([, v]) => typeof v !== 'string') as [string, File][];
          expect(sent.map(([n, f]) => [n, f.name])).toEqual(files.map((f, i) => [`${envelope}[attachments][${i}]`, f.name]));
          for (let i = 0; i < files.length; i++) expect(new Uint8Array(await sent[i]![1].arrayBuffer())).toEqual(files[i]!.bytes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sizes: refused iff a file is over 25 MB or the request over 50 MB, with the right file, size and limit', () => {
    const MB = 1024 * 1024;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 30 * MB }), fc.constantFrom(25 * MB, 25 * MB + 1, 0)), { maxLength: 4 }),
        fc.string({ maxLength: 40 }),
        (sizes, subject) => {
          const files = sizes.map((n, i) => ({ name: `file-${i}.bin`, data: new SizedBlob(n) }));
          // Counted as on the wire: 128 bytes of framing a part (boundary line, headers), plus names.
          const textBytes = 128 + new TextEncoder().encode(`case[subject]${subject}`).length;
          const tooBig = sizes.findIndex((n) => n > ATTACHMENT_LIMITS.perFile);
          const total = textBytes + sizes.reduce((a, b, i) => a + b + 128 + `casefile-${i}.bin`.length + 30, 0);
          let error: unknown;
          try {
            buildMultipart('case', { subject, attachments: files });
          } catch (e) {
            error = e;
          }
          if (tooBig >= 0) {
            expect(error).toBeInstanceOf(AttachmentTooLargeError);
            expect(error).toMatchObject({ fileName: `file-${tooBig}.bin`, size: sizes[tooBig], limit: 25 * MB });
          } else if (total > ATTACHMENT_LIMITS.perRequest) {
            expect(error).toBeInstanceOf(AttachmentTooLargeError);
            expect(error).toMatchObject({ fileName: undefined, size: total, limit: 50 * MB });
          } else {
            expect(error).toBeUndefined();
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('end to end with real bytes: a 25 MB file is sent; 25 MB + 1 byte, or two 25 MB files, send nothing', async () => {
    const h = await startHarness((_, res) => sendJson(res, 201, { case: { case_id: 5 } }));
    try {
      const omnidesk = clientFor(h, { timeout: 30_000 });
      const base = { user_email: 'c@example.com', subject: 'Ünïcødé & [brackets]=%', content: 'line 1\r\nline 2' };
      const exact = new Uint8Array(ATTACHMENT_LIMITS.perFile).fill(7);
      expect(await omnidesk.cases.create({ ...base, attachments: [{ name: 'exact.bin', data: exact }] })).toEqual({ case_id: 5 });
      expect(h.requests).toHaveLength(1);
      const received = await new Response(new Uint8Array(h.requests[0]!.body), {
        headers: { 'content-type': String(h.requests[0]!.headers['content-type']) },
      }).formData();
      expect(received.get('case[subject]')).toBe(base.subject);
      expect(received.get('case[content]')).toBe(base.content);
      expect((received.get('case[attachments][0]') as File).size).toBe(ATTACHMENT_LIMITS.perFile);

      const over = await omnidesk.cases
        .create({ ...base, attachments: [{ name: 'over.bin', data: new Uint8Array(ATTACHMENT_LIMITS.perFile + 1) }] })
        .catch((e: unknown) => e);
      expect(over).toBeInstanceOf(AttachmentTooLargeError);
      expect(over).toMatchObject({ fileName: 'over.bin', size: ATTACHMENT_LIMITS.perFile + 1 });
      const two = await omnidesk.cases.create({ ...base, attachments: [exact, exact] }).catch((e: unknown) => e);
      expect(two).toBeInstanceOf(AttachmentTooLargeError);
      expect(two).toMatchObject({ fileName: undefined, limit: ATTACHMENT_LIMITS.perRequest });
      expect(h.requests).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
