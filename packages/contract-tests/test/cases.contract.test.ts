// Contract tests of the Cases resource through the SDK (`omnidesk.cases.*`) against the mock:
// each operation's success answer as the SDK normalizes it (compared with the spec's examples,
// which Prism serves), the input the spec forbids, and the shared error answers (src/errors.ts).
// Pattern per operation: covers('<operationId>') + a `call` with valid input + declaredErrors.
import {
  AuthenticationError,
  createOmnideskClient,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '@omnidesk-openapi/client';
import { describe, expect, inject, it } from 'vitest';
import { expectAnswer } from '../src/answers.js';
import { credentials, jsonBody, type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { headerExample, pageOf, parameterExample, queryExamples, requestExample, responseExample } from '../src/examples.js';
import { bulkActionTests, bulkSucceeded, expectFiles, multipartFiles } from '../src/shared.js';

const CASE_ID: number = parameterExample('getCase', 'case_id');
const BULK_IDS: number[] = parameterExample('trashCases', 'case_id');

describe('credentials', () => {
  it('the SDK refuses to be built without them (so the 401 tests drop the header on the wire)', () => {
    const baseUrl = inject('prismUrl');
    expect(() => createOmnideskClient({ baseUrl, email: credentials.email, apiKey: '' })).toThrow(InvalidRequestError);
    expect(() => createOmnideskClient({ baseUrl, email: '', apiKey: credentials.apiKey })).toThrow(InvalidRequestError);
  });

  it('sends them as Basic auth, which the mock requires', async () => {
    const { omnidesk, sent } = recording();
    await omnidesk.cases.get(CASE_ID);
    expect(sent[0]!.headers.get('authorization')).toBe(`Basic ${btoa(`${credentials.email}:${credentials.apiKey}`)}`);
    await expect(sdk({ auth: false }).cases.get(CASE_ID)).rejects.toBeInstanceOf(AuthenticationError);
  });
});

covers('listCases', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.list({ page: 1, limit: 50 }, options);

  it('returns a page { items, total }: the keyed entries unwrapped in order, total_count', async () => {
    const page = await call(sdk());
    expect(page).toEqual(pageOf(responseExample('listCases', 'page'), 'case'));
    expect(page.items[0]!.case_id).toEqual(expect.any(Number));
  });

  it('sends every filter of the spec PHP-style, and the mock validates and accepts them', async () => {
    const { omnidesk, sent } = recording();
    const query = queryExamples('listCases');
    await omnidesk.cases.list(query);
    const target = decodeURIComponent(sent[0]!.target);
    expect(target).toContain('status[]=open&status[]=waiting');
    expect(target).toContain('custom_fields[cf_25]=data&custom_fields[cf_30][]=1&custom_fields[cf_30][]=2');
    expect(target).toContain('labels[]=101&labels[]=102');
    expect(target).toContain(`user_email=${query.user_email}`);
    expect(target).not.toMatch(/status=open/);
  });

  it('returns the empty page {"case": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('listAll walks the pages (page=1, 2, ...) and stops at maxItems', async () => {
    const { omnidesk, sent } = recording({ prefer: 'example=page' });
    const onePage = pageOf(responseExample('listCases', 'page'), 'case').items;
    const seen = [];
    for await (const item of omnidesk.cases.listAll({ status: 'open' }, { limit: onePage.length, maxItems: onePage.length + 2 }))
      seen.push(item);
    expect(seen).toEqual([...onePage, ...onePage.slice(0, 2)]);
    expect(sent.map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2']);
    expect(sent.every((r) => r.url.searchParams.get('limit') === String(onePage.length))).toBe(true);
  });

  it('throws ValidationError with the mock details for limit=500 and an unknown status', async () => {
    const tooMany = await rejection(sdk().cases.list({ limit: 500 }), ValidationError);
    expect(tooMany.status).toBe(422);
    expect(tooMany.details).toEqual([expect.objectContaining({ location: ['request', 'query', 'limit'], code: 'maximum' })]);
    const badStatus = await rejection(sdk().cases.list({ status: ['open', 'bogus' as 'open'] }), ValidationError);
    expect(badStatus.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'status', '1'], code: 'enum' }));
  });

  it('throws RateLimitError at once when retry_after is longer than maxRetryAfter, even with retries left', async () => {
    const { omnidesk, sent } = recording({ maxRetries: 2, maxRetryAfter: headerExample('retry_after') - 1 });
    const error = await rejection(omnidesk.cases.list({}, prefer('code=429')), RateLimitError);
    expect(error.retryAfter).toBe(headerExample('retry_after'));
    expect(sent).toHaveLength(1);
  });

  declaredErrors(op, call);
});

