// Contract tests of the knowledge base through the SDK: categories (`omnidesk.kbCategories`),
// sections (`omnidesk.kbSections`) and articles (`omnidesk.kbArticles`). Titles and bodies are a
// string, or a map from language id to string for `language_id=all` and multilingual accounts.
import { ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { jsonBody, prefer, recording, sdk, type Omnidesk, type RequestOptions } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { pageOf, parameterExample, requestExample, responseExample } from '../src/examples.js';

const CATEGORY_ID: number = parameterExample('getKbCategory', 'category_id');
const SECTION_ID: number = parameterExample('getKbSection', 'section_id');
const ARTICLE_ID: number = parameterExample('getKbArticle', 'article_id');

covers('listKbCategories', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.list({ page: 1, limit: 50 }, options);

  it('returns a page { items, total }', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbCategories.list({ page: 2, limit: 50 })).toEqual(pageOf(responseExample('listKbCategories', 'page'), 'kb_category'));
    expect(sent[0]!.target).toBe(`/kb_category.json?page=2&limit=50`);
  });

  it('with language_id=all: titles are maps from language id to text', async () => {
    const { omnidesk, sent } = recording();
    const page = await omnidesk.kbCategories.list({ page: 1, limit: 50, language_id: 'all' }, prefer('example=allLanguages'));
    expect(page).toEqual(pageOf(responseExample('listKbCategories', 'allLanguages'), 'kb_category'));
    expect(page.items[0]!.category_title).toEqual(expect.objectContaining({ '1': expect.any(String) }));
    expect(sent[0]!.url.searchParams.get('language_id')).toBe('all');
  });

  it('returns the empty page {"kb_category": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for a language_id that is neither an id nor "all"', async () => {
    const error = await rejection(sdk().kbCategories.list({ language_id: 'every' as 'all' }), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'language_id'] }));
  });

  declaredErrors(op, call);
});

covers('createKbCategory', (op) => {
  const input = requestExample('createKbCategory', 'oneLanguage').kb_category;
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.create(input, options);

  it('sends {"kb_category": ...} and returns the created category', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbCategories.create(input)).toEqual(responseExample('createKbCategory').kb_category);
    expect(sent[0]).toMatchObject({ method: 'POST', target: '/kb_category.json' });
    expect(jsonBody(sent[0])).toEqual(requestExample('createKbCategory', 'oneLanguage'));
  });

  it('sends multilingual texts as maps from language id to text', async () => {
    const { omnidesk, sent } = recording();
    await expect(omnidesk.kbCategories.create(requestExample('createKbCategory', 'multilingual').kb_category)).resolves.toMatchObject({ active: true });
    expect(jsonBody(sent[0])).toEqual(requestExample('createKbCategory', 'multilingual'));
  });

  it('throws ValidationError for input the spec forbids', async () => {
    const error = await rejection(sdk().kbCategories.create({} as typeof input), ValidationError);
    expect(error.status).toBe(422);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'kb_category'], code: 'required' }));
  });

  declaredErrors(op, call);
});

covers('getKbCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.get(CATEGORY_ID, {}, options);

  it('returns the category unwrapped from {"kb_category": ...}', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbCategories.get(CATEGORY_ID)).toEqual(responseExample('getKbCategory', 'oneLanguage').kb_category);
    expect(sent[0]!.target).toBe(`/kb_category/${CATEGORY_ID}.json`);
  });

  it('with language_id=all: returns every language’s text', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbCategories.get(CATEGORY_ID, { language_id: 'all' }, prefer('example=allLanguages'));
    expect(result).toEqual(responseExample('getKbCategory', 'allLanguages').kb_category);
    expect(typeof result.category_title).toBe('object');
    expect(sent[0]!.target).toBe(`/kb_category/${CATEGORY_ID}.json?language_id=all`);
  });

  declaredErrors(op, call);
});

