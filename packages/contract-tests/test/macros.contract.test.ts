// Contract tests of the macros through the SDK (`omnidesk.macros`): the common and personal macros
// of the authenticated staff member, returned as the API sends them (not a numbered list).
import { expect, it } from 'vitest';
import { type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors } from '../src/errors.js';
import { responseExample } from '../src/examples.js';

covers('listMacros', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.macros.list(options);

  it('returns { common, personal } as sent: categories keyed or in an array, macros keyed by id', async () => {
    const { omnidesk, sent } = recording();
    const macros = await omnidesk.macros.list();
    expect(macros).toEqual(responseExample('listMacros', 'macros'));
    expect(sent[0]).toMatchObject({ method: 'GET', target: '/macros.json' });
    // The example's common macros: keyed by category, then by macro id; its actions in order.
    expect(macros).toMatchObject({
      common: { '0': { data: { '196529': { actions: [{ action_type: 'add_note' }, { action_type: 'group_id' }] } } } },
    });
    expect(Array.isArray(macros.personal)).toBe(true);
  });

  it('returns no macros as {"common": [], "personal": []}', async () => {
    expect(await call(sdk(), prefer('example=empty'))).toEqual({ common: [], personal: [] });
  });

  declaredErrors(op, call);
});
