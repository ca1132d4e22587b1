// The reference site's own script, injected at the end of docs/dist/index.html by
// scripts/site/build.mjs. Accessibility fixes that Redoc 3 lacks, checked by axe-core in
// docs/test/site.test.ts, applied whenever Redoc renders (it re-renders as readers navigate).
(() => {
  const iconName = (/** @type {Element} */ button) => {
    const icon = button.querySelector('svg[data-component-name]')?.getAttribute('data-component-name') ?? '';
    return (/([A-Z][A-Za-z]*?)Icon/.exec(icon)?.[1] ?? '').replace(/([a-z])([A-Z])/g, '$1 $2');
  };
  /**
   * The elements of `roots` and inside them that match `selector` (all HTML elements here).
   * @param {Element[]} roots
   * @param {string} selector
   * @returns {HTMLElement[]}
   */
  const within = (roots, selector) =>
    /** @type {HTMLElement[]} */ (roots.flatMap((r) => [...(r.matches(selector) ? [r] : []), ...r.querySelectorAll(selector)]));
  const fix = (roots = [document.documentElement]) => {
    // Code blocks scroll sideways: keyboard users must be able to reach and scroll them.
    for (const pre of within(roots, 'pre:not([tabindex])')) pre.tabIndex = 0;
    for (const button of within(roots, 'button')) {
      const text = (button.textContent ?? '').trim();
      const label = button.getAttribute('aria-label');
      if (!text && !label && !button.title) {
        // Unnamed icon buttons: the search box's clear button, and any other named by its icon.
        const name = button.closest('[data-testid="search-dialog"]') ? 'Clear search' : iconName(button);
        if (name) button.setAttribute('aria-label', name);
      } else if (text && label && !label.toLowerCase().includes(text.toLowerCase())) {
        // The name must hold the visible text ("Example" showing "Default"): "Example: Default".
        button.setAttribute('aria-label', `${label}: ${text}`);
      }
    }
  };
  // The whole page once a frame after Redoc changed it: buttons change their text in place (an
  // icon button gets a label, then a text), so only a full pass keeps names right. It reads
  // textContent, not innerText, which would lay the page out for every button.
  // Guide code (fenced blocks in Markdown): Redoc shows it plain, without the highlighting and
  // the copy button of the operations' samples. Same token classes and colours as Redoc's.
  /** @type {Record<string, [string, RegExp][]>} the token rules of a language: kind and sticky pattern, first match wins */
  const RULES = {
    ts: [
      ['comment', /\/\/[^\n]*|\/\*[\s\S]*?\*\//y],
      ['string', /'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/y],
      [
        'keyword',
        /\b(?:import|export|from|const|let|var|await|async|function|return|if|else|for|of|in|new|type|interface|try|catch|finally|throw|class|extends|instanceof|typeof|as|true|false|null|undefined|while|break|continue|switch|case|default)\b/y,
      ],
      ['number', /\b\d[\d_.]*\b/y],
      ['class-name', /\b[A-Z][A-Za-z0-9_]*\b/y],
    ],
    sh: [
      ['comment', /#[^\n]*/y],
      ['string', /'[^']*'|"(?:\\.|[^"\\])*"/y],
      ['variable', /\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/y],
      ['keyword', /(?<=^|\n|\|\s*|&&\s*)(?:curl|npm|npx|pnpm|yarn|node|export|docker|git|cd)\b/y],
      ['operator', /(?<=\s)--?[A-Za-z][\w-]*/y],
    ],
    json: [
      ['property', /"(?:\\.|[^"\\])*"(?=\s*:)/y],
      ['string', /"(?:\\.|[^"\\])*"/y],
      ['number', /-?\b\d[\d.eE+-]*\b/y],
      ['keyword', /\b(?:true|false|null)\b/y],
    ],
  };
  RULES.js = RULES.typescript = RULES.ts;
  RULES.bash = RULES.shell = RULES.sh;
  /** @type {Record<string, string>} */
  const COLOR = { 'class-name': 'class-name', property: 'property-string' };
  const highlight = (/** @type {HTMLElement} */ pre, /** @type {[string, RegExp][]} */ rules) => {
    const text = pre.textContent ?? '';
    const out = document.createDocumentFragment();
    let plain = '';
    for (let i = 0; i < text.length; ) {
      /** @type {[string, string] | undefined} */
      let hit;
      for (const [kind, re] of rules) {
        re.lastIndex = i;
        const m = re.exec(text);
        if (m?.[0]) {
          hit = [kind, m[0]];
          break;
        }
      }
      if (!hit) {
        plain += text[i++];
        continue;
      }
      if (plain) out.append(plain);
      plain = '';
      const span = document.createElement('span');
      span.className = `th-token th-${hit[0]}`;
      span.style.color = `var(--code-block-tokens-${COLOR[hit[0]] ?? hit[0]}-color)`;
      span.textContent = hit[1];
      out.append(span);
      i += hit[1].length;
    }
    if (plain) out.append(plain);
    pre.replaceChildren(out);
  };
  const copy = async (/** @type {string} */ text) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = Object.assign(document.createElement('textarea'), { value: text });
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
  };
  const guideCode = (/** @type {Element[]} */ roots) => {
    for (const pre of within(roots, '[data-component-name="Markdown/Markdown"] pre[data-language]:not([data-site-code])')) {
      pre.dataset.siteCode = '';
      const rules = RULES[pre.dataset.language ?? ''];
      if (rules) highlight(pre, rules);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'site-copy';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy code');
      const label = (/** @type {string} */ text, /** @type {string} */ name) => {
        button.textContent = text;
        button.setAttribute('aria-label', name);
      };
      button.addEventListener('click', async () => {
        await copy(pre.textContent ?? '');
        label('Copied', 'Copied');
        setTimeout(() => label('Copy', 'Copy code'), 2000);
      });
      // Beside the block, in the block's own Markdown box (React's), not around it.
      pre.parentElement?.classList.add('site-code');
      pre.before(button);
    }
  };
  // Until Redoc has hydrated the page it prerendered, its menu links are plain `/tag` paths,
  // which from file:// would leave the site: they go to Redoc's `#/tag` route instead, which
  // Redoc shows once it runs. Hydrated links carry React's props and are left to Redoc.
  document.addEventListener(
    'click',
    (event) => {
      const link = /** @type {Element} */ (event.target).closest?.('#redoc a[href^="/"]:not([href^="//"])');
      if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (Object.keys(link).some((k) => k.startsWith('__reactProps'))) return;
      event.preventDefault();
      location.hash = `#${link.getAttribute('href')}`;
    },
    true,
  );
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      guideCode([document.documentElement]);
      fix();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  guideCode([document.documentElement]);
  fix();
})();
