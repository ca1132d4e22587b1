// Contract tests of the idea categories through the SDK (`omnidesk.ideaCategories`).
import { ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { jsonBody, prefer, recording, sdk, type Omnidesk, type RequestOptions } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { pageOf, parameterExample, requestExample, responseExample } from '../src/examples.js';

const CATEGORY_ID: number = parameterExample('getIdeaCategory', 'category_id');

covers('listIdeaCategories', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.list({ page: 1, limit: 50 }, options);

  it('returns a page of idea categories { items, total }', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.ideaCategories.list({ page: 2, limit: 50 })).toEqual(
      pageOf(responseExample('listIdeaCategories', 'page'), 'ideas_category'),
    );
    expect(sent[0]!.target).toBe('/ideas_category.json?page=2&limit=50');
  });

  it('returns the empty page {"ideas_category": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('listAll stops after the last page (total_count reached)', async () => {
    const { omnidesk, sent } = recording({ prefer: 'example=page' });
    const body = responseExample('listIdeaCategories', 'page');
    const perPage = pageOf(body, 'ideas_category').items.length;
    const all = [];
    for await (const category of omnidesk.ideaCategories.listAll({}, { limit: perPage })) all.push(category);
    expect(all).toHaveLength(Math.ceil(body.total_count / perPage) * perPage);
    expect(sent).toHaveLength(Math.ceil(body.total_count / perPage));
  });

  declaredErrors(op, call);
});

covers('createIdeaCategory', (op) => {
  const input = requestExample('createIdeaCategory').ideas_category;
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.create(input, options);

  it('sends {"ideas_category": ...} and returns the created category', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.ideaCategories.create(input)).toEqual(responseExample('createIdeaCategory').ideas_category);
    expect(sent[0]).toMatchObject({ method: 'POST', target: '/ideas_category.json' });
    expect(jsonBody(sent[0])).toEqual(requestExample('createIdeaCategory'));
  });

  it('throws ValidationError without category_title', async () => {
    const error = await rejection(sdk().ideaCategories.create({} as typeof input), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'ideas_category'], code: 'required' }));
  });

  declaredErrors(op, call);
});

covers('getIdeaCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.get(CATEGORY_ID, options);

  it('returns the category unwrapped from {"ideas_category": ...}', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.ideaCategories.get(CATEGORY_ID)).toEqual(responseExample('getIdeaCategory').ideas_category);
    expect(sent[0]!.target).toBe(`/ideas_category/${CATEGORY_ID}.json`);
  });

  declaredErrors(op, call);
});

covers('updateIdeaCategory', (op) => {
  const input = requestExample('updateIdeaCategory').ideas_category;
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.update(CATEGORY_ID, input, options);

  it('sends {"ideas_category": ...} and returns the renamed category', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.ideaCategories.update(CATEGORY_ID, input)).toEqual(responseExample('updateIdeaCategory').ideas_category);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/ideas_category/${CATEGORY_ID}.json` });
    expect(jsonBody(sent[0])).toEqual(requestExample('updateIdeaCategory'));
  });

  declaredErrors(op, call);
});

covers('deleteIdeaCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.delete(CATEGORY_ID, options);

  it('resolves to nothing (void)', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.ideaCategories.delete(CATEGORY_ID)).toBeUndefined();
    expect(sent[0]).toMatchObject({ method: 'DELETE', target: `/ideas_category/${CATEGORY_ID}.json` });
  });

  declaredErrors(op, call);
});

covers('disableIdeaCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.disable(CATEGORY_ID, options);

  it('returns the category, now inactive', async () => {
    const { omnidesk, sent } = recording();
    const category = await omnidesk.ideaCategories.disable(CATEGORY_ID);
    expect(category).toEqual(responseExample('disableIdeaCategory').ideas_category);
    expect(category.active).toBe(false);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/ideas_category/${CATEGORY_ID}/disable.json` });
  });

  declaredErrors(op, call);
});

covers('enableIdeaCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.enable(CATEGORY_ID, options);

  it('returns the category, now active', async () => {
    const { omnidesk, sent } = recording();
    const category = await omnidesk.ideaCategories.enable(CATEGORY_ID);
    expect(category).toEqual(responseExample('enableIdeaCategory').ideas_category);
    expect(category.active).toBe(true);
    expect(sent[0]).toMatchObject({ method: 'PUT', target: `/ideas_category/${CATEGORY_ID}/enable.json` });
  });

  declaredErrors(op, call);
});