covers('updateKbCategory', (op) => {
  const input = requestExample('updateKbCategory', 'oneLanguage').kb_category;
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.update(CATEGORY_ID, input, options);

  it('sends {"kb_category": ...} and returns the updated category', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbCategories.update(CATEGORY_ID, input)).toEqual(responseExample('updateKbCategory').kb_category);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_category/${CATEGORY_ID}.json` });
    expect(jsonBody(sent[0])).toEqual(requestExample('updateKbCategory', 'oneLanguage'));
    await expect(sdk().kbCategories.update(CATEGORY_ID, requestExample('updateKbCategory', 'multilingual').kb_category)).resolves.toEqual(responseExample('updateKbCategory').kb_category);
  });

  it('throws ValidationError for an empty change', async () => {
    const error = await rejection(sdk().kbCategories.update(CATEGORY_ID, {}), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'kb_category'], code: 'minProperties' }));
  });

  declaredErrors(op, call);
});

covers('deleteKbCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.delete(CATEGORY_ID, options);

  it('resolves to nothing (void)', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbCategories.delete(CATEGORY_ID)).toBeUndefined();
    expect(sent[0]).toMatchObject({ method: 'DELETE', target: `/kb_category/${CATEGORY_ID}.json` });
  });

  declaredErrors(op, call);
});

covers('disableKbCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.disable(CATEGORY_ID, options);

  it('returns the category, now inactive', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbCategories.disable(CATEGORY_ID);
    expect(result).toEqual(responseExample('disableKbCategory').kb_category);
    expect(result.active).toBe(false);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_category/${CATEGORY_ID}/disable.json` });
  });

  declaredErrors(op, call);
});

covers('enableKbCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.enable(CATEGORY_ID, options);

  it('returns the category, now active', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbCategories.enable(CATEGORY_ID);
    expect(result).toEqual(responseExample('enableKbCategory').kb_category);
    expect(result.active).toBe(true);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_category/${CATEGORY_ID}/enable.json` });
  });

  declaredErrors(op, call);
});

covers('moveKbCategoryUp', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.moveUp(CATEGORY_ID, options);

  it('moves the category up in its list and returns it', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbCategories.moveUp(CATEGORY_ID);
    expect(result).toEqual(responseExample('moveKbCategoryUp').kb_category);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_category/${CATEGORY_ID}/moveup.json` });
  });

  declaredErrors(op, call);
});

covers('moveKbCategoryDown', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbCategories.moveDown(CATEGORY_ID, options);

  it('moves the category down in its list and returns it', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbCategories.moveDown(CATEGORY_ID);
    expect(result).toEqual(responseExample('moveKbCategoryDown').kb_category);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_category/${CATEGORY_ID}/movedown.json` });
  });

  declaredErrors(op, call);
});

covers('listKbSections', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.list({ category_id: CATEGORY_ID }, options);

  it('returns a page { items, total }', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbSections.list({ page: 2, limit: 50, category_id: CATEGORY_ID })).toEqual(pageOf(responseExample('listKbSections', 'page'), 'kb_section'));
    expect(sent[0]!.target).toBe(`/kb_section.json?page=2&limit=50&category_id=${CATEGORY_ID}`);
  });

  it('with language_id=all: titles are maps from language id to text', async () => {
    const { omnidesk, sent } = recording();
    const page = await omnidesk.kbSections.list({ category_id: CATEGORY_ID, language_id: 'all' }, prefer('example=allLanguages'));
    expect(page).toEqual(pageOf(responseExample('listKbSections', 'allLanguages'), 'kb_section'));
    expect(page.items[0]!.section_title).toEqual(expect.objectContaining({ '1': expect.any(String) }));
    expect(sent[0]!.url.searchParams.get('language_id')).toBe('all');
  });

  it('returns the empty page {"kb_section": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError without the required category_id', async () => {
    const error = await rejection(sdk().kbSections.list({} as { category_id: number }), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'query'], code: 'required' }));
    expect(JSON.stringify(error.details)).toContain('category_id');
  });

  declaredErrors(op, call);
});

covers('createKbSection', (op) => {
  const input = requestExample('createKbSection', 'oneLanguage').kb_section;
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.create(input, options);

  it('sends {"kb_section": ...} and returns the created section', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbSections.create(input)).toEqual(responseExample('createKbSection').kb_section);
    expect(sent[0]).toMatchObject({ method: 'POST', target: '/kb_section.json' });
    expect(jsonBody(sent[0])).toEqual(requestExample('createKbSection', 'oneLanguage'));
  });

  it('sends multilingual texts as maps from language id to text', async () => {
    const { omnidesk, sent } = recording();
    await expect(omnidesk.kbSections.create(requestExample('createKbSection', 'multilingual').kb_section)).resolves.toMatchObject({ active: true });
    expect(jsonBody(sent[0])).toEqual(requestExample('createKbSection', 'multilingual'));
  });

  it('throws ValidationError for input the spec forbids', async () => {
    const error = await rejection(sdk().kbSections.create({ section_title: input.section_title } as typeof input), ValidationError);
    expect(error.status).toBe(422);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'kb_section'], code: 'required' }));
  });

  declaredErrors(op, call);
});

covers('getKbSection', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.get(SECTION_ID, {}, options);

  it('returns the section unwrapped from {"kb_section": ...}', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbSections.get(SECTION_ID)).toEqual(responseExample('getKbSection', 'oneLanguage').kb_section);
    expect(sent[0]!.target).toBe(`/kb_section/${SECTION_ID}.json`);
  });

  it('with language_id=all: returns every language’s text', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbSections.get(SECTION_ID, { language_id: 'all' }, prefer('example=allLanguages'));
    expect(result).toEqual(responseExample('getKbSection', 'allLanguages').kb_section);
    expect(typeof result.section_title).toBe('object');
    expect(sent[0]!.target).toBe(`/kb_section/${SECTION_ID}.json?language_id=all`);
  });

  declaredErrors(op, call);
});

covers('updateKbSection', (op) => {
  const input = requestExample('updateKbSection', 'oneLanguage').kb_section;
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.update(SECTION_ID, input, options);

  it('sends {"kb_section": ...} and returns the updated section', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbSections.update(SECTION_ID, input)).toEqual(responseExample('updateKbSection').kb_section);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_section/${SECTION_ID}.json` });
    expect(jsonBody(sent[0])).toEqual(requestExample('updateKbSection', 'oneLanguage'));
    await expect(sdk().kbSections.update(SECTION_ID, requestExample('updateKbSection', 'multilingual').kb_section)).resolves.toEqual(responseExample('updateKbSection').kb_section);
  });

  it('throws ValidationError for an empty change', async () => {
    const error = await rejection(sdk().kbSections.update(SECTION_ID, {}), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'kb_section'], code: 'minProperties' }));
  });

  declaredErrors(op, call);
});

