// Contract tests of the knowledge base through the SDK: categories (`omnidesk.kbCategories`),
// sections (`omnidesk.kbSections`) and articles (`omnidesk.kbArticles`). Titles and bodies are a
// string, or a map from language id to string for `language_id=all` and multilingual accounts.
// The three resources answer alike: what differs is in `Kb` below, the tests every one of them
// gets for its languages are `languageTests`, and each operation's block holds what is its own.
import { expect, it } from 'vitest';
import { expectAnswer, expectViolation } from '../src/answers.js';
import type { OperationInfo } from '../src/bundle.js';
import { jsonBody, type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { type Call, declaredErrors } from '../src/errors.js';
import { pageOf, parameterExample, requestExample, responseExample } from '../src/examples.js';
import { recordOf } from '../src/json.js';

const CATEGORY_ID: number = parameterExample('getKbCategory', 'category_id');
const SECTION_ID: number = parameterExample('getKbSection', 'section_id');
const ARTICLE_ID: number = parameterExample('getKbArticle', 'article_id');

/** What differs between categories, sections and articles. */
interface Kb {
  /** The envelope of one entity, and the name of its path: `kb_category` (`/kb_category/1.json`). */
  key: 'kb_category' | 'kb_section' | 'kb_article';
  /** The title field: a string, or a map from language id to text with `language_id=all`. */
  title: 'category_title' | 'section_title' | 'article_title';
  /** The SDK's list with `language_id=all`, with the query every list call needs (the sections of
   *  a category, the articles of a section). */
  listAllLanguages: (o: Omnidesk, options: RequestOptions) => Promise<{ items: unknown[] }>;
  /** The SDK's get of the entity `id` with `language_id=all`. */
  getAllLanguages: (o: Omnidesk, options: RequestOptions) => Promise<unknown>;
  id: number;
}

const category: Kb = {
  key: 'kb_category',
  title: 'category_title',
  listAllLanguages: (o, options) => o.kbCategories.list({ page: 1, limit: 50, language_id: 'all' }, options),
  getAllLanguages: (o, options) => o.kbCategories.get(CATEGORY_ID, { language_id: 'all' }, options),
  id: CATEGORY_ID,
};
const section: Kb = {
  key: 'kb_section',
  title: 'section_title',
  listAllLanguages: (o, options) => o.kbSections.list({ category_id: CATEGORY_ID, language_id: 'all' }, options),
  getAllLanguages: (o, options) => o.kbSections.get(SECTION_ID, { language_id: 'all' }, options),
  id: SECTION_ID,
};
const article: Kb = {
  key: 'kb_article',
  title: 'article_title',
  listAllLanguages: (o, options) => o.kbArticles.list({ section_id: SECTION_ID, language_id: 'all' }, options),
  getAllLanguages: (o, options) => o.kbArticles.get(ARTICLE_ID, { language_id: 'all' }, options),
  id: ARTICLE_ID,
};

/** The tests of the languages, alike for the three resources: `language_id=all` and multilingual input. */
const languageTests = {
  /** list: every title is a map with language_id=all; the empty page. */
  list(op: OperationInfo, kb: Kb, call: Call) {
    it('with language_id=all: titles are maps from language id to text', async () => {
      const { omnidesk, sent } = recording();
      const page = await kb.listAllLanguages(omnidesk, prefer('example=allLanguages'));
      expect(page).toEqual(pageOf(responseExample(op.operationId, 'allLanguages'), kb.key));
      expect(recordOf(page.items[0], 'the first entry')[kb.title]).toEqual(expect.objectContaining({ '1': expect.any(String) }));
      expect(sent[0]!.url.searchParams.get('language_id')).toBe('all');
    });

    it(`returns the empty page {"${kb.key}": []} as { items: [], total: 0 }`, async () => {
      expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
    });
  },

  /** create: the spec's multilingual example (`body`), sent as it is by `send`. */
  create(body: unknown, send: (o: Omnidesk) => Promise<unknown>) {
    it('sends multilingual texts as maps from language id to text', async () => {
      const { omnidesk, sent } = recording();
      await expect(send(omnidesk)).resolves.toMatchObject({ active: true });
      expect(jsonBody(sent[0])).toEqual(body);
    });
  },

  /** get: every language's text with language_id=all. */
  get(op: OperationInfo, kb: Kb) {
    it('with language_id=all: returns every language’s text', async () => {
      const { omnidesk, sent } = recording();
      const result = await kb.getAllLanguages(omnidesk, prefer('example=allLanguages'));
      expect(result).toEqual(recordOf(responseExample(op.operationId, 'allLanguages'), 'the allLanguages example')[kb.key]);
      expect(typeof recordOf(result, 'the result')[kb.title]).toBe('object');
      expect(sent[0]!.target).toBe(`/${kb.key}/${kb.id}.json?language_id=all`);
    });
  },
};

// ---- Categories ------------------------------------------------------------------------------

covers('listKbCategories', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.list({ page: 1, limit: 50 }, options);

  it('returns a page { items, total }', () =>
    expectAnswer((o) => o.kbCategories.list({ page: 2, limit: 50 }), {
      returns: pageOf(responseExample('listKbCategories', 'page'), 'kb_category'),
      target: `/kb_category.json?page=2&limit=50`,
    }));

  languageTests.list(op, category, call);

  it('throws ValidationError for a language_id that is neither an id nor "all"', () =>
    expectViolation(sdk().kbCategories.list({ language_id: 'every' as 'all' }), { location: ['request', 'query', 'language_id'] }));

  declaredErrors(op, call);
});

