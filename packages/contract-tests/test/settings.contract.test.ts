// Contract tests of the account's settings through the SDK: filters, labels, custom fields,
// custom channels, languages and the client e-mail addresses. Most are lists without input; the
// invalid input of this file is the labels'.
import { ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { expectAnswer } from '../src/answers.js';
import { type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { pageOf, parameterExample, requestExample, responseExample } from '../src/examples.js';

const LABEL_ID: number = parameterExample('updateLabel', 'label_id');

covers('listFilters', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.filters.list(options);

  it('returns the filters { items, total }, string and numeric filter ids alike', async () => {
    const { omnidesk, sent } = recording();
    const page = await omnidesk.filters.list();
    expect(page).toEqual(pageOf(responseExample('listFilters'), 'filter'));
    expect(page.items.map((f) => typeof f.filter_id)).toEqual(expect.arrayContaining(['string', 'number']));
    expect(sent[0]!.target).toBe('/filters.json');
  });

  it('has no listAll (the list has no pages): list() gives it whole in one call', async () => {
    const { omnidesk, sent } = recording();
    expect('listAll' in omnidesk.filters).toBe(false);
    expect((await omnidesk.filters.list()).items).toEqual(pageOf(responseExample('listFilters'), 'filter').items);
    expect(sent).toHaveLength(1);
  });

  declaredErrors(op, call);
});

covers('listLabels', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.labels.list({ page: 1, limit: 50 }, options);

  it('returns a page of labels { items, total }', () =>
    expectAnswer((o) => o.labels.list({ page: 2, limit: 50 }), {
      returns: pageOf(responseExample('listLabels', 'page'), 'label'),
      target: '/labels.json?page=2&limit=50',
    }));

  it('returns the empty page {"label": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for page=0 and limit=101', async () => {
    const page = await rejection(sdk().labels.list({ page: 0 }), ValidationError);
    expect(page.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'page'], code: 'minimum' }));
    const limit = await rejection(sdk().labels.list({ limit: 101 }), ValidationError);
    expect(limit.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'limit'], code: 'maximum' }));
  });

  declaredErrors(op, call);
});

covers('createLabel', (op) => {
  const input = requestExample('createLabel').label;
  const call = (o: Omnidesk, options?: RequestOptions) => o.labels.create(input, options);

  it('sends {"label": ...} and returns the created label', () =>
    expectAnswer((o) => o.labels.create(input), {
      returns: responseExample('createLabel').label,
      method: 'POST',
      target: '/labels.json',
      body: requestExample('createLabel'),
    }));

  it('throws ValidationError for a missing title and for a title that is not a string', async () => {
    const missing = await rejection(sdk().labels.create({} as typeof input), ValidationError);
    expect(missing.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'label'], code: 'required' }));
    const wrongType = await rejection(sdk().labels.create({ label_title: 42 as unknown as string }), ValidationError);
    expect(wrongType.details).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'label', 'label_title'], code: 'type' }),
    );
  });

  declaredErrors(op, call);
});

covers('updateLabel', (op) => {
  const input = requestExample('updateLabel').label;
  const call = (o: Omnidesk, options?: RequestOptions) => o.labels.update(LABEL_ID, input, options);

  it('sends {"label": ...} to the label’s path and returns the renamed label', () =>
    expectAnswer((o) => o.labels.update(LABEL_ID, input), {
      returns: responseExample('updateLabel').label,
      method: 'PUT',
      target: `/labels/${LABEL_ID}.json`,
      body: requestExample('updateLabel'),
    }));

  declaredErrors(op, call);
});

covers('deleteLabel', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.labels.delete(LABEL_ID, options);

  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.labels.delete(LABEL_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/labels/${LABEL_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('listCustomFields', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.customFields.list({}, options);

  it('returns the custom fields { items, total }', async () => {
    const page = await call(sdk());
    expect(page).toEqual(pageOf(responseExample('listCustomFields', 'all'), 'custom_field'));
    expect(page.items.length).toBeGreaterThan(1);
  });

  it('sends page and limit, as a public client pages this list, and the mock accepts them', async () => {
    const { omnidesk, sent } = recording();
    const page = await omnidesk.customFields.list({ page: 2, limit: 100 });
    expect(page.items.length).toBeGreaterThan(1);
    expect(sent[0]!.target).toBe('/custom_fields.json?page=2&limit=100');
  });

  it('returns an account without custom fields as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=none'))).toEqual({ items: [], total: 0 });
  });

  declaredErrors(op, call);
});

covers('listCustomChannels', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.customChannels.list(options);

  it('returns the custom channels { items, total }', async () => {
    expect(await call(sdk())).toEqual(pageOf(responseExample('listCustomChannels', 'all'), 'custom_channel'));
  });

  it('returns an account without custom channels as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=none'))).toEqual({ items: [], total: 0 });
  });

  declaredErrors(op, call);
});

covers('listLanguages', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.languages.list(options);

  it('returns the languages { items, total }', () =>
    expectAnswer((o) => o.languages.list(), {
      returns: pageOf(responseExample('listLanguages'), 'language'),
      target: '/languages.json',
    }));

  declaredErrors(op, call);
});

covers('listClientEmails', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.clientEmails.list(options);

  it('returns the account’s e-mail addresses { items, total }', () =>
    expectAnswer((o) => o.clientEmails.list(), {
      returns: pageOf(responseExample('listClientEmails'), 'client_emails'),
      target: '/client_emails.json',
    }));

  declaredErrors(op, call);
});
