// Contract tests of the team through the SDK: groups (`omnidesk.groups`) and staff members
// (`omnidesk.staff`). Disabling or deleting either takes an optional replacement body.
import { ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { expectAnswer, expectViolation } from '../src/answers.js';
import { type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { pageOf, parameterExample, requestExample, responseExample, wholeListOf } from '../src/examples.js';

const GROUP_ID: number = parameterExample('getGroup', 'group_id');
const STAFF_ID: number = parameterExample('getStaff', 'staff_id');

covers('listGroups', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.groups.list({ page: 1, limit: 50 }, options);

  it('returns a page of groups { items, total }', () =>
    expectAnswer((o) => o.groups.list({ page: 2, limit: 50 }), {
      returns: pageOf(responseExample('listGroups', 'page'), 'group'),
      target: '/groups.json?page=2&limit=50',
    }));

  it('returns the empty page {"group": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for a page that is not an integer', () =>
    expectViolation(sdk().groups.list({ page: 1.5 }), { location: ['request', 'query', 'page'], code: 'type' }));

  declaredErrors(op, call);
});

covers('createGroup', (op) => {
  const input = requestExample('createGroup').group;
  const call = (o: Omnidesk, options?: RequestOptions) => o.groups.create(input, options);

  it('sends {"group": ...} and returns the created group', () =>
    expectAnswer((o) => o.groups.create(input), {
      returns: responseExample('createGroup').group,
      method: 'POST',
      target: '/groups.json',
      body: requestExample('createGroup'),
    }));

  it('throws ValidationError without group_title', () =>
    expectViolation(sdk().groups.create({ group_from_name: 'Support' } as typeof input), {
      location: ['request', 'body', 'group'],
      code: 'required',
    }));

  declaredErrors(op, call);
});

covers('getGroup', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.groups.get(GROUP_ID, options);

  it('returns the group unwrapped from {"group": ...}', () =>
    expectAnswer((o) => o.groups.get(GROUP_ID), {
      returns: responseExample('getGroup').group,
      target: `/groups/${GROUP_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('updateGroup', (op) => {
  const input = requestExample('updateGroup').group;
  const call = (o: Omnidesk, options?: RequestOptions) => o.groups.update(GROUP_ID, input, options);

  it('sends {"group": ...} and returns the updated group', () =>
    expectAnswer((o) => o.groups.update(GROUP_ID, input), {
      returns: responseExample('updateGroup').group,
      method: 'PUT',
      target: `/groups/${GROUP_ID}.json`,
      body: requestExample('updateGroup'),
    }));

  it('throws ValidationError for an empty title', () =>
    expectViolation(sdk().groups.update(GROUP_ID, { group_title: '' }), {
      location: ['request', 'body', 'group', 'group_title'],
      code: 'minLength',
    }));

  declaredErrors(op, call);
});

covers('deleteGroup', (op) => {
  const replacement = requestExample('deleteGroup').group;
  const call = (o: Omnidesk, options?: RequestOptions) => o.groups.delete(GROUP_ID, replacement, options);

  it('sends the replacement group wrapped in {"group": ...} and resolves to nothing (void)', () =>
    expectAnswer((o) => o.groups.delete(GROUP_ID, replacement), {
      returns: undefined,
      method: 'DELETE',
      target: `/groups/${GROUP_ID}.json`,
      body: requestExample('deleteGroup'),
    }));

  it('without a replacement (a group in use nowhere): the body is left out, as the spec allows', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.groups.delete(GROUP_ID)).toBeUndefined();
    expect(sent[0]!.body).toBe('');
  });

  it('throws ValidationError for a replacement id that is not an id', () =>
    expectViolation(sdk().groups.delete(GROUP_ID, { replace_group_id: 0 }), {
      location: ['request', 'body', 'group', 'replace_group_id'],
    }));

  declaredErrors(op, call);
});

covers('disableGroup', (op) => {
  const replacement = requestExample('disableGroup').group;
  const call = (o: Omnidesk, options?: RequestOptions) => o.groups.disable(GROUP_ID, replacement, options);

  it('sends the replacement group and returns the group, now inactive', () =>
    expectAnswer((o) => o.groups.disable(GROUP_ID, replacement), {
      returns: responseExample('disableGroup').group,
      state: { active: false },
      method: 'PUT',
      target: `/groups/${GROUP_ID}/disable.json`,
      body: requestExample('disableGroup'),
    }));

  it('without a replacement: the body is left out, as the spec allows', async () => {
    const { omnidesk, sent } = recording();
    await expect(omnidesk.groups.disable(GROUP_ID)).resolves.toMatchObject({ group_id: GROUP_ID });
    expect(sent[0]!.body).toBe('');
  });

  declaredErrors(op, call);
});

covers('enableGroup', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.groups.enable(GROUP_ID, options);

  it('returns the group, now active', () =>
    expectAnswer((o) => o.groups.enable(GROUP_ID), {
      returns: responseExample('enableGroup').group,
      state: { active: true },
      method: 'PUT',
      target: `/groups/${GROUP_ID}/enable.json`,
    }));

  declaredErrors(op, call);
});

covers('listStaff', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.list({ page: 1, limit: 50 }, options);

  it('returns a page of staff members { items, total }', () =>
    expectAnswer((o) => o.staff.list({ page: 2, limit: 50 }), {
      returns: pageOf(responseExample('listStaff', 'page'), 'staff'),
      target: '/staff.json?page=2&limit=50',
    }));

  it('returns the empty page {"staff": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  declaredErrors(op, call);
});

covers('createStaff', (op) => {
  const input = requestExample('createStaff').staff;
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.create(input, options);

  it('sends {"staff": ...} and returns the created staff member', () =>
    expectAnswer((o) => o.staff.create(input), {
      returns: responseExample('createStaff').staff,
      body: requestExample('createStaff'),
    }));

  it('throws ValidationError without staff_email and with a malformed one', async () => {
    const missing = await rejection(sdk().staff.create({ staff_full_name: 'Anna' } as typeof input), ValidationError);
    expect(missing.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'staff'], code: 'required' }));
    const malformed = await rejection(sdk().staff.create({ staff_email: 'anna at domain' }), ValidationError);
    expect(malformed.details).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'staff', 'staff_email'], code: 'format' }),
    );
  });

  declaredErrors(op, call);
});

covers('getStaff', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.get(STAFF_ID, options);

  it('returns the staff member unwrapped from {"staff": ...}', () =>
    expectAnswer((o) => o.staff.get(STAFF_ID), {
      returns: responseExample('getStaff').staff,
      target: `/staff/${STAFF_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('updateStaff', (op) => {
  const input = requestExample('updateStaff').staff;
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.update(STAFF_ID, input, options);

  it('sends {"staff": ...} and returns the updated staff member', () =>
    expectAnswer((o) => o.staff.update(STAFF_ID, input), {
      returns: responseExample('updateStaff').staff,
      body: requestExample('updateStaff'),
    }));

  declaredErrors(op, call);
});

covers('deleteStaff', (op) => {
  const replacement = requestExample('deleteStaff').staff;
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.delete(STAFF_ID, replacement, options);

  it('sends the replacement staff member wrapped in {"staff": ...} and resolves to nothing (void)', () =>
    expectAnswer((o) => o.staff.delete(STAFF_ID, replacement), {
      returns: undefined,
      method: 'DELETE',
      target: `/staff/${STAFF_ID}.json`,
      body: requestExample('deleteStaff'),
    }));

  it('without a replacement: the body is left out, as the spec allows', async () => {
    const { omnidesk, sent } = recording();
    expect(await omnidesk.staff.delete(STAFF_ID)).toBeUndefined();
    expect(sent[0]!.body).toBe('');
  });

  declaredErrors(op, call);
});

covers('disableStaff', (op) => {
  const replacement = requestExample('disableStaff').staff;
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.disable(STAFF_ID, replacement, options);

  it('sends the replacement staff member and returns the staff member, now inactive', () =>
    expectAnswer((o) => o.staff.disable(STAFF_ID, replacement), {
      returns: responseExample('disableStaff').staff,
      state: { active: false },
      body: requestExample('disableStaff'),
    }));

  it('without a replacement: the body is left out, as the spec allows', async () => {
    const { omnidesk, sent } = recording();
    await expect(omnidesk.staff.disable(STAFF_ID)).resolves.toMatchObject({ staff_id: STAFF_ID });
    expect(sent[0]!.body).toBe('');
  });

  it('throws ValidationError for a replacement given without its id', () =>
    expectViolation(sdk().staff.disable(STAFF_ID, {} as typeof replacement), { location: ['request', 'body', 'staff'], code: 'required' }));

  declaredErrors(op, call);
});

covers('enableStaff', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.enable(STAFF_ID, options);

  it('returns the staff member', () =>
    expectAnswer((o) => o.staff.enable(STAFF_ID), {
      returns: responseExample('enableStaff').staff,
      method: 'PUT',
      target: `/staff/${STAFF_ID}/enable.json`,
    }));

  declaredErrors(op, call);
});

covers('listStaffRoles', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.listRoles(options);

  it('returns the roles { items, total }, unwrapped from the plural staff_roles', async () => {
    const { omnidesk, sent } = recording();
    const roles = await omnidesk.staff.listRoles();
    expect(roles).toEqual(wholeListOf(responseExample('listStaffRoles'), 'staff_roles'));
    expect(roles.items.map((r) => r.role_id)).toEqual([3, 9]);
    expect(sent[0]).toMatchObject({ method: 'GET', target: '/staff_roles.json' });
  });

  declaredErrors(op, call);
});

covers('listStaffStatuses', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.staff.listStatuses(options);

  it('returns the statuses { items, total }, unwrapped from the plural staff_statuses', async () => {
    const statuses = await call(sdk());
    expect(statuses).toEqual(wholeListOf(responseExample('listStaffStatuses'), 'staff_statuses'));
    expect(statuses.items.find((s) => s.status_id === 113808)).toMatchObject({ active: false });
  });

  declaredErrors(op, call);
});
