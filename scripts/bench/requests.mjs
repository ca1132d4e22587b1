// Request overhead and pagination: the SDK against plain fetch, on the same local server, in
// interleaved rounds (the order of the variants rotates each round) so that drift of a noisy
// machine hits all of them alike. Every figure is a ratio to plain fetch in the same run.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clientEntry, int, median, pct, quartiles, startServer, table, verdict } from './lib.mjs';

const EMAIL = 'bench@example.com';
const API_KEY = 'bench-key';
const AUTH = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;

/** This process's CPU time (user and system) in seconds. */
/** @typedef {{ cpu: number, wall: number }} Figure calls per CPU second and per wall second */

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * `total` calls of `fn`, at most `concurrency` at a time; returns calls per second of this
 * process's CPU time (the client's work: the server runs in another process), and per second of
 * wall time. CPU time moves far less than wall time with the load of a shared machine.
 * @param {() => Promise<unknown>} fn
 * @param {number} total
 * @param {number} concurrency
 * @returns {Promise<Figure>}
 */
async function throughput(fn, total, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next++ < total) await fn();
  };
  const cpu = cpuSeconds();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  return { cpu: total / (cpuSeconds() - cpu), wall: total / wall };
}

/**
 * Runs `fn` once; returns runs per CPU second and per wall second, like throughput.
 * @param {() => Promise<unknown>} fn
 * @returns {Promise<Figure>}
 */
async function seconds(fn) {
  const cpu = cpuSeconds();
  const started = process.hrtime.bigint();
  await fn();
  return { cpu: 1 / (cpuSeconds() - cpu), wall: 1e9 / Number(process.hrtime.bigint() - started) };
}

/**
 * Runs `rounds` rounds of every variant (plus one warm-up round, not counted), rotating their
 * order each round. `measure(fn)` gives one figure (higher is better). Returns, per variant, the
 * figures and the per-round ratios to the first variant (the baseline).
 * @param {Record<string, () => Promise<unknown>>} variants
 * @param {number} rounds
 * @param {(fn: () => Promise<unknown>) => Promise<Figure>} measure
 */
async function interleaved(variants, rounds, measure) {
  const names = Object.keys(variants);
  /** @type {Record<string, number[]>} per CPU second, each round */
  const figures = Object.fromEntries(names.map((n) => [n, []]));
  /** @type {Record<string, number[]>} per wall second, each round */
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = -1; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + Math.max(round, 0)) % names.length]);
    for (const name of order) {
      const value = await measure(variants[name]);
      if (round >= 0) figures[name].push(value.cpu), wall[name].push(value.wall);
    }
  }
  const [base] = names;
  const ratios = Object.fromEntries(names.map((n) => [n, figures[n].map((v, i) => v / figures[base][i])]));
  return { figures, wall, ratios };
}

/** @param {import('./lib.mjs').StageOptions} [options] */
export async function runRequests({ quick = false, log = console.error } = {}) {
  const { createOmnideskClient } = /** @type {import('./lib.mjs').ClientModule} */ (await import(pathToFileURL(clientEntry).href));
  // openapi-fetch as the SDK resolves it: the transport alone, without the SDK's own layer.
  const fetchPkg = createRequire(clientEntry).resolve('openapi-fetch/package.json');
  const { default: createClient } = await import(pathToFileURL(join(dirname(fetchPkg), 'dist/index.mjs')).href);
  const server = await startServer();
  try {
    const concurrency = 10;
    // Rounds of 600 requests (a fifth of a CPU second) gave ratios from 63 % to 103 % in one run,
    // and the median of 9 rounds moved by 10 points from run to run: longer rounds, and more of
    // them. Bounded: about a minute on a busy 2-core machine (the server sends no rate-limit
    // headers here, so the limiter, on as by default, never paces these calls).
    const perRound = quick ? 200 : 3000;
    const rounds = quick ? 3 : 15;
    const walkRounds = quick ? 3 : 9;
    const query = { limit: 100, page: 2 };
    const omnidesk = createOmnideskClient({ baseUrl: `${server.base}/api`, email: EMAIL, apiKey: API_KEY });
    const walker = createOmnideskClient({ baseUrl: `${server.base}/walk`, email: EMAIL, apiKey: API_KEY });
    const bare = createClient({ baseUrl: `${server.base}/api`, headers: { Authorization: AUTH } });
    const pageUrl = `${server.base}/api/cases.json?limit=100&page=2`;

    // What each variant does, checked once before anything is timed.
    const variants = {
      'plain fetch': async () => {
        const response = await fetch(pageUrl, { headers: { Authorization: AUTH } });
        if (!response.ok) throw new Error(`bench: plain fetch got ${response.status}`);
        return response.json();
      },
      'SDK `omnidesk.cases.list`': () => omnidesk.cases.list(query),
      'SDK `omnidesk.raw.GET`': async () => {
        const { data, error } = await omnidesk.raw.GET('/cases.json', { params: { query } });
        if (error) throw new Error('bench: raw.GET failed');
        return data;
      },
      'openapi-fetch alone (reference)': async () => {
        const { data, error } = await bare.GET('/cases.json', { params: { query } });
        if (error) throw new Error('bench: openapi-fetch failed');
        return data;
      },
    };
    const [plain, list, raw, alone] = await Promise.all(Object.values(variants).map((fn) => fn()));
    if (list.items.length !== 4 || list.total !== 17 || raw.total_count !== 17 || alone.total_count !== 17 || plain.total_count !== 17) {
      throw new Error('bench: the variants do not get the same page');
    }

    log(`bench: request overhead, ${rounds} rounds of ${perRound} requests per variant, concurrency ${concurrency}`);
    const overhead = await interleaved(variants, rounds, (fn) => throughput(fn, perRound, concurrency));

    const walks = {
      'plain fetch page loop': async () => {
        let n = 0;
        let seen = 0;
        for (let page = 1; ; page++) {
          const response = await fetch(`${server.base}/walk/cases.json?page=${page}&limit=100`, { headers: { Authorization: AUTH } });
          if (!response.ok) throw new Error(`bench: page ${page} got ${response.status}`);
          const body = await response.json();
          let count = 0;
          for (const key in body) {
            if (key === 'total_count' || key === 'case') continue;
            const item = body[key].case;
            if (item.case_id > 0) n++;
            count++;
          }
          seen += count;
          if (count === 0 || seen >= Number(body.total_count)) break;
        }
        return n;
      },
      'SDK `cases.listAll`': async () => {
        let n = 0;
        for await (const item of walker.cases.listAll()) if (item.case_id > 0) n++;
        return n;
      },
    };
    for (const [name, fn] of Object.entries(walks)) {
      const n = await fn();
      if (n !== 10_000) throw new Error(`bench: ${name} walked ${n} cases, not 10000`);
    }
    log(`bench: pagination, ${walkRounds} rounds of 10 000 cases per variant`);
    // Walks per second, so that higher is better like throughput.
    const walking = await interleaved(walks, walkRounds, (fn) => seconds(fn));

    return { concurrency, perRound, rounds, walkRounds, overhead, walking };
  } finally {
    server.stop();
  }
}

