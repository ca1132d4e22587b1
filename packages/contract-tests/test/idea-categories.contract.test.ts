// Contract tests of the idea categories through the SDK (`omnidesk.ideaCategories`).
import { expect, it } from 'vitest';
import { expectAnswer, expectViolation } from '../src/answers.js';
import { type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors } from '../src/errors.js';
import { pageOf, parameterExample, requestExample, responseExample } from '../src/examples.js';

const CATEGORY_ID: number = parameterExample('getIdeaCategory', 'category_id');

covers('listIdeaCategories', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.list({ page: 1, limit: 50 }, options);

  it('returns a page of idea categories { items, total }', () =>
    expectAnswer((o) => o.ideaCategories.list({ page: 2, limit: 50 }), {
      returns: pageOf(responseExample('listIdeaCategories', 'page'), 'ideas_category'),
      target: '/ideas_category.json?page=2&limit=50',
    }));

  it('returns the empty page {"ideas_category": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('listAll stops after the last page (total_count reached)', async () => {
    const { omnidesk, sent } = recording({ prefer: 'example=page' });
    const { items, total } = pageOf(responseExample('listIdeaCategories', 'page'), 'ideas_category');
    const perPage = items.length;
    const all = [];
    for await (const category of omnidesk.ideaCategories.listAll({}, { limit: perPage })) all.push(category);
    expect(all).toHaveLength(Math.ceil(total / perPage) * perPage);
    expect(sent).toHaveLength(Math.ceil(total / perPage));
  });

  declaredErrors(op, call);
});

covers('createIdeaCategory', (op) => {
  const input = requestExample('createIdeaCategory').ideas_category;
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.create(input, options);

  it('sends {"ideas_category": ...} and returns the created category', () =>
    expectAnswer((o) => o.ideaCategories.create(input), {
      returns: responseExample('createIdeaCategory').ideas_category,
      method: 'POST',
      target: '/ideas_category.json',
      body: requestExample('createIdeaCategory'),
    }));

  it('throws ValidationError without category_title', () =>
    expectViolation(sdk().ideaCategories.create({} as typeof input), {
      location: ['request', 'body', 'ideas_category'],
      code: 'required',
    }));

  declaredErrors(op, call);
});

covers('getIdeaCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.get(CATEGORY_ID, options);

  it('returns the category unwrapped from {"ideas_category": ...}', () =>
    expectAnswer((o) => o.ideaCategories.get(CATEGORY_ID), {
      returns: responseExample('getIdeaCategory').ideas_category,
      target: `/ideas_category/${CATEGORY_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('updateIdeaCategory', (op) => {
  const input = requestExample('updateIdeaCategory').ideas_category;
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.update(CATEGORY_ID, input, options);

  it('sends {"ideas_category": ...} and returns the renamed category', () =>
    expectAnswer((o) => o.ideaCategories.update(CATEGORY_ID, input), {
      returns: responseExample('updateIdeaCategory').ideas_category,
      method: 'PUT',
      target: `/ideas_category/${CATEGORY_ID}.json`,
      body: requestExample('updateIdeaCategory'),
    }));

  declaredErrors(op, call);
});

covers('deleteIdeaCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.delete(CATEGORY_ID, options);

  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.ideaCategories.delete(CATEGORY_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/ideas_category/${CATEGORY_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('disableIdeaCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.disable(CATEGORY_ID, options);

  it('returns the category, now inactive', () =>
    expectAnswer((o) => o.ideaCategories.disable(CATEGORY_ID), {
      returns: responseExample('disableIdeaCategory').ideas_category,
      state: { active: false },
      method: 'PUT',
      target: `/ideas_category/${CATEGORY_ID}/disable.json`,
    }));

  declaredErrors(op, call);
});

covers('enableIdeaCategory', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideaCategories.enable(CATEGORY_ID, options);

  it('returns the category, now active', () =>
    expectAnswer((o) => o.ideaCategories.enable(CATEGORY_ID), {
      returns: responseExample('enableIdeaCategory').ideas_category,
      state: { active: true },
      method: 'PUT',
      target: `/ideas_category/${CATEGORY_ID}/enable.json`,
    }));

  declaredErrors(op, call);
});
