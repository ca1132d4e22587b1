// The reference site's own script, injected at the end of docs/dist/index.html by
// scripts/build-docs.mjs. Accessibility fixes that Redoc 3 lacks, checked by axe-core in
// docs/test/site.test.ts, applied whenever Redoc renders (it re-renders as readers navigate).
(() => {
  const iconName = (button) => {
    const icon = button.querySelector('svg[data-component-name]')?.getAttribute('data-component-name') ?? '';
    return (/([A-Z][A-Za-z]*?)Icon/.exec(icon)?.[1] ?? '').replace(/([a-z])([A-Z])/g, '$1 $2');
  };
  const within = (roots, selector) => roots.flatMap((r) => [...(r.matches(selector) ? [r] : []), ...r.querySelectorAll(selector)]);
  const fix = (roots = [document.documentElement]) => {
    // Code blocks scroll sideways: keyboard users must be able to reach and scroll them.
    for (const pre of within(roots, 'pre:not([tabindex])')) pre.tabIndex = 0;
    for (const button of within(roots, 'button')) {
      const text = button.textContent.trim();
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
  // Search excerpts: Redoc shows the indexed text, which holds the hidden search terms of
  // scripts/build-docs.mjs, each word starting with U+2063. Those words are removed.
  const MARK = '\u2063';
  const cleanExcerpts = (roots) => {
    for (const item of within(roots, '[data-component-name="Search/SearchItem"]')) {
      if (!item.textContent.includes(MARK)) continue;
      const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      // A marked word may run across text nodes (the match is highlighted in its own element).
      let inWord = false;
      for (const node of nodes) {
        let text = '';
        for (const ch of node.data) {
          if (ch === MARK) inWord = true;
          else if (inWord && /\s/.test(ch)) inWord = false;
          else if (!inWord) text += ch;
        }
        if (text !== node.data) node.data = text.replace(/ {2,}/g, ' ');
      }
    }
  };
  // The whole page once a frame after Redoc changed it: buttons change their text in place (an
  // icon button gets a label, then a text), so only a full pass keeps names right. It reads
  // textContent, not innerText, which would lay the page out for every button.
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      fix();
      cleanExcerpts([document.documentElement]);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  fix();
})();