covers('createKbCategory', (op) => {
  const input = requestExample('createKbCategory', 'oneLanguage').kb_category;

  it('sends {"kb_category": ...} and returns the created category', () =>
    expectAnswer((o) => o.kbCategories.create(input), {
      returns: responseExample('createKbCategory').kb_category,
      method: 'POST',
      target: '/kb_category.json',
      body: requestExample('createKbCategory', 'oneLanguage'),
    }));

  const multilingual = requestExample('createKbCategory', 'multilingual');
  languageTests.create(multilingual, (o) => o.kbCategories.create(multilingual.kb_category));

  it('throws ValidationError for input the spec forbids', async () => {
    const error = await expectViolation(sdk().kbCategories.create({} as typeof input), {
      location: ['request', 'body', 'kb_category'],
      code: 'required',
    });
    expect(error.status).toBe(422);
  });

  declaredErrors(op, (o, options) => o.kbCategories.create(input, options));
});

covers('getKbCategory', (op) => {
  it('returns the category unwrapped from {"kb_category": ...}', () =>
    expectAnswer((o) => o.kbCategories.get(CATEGORY_ID), {
      returns: responseExample('getKbCategory', 'oneLanguage').kb_category,
      target: `/kb_category/${CATEGORY_ID}.json`,
    }));

  languageTests.get(op, category);
  declaredErrors(op, (o, options) => o.kbCategories.get(CATEGORY_ID, {}, options));
});

covers('updateKbCategory', (op) => {
  const input = requestExample('updateKbCategory', 'oneLanguage').kb_category;

  it('sends {"kb_category": ...} and returns the updated category', async () => {
    await expectAnswer((o) => o.kbCategories.update(CATEGORY_ID, input), {
      returns: responseExample('updateKbCategory').kb_category,
      method: 'PUT',
      target: `/kb_category/${CATEGORY_ID}.json`,
      body: requestExample('updateKbCategory', 'oneLanguage'),
    });
    await expect(sdk().kbCategories.update(CATEGORY_ID, requestExample('updateKbCategory', 'multilingual').kb_category)).resolves.toEqual(
      responseExample('updateKbCategory').kb_category,
    );
  });

  it('throws ValidationError for an empty change', () =>
    expectViolation(sdk().kbCategories.update(CATEGORY_ID, {}), { location: ['request', 'body', 'kb_category'], code: 'minProperties' }));

  declaredErrors(op, (o, options) => o.kbCategories.update(CATEGORY_ID, input, options));
});

