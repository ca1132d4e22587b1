// The reference site in a real browser: Debian's Chromium driven by playwright-core opens
// docs/dist/index.html from file:// with no network, and checks what a reader depends on.
// Without Chromium the suite is skipped locally (with how to install it) and fails under CI=true.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions, requireChromium, skipWithoutChromium } from '../../scripts/chromium.mjs';
import { operations as walkOperations } from '../../scripts/generate/spec-walker.mjs';
import { CHANGELOG_FILE, EVIDENCE_LEVELS, loadGuides, loadSearchTerms } from '../../scripts/site/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const site = join(root, 'docs/dist/index.html');
const screenshot = join(root, 'docs/dist/screenshot.png');
const phoneScreenshot = join(root, 'docs/dist/screenshot-phone.png');
// Load figures of this run (reported, not asserted): docs/dist/site-timings.json, docs/benchmarks.md.
const timingsFile = join(root, 'docs/dist/site-timings.json');
const skipSuite = skipWithoutChromium('docs/test/site.test.ts');

interface Operation {
  id: string;
  summary: string;
  tag: string;
  resource: string;
  method: string;
  /** `GET /cases.json`: how a search result names the operation. */
  route: string;
}

function operations(): Operation[] {
  const spec = JSON.parse(readFileSync(join(root, 'dist/openapi.json'), 'utf8'));
  const resources = new Map<string, string>(spec.tags.map((t: any) => [t.name, t['x-sdk-resource']]));
  return [...walkOperations(spec)].map(({ path, method, operation: op }) => ({
    id: op.operationId,
    summary: op.summary,
    tag: op.tags[0],
    resource: resources.get(op.tags[0])!,
    method: op['x-sdk-method'],
    route: `${method.toUpperCase()} ${path}`,
  }));
}

// What Russian readers type (the docs' own headings, other word forms, synonyms), SDK method
// names and operation ids, each with the operation it must find among the first results.
const SEARCHES: [query: string, operationId: string][] = [
  ['создание обращения', 'createCase'],
  ['Создание нового обращения', 'createCase'],
  ['новая заявка', 'createCase'],
  ['список обращений', 'listCases'],
  ['корзина', 'trashCases'],
  ['ответ с файлами', 'createMessage'],
  ['удаление заметки', 'deleteNote'],
  ['блокировка пользователя', 'blockUser'],
  ['редактирование статьи', 'updateKbArticle'],
  ['метки', 'listLabels'],
  ['createCase', 'createCase'],
  ['cases.create', 'createCase'],
];
const FIRST_RESULTS = 5;

