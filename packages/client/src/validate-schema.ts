// The response checker behind `@omnidesk-openapi/client/validate`: a small JSON Schema (2020-12
// subset the spec uses) walker that says WHERE an answer differs from the spec and HOW (type,
// presence, enum membership, format, length, range), never WHAT the value was, so that its
// findings can be pasted into a public issue. Not ajv: ajv compiles schemas with `new Function`
// (refused by Cloudflare Workers and strict CSPs), weighs ~120 kB, and its errors neither list
// unknown fields nor leave values out; this walker does both in a few hundred lines.
// Keywords: type, enum, const, x-known-values, pattern, format (email, uri), minLength, maxLength,
// minimum, maximum, exclusiveMinimum, exclusiveMaximum, items, minItems, maxItems, uniqueItems,
// properties, required, patternProperties, additionalProperties, propertyNames, minProperties,
// maxProperties, oneOf, anyOf, allOf, not, $ref (a component name, see scripts/generate/responses.mjs).

/** A JSON Schema as scripts/generate/responses.mjs writes it (`$ref` is a component name). */
export type Schema = { [keyword: string]: unknown } | boolean;

/** One 2xx response of an operation: the body's schema, its media type, its headers' names. */
export interface ResponseSpec {
  media?: string;
  schema?: Schema;
  headers?: string[];
}

/** One operation: where it is, its query parameters, its declared statuses and 2xx answers. */
export interface OperationResponses {
  method: string;
  path: string;
  /** The names of its query parameters. */
  query: string[];
  /** Those the spec marks required. */
  requiredQuery?: string[];
  /** Every declared status (`200`, `404`, `default`). */
  statuses: string[];
  /** The 2xx answers by status. */
  responses: Record<string, ResponseSpec>;
}

/** What the validator knows of the spec (generated: src/generated/responses.ts). */
export interface ResponseTable {
  /** The spec's `info.version`. */
  version: string;
  operations: Record<string, OperationResponses>;
  headers: Record<string, { required?: boolean; schema: Schema }>;
  schemas: Record<string, Schema>;
}

/** Where in the answer a finding is. */
export type FindingPlace = 'status' | 'header' | 'body';
/** What kind of difference: `extra` (a field the spec does not list) is information, not drift. */
export type FindingKind = 'status' | 'media' | 'presence' | 'type' | 'enum' | 'format' | 'length' | 'range' | 'extra';

/**
 * One way an answer differs from the spec. No value of the answer is ever in it: `got` says what
 * came by its type, presence, membership, format or length only.
 */
export interface ResponseFinding {
  /** Status line, a header, or the JSON body. */
  in: FindingPlace;
  /**
   * A JSON pointer: into the body (`/0/case/status`, `''` for the whole body), or to the header
   * (`/api_calls_left`); `''` for the status. The first place it was seen. A map's key is data,
   * so it is written `*` (list positions stay); so is an unknown field whose name does not read
   * as a field name (an e-mail address).
   */
  pointer: string;
  /** The pointer with list positions and map keys as `*` (`/*\/case/status`): what findings are grouped by. */
  path: string;
  kind: FindingKind;
  /** What the spec says: `integer`, `present (required)`, `one of open, waiting, closed`. */
  expected: string;
  /** What came, described without its value: `string`, `absent`, `a string outside the enum`. */
  got: string;
  /** `drift`: the answer breaks the spec; `info`: the spec may be incomplete (an unknown field, a value not among the known ones). */
  severity: 'drift' | 'info';
  /** How many answers showed it. */
  count: number;
  /** How many places in those answers (every entry of a list counts). */
  occurrences: number;
}

/** An answer to check: its status, headers and body (parsed JSON, or the text to parse). */
export interface Answer {
  status: number;
  headers?: Headers | Record<string, string | undefined>;
  /** The parsed JSON body; `undefined` for none. */
  body?: unknown;
  /** The raw body text instead of `body`: parsed here, so that a body that is not JSON is a finding. */
  text?: string;
}

