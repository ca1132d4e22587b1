#!/usr/bin/env node
// `pnpm bench`: what the SDK costs and saves its users, each figure against its target and a
// baseline measured in the same run (or a deterministic count), written to docs/benchmarks.md.
// Not part of `pnpm test`: it takes minutes and its timings depend on the machine.
//   pnpm bench                    the default stages: budget, latency, requests, size, types
//   pnpm bench budget size        some stages (the others keep their last results)
//   pnpm bench pipeline           the build and vitest wall times (runs `pnpm build` and the whole vitest run)
//   pnpm bench --quick            fewer rounds, for trying the bench itself (marked so in the page)
//   pnpm bench --no-write         print only
// Every stage's last results are kept in scripts/bench/results.json, and docs/benchmarks.md is
// written from all of them, in a fixed order, each section with the date of its run: running one
// stage refreshes its section and its summary rows, and nothing else.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { budgetFigures, budgetMarkdown, runBudget } from './budget.mjs';
import { latencyFigures, latencyMarkdown, runLatency } from './latency.mjs';
import { clientEntry, median, pct, root, verdict } from './lib.mjs';
import { pipelineMarkdown, runPipeline } from './pipeline.mjs';
import { requestsMarkdown, runRequests, vsAlone } from './requests.mjs';
import { runSize, sizeMarkdown } from './size.mjs';
import { runTypes, typesMarkdown } from './types.mjs';

/**
 * A stage, its data of any shape: what results.json keeps for it.
 * @typedef {object} Stage
 * @property {(options: { quick: boolean, log: (line: string) => void }) => Promise<object>} run
 * @property {(data: unknown) => string} markdown
 * @property {(data: unknown) => string[][]} summary its rows of the summary table: [figure, value, target]
 */

/**
 * A stage from its three functions, which agree on the shape of its data.
 * @template {object} T
 * @param {{ run: (options: { quick: boolean, log: (line: string) => void }) => Promise<T>, markdown: (data: T) => string, summary: (data: T) => string[][] }} stage
 * @returns {Stage}
 */
function stage({ run, markdown, summary }) {
  // results.json holds what `run` gave when the stage last ran (this run or an earlier one): a T.
  return { run, markdown: (data) => markdown(/** @type {T} */ (data)), summary: (data) => summary(/** @type {T} */ (data)) };
}

/** The stages, in the page's order. */
/** @type {Record<string, Stage>} */
const STAGES = {
  budget: stage({
    run: runBudget,
    markdown: budgetMarkdown,
    summary: (b) =>
      budgetFigures(b)
        .filter((f) => f.target)
        .map((f) =>
          f.skipped
            ? [`budget use, ${f.name}`, 'skipped: no redis-server', '']
            : [
                `budget use, ${f.name}: time / minimum; 429 after the budget was announced`,
                `${pct(f.ratio)} (worst ${pct(f.worst)}); ${f.after}`,
                `≤ 105 %; 0: ${verdict(f.met)}`,
              ],
        ),
  }),
  latency: stage({
    run: runLatency,
    markdown: latencyMarkdown,
    summary: (l) => {
      const f = latencyFigures(l);
      return [[`100 pages behind 50 ms, \`concurrency: ${l.concurrency}\` / the ideal`, pct(f.ratio), `≤ 125 %: ${verdict(f.met)}`]];
    },
  }),
  requests: stage({
    run: runRequests,
    markdown: requestsMarkdown,
    summary: (r) => {
      const own = (/** @type {string} */ name) => median(vsAlone(r, name));
      const walk = median(r.walking.ratios['SDK `cases.listAll`']);
      return [
        [
          "requests per client CPU second, `cases.list` / openapi-fetch alone (the SDK's own layer)",
          pct(own('SDK `omnidesk.cases.list`')),
          `≥ 90 %: ${verdict(own('SDK `omnidesk.cases.list`') >= 0.9)}`,
        ],
        [
          "requests per client CPU second, `raw.GET` / openapi-fetch alone (the SDK's own layer)",
          pct(own('SDK `omnidesk.raw.GET`')),
          `≥ 90 %: ${verdict(own('SDK `omnidesk.raw.GET`') >= 0.9)}`,
        ],
        ['walking 10 000 cases, `listAll` / page loop (walks per client CPU second)', pct(walk), `≥ 95 %: ${verdict(walk >= 0.95)}`],
      ];
    },
  }),
  size: stage({
    run: runSize,
    markdown: sizeMarkdown,
    summary: (s) => {
      const one = s.sizes.oneOperation.gzipped;
      const core = s.sizes.coreOneOperation.gzipped;
      return [
        ['browser bundle, one operation, full client, gzipped', `${one.toLocaleString('en-US')} B`, `< 10 000 B: ${verdict(one < 10_000)}`],
        [
          'browser bundle, one operation, tree-shakeable `/core` entry, gzipped',
          `${core.toLocaleString('en-US')} B`,
          `< 10 000 B: ${verdict(core < 10_000)}`,
        ],
        ['unused resources tree-shaken (`/core` entry)', s.markerInCore ? 'no' : 'yes', verdict(!s.markerInCore)],
        ["the Redis store outside the SDK's bundles", s.redisInBundle ? 'no' : 'yes', verdict(!s.redisInBundle)],
      ];
    },
  }),
  types: stage({
    run: ({ quick, log }) => runTypes({ runs: quick ? 1 : 3, log }),
    markdown: typesMarkdown,
    summary: (t) => {
      const last = Object.entries(t.results).at(-1);
      if (!last) return [];
      const [name, r] = last;
      return [
        [
          `type instantiations, ${name}`,
          r.instantiations.toLocaleString('en-US'),
          r.errors.length ? `**type errors: ${r.errors.length}**` : '',
        ],
      ];
    },
  }),
  pipeline: stage({
    // The cores are this machine's: kept with the times they explain.
    run: async () => ({ ...(await runPipeline()), cores: availableParallelism() }),
    markdown: (p) => pipelineMarkdown(p, p.cores),
    summary: (p) => [
      ['`pnpm build`, whole (wall time)', `${p.build.seconds.toFixed(1)} s`, ''],
      ['vitest run of `pnpm test` (wall time)', `${p.test.seconds.toFixed(1)} s`, ''],
    ],
  }),
};
const DEFAULT = ['budget', 'latency', 'requests', 'size', 'types'];

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const named = args.filter((a) => !a.startsWith('--'));
const quick = flags.includes('--quick');
const bad = [...flags.filter((f) => !['--quick', '--no-write'].includes(f)), ...named.filter((n) => !(n in STAGES))];
if (bad.length) {
  console.error(`bench: unknown ${bad.join(', ')}. Usage: pnpm bench [${Object.keys(STAGES).join('|')} ...] [--quick] [--no-write]`);
  process.exit(2);
}
const wanted = named.length ? named : DEFAULT;
// The pipeline builds what the other stages measure: it goes first.
const order = Object.keys(STAGES).sort((a, b) => (a === 'pipeline' ? -1 : b === 'pipeline' ? 1 : 0));

