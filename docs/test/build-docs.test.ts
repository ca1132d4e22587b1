// The text transformations of scripts/site/build.mjs that the site's search and menu rely on
// (the browser test checks their effect in the page; these pin the rules themselves).
import { describe, expect, it } from 'vitest';
import {
  anchorOf,
  hydrateInTransition,
  plainText,
  uniqueHeadingIds,
  unwrapParagraphs,
  withoutRedocSearch,
} from '../../scripts/site/build.mjs';

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

describe("anchorOf: Redoc's anchors (the slugify package's rules), which search results link to", () => {
  it('keeps `-:.()_`, drops other punctuation, joins words with "-", lower case', () => {
    expect(anchorOf('Omnidesk for AI agents: the MCP server')).toBe('omnidesk-for-ai-agents:-the-mcp-server');
    expect(anchorOf('SDK omnidesk.cases.list() · operationId listCases')).toBe('sdk-omnidesk.cases.list()-operationid-listcases');
    expect(anchorOf('Cases, messages, notes')).toBe('cases-messages-notes');
    expect(anchorOf('Anchors with ^')).toBe('anchors-with');
  });
  it('transliterates Russian as slugify does', () => {
    expect(anchorOf('Statistics (лучшие в команде)')).toBe('statistics-(luchshie-v-komande)');
    expect(anchorOf('Щётка, объём, Юла')).toBe('shyotka-obuyom-yula');
  });
});

describe('plainText: the words a reader sees, for the search index', () => {
  it('drops Markdown marks, links, HTML and annotations', () => {
    expect(
      plainText(
        '## Head {% #id %}\n\nSee **[the docs](https://x)** and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div class="note">x</div>\n',
      ),
    ).toBe('Head See the docs and code. a b 1 2 x');
  });
});

describe("Redoc patches, on Redoc's code as it is shaped today", () => {
  const idle =
    'function OOe(e){if(typeof window>`u`||typeof window.requestIdleCallback!=`function`)return()=>{};let t=window.requestIdleCallback(e);return()=>window.cancelIdleCallback(t)}';
  it("stops Redoc's search from building its index when idle", () => {
    expect(withoutRedocSearch(`a;${idle};b`)).toBe(
      'a;function OOe(e){return()=>{};let t=window.requestIdleCallback(e);return()=>window.cancelIdleCallback(t)};b',
    );
  });
  it("runs Redoc's hydration in a React transition", () => {
    const hydrate =
      'async function hydrate(e,t={},n=Y9(`redoc`)){let l=(0,B.createElement)(f3,{});(0,El.hydrateRoot)(r,Q9(l,i),{onRecoverableError:(e,t)=>{let n=String(e);zHe.test(n)||console.error(n,t)}})}\nnext';
    expect(hydrateInTransition(hydrate)).toBe(
      'async function hydrate(e,t={},n=Y9(`redoc`)){let l=(0,B.createElement)(f3,{});(0,B.startTransition)(()=>{(0,El.hydrateRoot)(r,Q9(l,i),{onRecoverableError:(e,t)=>{let n=String(e);zHe.test(n)||console.error(n,t)}})})}\nnext',
    );
  });
});