type Draft = Omit<ResponseFinding, 'count' | 'occurrences'>;

const obj = (s: Schema): Record<string, unknown> => (typeof s === 'object' && s !== null ? s : {});
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON type of a value: null, boolean, integer, number, string, array, object. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** What a value is, by type and shape only: never the value. */
function shape(v: unknown): string {
  const t = jsonType(v);
  if (t === 'array') return (v as unknown[]).length ? `array of ${(v as unknown[]).length} items` : 'empty array []';
  if (t === 'object') return Object.keys(v as object).length ? 'object' : 'empty object {}';
  if (t === 'string') return `string (${stringForm(v as string)})`;
  return t;
}

/** The form of a string, named without its content: a date format, a number as text, its length otherwise. */
export function stringForm(s: string): string {
  if (s === '') return 'empty';
  if (/^-?\d+$/.test(s))
    return s.length >= 9 && s.length <= 13 ? 'digits only: an integer or a Unix time as text' : 'digits only: an integer as text';
  if (/^-?\d+\.\d+$/.test(s)) return 'a decimal number as text';
  if (/^(true|false)$/.test(s)) return 'a boolean as text';
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s)) return 'ISO 8601 date-time';
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'ISO 8601 date';
  if (/^\d{1,2}\.\d{1,2}\.\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$/.test(s)) return 'DD.MM.YYYY date';
  if (/^([A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(:\d{2})? [+-]\d{4}$/.test(s)) return 'RFC 2822 date';
  if (/^[^\s@]+@[^\s@]+$/.test(s)) return `an e-mail address, ${s.length} characters`;
  if (/^https?:\/\//.test(s)) return `a URL, ${s.length} characters`;
  return `text, ${s.length} characters`;
}

/** An unknown field's name is printed only when it reads as a field name (not an e-mail address, not text). */
const printable = (key: string) => /^[A-Za-z0-9_-]{1,64}$/.test(key);
const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function typeOk(type: unknown, v: unknown): boolean {
  const t = jsonType(v);
  const types = Array.isArray(type) ? type : [type];
  return types.some((x) => x === t || (x === 'number' && t === 'integer'));
}

function formatOk(format: unknown, s: string): boolean {
  if (format === 'email') return /^[^\s@]+@[^\s@]+$/.test(s);
  if (format === 'uri') return /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(s);
  return true;
}

const list = (values: unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

/** The checker over one ResponseTable. */
export class SchemaChecker {
  constructor(private readonly table: ResponseTable) {}

  private resolve(schema: Schema): { schema: Schema; name?: string } {
    let name: string | undefined;
    for (let i = 0; i < 32; i++) {
      const ref = obj(schema).$ref;
      if (typeof ref !== 'string') return { schema, name };
      const next = this.table.schemas[ref];
      if (next === undefined) throw new Error(`validate: unknown schema ${ref}`);
      name = ref;
      schema = next;
    }
    throw new Error('validate: $ref chain too long');
  }

  /** What a (scalar) schema wants, in words: for a branch of a oneOf that no branch matched. */
  private describe(schema: Schema): string {
    const { schema: s0, name } = this.resolve(schema);
    const s = obj(s0);
    if ('const' in s) return JSON.stringify(s.const);
    if (Array.isArray(s.enum)) return `one of ${list(s.enum)}`;
    const type = Array.isArray(s.type) ? s.type.join(' or ') : typeof s.type === 'string' ? s.type : 'a value';
    if (typeof s.pattern === 'string') return `${name ?? type} (a ${type} matching ${s.pattern})`;
    if (typeof s.format === 'string') return `${type} (${s.format})`;
    if (Array.isArray(s.oneOf ?? s.anyOf)) return ((s.oneOf ?? s.anyOf) as Schema[]).map((b) => this.describe(b)).join(' or ');
    if (type === 'array' && s.maxItems === 0) return 'empty array []';
    return name ?? type;
  }

  /** Checks `v` against `schema`; pushes what differs into `out`. `at`/`path`: the concrete and grouped pointers. */
  check(schema: Schema, v: unknown, at: string, path: string, out: Draft[]): void {
    const { schema: resolved } = this.resolve(schema);
    if (resolved === true) return;
    const s = obj(resolved);
    const add = (kind: FindingKind, expected: string, got: string, severity: 'drift' | 'info' = 'drift', where = at, general = path) =>
      out.push({ in: 'body', pointer: where, path: general, kind, expected, got, severity });
    if (resolved === false) return void add('extra', 'nothing (not allowed here)', shape(v));

    for (const part of (s.allOf as Schema[] | undefined) ?? []) this.check(part, v, at, path, out);
    const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
    if (branches) this.checkBranches(branches, v, at, path, out);
    if (s.not !== undefined) {
      const probe: Draft[] = [];
      this.check(s.not as Schema, v, at, path, probe);
      if (!probe.some((f) => f.severity === 'drift')) add('format', `not ${this.describe(s.not as Schema)}`, shape(v));
    }

    if (s.type !== undefined && !typeOk(s.type, v)) {
      return void add('type', Array.isArray(s.type) ? s.type.join(' or ') : String(s.type), shape(v));
    }
    if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v))
      return void add('enum', JSON.stringify(s.const), `another ${jsonType(v)}`);
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      return void add('enum', `one of ${list(s.enum)}`, `a ${jsonType(v)} outside the enum`);
    }
    const known = s['x-known-values'];
    if (Array.isArray(known) && !known.includes(v))
      add('enum', `one of the known values ${list(known)}`, `another ${jsonType(v)} (the spec allows it; tell us its meaning)`, 'info');

    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && [...v].length < s.minLength)
        add('length', `at least ${s.minLength} characters`, `${[...v].length} characters`);
      if (typeof s.maxLength === 'number' && [...v].length > s.maxLength)
        add('length', `at most ${s.maxLength} characters`, `${[...v].length} characters`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v))
        add('format', this.describe(schema), `string (${stringForm(v)})`);
      if (s.format !== undefined && !formatOk(s.format, v)) add('format', `${String(s.format)}`, `string (${stringForm(v)})`);
    } else if (typeof v === 'number') {
      const below = (typeof s.minimum === 'number' && v < s.minimum) || (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum);
      const above = (typeof s.maximum === 'number' && v > s.maximum) || (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum);
      if (below)
        add(
          'range',
          typeof s.minimum === 'number' ? `${s.minimum} or more` : `more than ${String(s.exclusiveMinimum)}`,
          `a ${jsonType(v)} below that`,
        );
      if (above)
        add(
          'range',
          typeof s.maximum === 'number' ? `${s.maximum} or less` : `less than ${String(s.exclusiveMaximum)}`,
          `a ${jsonType(v)} above that`,
        );
    } else if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) add('length', `at least ${s.minItems} items`, `${v.length} items`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems)
        add('length', s.maxItems === 0 ? 'empty array []' : `at most ${s.maxItems} items`, `${v.length} items`);
      if (s.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
        add('format', 'unique items', 'repeated items');
      if (s.items !== undefined) for (const [i, item] of v.entries()) this.check(s.items as Schema, item, `${at}/${i}`, `${path}/*`, out);
    } else if (isObject(v)) {
      this.checkObject(s, v, at, path, out, add);
    }
  }

  private checkObject(
    s: Record<string, unknown>,
    v: Record<string, unknown>,
    at: string,
    path: string,
    out: Draft[],
    add: (kind: FindingKind, expected: string, got: string, severity?: 'drift' | 'info', where?: string, general?: string) => void,
  ) {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>).map(
      ([p, sch]) => [new RegExp(p, 'u'), sch] as const,
    );
    const keys = Object.keys(v);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties)
      add('length', `at least ${s.minProperties} properties`, `${keys.length} properties`);
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties)
      add('length', `at most ${s.maxProperties} properties`, `${keys.length} properties`);
    for (const name of (s.required as string[] | undefined) ?? []) {
      if (!(name in v))
        add('presence', 'present (required)', 'absent', 'drift', `${at}/${escapePointer(name)}`, `${path}/${escapePointer(name)}`);
    }
    const names = s.propertyNames as Schema | undefined;
    let badNames = 0;
    for (const key of keys) {
      if (names !== undefined) {
        const probe: Draft[] = [];
        this.check(names, key, at, path, probe);
        if (probe.some((f) => f.severity === 'drift')) badNames++;
      }
      if (key in properties) {
        this.check(properties[key]!, v[key], `${at}/${escapePointer(key)}`, `${path}/${escapePointer(key)}`, out);
        continue;
      }
      // A map's key is data: only a list position (digits) is shown. An unknown field's name is
      // shown when it reads as a field name.
      const mapKey = /^\d+$/.test(key) ? key : '*';
      const fieldName = printable(key) ? escapePointer(key) : '*';
      const matched = patterns.filter(([re]) => re.test(key));
      for (const [, sch] of matched) this.check(sch, v[key], `${at}/${mapKey}`, `${path}/*`, out);
      if (matched.length) continue;
      const extra = s.additionalProperties;
      if (extra === false) add('extra', 'no other property', shape(v[key]), 'drift', `${at}/${fieldName}`, `${path}/${fieldName}`);
      else if (extra !== undefined && extra !== true) this.check(extra as Schema, v[key], `${at}/${mapKey}`, `${path}/*`, out);
      else if (s.properties !== undefined)
        add('extra', 'not in the spec', shape(v[key]), 'info', `${at}/${fieldName}`, `${path}/${fieldName}`);
    }
    if (badNames) add('format', `keys ${this.describe(names!)}`, `${badNames} key(s) of another form`);
  }

  /** oneOf/anyOf: fine when a branch fits; otherwise the findings of the branch closest to the value. */
  private checkBranches(branches: Schema[], v: unknown, at: string, path: string, out: Draft[]) {
    const tries = branches.map((b) => {
      const found: Draft[] = [];
      this.check(b, v, at, path, found);
      return found;
    });
    const drift = (f: Draft[]) => f.filter((x) => x.severity === 'drift').length;
    const fits = tries.filter((t) => drift(t) === 0).sort((a, b) => a.length - b.length);
    if (fits.length) return void out.push(...fits[0]!);
    // Branches of the value's own type, where the difference is inside; else a type finding for all.
    const sameType = tries.filter((t) => !t.some((f) => f.kind === 'type' && f.pointer === at));
    const describe = () => branches.map((b) => this.describe(b)).join(' or ');
    if (!sameType.length)
      return void out.push({ in: 'body', pointer: at, path, kind: 'type', expected: describe(), got: shape(v), severity: 'drift' });
    if (sameType.length > 1 && (typeof v !== 'object' || v === null)) {
      const kind = sameType.every((t) => t.every((f) => f.kind === 'enum')) ? 'enum' : 'format';
      return void out.push({ in: 'body', pointer: at, path, kind, expected: describe(), got: shape(v), severity: 'drift' });
    }
    out.push(...sameType.sort((a, b) => drift(a) - drift(b))[0]!);
  }
}

