#!/usr/bin/env node
// `pnpm bench`: what the SDK costs its users, each figure against a baseline measured in the same
// run (or a deterministic count), written to docs/benchmarks.md and printed. Not part of
// `pnpm test`: it takes a few minutes and its timings depend on the machine.
//   pnpm bench                      every section: pipeline (runs the build first), requests, size, types
//   pnpm bench --only=size,types    some sections (the others need a built SDK: pnpm build)
//   pnpm bench --quick              fewer rounds, for trying the bench itself
//   pnpm bench --no-write           print only
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { clientEntry, median, root } from './lib.mjs';
import { pipelineMarkdown, runPipeline } from './pipeline.mjs';
import { requestsMarkdown, runRequests, vsAlone } from './requests.mjs';
import { runSize, sizeMarkdown } from './size.mjs';
import { runTypes, typesMarkdown } from './types.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const quick = flag('quick');
const SECTIONS = ['pipeline', 'requests', 'size', 'types'];
const unknown = args.filter((a) => !['--quick', '--no-write'].includes(a) && !a.startsWith('--only='));
const wanted = only ?? SECTIONS;
if (unknown.length || wanted.some((s) => !SECTIONS.includes(s))) {
  console.error(`bench: usage: pnpm bench [--only=${SECTIONS.join(',')}] [--quick] [--no-write]`);
  process.exit(2);
}

const cores = availableParallelism();
const parts = [];
// Summary rows by section, printed requests, size, types, pipeline.
const summary = { requests: [], size: [], types: [], pipeline: [] };

// The pipeline goes first: it builds what the other sections measure.
if (wanted.includes('pipeline')) {
  const p = await runPipeline();
  parts.push(pipelineMarkdown(p, cores));
  summary.pipeline.push(['`pnpm build`, whole (wall time)', `${p.build.seconds.toFixed(1)} s`, '']);
  summary.pipeline.push(['vitest run of `pnpm test` (wall time)', `${p.test.seconds.toFixed(1)} s`, '']);
}
if (!existsSync(clientEntry)) {
  console.error(`bench: ${relative(root, clientEntry)} is missing: run pnpm build first`);
  process.exit(1);
}
const sections = [];
if (wanted.includes('requests')) {
  const r = await runRequests({ quick });
  const ratio = (name) => median(r.overhead.ratios[name]);
  const walk = median(r.walking.ratios['SDK `cases.listAll`']);
  summary.requests.push(
    ['requests/s, `cases.list` / plain fetch', `${(ratio('SDK `omnidesk.cases.list`') * 100).toFixed(1)} %`, `≥ 95 %: ${ratio('SDK `omnidesk.cases.list`') >= 0.95 ? 'met' : '**missed**'}`],
    ['requests/s, `cases.list` / openapi-fetch alone (the SDK\'s own layer)', `${(median(vsAlone(r, 'SDK `omnidesk.cases.list`')) * 100).toFixed(1)} %`, 'openapi-fetch alone is the ceiling: ' + `${(ratio('openapi-fetch alone (reference)') * 100).toFixed(1)} % of plain fetch`],
    ['requests/s, `raw.GET` / plain fetch', `${(ratio('SDK `omnidesk.raw.GET`') * 100).toFixed(1)} %`, `≥ 95 %: ${ratio('SDK `omnidesk.raw.GET`') >= 0.95 ? 'met' : '**missed**'}`],
    ['walking 10 000 cases, `listAll` / page loop (speed)', `${(walk * 100).toFixed(1)} %`, `≥ 95 %: ${walk >= 0.95 ? 'met' : '**missed**'}`],
  );
  sections.push(requestsMarkdown(r));
}
if (wanted.includes('size')) {
  const s = await runSize();
  const one = s.sizes.oneOperation.gzipped;
  const core = s.sizes.coreOneOperation.gzipped;
  summary.size.push(
    ['browser bundle, one operation, full client, gzipped', `${one.toLocaleString('en-US')} B`, `< 10 000 B: ${one < 10_000 ? 'met' : '**missed**'}`],
    ['browser bundle, one operation, tree-shakeable `/core` entry, gzipped', `${core.toLocaleString('en-US')} B`, `< 10 000 B: ${core < 10_000 ? 'met' : '**missed**'}`],
    ['unused resources tree-shaken (`/core` entry)', s.markerInCore ? 'no' : 'yes', s.markerInCore ? '**missed**' : 'met'],
  );
  sections.push(sizeMarkdown(s));
}
if (wanted.includes('types')) {
  const t = await runTypes({ runs: quick ? 1 : 3 });
  const every = Object.entries(t.results).at(-1);
  summary.types.push([`type instantiations, ${every[0]}`, every[1].instantiations.toLocaleString('en-US'), every[1].errors.length ? `**type errors: ${every[1].errors.length}**` : '']);
  sections.push(typesMarkdown(t));
}

const line = (cells) => `| ${cells.join(' | ')} |`;
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const markdown = [
  '# Benchmarks',
  '',
  'What the SDK (`@omnidesk-openapi/client`) costs its users, written by `pnpm bench` (scripts/bench/).',
  'Speed figures are ratios to a baseline measured in the same run (plain `fetch`, openapi-fetch alone),',
  'so they hold across machines better than absolute numbers; sizes and type counts are deterministic',
  'for a given build. The pipeline times are plain wall times.',
  '',
  `Last run: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${platform()} ${release()}, ${cores} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GB${quick ? ', **--quick** (few rounds)' : ''}.`,
  '',
  '## Summary',
  '',
  line(['figure', 'value', 'target']),
  line(['---', '---', '---']),
  ...['requests', 'size', 'types', 'pipeline'].flatMap((k) => summary[k]).map(line),
  '',
  ...[...sections, ...parts].flatMap((s) => [s, '']),
].join('\n');

console.log(markdown);
if (!flag('no-write') && !only) {
  // The site's figures come from the browser test, not from here: keep their block as it is.
  const target = join(root, 'docs/benchmarks.md');
  const site = existsSync(target) ? readFileSync(target, 'utf8').match(/<!-- site:begin[\s\S]*?<!-- site:end -->\n?/)?.[0] : undefined;
  writeFileSync(target, site ? `${markdown}\n${site}` : markdown);
  console.error(`bench: wrote docs/benchmarks.md`);
} else if (!flag('no-write')) {
  console.error('bench: --only: docs/benchmarks.md left as it is (it holds full runs only)');
}
