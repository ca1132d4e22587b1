// Contract tests of the people outside the team through the SDK: users (`omnidesk.users`) and
// companies (`omnidesk.companies`).
import { ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { expectAnswer, expectViolation } from '../src/answers.js';
import { jsonBody, type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { pageOf, parameterExample, queryExamples, requestExample, responseExample } from '../src/examples.js';

const USER_ID: number = parameterExample('getUser', 'user_id');
const COMPANY_ID: number = parameterExample('getCompany', 'company_id');

covers('listUsers', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.list({ page: 1, limit: 50 }, options);

  it('returns a page of users { items, total }, with every filter of the spec sent PHP-style', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.users.list(queryExamples('listUsers'))).toEqual(pageOf(responseExample('listUsers', 'page'), 'user'));
    expect(decodeURIComponent(sent[0]!.target)).toContain('custom_fields[cf_20]=data');
    expect(sent[0]!.url.searchParams.get('amount_of_cases')).toBe('true');
  });

  it('returns the empty page {"user": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for a language_id that is not an id, and for a bad custom field key', async () => {
    const lang = await rejection(sdk().users.list({ language_id: 0 }), ValidationError);
    expect(lang.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'language_id'] }));
    const cf = await rejection(sdk().users.list({ custom_fields: { color: 'red' } as never }), ValidationError);
    expect(cf.details).toContainEqual(expect.objectContaining({ code: 'propertyNames' }));
  });

  declaredErrors(op, call);
});

covers('createUser', (op) => {
  const input = requestExample('createUser', 'email').user;
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.create(input, options);

  it('sends {"user": ...} and returns the created user', () =>
    expectAnswer((o) => o.users.create(input), {
      returns: responseExample('createUser').user,
      method: 'POST',
      target: '/users.json',
      body: requestExample('createUser', 'email'),
    }));

  it.each(['telegram', 'customChannel'])('accepts the spec example "%s"', async (name) => {
    await expect(sdk().users.create(requestExample('createUser', name).user)).resolves.toMatchObject({ user_id: expect.any(Number) });
  });

  it('throws ValidationError for a user without any identity, and for a malformed e-mail', async () => {
    const none = await rejection(sdk().users.create({ user_full_name: 'Nobody' } as typeof input), ValidationError);
    expect(none.status).toBe(422);
    expect(none.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'user'] }));
    const email = await rejection(sdk().users.create({ ...input, user_email: 'not-an-address' }), ValidationError);
    expect(email.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'user', 'user_email'], code: 'format' }));
  });

  declaredErrors(op, call);
});