covers('deleteKbSection', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.delete(SECTION_ID, options);

  it('resolves to nothing (void)', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbSections.delete(SECTION_ID)).toBeUndefined();
    expect(sent[0]).toMatchObject({ method: 'DELETE', target: `/kb_section/${SECTION_ID}.json` });
  });

  declaredErrors(op, call);
});

covers('disableKbSection', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.disable(SECTION_ID, options);

  it('returns the section, now inactive', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbSections.disable(SECTION_ID);
    expect(result).toEqual(responseExample('disableKbSection').kb_section);
    expect(result.active).toBe(false);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_section/${SECTION_ID}/disable.json` });
  });

  declaredErrors(op, call);
});

covers('enableKbSection', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.enable(SECTION_ID, options);

  it('returns the section, now active', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbSections.enable(SECTION_ID);
    expect(result).toEqual(responseExample('enableKbSection').kb_section);
    expect(result.active).toBe(true);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_section/${SECTION_ID}/enable.json` });
  });

  declaredErrors(op, call);
});

covers('moveKbSectionUp', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.moveUp(SECTION_ID, options);

  it('moves the section up in its list and returns it', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbSections.moveUp(SECTION_ID);
    expect(result).toEqual(responseExample('moveKbSectionUp').kb_section);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_section/${SECTION_ID}/moveup.json` });
  });

  declaredErrors(op, call);
});

covers('moveKbSectionDown', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbSections.moveDown(SECTION_ID, options);

  it('moves the section down in its list and returns it', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbSections.moveDown(SECTION_ID);
    expect(result).toEqual(responseExample('moveKbSectionDown').kb_section);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_section/${SECTION_ID}/movedown.json` });
  });

  declaredErrors(op, call);
});

covers('listKbArticles', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.list({ section_id: SECTION_ID }, options);

  it('returns a page { items, total }', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbArticles.list({ page: 2, limit: 50, search: parameterExample('listKbArticles', 'search'), section_id: SECTION_ID })).toEqual(pageOf(responseExample('listKbArticles', 'page'), 'kb_article'));
    expect(sent[0]!.target).toBe(`/kb_article.json?page=2&limit=50&search=password&section_id=${SECTION_ID}`);
  });

  it('with language_id=all: titles are maps from language id to text', async () => {
    const { omnidesk, sent } = recording();
    const page = await omnidesk.kbArticles.list({ section_id: SECTION_ID, language_id: 'all' }, prefer('example=allLanguages'));
    expect(page).toEqual(pageOf(responseExample('listKbArticles', 'allLanguages'), 'kb_article'));
    expect(page.items[0]!.article_title).toEqual(expect.objectContaining({ '1': expect.any(String) }));
    expect(sent[0]!.url.searchParams.get('language_id')).toBe('all');
  });

  it('returns the empty page {"kb_article": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for a search shorter than 3 characters', async () => {
    const error = await rejection(sdk().kbArticles.list({ search: 'pw' }), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'search'], code: 'minLength' }));
  });

  declaredErrors(op, call);
});