covers('deleteKbCategory', (op) => {
  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.kbCategories.delete(CATEGORY_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/kb_category/${CATEGORY_ID}.json`,
    }));

  declaredErrors(op, (o, options) => o.kbCategories.delete(CATEGORY_ID, options));
});

covers('disableKbCategory', (op) => {
  it('returns the category, now inactive', () =>
    expectAnswer((o) => o.kbCategories.disable(CATEGORY_ID), {
      returns: responseExample('disableKbCategory').kb_category,
      state: { active: false },
      method: 'PUT',
      target: `/kb_category/${CATEGORY_ID}/disable.json`,
    }));

  declaredErrors(op, (o, options) => o.kbCategories.disable(CATEGORY_ID, options));
});

covers('enableKbCategory', (op) => {
  it('returns the category, now active', () =>
    expectAnswer((o) => o.kbCategories.enable(CATEGORY_ID), {
      returns: responseExample('enableKbCategory').kb_category,
      state: { active: true },
      method: 'PUT',
      target: `/kb_category/${CATEGORY_ID}/enable.json`,
    }));

  declaredErrors(op, (o, options) => o.kbCategories.enable(CATEGORY_ID, options));
});

covers('moveKbCategoryUp', (op) => {
  it('moves the category up in its list and returns it', () =>
    expectAnswer((o) => o.kbCategories.moveUp(CATEGORY_ID), {
      returns: responseExample('moveKbCategoryUp').kb_category,
      method: 'PUT',
      target: `/kb_category/${CATEGORY_ID}/moveup.json`,
    }));

  declaredErrors(op, (o, options) => o.kbCategories.moveUp(CATEGORY_ID, options));
});

covers('moveKbCategoryDown', (op) => {
  it('moves the category down in its list and returns it', () =>
    expectAnswer((o) => o.kbCategories.moveDown(CATEGORY_ID), {
      returns: responseExample('moveKbCategoryDown').kb_category,
      method: 'PUT',
      target: `/kb_category/${CATEGORY_ID}/movedown.json`,
    }));

  declaredErrors(op, (o, options) => o.kbCategories.moveDown(CATEGORY_ID, options));
});

// ---- Sections ------------------------------------------------------------------------------

covers('listKbSections', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.list({ category_id: CATEGORY_ID }, options);

  it('returns a page { items, total }', () =>
    expectAnswer((o) => o.kbSections.list({ page: 2, limit: 50, category_id: CATEGORY_ID }), {
      returns: pageOf(responseExample('listKbSections', 'page'), 'kb_section'),
      target: `/kb_section.json?page=2&limit=50&category_id=${CATEGORY_ID}`,
    }));

  languageTests.list(op, section, call);

  it('throws ValidationError without the required category_id', async () => {
    const error = await expectViolation(sdk().kbSections.list({} as { category_id: number }), {
      location: ['request', 'query'],
      code: 'required',
    });
    expect(JSON.stringify(error.details)).toContain('category_id');
  });

  declaredErrors(op, call);
});

covers('createKbSection', (op) => {
  const input = requestExample('createKbSection', 'oneLanguage').kb_section;

  it('sends {"kb_section": ...} and returns the created section', () =>
    expectAnswer((o) => o.kbSections.create(input), {
      returns: responseExample('createKbSection').kb_section,
      method: 'POST',
      target: '/kb_section.json',
      body: requestExample('createKbSection', 'oneLanguage'),
    }));

  const multilingual = requestExample('createKbSection', 'multilingual');
  languageTests.create(multilingual, (o) => o.kbSections.create(multilingual.kb_section));

  it('throws ValidationError for input the spec forbids', async () => {
    const error = await expectViolation(sdk().kbSections.create({ section_title: input.section_title } as typeof input), {
      location: ['request', 'body', 'kb_section'],
      code: 'required',
    });
    expect(error.status).toBe(422);
  });

  declaredErrors(op, (o, options) => o.kbSections.create(input, options));
});

covers('getKbSection', (op) => {
  it('returns the section unwrapped from {"kb_section": ...}', () =>
    expectAnswer((o) => o.kbSections.get(SECTION_ID), {
      returns: responseExample('getKbSection', 'oneLanguage').kb_section,
      target: `/kb_section/${SECTION_ID}.json`,
    }));

  languageTests.get(op, section);
  declaredErrors(op, (o, options) => o.kbSections.get(SECTION_ID, {}, options));
});

covers('updateKbSection', (op) => {
  const input = requestExample('updateKbSection', 'oneLanguage').kb_section;

  it('sends {"kb_section": ...} and returns the updated section', async () => {
    await expectAnswer((o) => o.kbSections.update(SECTION_ID, input), {
      returns: responseExample('updateKbSection').kb_section,
      method: 'PUT',
      target: `/kb_section/${SECTION_ID}.json`,
      body: requestExample('updateKbSection', 'oneLanguage'),
    });
    await expect(sdk().kbSections.update(SECTION_ID, requestExample('updateKbSection', 'multilingual').kb_section)).resolves.toEqual(
      responseExample('updateKbSection').kb_section,
    );
  });

  it('throws ValidationError for an empty change', () =>
    expectViolation(sdk().kbSections.update(SECTION_ID, {}), { location: ['request', 'body', 'kb_section'], code: 'minProperties' }));

  declaredErrors(op, (o, options) => o.kbSections.update(SECTION_ID, input, options));
});

covers('deleteKbSection', (op) => {
  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.kbSections.delete(SECTION_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/kb_section/${SECTION_ID}.json`,
    }));

  declaredErrors(op, (o, options) => o.kbSections.delete(SECTION_ID, options));
});