/** The name of the openapi-fetch-alone variant: the floor under the SDK's own layer. */
export const ALONE = 'openapi-fetch alone (reference)';

/** @typedef {Awaited<ReturnType<typeof runRequests>>} RequestsResults */

/**
 * Per-round ratios of `name` to openapi-fetch alone, in the same rounds.
 * @param {RequestsResults} r
 * @param {string} name
 */
export function vsAlone(r, name) {
  const alone = r.overhead.figures[ALONE];
  return r.overhead.figures[name].map((v, i) => v / alone[i]);
}

export function requestsMarkdown(/** @type {RequestsResults} */ r) {
  const rows = Object.keys(r.overhead.figures).map((name, i) => {
    const ratio = median(r.overhead.ratios[name]);
    const [lo, hi] = quartiles(r.overhead.ratios[name]);
    const sdk = name.startsWith('SDK');
    const own = sdk ? vsAlone(r, name) : [];
    return [
      name,
      int(median(r.overhead.figures[name])),
      int(median(r.overhead.wall[name])),
      i === 0 ? 'baseline' : `${pct(ratio)} (${pct(lo, 0)}–${pct(hi, 0)})`,
      sdk ? `${pct(median(own))} (${pct(quartiles(own)[0], 0)}–${pct(quartiles(own)[1], 0)})` : name === ALONE ? 'baseline' : '',
      sdk ? `≥ 90 % of openapi-fetch alone: ${verdict(median(own) >= 0.9)}` : '',
    ];
  });
  const walkRows = Object.keys(r.walking.figures).map((name, i) => {
    const ratio = median(r.walking.ratios[name]);
    const [lo, hi] = quartiles(r.walking.ratios[name]);
    const ms = median(r.walking.figures[name].map((w) => 1000 / w));
    const wallMs = median(r.walking.wall[name].map((w) => 1000 / w));
    return [
      name,
      `${int(ms)} ms`,
      `${int(wallMs)} ms`,
      i === 0 ? 'baseline' : `${pct(ratio)} (${pct(lo, 0)}–${pct(hi, 0)})`,
      i === 0 ? '' : `≥ 95 % (within 5 %): ${verdict(ratio >= 0.95)}`,
    ];
  });
  return [
    '## Request overhead',
    '',
    `Requests for one page of cases (the listCases example of \`dist/openapi.json\`, 4 cases), from a local`,
    `HTTP server in another process, ${r.concurrency} requests in flight. ${r.rounds} rounds of`,
    `${int(r.perRound)} requests per variant, the variants' order rotating each round (plus a warm-up round`,
    "not counted). The figure is requests per second of the client process's CPU time (user and system):",
    "the client's own cost, which the load of a shared machine moves far less than wall time (requests per",
    'wall second are shown too). It is the median of the rounds; the ratio is the median of the per-round ratios',
    'to plain fetch in the same round (middle half of the rounds in brackets); "of openapi-fetch alone"',
    "is the same against openapi-fetch without the SDK, so it is the cost of the SDK's own layer",
    '(transport, checks, unwrapping) over the openapi-fetch runtime it is built on.',
    '',
    `The SDK sends every request through openapi-fetch by design, so openapi-fetch alone (${pct(median(r.overhead.ratios[ALONE]))} of`,
    "plain fetch here) is the ceiling for the SDK, and the target is on the SDK's own layer: at least 90 % of",
    'openapi-fetch alone. The server sends no rate-limit headers on this route: the limiter is on, as by',
    'default, and never has to wait.',
    '',
    table(
      ['variant', 'requests per CPU second (median)', 'requests per wall second', 'of plain fetch', 'of openapi-fetch alone', 'target'],
      rows,
    ),
    '',
    '## Pagination',
    '',
    "Walking 10 000 cases, 100 per page (100 requests, one after another): the SDK's iterator against a",
    `hand-written page loop with plain fetch. ${r.walkRounds} interleaved rounds; the ratio is the`,
    "median of the per-round ratios of speed (walks per second of the client's CPU time) to the loop.",
    '',
    table(['variant', 'CPU time per walk (median)', 'wall time per walk', 'speed of the loop', 'target'], walkRows),
  ].join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(requestsMarkdown(await runRequests({ quick: process.argv.includes('--quick') })));
}
