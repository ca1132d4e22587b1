// Compile-time checks, run by test/generator.test.ts with tsc: each `@ts-expect-error` must
// meet an error (tsc fails on an unused one), and every other line must compile.
import type { BulkOutcome, Page } from '../../src/index.js';
import { createOmnideskClient } from '../../src/index.js';
import { miniClient } from '../util.js';

declare const fetch: (r: Request) => Promise<Response>;
const c = miniClient(fetch);

export async function checks() {
  // Lists: query parameter names and enum values come from the spec.
  const page: Page<{ case_id: number; subject: string }> = await c.cases.list({ status: ['open', 'closed'], custom_fields: { cf_1: 'x' } });
  // @ts-expect-error: not a status
  await c.cases.list({ status: ['bogus'] });
  // @ts-expect-error: no such query parameter
  await c.cases.list({ stattus: ['open'] });
  for await (const item of c.cases.listAll({ status: ['open'] }, { maxItems: 10 })) {
    const id: number = item.case_id;
    // @ts-expect-error: a case has no `nope` that is a number
    const bad: number = item.nope;
    void id, bad;
  }
  void page;

  // Entities are unwrapped.
  const one = await c.cases.get(1);
  const status: 'open' | 'waiting' | 'closed' = one.status;
  // @ts-expect-error: the result is the case, not the envelope
  void one.case.case_id;
  // @ts-expect-error: ids are numbers
  await c.cases.get('1');
  void status;

  // Create: body fields are checked, attachments allowed where the spec has multipart.
  await c.cases.create({
    subject: 's',
    content: 'c',
    user_email: 'u',
    priority: 'high',
    attachments: [new Blob(['x']), { name: 'a', data: new Uint8Array() }],
  });
  await c.cases.create({ subject: 's', content: 'c', user_phone: '+7900' });
  // @ts-expect-error: needs user_email or user_phone (an anyOf of required lists)
  await c.cases.create({ subject: 's', content: 'c' });
  // @ts-expect-error: unknown body field
  await c.cases.create({ subject: 's', content: 'c', user_email: 'u', colour: 'red' });
  // @ts-expect-error: not a priority
  await c.cases.create({ subject: 's', content: 'c', user_email: 'u', priority: 'urgent' });
  // @ts-expect-error: not an attachment
  await c.cases.create({ subject: 's', content: 'c', user_email: 'u', attachments: [42] });

  // Bulk: an array gives the outcome, one id the entity.
  const outcome: BulkOutcome = await c.cases.trash([1, 2]);
  const trashed: number = (await c.cases.trash(1)).case_id;
  // @ts-expect-error: an outcome has no case_id
  void (await c.cases.trash([1, 2])).case_id;
  await c.cases.update([1, 2], { status: 'closed' });
  // @ts-expect-error: not a status
  await c.cases.update([1, 2], { status: 'done' });
  void outcome, trashed;

  // void results, query beside a body, non-envelope answers.
  const nothing: void = await c.messages.delete(1, 2, { reason: 'x' });
  // An optional body (requestBody.required false) may be left out; a required one may not.
  await c.messages.delete(1, 2);
  // @ts-expect-error: createCase's body is required
  await c.cases.create();
  const deleted: void = await c.languages.deleteLabel(3);
  await c.messages.create(1, { content_html: '<p>x</p>', attachments: [new Blob(['x'])] });
  // @ts-expect-error: not a message field
  await c.messages.create(1, { content: 'x', subject: 'y' });
  // @ts-expect-error: needs content or content_html
  await c.messages.create(1, { staff_id: 1 });
  void deleted;
  const article = await c.kbArticles.update(1, { title: { '1': 'a' } }, { query: { language_id: 'all' } });
  const title: string | Record<string, string> = article.title;
  // @ts-expect-error: language_id is a number or "all"
  await c.kbArticles.update(1, { title: 'a' }, { query: { language_id: 'some' } });
  // @ts-expect-error: `period` is required
  await c.statistics.get({});
  void nothing, title;

  // The real client, from the current spec.
  const omnidesk = createOmnideskClient({ domain: 'acme', email: 'a@b.c', apiKey: 'k' });
  const real = await omnidesk.cases.get(2000);
  const created: string = real.created_at;
  // @ts-expect-error: not a status of the real spec
  await omnidesk.cases.list({ status: ['bogus'] });
  await omnidesk.cases.create({ subject: 's', content: 'c', user_email: 'u@x.ru' });
  // @ts-expect-error: the real spec wants a user identity too
  await omnidesk.cases.create({ subject: 's', content: 'c' });
  await omnidesk.messages.create(2000, { content_html: '<p>Hi</p>' });
  const { data } = await omnidesk.raw.GET('/cases/{case_id}.json', { params: { path: { case_id: 1 } } });
  const rawId: number | undefined = data?.case.case_id;
  // @ts-expect-error: the raw client knows its paths
  await omnidesk.raw.GET('/nope.json');
  void created, rawId;
}
