// The report of a run: report.json (the data), report.md (for a GitHub issue), and the summary
// table printed at the end. Built from the run's results only: operation ids, path templates,
// statuses, counts and findings, none of which holds a value of the account (the findings are
// written without values by the validator; ids and the account's address are never kept).

/** @typedef {import('./run.mjs').Run} Run */
/** @typedef {import('./run.mjs').OperationResult} OperationResult */
/** @typedef {import('./run.mjs').ResponseFinding} ResponseFinding */

/** @type {Record<import('./run.mjs').Outcome, string>} */
const OUTCOME_TEXT = { pass: 'pass', drift: 'DRIFT', error: 'error', 'no-access': 'no access', skipped: 'skipped' };

/** Counts by outcome, and the exit code the run deserves: 0 conforms, 1 drift or errors. */
export function summarize(/** @type {Run} */ run) {
  const count = (/** @type {import('./run.mjs').Outcome} */ o) => run.operations.filter((r) => r.outcome === o).length;
  const summary = {
    operations: run.operations.length,
    pass: count('pass'),
    drift: count('drift'),
    error: count('error'),
    noAccess: count('no-access'),
    skipped: count('skipped'),
    calls: run.calls,
    driftFindings: run.operations.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'drift').length, 0),
    infoFindings: run.operations.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'info').length, 0),
  };
  return { ...summary, exitCode: summary.drift || summary.error ? 1 : 0 };
}

/**
 * report.json: the whole run, as data.
 * @param {Run} run
 * @param {{ tool: string }} about
 */
export function reportJson(run, { tool }) {
  const { exitCode, ...summary } = summarize(run);
  return {
    tool,
    spec: { version: run.version },
    settings: { maxCalls: run.maxCalls, perMinute: run.perMinute, idsPerOperation: run.ids },
    conforms: exitCode === 0,
    summary,
    operations: run.operations,
  };
}

const cell = (/** @type {unknown} */ s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (/** @type {unknown} */ s) => `\`${String(s).replace(/`/g, "'")}\``;
/** A finding's pointer in a cell: `—` for the status, `(whole body)` for the body's root. */
const pointer = (/** @type {ResponseFinding} */ f) => (f.in === 'status' ? '—' : f.pointer === '' ? '(whole body)' : code(f.pointer));
const statuses = (/** @type {OperationResult} */ r) =>
  Object.entries(r.statuses)
    .map(([s, n]) => (n > 1 ? `${s}×${n}` : s))
    .join(', ');

/**
 * report.md: a summary table, then the findings of each operation that has any.
 * @param {Run} run
 * @param {{ tool: string }} about
 */
export function reportMarkdown(run, { tool }) {
  const s = summarize(run);
  const lines = [
    `# ${tool} report`,
    '',
    `Spec version ${run.version}. ${s.calls} read-only calls (GET only; at most ${run.maxCalls}, ${run.perMinute} a minute).`,
    s.exitCode === 0
      ? 'Every answer that came conforms to the spec.'
      : `${s.drift} operation(s) drifted from the spec, ${s.error} answered with an error.`,
    '',
    'No value of the account is in this report: findings say where an answer differs and how (type,',
    'presence, enum membership, format, length), never what it held. The keys of a map are written `*`.',
    '',
    '| operation | path | outcome | calls | statuses | drift | info | note |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of run.operations) {
    const d = r.findings.filter((f) => f.severity === 'drift').length;
    const i = r.findings.length - d;
    lines.push(
      `| ${r.operationId} | ${code(r.path)} | ${OUTCOME_TEXT[r.outcome]} | ${r.calls} | ${statuses(r)} | ${d} | ${i} | ${cell(r.reason)} |`,
    );
  }
  for (const r of run.operations.filter((o) => o.findings.length)) {
    lines.push(
      '',
      `## ${r.operationId} (\`GET ${r.path}\`)`,
      '',
      '| severity | in | pointer | expected | got | answers | places |',
      '|---|---|---|---|---|---|---|',
    );
    for (const f of r.findings) {
      lines.push(`| ${f.severity} | ${f.in} | ${pointer(f)} | ${cell(f.expected)} | ${cell(f.got)} | ${f.count} | ${f.occurrences} |`);
    }
  }
  lines.push(
    '',
    `Totals: ${s.pass} pass, ${s.drift} drift, ${s.error} error, ${s.noAccess} no access, ${s.skipped} skipped of ${s.operations} GET operations.`,
    '',
  );
  return lines.join('\n');
}

/** The table printed at the end of a run (plain text, aligned). */
export function summaryTable(/** @type {Run} */ run) {
  const rows = run.operations.map((r) => {
    const d = r.findings.filter((f) => f.severity === 'drift').length;
    return [r.operationId, OUTCOME_TEXT[r.outcome], String(r.calls), String(d), String(r.findings.length - d), r.reason];
  });
  const head = ['operation', 'outcome', 'calls', 'drift', 'info', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (/** @type {string[]} */ row) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const s = summarize(run);
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `${s.pass} pass, ${s.drift} drift, ${s.error} error, ${s.noAccess} no access, ${s.skipped} skipped; ${s.calls} calls.`,
  ].join('\n');
}