covers('createCase', (op) => {
  const input = requestExample('createCase', 'fromUser').case;
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.create(input, options);

  it('sends the case wrapped in {"case": ...} and returns the created case (201)', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.cases.create(input)).toEqual(responseExample('createCase').case);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.headers.get('content-type')).toMatch(/^application\/json/);
    expect(jsonBody(sent[0])).toEqual(requestExample('createCase', 'fromUser'));
  });

  it.each(['fromStaff', 'imported'])('accepts the spec example "%s"', async (name) => {
    expect(await sdk().cases.create(requestExample('createCase', name).case)).toMatchObject({ case_id: expect.any(Number) });
  });

  it('sends files given by URL (attachment_urls) as JSON, not multipart, and the mock accepts them', async () => {
    const { omnidesk, sent } = recording();
    const input = requestExample('createCase', 'withFileUrls').case;
    expect(await omnidesk.cases.create(input)).toMatchObject({ case_id: expect.any(Number) });
    expect(sent[0]!.headers.get('content-type')).toMatch(/^application\/json/);
    expect(jsonBody(sent[0])).toEqual({ case: input });
    expect(jsonBody(sent[0])).toMatchObject({ case: { attachment_urls: [expect.any(String), expect.any(String)] } });
  });

  it('sends attachments as multipart/form-data with bracket names, and the mock accepts them', async () => {
    const { omnidesk, sent } = recording();
    // A case names its user and has a text; this example gives an e-mail and plain content.
    const { user_email: userEmail, content } = input;
    if (userEmail === undefined || content === undefined) throw new Error('examples: createCase fromUser lacks user_email or content');
    const created = await omnidesk.cases.create({
      user_email: userEmail,
      subject: input.subject,
      content,
      custom_fields: { cf_25: 'some text' },
      attachments: multipartFiles.inputs(),
    });
    expect(created).toEqual(responseExample('createCase').case);
    const form = sent[0]!.form!;
    expect(sent[0]!.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(form.get('case[subject]')).toBe(input.subject);
    expect(form.get('case[custom_fields][cf_25]')).toBe('some text');
    await expectFiles(form, 'case');
  });

  it('throws ValidationError when the subject is missing or there are 31 cc addresses', async () => {
    const { subject: _subject, ...noSubject } = input;
    const missing = await rejection(sdk().cases.create(noSubject as typeof input), ValidationError);
    expect(missing.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'case'], code: 'required' }));
    expect(JSON.stringify(missing.details)).toContain("'subject'");

    const cc = Array.from({ length: 31 }, (_, i) => `copy${i}@domain.ru`);
    const tooMany = await rejection(sdk().cases.create({ ...input, cc_emails: cc }), ValidationError);
    expect(tooMany.details).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'case', 'cc_emails'], code: 'maxItems' }),
    );
    // 30 is the limit, not over it.
    await expect(sdk().cases.create({ ...input, cc_emails: cc.slice(0, 30) })).resolves.toMatchObject({ case_id: expect.any(Number) });
  });

  it('does not retry a POST that got a 5xx (it may have been carried out)', async () => {
    const { omnidesk, sent } = recording({ maxRetries: 2 });
    await rejection(omnidesk.cases.create(input, prefer('code=500')), ServerError);
    expect(sent).toHaveLength(1);
  });

  declaredErrors(op, call);
});

