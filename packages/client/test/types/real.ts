// Compile-time checks over the real generated types (the bundled spec, not the fixture), run by
// test/generator.test.ts with tsc: each `@ts-expect-error` must meet an error, every other line
// must compile. The named types are what the methods take and give, so a hover reads `OmnideskPromise<Case>`.
import type {
  Case,
  CaseCreateParams,
  CaseListQuery,
  CasesResource,
  Company,
  KbArticle,
  Label,
  LabelCreateParams,
  ListPage,
  OmnideskPromise,
  User,
  UserCreateParams,
  UserListQuery,
  WithResponse,
} from '../../src/index.js';
import { createOmnideskClient } from '../../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Equal<A, B>) => ok;

const c = createOmnideskClient({ baseUrl: 'http://127.0.0.1:4010', email: 'a@example.com', apiKey: 'k' });

// The signatures are written with the named types.
same<ReturnType<CasesResource['get']>, OmnideskPromise<Case>>(true);
same<Parameters<CasesResource['create']>[0], CaseCreateParams>(true);
same<Parameters<CasesResource['list']>[0], CaseListQuery | undefined>(true);
same<ReturnType<typeof c.users.list>, OmnideskPromise<ListPage<User>>>(true);
same<Awaited<ReturnType<typeof c.companies.get>>, Company>(true);
same<Awaited<ReturnType<typeof c.kbArticles.get>>, KbArticle>(true);
same<Awaited<ReturnType<typeof c.labels.create>>, Label>(true);
// @ts-expect-error: a case is not a user
same<Awaited<ReturnType<typeof c.cases.get>>, User>(true);

export async function checks() {
  // .withResponse(): this call's data, Response and rate-limit headers, typed.
  const { data, response, rateLimit } = await c.cases.get(2000).withResponse();
  same<typeof data, Case>(true);
  same<Awaited<ReturnType<ReturnType<typeof c.users.list>['withResponse']>>, WithResponse<ListPage<User>>>(true);
  const left: number | undefined = rateLimit?.callsLeft;
  const code: number = response.status;
  // @ts-expect-error: data is the case (its subject a string)
  const wrong: number = data.subject;
  void left, code, wrong;

  // Entities: fields and enums from the spec.
  const found: Case = await c.cases.get(2000);
  const status: 'open' | 'waiting' | 'closed' = found.status;
  // @ts-expect-error: subject is a string
  const subject: number = found.subject;
  void subject;
  // @ts-expect-error: a string id
  await c.cases.get('2000');
  // @ts-expect-error: a string id on a bulk action
  await c.cases.trash(['2000']);
  void status;

  // Queries.
  const q: CaseListQuery = { status: ['open'], limit: 50 };
  await c.cases.list(q);
  // @ts-expect-error: a wrong enum value
  await c.cases.list({ status: ['pending'] });
  // @ts-expect-error: a misspelled query parameter
  await c.cases.list({ limt: 50 });
  const uq: UserListQuery = { user_email: 'a@example.com' };
  await c.users.list(uq);
  // @ts-expect-error: a string where the spec says integer
  await c.users.list({ company_id: '5' });

  // Inputs.
  const input: CaseCreateParams = { user_email: 'c@example.com', subject: 'Help', content: 'It broke', priority: 'high' };
  await c.cases.create(input);
  // @ts-expect-error: a wrong enum value
  await c.cases.create({ user_email: 'c@example.com', subject: 'Help', content: 'It broke', priority: 'urgent' });
  // @ts-expect-error: a misspelled field
  await c.cases.create({ user_email: 'c@example.com', subjct: 'Help', content: 'It broke' });
  // @ts-expect-error: a missing required field (subject)
  await c.cases.create({ user_email: 'c@example.com', content: 'It broke' });
  // @ts-expect-error: a missing required field (no user_email, user_phone...)
  const nobody: UserCreateParams = { user_full_name: 'Nobody' };
  const label: LabelCreateParams = { label_title: 'vip' };
  await c.labels.create(label);
  // @ts-expect-error: a missing required field
  await c.labels.create({});
  void nobody;

  // Walkers only where the list has pages.
  for await (const u of c.users.listAll({}, { maxItems: 5 })) void u.user_id;
  // @ts-expect-error: languages have no pages, so no languagesAll
  void c.languages.listAll;
  // @ts-expect-error: filters have no pages
  void c.filters.listAll;

  // Options.
  await c.cases.get(2000, { timeout: 1000, maxRetries: 1 });
  // @ts-expect-error: an unknown option
  await c.cases.get(2000, { retries: 1 });
  // @ts-expect-error: an unknown client option
  createOmnideskClient({ baseUrl: 'http://127.0.0.1:4010', email: 'a@example.com', apiKey: 'k', retry: 3 });
}