covers('disableKbSection', (op) => {
  it('returns the section, now inactive', () =>
    expectAnswer((o) => o.kbSections.disable(SECTION_ID), {
      returns: responseExample('disableKbSection').kb_section,
      state: { active: false },
      method: 'PUT',
      target: `/kb_section/${SECTION_ID}/disable.json`,
    }));

  declaredErrors(op, (o, options) => o.kbSections.disable(SECTION_ID, options));
});

covers('enableKbSection', (op) => {
  it('returns the section, now active', () =>
    expectAnswer((o) => o.kbSections.enable(SECTION_ID), {
      returns: responseExample('enableKbSection').kb_section,
      state: { active: true },
      method: 'PUT',
      target: `/kb_section/${SECTION_ID}/enable.json`,
    }));

  declaredErrors(op, (o, options) => o.kbSections.enable(SECTION_ID, options));
});

covers('moveKbSectionUp', (op) => {
  it('moves the section up in its list and returns it', () =>
    expectAnswer((o) => o.kbSections.moveUp(SECTION_ID), {
      returns: responseExample('moveKbSectionUp').kb_section,
      method: 'PUT',
      target: `/kb_section/${SECTION_ID}/moveup.json`,
    }));

  declaredErrors(op, (o, options) => o.kbSections.moveUp(SECTION_ID, options));
});

covers('moveKbSectionDown', (op) => {
  it('moves the section down in its list and returns it', () =>
    expectAnswer((o) => o.kbSections.moveDown(SECTION_ID), {
      returns: responseExample('moveKbSectionDown').kb_section,
      method: 'PUT',
      target: `/kb_section/${SECTION_ID}/movedown.json`,
    }));

  declaredErrors(op, (o, options) => o.kbSections.moveDown(SECTION_ID, options));
});

// ---- Articles ------------------------------------------------------------------------------

covers('listKbArticles', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.list({ section_id: SECTION_ID }, options);

  it('returns a page { items, total }', () =>
    expectAnswer(
      (o) => o.kbArticles.list({ page: 2, limit: 50, search: parameterExample('listKbArticles', 'search'), section_id: SECTION_ID }),
      {
        returns: pageOf(responseExample('listKbArticles', 'page'), 'kb_article'),
        target: `/kb_article.json?page=2&limit=50&search=password&section_id=${SECTION_ID}`,
      },
    ));

  languageTests.list(op, article, call);

  it('throws ValidationError for a search shorter than 3 characters', () =>
    expectViolation(sdk().kbArticles.list({ search: 'pw' }), { location: ['request', 'query', 'search'], code: 'minLength' }));

  declaredErrors(op, call);
});