covers('getCase', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.get(CASE_ID, options);

  it('returns the case unwrapped from {"case": ...}', () =>
    expectAnswer((o) => o.cases.get(CASE_ID), {
      returns: responseExample('getCase').case,
      target: `/cases/${CASE_ID}.json`,
    }));

  it('refuses an id that is not a positive integer without sending anything', async () => {
    const { omnidesk, sent } = recording();
    await rejection(omnidesk.cases.get('abc' as unknown as number), InvalidRequestError);
    await rejection(omnidesk.cases.get(1.5), InvalidRequestError);
    expect(sent).toEqual([]);
  });

  it('retries a 5xx of a GET maxRetries times, then throws ServerError', async () => {
    const { omnidesk, sent } = recording({ maxRetries: 1 });
    await rejection(omnidesk.cases.get(CASE_ID, prefer('code=503')), ServerError);
    expect(sent).toHaveLength(2);
  });

  it('a per-call maxRetries overrides the client', async () => {
    const { omnidesk, sent } = recording({ maxRetries: 2 });
    await rejection(omnidesk.cases.get(CASE_ID, { ...prefer('code=500'), maxRetries: 0 }), ServerError);
    expect(sent).toHaveLength(1);
  });

  it('records the rate-limit headers of the last answer on the client', async () => {
    const omnidesk = sdk();
    expect(omnidesk.rateLimit).toBeUndefined();
    await omnidesk.cases.get(CASE_ID);
    expect(omnidesk.rateLimit).toMatchObject({
      callsLeft: headerExample('api_calls_left'),
      perMinute: headerExample('rate_limit_per_minute'),
    });
  });

  declaredErrors(op, call);
});

covers('updateCases', (op) => {
  const input = requestExample('updateCases', 'update').case;
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.update(CASE_ID, input, options);

  it('with one id: sends {"case": ...} and returns the updated case', () =>
    expectAnswer((o) => o.cases.update(CASE_ID, input), {
      returns: responseExample('updateCases', 'single').case,
      method: 'PUT',
      target: `/cases/${CASE_ID}.json`,
      body: requestExample('updateCases', 'update'),
    }));

  it('with several ids: raw commas in the path, { succeeded, failed } from case_success_id', async () => {
    const { omnidesk, sent } = recording();
    const reassign = requestExample('updateCases', 'reassign').case;
    expect(await omnidesk.cases.update(BULK_IDS, reassign, prefer('example=bulk'))).toEqual({ succeeded: BULK_IDS, failed: [] });
    expect(sent[0]!.target).toBe(`/cases/${BULK_IDS.join(',')}.json`);
    const partial = bulkSucceeded('updateCases', 'bulkPartial');
    expect(await omnidesk.cases.update(BULK_IDS, reassign, prefer('example=bulkPartial'))).toEqual({
      succeeded: partial,
      failed: BULK_IDS.filter((id) => !partial.includes(id)),
    });
  });

  it('throws ValidationError for an empty change and for 31 copy addresses', async () => {
    const empty = await rejection(sdk().cases.update(CASE_ID, {}), ValidationError);
    expect(empty.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'case'], code: 'minProperties' }));
    const cc = Array.from({ length: 31 }, (_, i) => `copy${i}@domain.ru`);
    const tooMany = await rejection(sdk().cases.update(BULK_IDS, { add_cc_emails: cc }), ValidationError);
    expect(tooMany.details).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'case', 'add_cc_emails'], code: 'maxItems' }),
    );
  });

  declaredErrors(op, call);
});

