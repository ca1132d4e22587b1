// @ts-check
// Lists open and waiting cases whose custom field cf_25 is "vip", newest page first.
// Sent as status[]=open&status[]=waiting&custom_fields[cf_25]=vip (PHP brackets).
import { parseOmnideskDate } from '@omnidesk-openapi/client';
import { clientFromEnv } from './env.mjs';

const omnidesk = clientFromEnv();
const { items, total } = await omnidesk.cases.list({ status: ['open', 'waiting'], custom_fields: { cf_25: 'vip' }, limit: 20 });
console.log(`${total} matching cases; the first ${items.length}:`);
for (const c of items) {
  const updated = parseOmnideskDate(c.updated_at);
  console.log(`#${c.case_id} [${c.status}] ${c.subject} (updated ${updated ? updated.toISOString() : 'never'})`);
}