/** Groups findings that are the same difference at the same place (list entries, answers). */
export function mergeFindings(findings: readonly (ResponseFinding | Draft)[]): ResponseFinding[] {
  const groups = new Map<string, ResponseFinding>();
  for (const f of findings) {
    const key = [f.in, f.path, f.kind, f.expected, f.got, f.severity].join('\u0000');
    const count = 'count' in f ? f.count : 1;
    const occurrences = 'occurrences' in f ? f.occurrences : 1;
    const seen = groups.get(key);
    if (seen) {
      seen.count += count;
      seen.occurrences += occurrences;
    } else groups.set(key, { ...f, count, occurrences });
  }
  return [...groups.values()];
}

function headerOf(headers: Answer['headers'], name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && v !== undefined) return v;
  return null;
}

/**
 * Whether a declared status covers `status`: `2XX` stands for every 2xx; `default` (listed last)
 * for the failures not declared one by one (the spec's server errors), never for a 2xx, as an
 * undeclared success is drift.
 */
function matches(declared: string, status: number): boolean {
  return (
    declared === String(status) ||
    (declared === 'default' && (status < 200 || status >= 300)) ||
    (/^[1-5]XX$/.test(declared) && declared[0] === String(status)[0])
  );
}

/**
 * The findings for one answer of `operationId`: its status, its declared headers and its body
 * against the spec. Each finding has `count` 1 (one answer); `occurrences` counts its places.
 */
