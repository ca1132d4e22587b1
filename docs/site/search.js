// The reference site's own search, injected by scripts/site/build.mjs with its index (the JSON of
// #site-search-index, built from the spec and the guides at build time) at the end of the page.
// It answers as soon as the page is parsed, before Redoc has run (Redoc's own search built its
// index in the browser, about 3 s on a busy machine, and the page stalled until then), and its
// results are links to Redoc's anchors. A combobox with a listbox of options (WAI-ARIA 1.2):
// arrows move, Enter opens, Escape closes then clears, Ctrl+K or "/" focuses it.
/** @typedef {import('../../scripts/site/build.mjs').SearchEntry} SearchEntry */
(() => {
  const input = /** @type {HTMLInputElement | null} */ (document.getElementById('site-search-input'));
  const panel = document.getElementById('site-search-panel');
  const list = document.getElementById('site-search-list');
  const status = document.getElementById('site-search-status');
  const data = document.getElementById('site-search-index');
  if (!input || !panel || !list || !status || !data) return;
  /** @type {SearchEntry[]} */
  const entries = JSON.parse(data.textContent ?? '');

  // Words: letters and digits, with inner dots, hyphens and underscores kept ("cases.create") and
  // their parts too; lower case, ё as е.
  const fold = (/** @type {unknown} */ text) =>
    String(text ?? '')
      .toLowerCase()
      .replace(/ё/g, 'е');
  const WORD = /[\p{L}\p{N}]+(?:[._-][\p{L}\p{N}]+)*/gu;
  const wordsOf = (/** @type {unknown} */ text) => {
    /** @type {string[]} */
    const out = [];
    for (const [w] of fold(text).matchAll(WORD)) {
      out.push(w);
      if (/[._-]/.test(w)) out.push(...w.split(/[._-]+/));
    }
    return out;
  };
  // Fields and their weights: a title or an id outranks the Russian title, the route, the search
  // terms, the guide or tag, then running text. A whole word counts half as much again as a prefix.
  /** @type {[keyof SearchEntry, number][]} */
  const FIELDS = [
    ['t', 10],
    ['id', 10],
    ['ru', 8],
    ['r', 6],
    ['w', 4],
    ['p', 2],
    ['x', 1],
  ];
  // The entries' words, split at the first query: the page's load does not pay for them.
  /** @typedef {{ e: SearchEntry, fields: { weight: number, words: string[] }[] }} Prepared */
  /** @type {Prepared[] | undefined} */
  let preparedEntries;
  const prepared = () =>
    (preparedEntries ??= entries.map((e) => ({
      e,
      fields: FIELDS.map(([k, weight]) => ({ weight, words: [...new Set(wordsOf(e[k]))] })),
    })));
  const tokenScore = (/** @type {Prepared} */ item, /** @type {string} */ token) => {
    let best = 0;
    for (const { weight, words } of item.fields) {
      if (weight * 1.5 <= best) continue;
      for (const w of words) {
        if (w === token) {
          best = Math.max(best, weight * 1.5);
          break;
        }
        if (w.startsWith(token)) best = Math.max(best, weight);
      }
    }
    return best;
  };
  const MAX = 30;
  /** Entries that hold every word of the query (one-letter words aside), best first; else those holding most. */
  const search = (/** @type {string} */ query) => {
    const all = [...new Set(wordsOf(query))];
    const tokens = all.filter((t) => t.length > 1).length ? all.filter((t) => t.length > 1) : all;
    if (!tokens.length) return { tokens, hits: [], total: 0 };
    /** @type {{ e: SearchEntry, found: number, score: number, i: number }[]} */
    const scored = [];
    for (const [i, item] of prepared().entries()) {
      let score = 0;
      let found = 0;
      for (const t of tokens) {
        const s = tokenScore(item, t);
        if (s) found++;
        score += s;
      }
      if (found) scored.push({ e: item.e, found, score, i });
    }
    const most = Math.max(0, ...scored.map((s) => s.found));
    const hits = scored.filter((s) => s.found === most).sort((a, b) => b.score - a.score || a.i - b.i);
    return { tokens, hits: hits.slice(0, MAX).map((s) => s.e), total: hits.length };
  };

  // The excerpt: the text around the first word that starts with a query word, matches marked.
  const excerpt = (/** @type {string} */ text, /** @type {string[]} */ tokens) => {
    const folded = fold(text);
    let at = -1;
    for (const t of tokens) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
      const m = re.exec(folded);
      if (m && (at < 0 || m.index < at)) at = m.index;
    }
    let start = at < 0 ? 0 : Math.max(0, at - 50);
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    let end = Math.min(text.length, start + 180);
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
    const piece = text.slice(start, end);
    const out = document.createDocumentFragment();
    if (start > 0) out.append('… ');
    const marks = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[\\p{L}\\p{N}]*`,
      'giu',
    );
    const foldedPiece = fold(piece);
    let last = 0;
    for (const m of foldedPiece.matchAll(marks)) {
      out.append(piece.slice(last, m.index));
      const mark = document.createElement('mark');
      mark.textContent = piece.slice(m.index, m.index + m[0].length);
      out.append(mark);
      last = m.index + m[0].length;
    }
    out.append(piece.slice(last));
    if (end < text.length) out.append(' …');
    return out;
  };

  const span = (/** @type {string} */ className, /** @type {string | Node} */ content) => {
    const el = document.createElement('span');
    el.className = className;
    el.append(content);
    return el;
  };
  let active = -1;
  const options = () => [...list.querySelectorAll('[role="option"]')];
  const setActive = (/** @type {number} */ i) => {
    const opts = options();
    active = opts.length ? (i + opts.length) % opts.length : -1;
    for (const [j, o] of opts.entries()) o.setAttribute('aria-selected', String(j === active));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', opts[active].id);
      opts[active].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const open = (/** @type {boolean} */ yes) => {
    panel.hidden = !yes;
    input.setAttribute('aria-expanded', String(yes));
    if (!yes) setActive(-1);
  };
  const render = () => {
    const query = input.value.trim();
    if (!query) {
      list.replaceChildren();
      list.dataset.query = '';
      status.textContent = '';
      open(false);
      return;
    }
    const { tokens, hits, total } = search(query);
    list.replaceChildren(
      ...hits.map((e, i) => {
        const a = document.createElement('a');
        a.href = e.a;
        a.id = `site-search-option-${i}`;
        a.setAttribute('role', 'option');
        a.setAttribute('aria-selected', 'false');
        a.className = 'site-search-item';
        a.tabIndex = -1;
        const head = span('site-search-head', '');
        if (e.r) head.append(span('site-search-route', e.r), ' ');
        head.append(span('site-search-title', e.t));
        a.append(head);
        // Under the title: an operation's official Russian title, a section's guide.
        const where = e.r ? e.ru : e.p && `In ${e.p}`;
        if (where) a.append(span('site-search-where', where));
        if (e.x) a.append(span('site-search-excerpt', excerpt(e.x, tokens)));
        a.addEventListener('click', () => open(false));
        return a;
      }),
    );
    list.dataset.query = query;
    status.textContent = hits.length
      ? `${total} result${total === 1 ? '' : 's'}${total > hits.length ? `, the first ${hits.length} shown` : ''}`
      : 'No results';
    open(true);
    setActive(-1);
    // For docs/test/site.test.ts's load figures: when the box first listed results.
    if (hits.length && !performance.getEntriesByName('site-search-first-result').length) performance.mark('site-search-first-result');
  };
  input.addEventListener('input', render);
  input.addEventListener('focus', () => {
    if (input.value.trim()) open(true);
  });
  input.addEventListener('keydown', (event) => {
    const opts = options();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (panel.hidden && input.value.trim()) open(true);
      setActive(active < 0 && event.key === 'ArrowUp' ? -1 : active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      const target = opts[Math.max(active, 0)];
      if (target) {
        event.preventDefault();
        open(false);
        location.hash = target.getAttribute('href') ?? '';
      }
    } else if (event.key === 'Escape') {
      if (!panel.hidden) open(false);
      else {
        input.value = '';
        render();
      }
    }
  });
  document.addEventListener('pointerdown', (event) => {
    if (!(/** @type {Element} */ (event.target).closest?.('#site-search'))) open(false);
  });
  // Ctrl+K (Cmd+K) and "/" focus the box, before Redoc's own shortcut (its search is hidden).
  window.addEventListener(
    'keydown',
    (event) => {
      const typing = /** @type {Element} */ (event.target).closest?.('input, textarea, select, [contenteditable="true"]');
      if (((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') || (event.key === '/' && !typing)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        input.focus();
        input.select();
      }
    },
    true,
  );
  input.dataset.state = 'ready';
  performance.mark('site-search-ready');
  if (input.value.trim()) render(); // typed before the script ran
})();
