#!/usr/bin/env node
// `node scripts/site/compare.mjs <before/index.html> <after/index.html> [runs]`: opens two builds
// of the reference site in turn, the same way, and prints their load figures (docs/benchmarks.md,
// site section). Each run: a fresh browser context, the page opened from file://, the query
// "case" typed as keys as soon as the search box works (Redoc's own search: its trigger says
// "Search", then its dialog; the site's search: #site-search-input says data-state="ready").
// Milliseconds from the start of navigation, as the test script sees them; at the end, the
// median (range) of each figure per build, as docs/benchmarks.md records them.
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, requireChromium } from '../chromium.mjs';

const [before, after, runsArg] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node scripts/site/compare.mjs <before/index.html> <after/index.html> [runs]');
  process.exit(2);
}
requireChromium();
const runs = Number(runsArg ?? 3);
/** The page's window with the long tasks the init script records. @typedef {Window & { __longTasks?: number[] }} TimedWindow */
/** Redoc has hydrated its prerendered page: its menu links carry React's props. */
const hydrated = () => {
  const link = document.querySelector('[data-component-name="Menu/MenuItem"] a');
  return !!link && Object.keys(link).some((k) => k.startsWith('__reactProps'));
};
/** Every run's figures, by build, for the summary. @type {Record<string, Record<string, number>[]>} */
const seen = { before: [], after: [] };
/**
 * `median (lowest-highest)` of some figures, as docs/benchmarks.md records them.
 * @param {number[]} values @param {number} digits after the point (1 for load averages)
 */
const summary = (values, digits) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return `${median.toFixed(digits)} (${sorted[0].toFixed(digits)}-${sorted[sorted.length - 1].toFixed(digits)})`;
};
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  for (let run = 0; run < runs; run++) {
    for (const [which, file] of [
      ['before', before],
      ['after', after],
    ]) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        /** @type {number[]} */
        const tasks = [];
        /** @type {TimedWindow} */ (window).__longTasks = tasks;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) tasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      const started = Date.now();
      /** @type {Record<string, string | number>} */
      const figures = { which, loadAverage: loadavg()[0].toFixed(1) };
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'commit' });
      const hydration = page.waitForFunction(hydrated, null, { polling: 20, timeout: 120_000 }).then(() => Date.now() - started);
      const ownSearch = await page
        .waitForFunction(
          () =>
            document.getElementById('site-search-input')?.dataset.state === 'ready' ||
            document.querySelector('[data-testid="search-trigger"]')?.textContent?.includes('Search'),
          null,
          { polling: 20, timeout: 120_000 },
        )
        .then(() => page.evaluate(() => !!document.getElementById('site-search-input')));
      figures.searchReady = Date.now() - started;
      if (ownSearch) await page.evaluate(() => document.getElementById('site-search-input')?.focus());
      else {
        await page.getByTestId('search-trigger').click();
        await page.getByPlaceholder('Search docs...').waitFor();
      }
      await page.keyboard.type('case');
      await page.waitForSelector('#site-search-list [role="option"], [data-component-name="Search/SearchItem"]', { timeout: 120_000 });
      figures.firstResult = Date.now() - started;
      figures.hydrated = await hydration;
      await page.waitForFunction(() => document.readyState === 'complete');
      figures.loadEvent = Math.round(
        await page.evaluate(() => /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]).loadEventEnd),
      );
      figures.longestTask = Math.round(Math.max(0, ...(await page.evaluate(() => /** @type {TimedWindow} */ (window).__longTasks ?? []))));
      // Interactive: the search answers (Redoc's: its index is built) and the menu switches pages.
      figures.interactive = Math.max(ownSearch ? figures.firstResult : figures.searchReady, figures.hydrated);
      console.log(JSON.stringify(figures));
      seen[which].push(
        Object.fromEntries(
          Object.entries(figures)
            .filter(([k]) => k !== 'which')
            .map(([k, v]) => [k, Number(v)]),
        ),
      );
      await context.close();
    }
  }
  console.log(`${cpus().length} cores; median (range) of ${runs} runs each:`);
  for (const [which, all] of Object.entries(seen)) {
    const keys = Object.keys(all[0] ?? {});
    console.log(
      `${which}: ${keys
        .map(
          (k) =>
            `${k} ${summary(
              all.map((f) => f[k]),
              k === 'loadAverage' ? 1 : 0,
            )}`,
        )
        .join(', ')}`,
    );
  }
} finally {
  await browser.close();
}