covers('getUser', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.get(USER_ID, options);

  it('returns the user unwrapped from {"user": ...}', () =>
    expectAnswer((o) => o.users.get(USER_ID), {
      returns: responseExample('getUser').user,
      target: `/users/${USER_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('updateUser', (op) => {
  const input = requestExample('updateUser').user;
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.update(USER_ID, input, options);

  it('sends {"user": ...} and returns the updated user', () =>
    expectAnswer((o) => o.users.update(USER_ID, input), {
      returns: responseExample('updateUser').user,
      method: 'PUT',
      target: `/users/${USER_ID}.json`,
      body: requestExample('updateUser'),
    }));

  it('throws ValidationError for an empty change', () =>
    expectViolation(sdk().users.update(USER_ID, {}), { location: ['request', 'body', 'user'], code: 'minProperties' }));

  declaredErrors(op, call);
});

covers('deleteUser', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.delete(USER_ID, options);

  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.users.delete(USER_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/users/${USER_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('disableUser', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.disable(USER_ID, options);

  it('returns the user, now deleted', () =>
    expectAnswer((o) => o.users.disable(USER_ID), {
      returns: responseExample('disableUser').user,
      state: { deleted: true },
      method: 'PUT',
      target: `/users/${USER_ID}/disable.json`,
    }));

  declaredErrors(op, call);
});

covers('blockUser', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.block(USER_ID, options);

  it('returns the user, now inactive', () =>
    expectAnswer((o) => o.users.block(USER_ID), {
      returns: responseExample('blockUser').user,
      state: { active: false },
      method: 'PUT',
      target: `/users/${USER_ID}/block.json`,
    }));

  declaredErrors(op, call);
});

covers('restoreUser', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.restore(USER_ID, options);

  it('returns the user, active and not deleted', () =>
    expectAnswer((o) => o.users.restore(USER_ID), {
      returns: responseExample('restoreUser').user,
      state: { active: true, deleted: false },
      method: 'PUT',
      target: `/users/${USER_ID}/restore.json`,
    }));

  declaredErrors(op, call);
});

covers('listCompanies', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.companies.list({ page: 1, limit: 50 }, options);

  it('returns a page of companies { items, total }, with every filter of the spec', async () => {
    const { omnidesk, sent } = recording();
    const query = queryExamples('listCompanies');
    expect(await omnidesk.companies.list(query)).toEqual(pageOf(responseExample('listCompanies', 'page'), 'company'));
    expect(sent[0]!.url.searchParams.get('company_name')).toBe(query.company_name);
  });

  it('returns the empty page {"company": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for limit=500', () =>
    expectViolation(sdk().companies.list({ limit: 500 }), { location: ['request', 'query', 'limit'], code: 'maximum' }));

  declaredErrors(op, call);
});

covers('createCompany', (op) => {
  const input = requestExample('createCompany').company;
  const call = (o: Omnidesk, options?: RequestOptions) => o.companies.create(input, options);

  it('sends {"company": ...} and returns the created company', () =>
    expectAnswer((o) => o.companies.create(input), {
      returns: responseExample('createCompany').company,
      body: requestExample('createCompany'),
    }));

  it('throws ValidationError without company_name', async () => {
    const { company_name: _name, ...rest } = input;
    const error = await rejection(sdk().companies.create(rest as typeof input), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'company'], code: 'required' }));
  });

  declaredErrors(op, call);
});

covers('getCompany', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.companies.get(COMPANY_ID, options);

  it('returns the company unwrapped from {"company": ...}', () =>
    expectAnswer((o) => o.companies.get(COMPANY_ID), {
      returns: responseExample('getCompany').company,
      target: `/companies/${COMPANY_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('updateCompany', (op) => {
  const input = requestExample('updateCompany', 'domains').company;
  const call = (o: Omnidesk, options?: RequestOptions) => o.companies.update(COMPANY_ID, input, options);

  it('sends {"company": ...} and returns the updated company', async () => {
    await expectAnswer((o) => o.companies.update(COMPANY_ID, input), {
      returns: responseExample('updateCompany').company,
      body: requestExample('updateCompany', 'domains'),
    });
    await expect(sdk().companies.update(COMPANY_ID, requestExample('updateCompany', 'users').company)).resolves.toMatchObject({
      company_id: COMPANY_ID,
    });
  });

  it('throws ValidationError for an empty change', () =>
    expectViolation(sdk().companies.update(COMPANY_ID, {}), { location: ['request', 'body', 'company'], code: 'minProperties' }));

  declaredErrors(op, call);
});

covers('deleteCompany', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.companies.delete(COMPANY_ID, options);

  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.companies.delete(COMPANY_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/companies/${COMPANY_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('disableCompany', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.companies.disable(COMPANY_ID, options);

  it('returns the company, now deleted', () =>
    expectAnswer((o) => o.companies.disable(COMPANY_ID), {
      returns: responseExample('disableCompany').company,
      state: { deleted: true },
      method: 'PUT',
      target: `/companies/${COMPANY_ID}/disable.json`,
    }));

  declaredErrors(op, call);
});

covers('blockCompany', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.companies.block(COMPANY_ID, options);

  it('returns the company, now inactive', () =>
    expectAnswer((o) => o.companies.block(COMPANY_ID), {
      returns: responseExample('blockCompany').company,
      state: { active: false },
      method: 'PUT',
      target: `/companies/${COMPANY_ID}/block.json`,
    }));

  declaredErrors(op, call);
});

covers('restoreCompany', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.companies.restore(COMPANY_ID, options);

  it('returns the company, active and not deleted', () =>
    expectAnswer((o) => o.companies.restore(COMPANY_ID), {
      returns: responseExample('restoreCompany').company,
      state: { active: true, deleted: false },
      method: 'PUT',
      target: `/companies/${COMPANY_ID}/restore.json`,
    }));

  declaredErrors(op, call);
});

covers('identifyUser', (op) => {
  const input = requestExample('identifyUser').user;
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.identify(input, options);

  it('sends POST {"user": ...} and returns the code as sent, {"code": ...}', () =>
    expectAnswer((o) => o.users.identify(input), {
      returns: responseExample('identifyUser'),
      method: 'POST',
      target: '/users/identification.json',
      body: requestExample('identifyUser'),
    }));

  it('throws ValidationError for a profile without any identity', () =>
    expectViolation(sdk().users.identify({ user_full_name: 'Nobody' } as typeof input), { location: ['request', 'body', 'user'] }));

  declaredErrors(op, call);
});

covers('linkUser', (op) => {
  const input = requestExample('linkUser', 'byId');
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.link(USER_ID, input, options);

  it('sends PUT with the other profile at the top level (no wrapper) and returns the user with it linked', async () => {
    const { result } = await expectAnswer((o) => o.users.link(USER_ID, input), {
      returns: responseExample('linkUser').user,
      method: 'PUT',
      target: `/users/${USER_ID}/link.json`,
      body: input,
    });
    expect(result.linked_users).toContain(input.user_id);
  });

  it('accepts the other profile by e-mail address', async () => {
    const { omnidesk, sent } = recording();
    await omnidesk.users.link(USER_ID, requestExample('linkUser', 'byEmail'));
    expect(jsonBody(sent[0])).toEqual(requestExample('linkUser', 'byEmail'));
  });

  it('throws ValidationError when the body names the profile twice, or not at all', async () => {
    await expectViolation(sdk().users.link(USER_ID, { user_id: 456, user_email: 'semenov.a@gmail.com' } as typeof input), {
      location: ['request', 'body'],
    });
    await expectViolation(sdk().users.link(USER_ID, {} as typeof input), { location: ['request', 'body'] });
  });

  declaredErrors(op, call);
});

covers('unlinkUser', (op) => {
  const input = requestExample('unlinkUser');
  const call = (o: Omnidesk, options?: RequestOptions) => o.users.unlink(USER_ID, input, options);

  it('sends PUT {"user_id": ...} at the top level and returns the user without that link', async () => {
    const { result } = await expectAnswer((o) => o.users.unlink(USER_ID, input), {
      returns: responseExample('unlinkUser').user,
      method: 'PUT',
      target: `/users/${USER_ID}/unlink.json`,
      body: input,
    });
    expect(result.linked_users).not.toContain(input.user_id);
  });

  it('throws ValidationError without user_id', () =>
    expectViolation(sdk().users.unlink(USER_ID, {} as typeof input), { location: ['request', 'body'], code: 'required' }));

  declaredErrors(op, call);
});