covers('createKbArticle', (op) => {
  const input = requestExample('createKbArticle', 'oneLanguage').kb_article;
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.create(input, options);

  it('sends {"kb_article": ...} and returns the created article', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbArticles.create(input)).toEqual(responseExample('createKbArticle').kb_article);
    expect(sent[0]).toMatchObject({ method: 'POST', target: '/kb_article.json' });
    expect(jsonBody(sent[0])).toEqual(requestExample('createKbArticle', 'oneLanguage'));
  });

  it('sends multilingual texts as maps from language id to text', async () => {
    const { omnidesk, sent } = recording();
    await expect(omnidesk.kbArticles.create(requestExample('createKbArticle', 'multilingual').kb_article)).resolves.toMatchObject({ active: true });
    expect(jsonBody(sent[0])).toEqual(requestExample('createKbArticle', 'multilingual'));
  });

  it('throws ValidationError for input the spec forbids', async () => {
    const error = await rejection(sdk().kbArticles.create({ ...input, section_id: 0 }), ValidationError);
    expect(error.status).toBe(422);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'kb_article', 'section_id'] }));
  });

  declaredErrors(op, call);
});

covers('getKbArticle', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.get(ARTICLE_ID, {}, options);

  it('returns the article unwrapped from {"kb_article": ...}', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbArticles.get(ARTICLE_ID)).toEqual(responseExample('getKbArticle', 'oneLanguage').kb_article);
    expect(sent[0]!.target).toBe(`/kb_article/${ARTICLE_ID}.json`);
  });

  it('with language_id=all: returns every language’s text', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbArticles.get(ARTICLE_ID, { language_id: 'all' }, prefer('example=allLanguages'));
    expect(result).toEqual(responseExample('getKbArticle', 'allLanguages').kb_article);
    expect(typeof result.article_title).toBe('object');
    expect(sent[0]!.target).toBe(`/kb_article/${ARTICLE_ID}.json?language_id=all`);
  });

  declaredErrors(op, call);
});

covers('updateKbArticle', (op) => {
  const input = requestExample('updateKbArticle', 'oneLanguage').kb_article;
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.update(ARTICLE_ID, input, options);

  it('sends {"kb_article": ...} and returns the updated article', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbArticles.update(ARTICLE_ID, input)).toEqual(responseExample('updateKbArticle').kb_article);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_article/${ARTICLE_ID}.json` });
    expect(jsonBody(sent[0])).toEqual(requestExample('updateKbArticle', 'oneLanguage'));
    await expect(sdk().kbArticles.update(ARTICLE_ID, requestExample('updateKbArticle', 'multilingual').kb_article)).resolves.toEqual(responseExample('updateKbArticle').kb_article);
  });

  it('throws ValidationError for an empty change', async () => {
    const error = await rejection(sdk().kbArticles.update(ARTICLE_ID, {}), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'kb_article'], code: 'minProperties' }));
  });

  declaredErrors(op, call);
});

covers('deleteKbArticle', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.delete(ARTICLE_ID, options);

  it('resolves to nothing (void)', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.kbArticles.delete(ARTICLE_ID)).toBeUndefined();
    expect(sent[0]).toMatchObject({ method: 'DELETE', target: `/kb_article/${ARTICLE_ID}.json` });
  });

  declaredErrors(op, call);
});

covers('disableKbArticle', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.disable(ARTICLE_ID, options);

  it('returns the article, now inactive', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbArticles.disable(ARTICLE_ID);
    expect(result).toEqual(responseExample('disableKbArticle').kb_article);
    expect(result.active).toBe(false);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_article/${ARTICLE_ID}/disable.json` });
  });

  declaredErrors(op, call);
});

covers('enableKbArticle', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.enable(ARTICLE_ID, options);

  it('returns the article, now active', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbArticles.enable(ARTICLE_ID);
    expect(result).toEqual(responseExample('enableKbArticle').kb_article);
    expect(result.active).toBe(true);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_article/${ARTICLE_ID}/enable.json` });
  });

  declaredErrors(op, call);
});

covers('moveKbArticleUp', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.moveUp(ARTICLE_ID, options);

  it('moves the article up in its list and returns it', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbArticles.moveUp(ARTICLE_ID);
    expect(result).toEqual(responseExample('moveKbArticleUp').kb_article);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_article/${ARTICLE_ID}/moveup.json` });
  });

  declaredErrors(op, call);
});

covers('moveKbArticleDown', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.kbArticles.moveDown(ARTICLE_ID, options);

  it('moves the article down in its list and returns it', async () => {
    const { omnidesk, sent } = recording();
    const result = await omnidesk.kbArticles.moveDown(ARTICLE_ID);
    expect(result).toEqual(responseExample('moveKbArticleDown').kb_article);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/kb_article/${ARTICLE_ID}/movedown.json` });
  });

  declaredErrors(op, call);
});