export function checkAnswer(table: ResponseTable, checker: SchemaChecker, operationId: string, answer: Answer): ResponseFinding[] {
  return oneAnswer(answerDrafts(table, checker, operationId, answer));
}

/** Drafts of one answer grouped: `occurrences` places, `count` 1 (one answer). */
const oneAnswer = (drafts: Draft[]) => mergeFindings(drafts).map((f) => ({ ...f, count: 1 }));

function answerDrafts(table: ResponseTable, checker: SchemaChecker, operationId: string, answer: Answer): Draft[] {
  const op = table.operations[operationId];
  if (!op) throw new TypeError(`validate: no operation "${operationId}" in the spec`);
  const out: Draft[] = [];
  const successes = Object.keys(op.responses);
  const declared = op.statuses.find((s) => matches(s, answer.status));
  if (!declared) {
    out.push({
      in: 'status',
      pointer: '',
      path: '',
      kind: 'status',
      expected: op.statuses.filter((s) => /^2/.test(s)).join(' or ') || 'a declared status',
      got: String(answer.status),
      severity: 'drift',
    });
  }
  // A 2xx the spec does not declare (201 for 200) is still checked against the declared 2xx answer.
  const responseKey =
    declared && op.responses[declared]
      ? declared
      : answer.status >= 200 && answer.status < 300 && successes.length === 1
        ? successes[0]
        : undefined;
  const response = responseKey ? op.responses[responseKey] : undefined;
  if (!response) return out;

  for (const name of response.headers ?? []) {
    const spec = table.headers[name];
    if (!spec) continue;
    const value = headerOf(answer.headers, name);
    if (value === null) {
      if (spec.required)
        out.push({
          in: 'header',
          pointer: `/${name}`,
          path: `/${name}`,
          kind: 'presence',
          expected: 'present (required)',
          got: 'absent',
          severity: 'drift',
        });
      continue;
    }
    const type = obj(spec.schema).type;
    const parsed = (type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
    const found: Draft[] = [];
    checker.check(spec.schema, parsed, `/${name}`, `/${name}`, found);
    out.push(...found.map((f) => ({ ...f, in: 'header' as const })));
  }

  let body = answer.body;
  const text = answer.text;
  if (text !== undefined && body === undefined && text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      out.push({
        in: 'body',
        pointer: '',
        path: '',
        kind: 'media',
        expected: 'JSON',
        got: `a body that is not JSON (${text.length} characters)`,
        severity: 'drift',
      });
      return out;
    }
  }
  if (response.schema !== undefined) {
    if (body === undefined) {
      out.push({
        in: 'body',
        pointer: '',
        path: '',
        kind: 'presence',
        expected: `a ${response.media ?? 'JSON'} body`,
        got: 'no body',
        severity: 'drift',
      });
    } else {
      const contentType = headerOf(answer.headers, 'content-type');
      if (contentType !== null && response.media && !contentType.toLowerCase().includes(response.media.split('/')[1]!.split('+')[0]!)) {
        out.push({
          in: 'header',
          pointer: '/content-type',
          path: '/content-type',
          kind: 'media',
          expected: response.media,
          got: contentType.split(';')[0]!.trim().slice(0, 80),
          severity: 'drift',
        });
      }
      checker.check(response.schema, body, '', '', out);
    }
  }
  return out;
}