const resultsFile = join(root, 'scripts/bench/results.json');
/** @type {Record<string, { date: string, machine: string, quick: boolean, seconds: number, data: unknown }>} each stage's last run */
const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const machine = `Node ${process.version}, ${platform()} ${release()}, ${availableParallelism()} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GB`;
const started = Date.now();
for (const stage of order.filter((s) => wanted.includes(s))) {
  if (stage !== 'pipeline' && !existsSync(clientEntry)) {
    console.error(`bench: ${relative(root, clientEntry)} is missing: run pnpm build first`);
    process.exit(1);
  }
  const t = Date.now();
  console.error(`bench: ${stage}`);
  const data = await STAGES[stage].run({ quick, log: console.error });
  results[stage] = { date: new Date().toISOString().slice(0, 10), machine, quick, seconds: Math.round((Date.now() - t) / 1000), data };
  console.error(`bench: ${stage} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);

const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
const present = Object.keys(STAGES).filter((s) => results[s]);
const runOf = (/** @type {string} */ s) => `${results[s].date}${results[s].quick ? ', **--quick**' : ''}`;
const markdown = [
  '# Benchmarks',
  '',
  'What the SDK (`@omnidesk-openapi/client`) costs and saves its users, written by `pnpm bench`',
  '(scripts/bench/; `pnpm bench <stage>` reruns one section). Speed figures are against a baseline or an',
  'ideal measured in the same run, so they hold across machines better than absolute numbers; sizes and',
  'type counts are deterministic for a given build. Each section says when and on what it last ran.',
  '',
  '## Summary',
  '',
  line(['figure', 'value', 'target', 'stage (run)']),
  line(['---', '---', '---', '---']),
  ...present.flatMap((s) => STAGES[s].summary(results[s].data).map((row) => line([...row, `${s} (${runOf(s)})`]))),
  '',
  ...present.flatMap((s) => [
    STAGES[s].markdown(results[s].data),
    '',
    `Run: ${runOf(s)}, ${results[s].machine}; the stage took ${results[s].seconds} s.`,
    '',
  ]),
].join('\n');

console.log(markdown);
if (!flags.includes('--no-write')) {
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  // The site's figures come from the browser test, not from here: keep their block as it is.
  const target = join(root, 'docs/benchmarks.md');
  const site = existsSync(target) ? readFileSync(target, 'utf8').match(/<!-- site:begin[\s\S]*?<!-- site:end -->\n?/)?.[0] : undefined;
  writeFileSync(target, site ? `${markdown}\n${site}` : markdown);
  console.error('bench: wrote docs/benchmarks.md and scripts/bench/results.json');
}
