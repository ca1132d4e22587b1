// Which calls `omnidesk-verify` makes, in which order: every GET of the spec, each list before
// the calls that need an id from it. Only GETs are ever planned; run.mjs refuses anything else.

/** @typedef {import('@omnidesk-openapi/client/validate').ResponseTable} ResponseTable */
/**
 * An input taken from another list's answer: the field `param` of its entries.
 * @typedef {{ param: string, in: 'path' | 'query', from: string }} Need
 */
/**
 * One planned GET operation.
 * @typedef {object} PlanEntry
 * @property {string} operationId
 * @property {string} path the path template
 * @property {Record<string, number>} query the fixed query sent
 * @property {Need[]} needs
 * @property {string} [unplannable] why it cannot be called (an input no list gives)
 */

/** An operation's path without its last `/{param}` and suffix: `/cases/{case_id}.json` → `/cases`. */
const parentStem = (/** @type {string} */ path) => path.replace(/\/\{[^}]+\}(\.json)?$/, '').replace(/\/\{[^}]+\}\/[^/]+$/, '');
const stemOf = (/** @type {string} */ path) => path.replace(/\.json$/, '');
const commonPrefix = (/** @type {string} */ a, /** @type {string} */ b) => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
};

/**
 * The plan: `[{ operationId, path, query, needs }]`, one entry per GET operation of `table`.
 * `needs` lists the inputs taken from another list's answer: `{ param, in: 'path' | 'query', from }`
 * (`from`: the operationId of the list whose entries carry a field named `param`).
 * `query`: the fixed query sent (a page size, a time window for required `*_time` parameters).
 * `unplannable`: an input no list gives; the operation is reported skipped with that reason.
 * @param {Pick<ResponseTable, 'operations'>} table
 * @param {{ now?: number, pageSize?: number }} [options]
 * @returns {PlanEntry[]}
 */
export function planCalls(table, { now = Date.now(), pageSize = 10 } = {}) {
  const gets = Object.entries(table.operations).filter(([, op]) => op.method === 'get');
  const lists = gets.filter(([, op]) => !/\{/.test(op.path));
  const day = Math.floor(now / 86_400_000) * 86_400;
  const plan = gets.map(([operationId, op]) => {
    /** @type {Record<string, number>} */
    const query = {};
    if (op.query.includes('limit')) query.limit = pageSize;
    /** @type {Need[]} */
    const needs = [];
    /** @type {string | undefined} */
    let unplannable;
    for (const [, param] of op.path.matchAll(/\{([^}]+)\}/g)) {
      // The list at the parent path: `/cases/{case_id}.json` and `/cases/{case_id}/messages.json` → `/cases.json`.
      const from = lists.find(([, l]) => stemOf(l.path) === parentStem(op.path));
      if (from) needs.push({ param, in: 'path', from: from[0] });
      else unplannable = `no list gives {${param}}`;
    }
    for (const name of op.requiredQuery ?? []) {
      if (/_time$/.test(name)) {
        // A window of the last 30 days, in Unix seconds (whole days: the same plan all day).
        query[name] = name.startsWith('from') ? day - 30 * 86_400 : day;
        continue;
      }
      // The list whose entries carry the field, nearest by path (`kb_section` takes `category_id` from `kb_category`).
      const candidates = lists
        .filter(([id]) => id !== operationId)
        .map(([id, l]) => /** @type {[string, number]} */ ([id, commonPrefix(stemOf(l.path), stemOf(op.path))]));
      const best = candidates.filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1])[0];
      if (best) needs.push({ param: name, in: 'query', from: best[0] });
      else unplannable = `no list gives the required ${name}`;
    }
    return { operationId, path: op.path, query, needs, ...(unplannable ? { unplannable } : {}) };
  });
  // Each list, then what depends on it (depth first), so a small budget checks lists and single
  // entities of the first resources rather than lists only.
  /** @type {PlanEntry[]} */
  const ordered = [];
  const place = (/** @type {PlanEntry} */ entry) => {
    if (ordered.includes(entry)) return;
    ordered.push(entry);
    for (const next of plan)
      if (next.needs.some((n) => n.from === entry.operationId) && next.needs.every((n) => ordered.some((o) => o.operationId === n.from)))
        place(next);
  };
  for (const entry of plan) if (!entry.needs.length) place(entry);
  for (const entry of plan) place(entry);
  return ordered;
}

/**
 * The entries of a list answer (`{"0": {"case": {...}}, ..., "total_count": 3}`), unwrapped.
 * @param {unknown} body the parsed JSON of the answer
 * @returns {unknown[]}
 */
export function listEntries(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const list = /** @type {Record<string, unknown>} */ (body);
  return Object.keys(list)
    .filter((k) => /^\d+$/.test(k))
    .map((k) => {
      const entry = list[k];
      if (!entry || typeof entry !== 'object') return entry;
      const values = Object.values(entry);
      return values.length === 1 && values[0] && typeof values[0] === 'object' ? values[0] : entry;
    });
}

/**
 * Up to `n` usable ids (positive integers) of field `param` in a list answer.
 * @param {unknown} body the parsed JSON of the answer
 * @param {string} param
 * @param {number} n
 */
export function idsFrom(body, param, n) {
  /** @type {number[]} */
  const ids = [];
  for (const entry of listEntries(body)) {
    const v = entry && typeof entry === 'object' ? /** @type {Record<string, unknown>} */ (entry)[param] : undefined;
    const id = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
    if (id !== undefined && id > 0 && !ids.includes(id)) ids.push(id);
    if (ids.length >= n) break;
  }
  return ids;
}