describe.skipIf(skipSuite)('reference site (docs/dist/index.html from file://)', { timeout: 60_000 }, () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requests: string[] = [];
  let started = 0;
  const timings: Record<string, number> & { firstSearchResultMs?: number; searchReadyMs?: number } = {};
  const failed: string[] = [];
  const consoleErrors: string[] = [];
  const ops = existsSync(join(root, 'dist/openapi.json')) ? operations() : [];

  // In-page URLs (blob: for Redoc's workers and downloads, data: for the embedded logo) are not
  // requests to any host; everything else must be the page's own file.
  const leftFile = () => requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:'));

  // The site's search box (docs/site/search.js, index built with the page) answering `query`,
  // driven by its states, never by time: the box says data-state="ready" once its script ran;
  // the answer is the options of the list that says it answers this query (data-query), or
  // "No results". Nothing waits for Redoc: the box works before Redoc has run.
  const searchBox = (p: Page) => p.getByRole('combobox', { name: 'Search the reference' });
  const readResults = (p: Page) =>
    p.evaluate(() => ({
      query: document.getElementById('site-search-list')?.dataset.query,
      items: [...document.querySelectorAll<HTMLElement>('#site-search-list [role="option"]')].map((e) => e.innerText.replace(/\s+/g, ' ')),
      message: document.getElementById('site-search-status')?.textContent ?? '',
    }));
  const search = async (p: Page, query: string): Promise<string[]> => {
    const box = searchBox(p);
    await expect.poll(() => box.getAttribute('data-state'), { timeout: 120_000 }).toBe('ready');
    let answer: string[] | undefined;
    await expect
      .poll(
        async () => {
          if ((await box.inputValue()) !== query) await box.fill(query);
          const state = await readResults(p);
          if (state.query === query && (state.items.length > 0 || state.message === 'No results')) answer = state.items;
          return answer !== undefined;
        },
        { timeout: 120_000, message: `an answer to "${query}"` },
      )
      .toBe(true);
    return answer!;
  };
  const resultItems = (p: Page) => p.locator('#site-search-list [role="option"]');
  /** Redoc has hydrated its prerendered page: its menu links carry React's props. */
  const redocHydrated = (p: Page) =>
    p.evaluate(() => {
      const link = document.querySelector('[data-component-name="Menu/MenuItem"] a');
      return !!link && Object.keys(link).some((k) => k.startsWith('__reactProps'));
    });

  /** A menu link's or search result's target as Redoc's route: `#/tag/operation`, decoded. */
  const anchor = (href: string) => decodeURIComponent(href.startsWith('#') ? href : `#${href}`);
  /** The search index in the page (scripts/site/build.mjs searchIndex). */
  const searchIndex = (): Promise<{ a: string; t: string; p?: string; r?: string; w?: string }[]> =>
    page.evaluate(() => JSON.parse(document.getElementById('site-search-index')!.textContent!));
  const menuLink = (text: string) => page.locator(`[data-component-name="Menu/MenuItem"] a:has([data-text="${text}"])`).first();

  beforeAll(async () => {
    requireChromium();
    if (!existsSync(site)) throw new Error('docs/dist/index.html is missing: run `pnpm build` first.');
    profile = mkdtempSync(join(tmpdir(), 'omnidesk-site-test-'));
    context = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(), viewport: { width: 1400, height: 900 } });
    context.on('request', (r) => requests.push(r.url()));
    context.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    // The page's long tasks (over 50 ms: keys and clicks wait for their end), for the figures.
    await page.addInitScript(() => {
      const w = window as any;
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    started = Date.now();
    // Opened, not loaded: the first test searches as soon as the box is ready, as a reader would.
    await page.goto(pathToFileURL(site).href, { waitUntil: 'commit' });
  }, 60_000);

  afterAll(async () => {
    if (started) {
      const report = {
        ...timings,
        cores: (await import('node:os')).cpus().length,
        loadAverage: (await import('node:os')).loadavg()[0],
        measuredAt: new Date().toISOString(),
      };
      writeFileSync(timingsFile, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`site timings (ms from opening the page): ${JSON.stringify(timings)}`);
    }
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  // First, so the figures are those of a reader who searches at once. Times are the page's own
  // (milliseconds from the start of navigation: performance marks of docs/site/search.js, the
  // navigation timing, the long tasks); Redoc's hydration is when the test first saw it.
  it('answers a search typed as soon as the page shows its box (load figures recorded)', { timeout: 180_000 }, async () => {
    const box = searchBox(page);
    await expect.poll(() => box.getAttribute('data-state'), { timeout: 120_000, interval: 20 }).toBe('ready');
    // Typed as keys (no wait for the box to be "stable", as fill() does): the page handles them
    // as soon as its main thread is free, as it would a reader's.
    await page.evaluate(() => document.getElementById('site-search-input')!.focus());
    await page.keyboard.type('case');
    await expect.poll(async () => (await readResults(page)).items.length, { timeout: 120_000, interval: 20 }).toBeGreaterThan(0);
    const answeredBeforeRedoc = !(await redocHydrated(page));
    await expect.poll(() => redocHydrated(page), { timeout: 120_000, interval: 50 }).toBe(true);
    timings.redocHydratedMs = Date.now() - started;
    await page.waitForFunction(() => document.readyState === 'complete', null, { timeout: 120_000 });
    await page.locator('[data-component-name="Menu/Menu"]').waitFor();
    const inPage = await page.evaluate(() => {
      const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        searchReadyMs: mark('site-search-ready'),
        firstSearchResultMs: mark('site-search-first-result'),
        domContentLoadedMs: nav.domContentLoadedEventEnd,
        loadEventMs: nav.loadEventEnd,
        longTasks: (window as any).__longTasks as [number, number][],
      };
    });
    const { longTasks, ...marks } = inPage;
    for (const [k, v] of Object.entries(marks)) timings[k] = Math.round(v ?? Number.NaN);
    const after = longTasks.filter(([at]) => at >= marks.searchReadyMs!);
    // Once the box is ready, how long keys and clicks can wait: the longest task, and the total
    // blocking time (each task's time over 50 ms) until Redoc has hydrated.
    timings.longestTaskAfterSearchReadyMs = Math.round(Math.max(0, ...after.map(([, d]) => d)));
    timings.blockingAfterSearchReadyMs = Math.round(after.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0));
    timings.lastLongTaskEndMs = Math.round(Math.max(0, ...longTasks.map(([at, d]) => at + d)));
    // Interactive: the search box has answered and Redoc's menu switches pages in place.
    timings.timeToInteractiveMs = Math.max(timings.firstSearchResultMs!, timings.redocHydratedMs);
    timings.answeredBeforeRedoc = answeredBeforeRedoc ? 1 : 0;
    expect(timings.firstSearchResultMs).toBeGreaterThan(timings.searchReadyMs!);
    await page.keyboard.press('Escape');
  });

  it('answers searches and menu clicks before Redoc has run', { timeout: 120_000 }, async () => {
    // Redoc kept from running at all: its hydrate() is a no-op, so the page stays as prerendered.
    const p = await context.newPage();
    try {
      await p.addInitScript(() => {
        Object.defineProperty(window, '__redoc', { configurable: false, get: () => ({ hydrate: () => undefined }), set: () => undefined });
      });
      const opened: string[] = [];
      p.on('request', (r) => opened.push(r.url()));
      await p.goto(pathToFileURL(site).href, { waitUntil: 'load' });
      expect(await search(p, 'createCase')).not.toEqual([]);
      expect(await resultItems(p).first().getAttribute('href')).toBe('#/cases/createcase');
      expect(await redocHydrated(p)).toBe(false);
      await p.keyboard.press('Escape'); // the results close
      expect(await p.locator('#site-search-panel').isHidden()).toBe(true);
      // The prerendered menu's links are `/tag` paths: a click goes to Redoc's `#/tag` route,
      // never to a file beside the page.
      const link = p.locator('[data-component-name="Menu/MenuItem"] a:has([data-text="Errors"])').first();
      expect(await link.getAttribute('href')).toBe('/errors');
      await link.click();
      await expect.poll(() => p.evaluate(() => location.hash)).toBe('#/errors');
      expect(p.url()).toBe(`${pathToFileURL(site).href}#/errors`);
      expect(
        opened.filter((u) => !u.startsWith(pathToFileURL(site).href) && !/\/(redoc|definition)\.js$/.test(u) && !u.startsWith('data:')),
      ).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('opens offline: no failed request, no request leaving file://, no console error', async () => {
    await page.waitForTimeout(1000); // let late requests (fonts, images, telemetry) start
    expect(requests[0]).toBe(pathToFileURL(site).href);
    expect(leftFile()).toEqual([]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('lists every operation of the bundled spec in the navigation, under its tag', async () => {
    expect(ops.length).toBeGreaterThan(0);
    const seen = new Map<string, Set<string>>();
    const hrefs = new Map<string, string>();
    for (const tag of [...new Set(ops.map((o) => o.tag))]) {
      await menuLink(tag).click();
      // The tag's submenu is the sibling of its link; its items are the tag's operations.
      const items = menuLink(tag).locator('xpath=following-sibling::*[1]').locator('[data-text]');
      await items.first().waitFor();
      seen.set(tag, new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-text') ?? ''))));
      for (const [text, href] of await menuLink(tag)
        .locator('xpath=following-sibling::*[1]')
        .locator('a:has([data-text])')
        .evaluateAll((els) => els.map((a) => [a.querySelector('[data-text]')!.getAttribute('data-text')!, a.getAttribute('href')!]))) {
        hrefs.set(`${tag}\n${text}`, anchor(href));
      }
    }
    const missing = ops.filter((o) => !seen.get(o.tag)?.has(o.summary)).map((o) => `${o.tag}: ${o.summary} (${o.id})`);
    expect(missing).toEqual([]);
    // The search's anchor of each operation is the one of its menu entry.
    const index = await searchIndex();
    const wrong = index
      .filter((e) => e.r)
      .filter((e) => hrefs.get(`${e.p}\n${e.t}`) !== anchor(e.a))
      .map((e) => `${e.t}: ${e.a} (menu: ${hrefs.get(`${e.p}\n${e.t}`)})`);
    expect(index.filter((e) => e.r).length).toBe(ops.length);
    expect(wrong).toEqual([]);
  });

  it('finds an operation by name with the search box and opens it', { timeout: 180_000 }, async () => {
    const target = ops.find((o) => ops.filter((x) => x.summary === o.summary).length === 1)!;
    await page.keyboard.press('Escape');
    await search(page, target.summary);
    await resultItems(page).filter({ hasText: target.summary }).first().click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash).toLowerCase())).toContain(target.id.toLowerCase());
    // The result's anchor is Redoc's: the operation's own section is on the page.
    const route = await page.evaluate(() => decodeURIComponent(location.hash).replace(/^#\/?/, ''));
    await page.locator(`[id="${route}"]`).first().waitFor({ timeout: 60_000 });
    expect(await page.locator(`[id="${route}"]`).first().innerText()).toContain(target.summary);
  });

  it('is a combobox used from the keyboard: Ctrl+K, arrows, Enter opens, Escape closes', { timeout: 180_000 }, async () => {
    const box = searchBox(page);
    await page.locator('body').click({ position: { x: 700, y: 10 } }); // focus out of the box
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await search(page, 'cases.create');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('listbox', { name: 'Search results' }).isVisible()).toBe(true);
    await page.keyboard.press('ArrowDown');
    const first = resultItems(page).first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    const href = await first.getAttribute('href');
    expect(href).toBe('#/cases/createcase');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(href);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    // Escape closes the list, then clears the box.
    await box.focus();
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('');
  });

  it('finds each operation by its Russian title, word forms, synonyms, SDK method and id', { timeout: 300_000 }, async () => {
    const missed: string[] = [];
    for (const [query, id] of SEARCHES) {
      const op = ops.find((o) => o.id === id);
      expect(op, `operation ${id}`).toBeDefined();
      const found = (await search(page, query)).slice(0, FIRST_RESULTS);
      if (!found.some((t) => t.startsWith(`${op!.route} `)))
        missed.push(`"${query}" → ${op!.route} (${id}); first results: ${JSON.stringify(found.map((t) => t.slice(0, 60)))}`);
    }
    expect(missed).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('ranks the rate-limit guide first for "429"', { timeout: 180_000 }, async () => {
    expect((await search(page, '429')).length).toBeGreaterThan(1);
    const first = resultItems(page).first();
    expect(await first.getAttribute('href')).toContain('#/rate-limits-and-retries');
    await page.keyboard.press('Escape');
  });

  it('shows search excerpts as written: no words glued at line wraps, no hidden search terms', { timeout: 180_000 }, async () => {
    // The description of "Add a reply to a case" wraps "50 MB a" / "request" across two lines.
    const limits = await search(page, '50 MB');
    expect(limits.some((t) => t.includes('50 MB a request'))).toBe(true);
    expect(limits.filter((t) => /MB a(?=request)/.test(t))).toEqual([]);
    // "заявка" is found through the words of docs/search-terms.yaml in the index; the excerpt
    // must not list them (two words of a group in a row).
    const { groups } = loadSearchTerms();
    const pairs = groups.flatMap((g: string[]) => g.slice(1).map((w, i) => `${g[i]} ${w}`));
    expect((await search(page, 'заявка')).length).toBeGreaterThan(0);
    const found = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#site-search-list [role="option"]')].map((e) => e.innerText.replace(/\s+/g, ' ')),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((t) => pairs.some((p: string) => t.toLowerCase().includes(p)))).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it("shows the description's version and links its changelog, which is beside the page", async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'dist/openapi.json'), 'utf8')).info;
    await page.keyboard.press('Escape');
    await menuLink('Omnidesk REST API').click();
    const intro = page.locator('[data-testid="middle-panel"]').first();
    await expect.poll(() => intro.innerText()).toContain(`Version ${version} of this description`);
    const link = page.getByRole('link', { name: 'Changelog', exact: true }).first();
    const href = await link.getAttribute('href');
    expect(href).toBe(CHANGELOG_FILE);
    // The link resolves beside the page (file:// and any static host) to the changelog.
    const changelog = readFileSync(join(dirname(site), href!), 'utf8');
    expect(changelog).toMatch(/^# @omnidesk-openapi\/spec\n/);
    expect(changelog).toContain(existsSync(join(root, 'spec/CHANGELOG.md')) ? `## ${version}` : `Version ${version}`);
  });

  it('shows the SDK call and the curl equivalent for an operation', async () => {
    const op = ops.find((o) => o.id === 'getCase') ?? ops[0]!;
    await page.keyboard.press('Escape'); // no search box left open over the page
    await menuLink(op.tag).click();
    await menuLink(op.summary).click();
    await expect.poll(() => page.evaluate(() => location.hash.toLowerCase())).toContain(op.id.toLowerCase());
    // The operation's own section (its id is the route: "cases/getcase"), not another operation's.
    const route = await page.evaluate(() => decodeURIComponent(location.hash).replace(/^#\/?/, '').split('#')[0]!);
    const section = page.locator(`[id="${route}"]`);
    const code = section.locator('[data-testid="source-code"]').first();
    await expect.poll(() => code.innerText()).toContain(`await omnidesk.${op.resource}.${op.method}(`);
    expect(await code.innerText()).toContain("domain: 'yourcompany',");
    // Its synonyms (docs/search-terms.yaml) are in the search index, not in the page.
    const entry = (await searchIndex()).find((e) => e.a === `#/${route}`);
    expect(entry?.w?.split(' ')).toEqual(expect.arrayContaining(['заявка', `${op.resource}.${op.method}`]));
    expect(await section.innerText()).not.toContain('заявка');
    // Redoc scrolls to the operation smoothly: shoot once the sample is in view and painted.
    await code.scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        code.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
        }),
      )
      .toBe(true);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: screenshot });

    // The samples' language menu: switch to curl.
    await section.locator('button[aria-haspopup="menu"]', { hasText: 'SDK' }).first().click();
    await page.getByRole('menuitem', { name: 'curl', exact: true }).click();
    await expect.poll(() => code.innerText()).toContain('curl -g -u "$OMNIDESK_EMAIL:$OMNIDESK_API_KEY"');
    expect(await code.innerText()).toContain('https://yourcompany.omnidesk.ru/api/');
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  });

  it("shows a parameter's x-evidence (level and source) where the operation is read", { timeout: 30_000 }, async () => {
    // The first operation with a parameter that carries x-evidence, from the bundle.
    const spec = JSON.parse(readFileSync(join(root, 'dist/openapi.json'), 'utf8'));
    let found: { op: Operation; name: string; level: keyof typeof EVIDENCE_LEVELS; source: string } | undefined;
    for (const { operation, parameters } of walkOperations(spec)) {
      const param = parameters.find((p) => p['x-evidence']);
      if (param && !found) found = { op: ops.find((o) => o.id === operation.operationId)!, name: param.name, ...param['x-evidence'] };
    }
    expect(found, 'an operation with a parameter that has x-evidence').toBeDefined();
    const { op, name, level, source } = found!;
    await page.keyboard.press('Escape');
    await menuLink(op.tag).click();
    await menuLink(op.summary).click();
    await expect.poll(() => page.evaluate(() => location.hash.toLowerCase())).toContain(op.id.toLowerCase());
    const route = await page.evaluate(() => decodeURIComponent(location.hash).replace(/^#\/?/, '').split('#')[0]!);
    // The parameter's own entry (Redoc: a schema-property-item named by its schema-name).
    const row = page
      .locator(`[id="${route}"] .schema-property-item`, { has: page.locator('.schema-name', { hasText: new RegExp(`^${name}$`) }) })
      .first();
    await expect.poll(() => row.innerText()).toContain(`Evidence: ${EVIDENCE_LEVELS[level]} (${source})`);
  });

  it('reaches every guide from the navigation, with each of its sections, each at an anchor of its own', async () => {
    const guides: { name: string; description: string }[] = loadGuides();
    expect(guides.map((g) => g.name)).toEqual(expect.arrayContaining(['Getting started', 'Deviations from the official documentation']));
    const anchors: string[] = [];
    for (const guide of guides) {
      await menuLink(guide.name).click();
      // Its first line of prose is on screen (markdown marks removed).
      const prose = guide.description
        .split('\n\n')
        .find((p) => /^[A-Z]/.test(p))!
        .split('\n')[0]!
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/`|\*\*/g, '')
        .slice(0, 40);
      await page.getByText(prose).first().waitFor({ state: 'visible', timeout: 5000 });
      // Every section (## and ###) is listed under the guide in the navigation: the deviations
      // guide thus shows the sections of all its files. (An explicit id, `{% #id %}`, is no text.)
      const headings = [...guide.description.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
        m[1]!
          .replace(/\s*\{%.*%\}\s*$/, '')
          .replace(/[`*]/g, '')
          .trim(),
      );
      const submenu = menuLink(guide.name).locator('xpath=following-sibling::*[1]');
      await expect.poll(() => submenu.locator('[data-text]').count()).toBeGreaterThanOrEqual(headings.length);
      const entries = await submenu
        .locator('a:has([data-text])')
        .evaluateAll((els) =>
          els.map((a) => ({ text: a.querySelector('[data-text]')!.getAttribute('data-text')!.trim(), href: a.getAttribute('href')! })),
        );
      expect(
        headings.filter((h) => !entries.some((e) => e.text === h)),
        `sections of "${guide.name}" missing from the menu`,
      ).toEqual([]);
      anchors.push(...entries.map((e) => e.href));
      // The search's anchors of the guide and of each of its sections are the menu's.
      const indexed = (await searchIndex()).filter((e) => e.p === guide.name || (e.t === guide.name && !e.p));
      expect(indexed.length, `sections of "${guide.name}" in the search index`).toBe(headings.length + 1);
      const menuAnchors = new Set([anchor((await menuLink(guide.name).getAttribute('href'))!), ...entries.map((e) => anchor(e.href))]);
      expect(indexed.filter((e) => !menuAnchors.has(anchor(e.a))).map((e) => `${e.t}: ${e.a}`)).toEqual([]);
      // Sections that share a title (the deviations guide's parts) each lead to their own place.
      for (const entry of entries.filter((e) => entries.filter((x) => x.text === e.text).length > 1)) {
        await submenu.locator(`a[href="${entry.href}"]`).click();
        await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(decodeURIComponent(entry.href));
      }
    }
    expect(
      anchors.filter((a, i) => anchors.indexOf(a) !== i),
      'menu entries sharing one anchor',
    ).toEqual([]);
  });

  // axe-core (pinned in package.json) on what readers open, in both themes: no critical or
  // serious violation. The site's fixes are docs/site/site.css and site.js (build-docs injects them).
  it.each(['light', 'dark'] as const)(
    'has no critical or serious axe-core violation in the %s theme',
    { timeout: 300_000 },
    async (theme) => {
      const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      const p = await context.newPage();
      try {
        await p.emulateMedia({ colorScheme: theme });
        await p.goto(pathToFileURL(site).href, { waitUntil: 'load' });
        await p.locator('[data-component-name="Menu/Menu"]').waitFor();
        expect(await p.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
        await p.addScriptTag({ content: axeSource });
        const found: string[] = [];
        const check = async (where: string) => {
          // The site's script fixes what Redoc renders on the next animation frame: let it run.
          await p.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          const result = await p.evaluate(() => (window as any).axe.run(document, { resultTypes: ['violations'] }));
          for (const v of result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]) {
            if (v.impact === 'critical' || v.impact === 'serious') {
              found.push(
                `${where}: ${v.id} (${v.impact}) at ${v.nodes
                  .slice(0, 5)
                  .map((n) => n.target.join(' '))
                  .join(', ')}`,
              );
            }
          }
        };
        const link = (text: string) => p.locator(`[data-component-name="Menu/MenuItem"] a:has([data-text="${text}"])`).first();
        await check('landing page');

        const op = ops.find((o) => o.id === 'createCase') ?? ops[0]!;
        await link(op.tag).click();
        await link(op.summary).click();
        await expect.poll(() => p.evaluate(() => location.hash.toLowerCase())).toContain(op.id.toLowerCase());
        const route = await p.evaluate(() => decodeURIComponent(location.hash).replace(/^#\/?/, '').split('#')[0]!);
        await p.locator(`[id="${route}"] [data-testid="source-code"]`).first().waitFor();
        await check(`operation ${op.id}`);

        const guide = 'Errors';
        await link(guide).click();
        await expect.poll(() => p.evaluate(() => location.hash.toLowerCase())).toContain('errors');
        await check(`guide "${guide}"`);

        expect((await search(p, 'обращение')).length).toBeGreaterThan(0);
        await check('search results');
        expect(found).toEqual([]);
      } finally {
        await p.close();
      }
    },
  );

  it('highlights guide code and gives it a copy button that copies the block', { timeout: 60_000 }, async () => {
    await page.keyboard.press('Escape');
    await menuLink('Getting started').click();
    const block = page.locator('.site-code pre[data-language="ts"]').first();
    await block.waitFor();
    expect(await block.locator('.th-token.th-keyword').count()).toBeGreaterThan(0);
    expect(await block.locator('.th-token.th-string').count()).toBeGreaterThan(0);
    // The clipboard write is recorded in the page (a file:// page cannot read the clipboard back).
    await page.evaluate(() => {
      (window as any).__copied = [];
      navigator.clipboard.writeText = async (text: string) => void (window as any).__copied.push(text);
    });
    const button = block.locator('xpath=preceding-sibling::button[1]');
    expect(await button.getAttribute('aria-label')).toBe('Copy code');
    await button.click();
    await expect.poll(() => page.evaluate(() => (window as any).__copied)).toEqual([await block.textContent()]);
    await expect.poll(() => button.innerText()).toBe('Copied');
  });

  it('on a phone: titles keep whole words beside the Copy button, and no copy button covers code', { timeout: 180_000 }, async () => {
    const phone = await context.newPage();
    // What covers what, and which words of a title are split over two lines, in the page.
    const layout = (p: Page, title: string) =>
      p.evaluate((title) => {
        const overlap = (a: DOMRect, b: DOMRect) =>
          a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const rects = (r: Range) => [...r.getClientRects()].filter((x) => x.width > 0);
        const heading = [...document.querySelectorAll<HTMLElement>('h1, h2')].find(
          (h) => h.textContent!.trim() === title && h.getBoundingClientRect().height > 0,
        );
        const split: string[] = [];
        if (heading) {
          const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode as Text;
            for (const m of node.data.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, m.index!);
              range.setEnd(node, m.index! + m[0].length);
              if (new Set(rects(range).map((x) => Math.round(x.top))).size > 1) split.push(m[0]);
            }
          }
        }
        const actions = document.querySelector('[data-testid="page-actions"]')?.getBoundingClientRect();
        // The first line of each code block with a copy button: an operation's sample, a guide's block.
        const covered: string[] = [];
        for (const pre of document.querySelectorAll<HTMLElement>('pre[data-testid="source-code"], .site-code > pre')) {
          if (pre.getBoundingClientRect().height === 0) continue;
          const button = (
            pre.closest('[data-component-name="CodeBlock/CodeBlock"]')?.querySelector('[data-testid="copy-button"]') ??
            pre.parentElement!.querySelector('.site-copy')
          )?.getBoundingClientRect();
          const range = document.createRange();
          const first = pre.querySelector('[data-line="1"]');
          if (first) range.selectNodeContents(first);
          else {
            const text = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
            range.setStart(pre, 0);
            range.setEnd(pre, 0);
            while (text.nextNode()) {
              const node = text.currentNode as Text;
              const nl = node.data.indexOf('\n');
              range.setEnd(node, nl < 0 ? node.length : nl);
              if (nl >= 0) break;
            }
          }
          if (button && rects(range).some((r) => overlap(r, button))) covered.push(pre.textContent!.split('\n')[0]!);
        }
        return {
          found: !!heading,
          split,
          underActions: !!heading && !!actions && overlap(heading.getBoundingClientRect(), actions),
          covered,
        };
      }, title);
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      // The guide whose title holds the longest word, and an operation with its samples.
      const guides: { name: string }[] = loadGuides();
      const longest = (name: string) => Math.max(...name.split(/\s+/).map((w) => w.length));
      const guide = guides.reduce((a, b) => (longest(b.name) > longest(a.name) ? b : a));
      const op = ops.find((o) => o.id === 'createCase') ?? ops[0]!;
      for (const [hash, title, code] of [
        [`#/${guide.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, guide.name, undefined],
        ['#/getting-started', 'Getting started', '.site-code > pre'],
        [`#/${op.tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}/${op.id.toLowerCase()}`, op.summary, 'pre[data-testid="source-code"]'],
      ] as const) {
        await phone.goto('about:blank'); // a fresh load, not a change of the hash alone
        await phone.goto(`${pathToFileURL(site).href}${hash}`, { waitUntil: 'load' });
        await expect
          .poll(() => layout(phone, title), { timeout: 120_000, message: `the title "${title}" at ${hash}` })
          .toMatchObject({ found: true });
        if (code) {
          const block = phone.locator(`${code} >> visible=true`).first();
          // Redoc renders a page's sections as they near the viewport: scroll until a block is there.
          await expect
            .poll(async () => (await block.count()) > 0 || void (await phone.evaluate(() => window.scrollBy(0, window.innerHeight / 2))), {
              timeout: 120_000,
              message: `a code block (${code}) at ${hash}`,
            })
            .toBe(true);
          await block.scrollIntoViewIfNeeded();
        }
        expect(await layout(phone, title), hash).toEqual({ found: true, split: [], underActions: false, covered: [] });
      }
    } finally {
      await phone.close();
    }
  });

  it('fits a phone (390x844) and the desktop without sideways scrolling; screenshots in docs/dist', { timeout: 120_000 }, async () => {
    const wide = async (p: Page) =>
      p.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tables: [...document.querySelectorAll('table')].filter(
          (t) => t.getBoundingClientRect().height > 0 && t.scrollWidth > (t.parentElement?.clientWidth ?? 0) + 1,
        ).length,
      }));
    const phone = await context.newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(pathToFileURL(site).href, { waitUntil: 'load' });
      await phone.locator('[data-component-name="Menu/Menu"]').waitFor({ state: 'attached' });
      await phone
        .getByText(await page.evaluate(() => document.querySelector('h1')?.textContent ?? ''))
        .first()
        .waitFor();
      expect(await wide(phone)).toEqual({ page: 0, tables: 0 });
      await phone.screenshot({ path: phoneScreenshot });
      expect(statSync(phoneScreenshot).size).toBeGreaterThan(10_000);
    } finally {
      await phone.close();
    }
    // The deviations guide's tables fit the desktop page.
    await page.keyboard.press('Escape');
    await menuLink('Deviations from the official documentation').click();
    await page.locator('table').first().waitFor();
    expect(await wide(page)).toEqual({ page: 0, tables: 0 });
  });

  it('made no request beyond file:// and logged no error during the whole visit', () => {
    expect(leftFile()).toEqual([]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