covers('deleteCases', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.delete(CASE_ID, options);

  it('resolves to nothing (void): the API documents only the status', () =>
    expectAnswer((o) => o.cases.delete(CASE_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/cases/${CASE_ID}.json`,
    }));

  it('with several ids: raw commas in the path; an answer without case_success_id means all succeeded', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.cases.delete(BULK_IDS)).toEqual({ succeeded: BULK_IDS, failed: [] });
    expect(sent[0]).toMatchObject({ method: 'DELETE', target: `/cases/${BULK_IDS.join(',')}.json` });
  });

  it('throws ValidationError naming the position of an id the spec forbids (0)', async () => {
    const error = await rejection(sdk().cases.delete([CASE_ID, 0]), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'path', 'case_id', '1'], code: 'minimum' }));
  });

  declaredErrors(op, call);
});

covers('trashCases', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.trash(CASE_ID, options);

  it('with one id: returns the case, now deleted', async () => {
    const trashed = await sdk().cases.trash(CASE_ID);
    expect(trashed).toEqual(responseExample('trashCases', 'single').case);
    expect(trashed.deleted).toBe(true);
  });

  bulkActionTests('trashCases', (o, ids, options) => o.cases.trash(ids, options));
  declaredErrors(op, call);
});

covers('spamCases', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.spam(CASE_ID, options);

  it('with one id: returns the case, now marked spam', async () => {
    const spam = await sdk().cases.spam(CASE_ID);
    expect(spam).toEqual(responseExample('spamCases', 'single').case);
    expect(spam.spam).toBe(true);
  });

  bulkActionTests('spamCases', (o, ids, options) => o.cases.spam(ids, options));
  declaredErrors(op, call);
});

covers('restoreCases', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.restore(CASE_ID, options);

  it('with one id: returns the case, neither deleted nor spam', async () => {
    const restored = await sdk().cases.restore(CASE_ID);
    expect(restored).toEqual(responseExample('restoreCases', 'single').case);
    expect(restored).toMatchObject({ deleted: false, spam: false });
  });

  bulkActionTests('restoreCases', (o, ids, options) => o.cases.restore(ids, options));
  declaredErrors(op, call);
});

covers('getCaseChangelog', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.getChangelog(CASE_ID, {}, options);

  it('returns the history as sent, {"changelog": [...]}, every value a string', async () => {
    const { omnidesk, sent } = recording();
    const history = await omnidesk.cases.getChangelog(CASE_ID);
    expect(history).toEqual(responseExample('getCaseChangelog', 'history'));
    expect(history.changelog.map((e) => e.event)).toEqual(['rules', 'staff', 'status', 'fixed_chat']);
    expect(history.changelog.map((e) => e.done_by)).toEqual(['rule_1332', 'rule_1332', 'staff_330', 'omnidesk']);
    expect(sent[0]).toMatchObject({ method: 'GET', target: `/cases/${CASE_ID}/changelog.json` });
  });

  it('sends the event filters, rules PHP-style, and the mock accepts them', async () => {
    const { omnidesk, sent } = recording();
    await omnidesk.cases.getChangelog(CASE_ID, queryExamples('getCaseChangelog'));
    const target = decodeURIComponent(sent[0]!.target);
    expect(target).toContain('rules[]=1332');
    expect(target).toContain('show_chat_activation=true');
  });

  it('returns an empty history as {"changelog": []}', async () => {
    expect(await call(sdk(), prefer('example=empty'))).toEqual({ changelog: [] });
  });

  declaredErrors(op, call);
});

covers('rateCase', (op) => {
  const input = requestExample('rateCase').rate;
  const call = (o: Omnidesk, options?: RequestOptions) => o.cases.rate(CASE_ID, input, options);

  it('sends PUT {"rate": ...} and returns the case with the rating set', async () => {
    const { result } = await expectAnswer((o) => o.cases.rate(CASE_ID, input), {
      returns: responseExample('rateCase').case,
      method: 'PUT',
      target: `/cases/${CASE_ID}/rate.json`,
      body: requestExample('rateCase'),
    });
    expect(result).toMatchObject({ rating: input.rating, rating_comment: input.rating_comment, rated_staff_id: input.rated_staff_id });
  });

  it('throws ValidationError for a rating outside low/middle/high, and without one', async () => {
    const bad = await rejection(sdk().cases.rate(CASE_ID, { rating: 'positive' as 'high' }), ValidationError);
    expect(bad.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'rate', 'rating'], code: 'enum' }));
    const none = await rejection(sdk().cases.rate(CASE_ID, { rating_comment: 'no rating' } as typeof input), ValidationError);
    expect(none.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'rate'], code: 'required' }));
  });

  declaredErrors(op, call);
});
