// The text transformations of scripts/site/build.mjs that the site's search and menu rely on
// (the browser test checks their effect in the page; these pin the rules themselves).
import { describe, expect, it } from 'vitest';
import { uniqueHeadingIds, unwrapParagraphs } from '../../scripts/site/build.mjs';

describe('unwrapParagraphs: one line per paragraph, so search text keeps its spaces', () => {
  it('joins the lines of a paragraph and of a list item', () => {
    expect(unwrapParagraphs('at most 50 MB a\nrequest.\n\n- item\n  continues\n- next')).toBe(
      'at most 50 MB a request.\n\n- item continues\n- next',
    );
  });
  it('leaves code, tables, headings, HTML, hard breaks and setext underlines as written', () => {
    const text = [
      '```ts',
      'const a = 1;',
      'const b = 2;',
      '```',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
      '',
      '## Head',
      'text',
      '',
      '<div hidden>x</div>',
      '',
      'hard  ',
      'break',
      '',
      'Title',
      '===',
      'body',
    ].join('\n');
    expect(unwrapParagraphs(text)).toBe(text);
    expect(unwrapParagraphs('a\nhard  \nbreak')).toBe('a hard  \nbreak');
  });
});

describe('uniqueHeadingIds: one anchor per heading', () => {
  it('gives a repeated heading an explicit id and leaves the first and the others alone', () => {
    const text = '## Cases\n\n### What changed\n\n## Users\n\n### What changed\n\n### What changed\n\n```md\n### What changed\n```';
    expect(uniqueHeadingIds(text)).toBe(
      '## Cases\n\n### What changed\n\n## Users\n\n### What changed {% #what-changed-2 %}\n\n### What changed {% #what-changed-3 %}\n\n```md\n### What changed\n```',
    );
  });
});
