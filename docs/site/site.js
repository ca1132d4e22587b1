// The reference site's own script, injected at the end of docs/dist/index.html by
// scripts/build-docs.mjs. Accessibility fixes that Redoc 3 lacks, checked by axe-core in
// docs/test/site.test.ts, applied whenever Redoc renders (it re-renders as readers navigate).
(() => {
  const iconName = (button) => {
    const icon = button.querySelector('svg[data-component-name]')?.getAttribute('data-component-name') ?? '';
    return (/([A-Z][A-Za-z]*?)Icon/.exec(icon)?.[1] ?? '').replace(/([a-z])([A-Z])/g, '$1 $2');
  };
  const fix = () => {
    // Code blocks scroll sideways: keyboard users must be able to reach and scroll them.
    for (const pre of document.querySelectorAll('pre:not([tabindex])')) pre.tabIndex = 0;
    for (const button of document.querySelectorAll('button')) {
      const text = button.innerText.trim();
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
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      fix();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  fix();
})();
