// Latency: walking 100 pages behind 50 ms of added latency (the bench server waits that long
// before each answer), one page at a time and with `concurrency: 4`, against the ideal: the first
// page, then the other 99 in groups of 4, each group taking one page's round trip.
import { pathToFileURL } from 'node:url';
import { clientEntry, median, startServer, table, verdict } from './lib.mjs';

const LATENCY = 50;
const PAGES = 100;
const LIMIT = 20;
const CONCURRENCY = 4;

/** How long `fn` takes, in ms. */
async function ms(/** @type {() => Promise<unknown>} */ fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** @param {import('./lib.mjs').StageOptions} [options] */
export async function runLatency({ quick = false, log = console.error } = {}) {
  const { createOmnideskClient } = /** @type {import('./lib.mjs').ClientModule} */ (await import(pathToFileURL(clientEntry).href));
  const server = await startServer({ BENCH_LATENCY_MS: String(LATENCY), BENCH_WALK_TOTAL: String(PAGES * LIMIT) });
  const rounds = quick ? 1 : 3;
  try {
    const omnidesk = createOmnideskClient({ baseUrl: `${server.base}/walk`, email: 'bench@example.com', apiKey: 'bench-key' });
    const walk = (/** @type {number} */ concurrency) => async () => {
      let n = 0;
      for await (const item of omnidesk.cases.listAll({}, { limit: LIMIT, concurrency })) if (item.case_id === n + 1) n++;
      if (n !== PAGES * LIMIT) throw new Error(`bench: the walk got ${n} cases in order, not ${PAGES * LIMIT}`);
    };
    // One page's round trip through the SDK: the unit of the ideal.
    const page = () => omnidesk.cases.list({ limit: LIMIT, page: 2 });
    // The same walk by hand with plain fetch, 4 pages in flight: what this machine allows.
    const auth = `Basic ${Buffer.from('bench@example.com:bench-key').toString('base64')}`;
    const plain = async () => {
      const get = async (/** @type {number} */ n) =>
        (await fetch(`${server.base}/walk/cases.json?page=${n}&limit=${LIMIT}`, { headers: { Authorization: auth } })).json();
      const first = await get(1);
      const last = Math.ceil(Number(first.total_count) / LIMIT);
      let next = 2;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next <= last) await get(next++);
        }),
      );
    };
    const variants = { page, sequential: walk(1), concurrent: walk(CONCURRENCY), plain };
    /** @type {Record<'page' | 'sequential' | 'concurrent' | 'plain', number[]>} ms of each round */
    const times = { page: [], sequential: [], concurrent: [], plain: [] };
    for (const fn of Object.values(variants)) await fn();
    log(`bench: latency, ${rounds} rounds of ${PAGES} pages behind ${LATENCY} ms`);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < 10; i++) times.page.push(await ms(page));
      times.sequential.push(await ms(variants.sequential));
      times.concurrent.push(await ms(variants.concurrent));
      times.plain.push(await ms(plain));
    }
    return { latency: LATENCY, pages: PAGES, limit: LIMIT, concurrency: CONCURRENCY, rounds, times };
  } finally {
    server.stop();
  }
}

/** @typedef {Awaited<ReturnType<typeof runLatency>>} LatencyResults */

export function latencyFigures(/** @type {LatencyResults} */ l) {
  const page = median(l.times.page);
  const ideal = (1 + Math.ceil((l.pages - 1) / l.concurrency)) * page;
  const concurrent = median(l.times.concurrent);
  const sequential = median(l.times.sequential);
  const plain = median(l.times.plain);
  return { page, ideal, concurrent, sequential, plain, ratio: concurrent / ideal, met: concurrent <= 1.25 * ideal };
}

export function latencyMarkdown(/** @type {LatencyResults} */ l) {
  const f = latencyFigures(l);
  const s = (/** @type {number} */ v) => `${(v / 1000).toFixed(2)} s`;
  return [
    '## Latency',
    '',
    `Walking ${l.pages} pages of ${l.limit} cases with \`cases.listAll\`, the bench server waiting ${l.latency} ms before each answer. The`,
    `ideal for \`concurrency: ${l.concurrency}\` is the first page (it gives \`total_count\`), then the other ${l.pages - 1} in groups of ${l.concurrency},`,
    `each group one page's round trip: ${1 + Math.ceil((l.pages - 1) / l.concurrency)} round trips of ${f.page.toFixed(1)} ms (the median of one \`cases.list\` page`,
    `through the SDK in the same run). Times are medians of ${l.rounds} round${l.rounds > 1 ? 's' : ''}.`,
    '',
    table(
      ['walk', 'time', 'of the ideal', 'target'],
      [
        ['one page at a time (the default)', s(f.sequential), `${((f.sequential / f.ideal) * 100).toFixed(0)} %`, ''],
        [
          `plain \`fetch\`, ${l.concurrency} pages in flight (reference: what the machine allows)`,
          s(f.plain),
          `${((f.plain / f.ideal) * 100).toFixed(0)} %`,
          '',
        ],
        [
          `\`concurrency: ${l.concurrency}\``,
          s(f.concurrent),
          `${(f.ratio * 100).toFixed(0)} %`,
          `≤ 125 % of the ideal (${s(f.ideal)}): ${verdict(f.met)}`,
        ],
      ],
    ),
  ].join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname)
  console.log(latencyMarkdown(await runLatency({ quick: process.argv.includes('--quick') })));