covers('createKbArticle', (op) => {
  const input = requestExample('createKbArticle', 'oneLanguage').kb_article;

  it('sends {"kb_article": ...} and returns the created article', () =>
    expectAnswer((o) => o.kbArticles.create(input), {
      returns: responseExample('createKbArticle').kb_article,
      method: 'POST',
      target: '/kb_article.json',
      body: requestExample('createKbArticle', 'oneLanguage'),
    }));

  const multilingual = requestExample('createKbArticle', 'multilingual');
  languageTests.create(multilingual, (o) => o.kbArticles.create(multilingual.kb_article));

  it('throws ValidationError for input the spec forbids', async () => {
    const error = await expectViolation(sdk().kbArticles.create({ ...input, section_id: 0 }), {
      location: ['request', 'body', 'kb_article', 'section_id'],
    });
    expect(error.status).toBe(422);
  });

  declaredErrors(op, (o, options) => o.kbArticles.create(input, options));
});

covers('getKbArticle', (op) => {
  it('returns the article unwrapped from {"kb_article": ...}', () =>
    expectAnswer((o) => o.kbArticles.get(ARTICLE_ID), {
      returns: responseExample('getKbArticle', 'oneLanguage').kb_article,
      target: `/kb_article/${ARTICLE_ID}.json`,
    }));

  languageTests.get(op, article);
  declaredErrors(op, (o, options) => o.kbArticles.get(ARTICLE_ID, {}, options));
});

covers('updateKbArticle', (op) => {
  const input = requestExample('updateKbArticle', 'oneLanguage').kb_article;

  it('sends {"kb_article": ...} and returns the updated article', async () => {
    await expectAnswer((o) => o.kbArticles.update(ARTICLE_ID, input), {
      returns: responseExample('updateKbArticle').kb_article,
      method: 'PUT',
      target: `/kb_article/${ARTICLE_ID}.json`,
      body: requestExample('updateKbArticle', 'oneLanguage'),
    });
    await expect(sdk().kbArticles.update(ARTICLE_ID, requestExample('updateKbArticle', 'multilingual').kb_article)).resolves.toEqual(
      responseExample('updateKbArticle').kb_article,
    );
  });

  it('throws ValidationError for an empty change', () =>
    expectViolation(sdk().kbArticles.update(ARTICLE_ID, {}), { location: ['request', 'body', 'kb_article'], code: 'minProperties' }));

  declaredErrors(op, (o, options) => o.kbArticles.update(ARTICLE_ID, input, options));
});

covers('deleteKbArticle', (op) => {
  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.kbArticles.delete(ARTICLE_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/kb_article/${ARTICLE_ID}.json`,
    }));

  declaredErrors(op, (o, options) => o.kbArticles.delete(ARTICLE_ID, options));
});

covers('disableKbArticle', (op) => {
  it('returns the article, now inactive', () =>
    expectAnswer((o) => o.kbArticles.disable(ARTICLE_ID), {
      returns: responseExample('disableKbArticle').kb_article,
      state: { active: false },
      method: 'PUT',
      target: `/kb_article/${ARTICLE_ID}/disable.json`,
    }));

  declaredErrors(op, (o, options) => o.kbArticles.disable(ARTICLE_ID, options));
});

covers('enableKbArticle', (op) => {
  it('returns the article, now active', () =>
    expectAnswer((o) => o.kbArticles.enable(ARTICLE_ID), {
      returns: responseExample('enableKbArticle').kb_article,
      state: { active: true },
      method: 'PUT',
      target: `/kb_article/${ARTICLE_ID}/enable.json`,
    }));

  declaredErrors(op, (o, options) => o.kbArticles.enable(ARTICLE_ID, options));
});

covers('moveKbArticleUp', (op) => {
  it('moves the article up in its list and returns it', () =>
    expectAnswer((o) => o.kbArticles.moveUp(ARTICLE_ID), {
      returns: responseExample('moveKbArticleUp').kb_article,
      method: 'PUT',
      target: `/kb_article/${ARTICLE_ID}/moveup.json`,
    }));

  declaredErrors(op, (o, options) => o.kbArticles.moveUp(ARTICLE_ID, options));
});

covers('moveKbArticleDown', (op) => {
  it('moves the article down in its list and returns it', () =>
    expectAnswer((o) => o.kbArticles.moveDown(ARTICLE_ID), {
      returns: responseExample('moveKbArticleDown').kb_article,
      method: 'PUT',
      target: `/kb_article/${ARTICLE_ID}/movedown.json`,
    }));

  declaredErrors(op, (o, options) => o.kbArticles.moveDown(ARTICLE_ID, options));
});
