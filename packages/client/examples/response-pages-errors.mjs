// @ts-check
// One call's answer, a page object, and errors switched on by kind.
import { isOmnideskError } from '@omnidesk-openapi/client';
import { clientFromEnv } from './env.mjs';

const omnidesk = clientFromEnv();

// .withResponse(): this call's data, Response and rate-limit headers (concurrent calls each get their own).
const { data, response, rateLimit } = await omnidesk.cases.list({ limit: 2 }).withResponse();
console.log(`${data.total} cases (HTTP ${response.status}, calls left ${rateLimit?.callsLeft ?? '?'})`);

// A page knows whether another follows, and fetches it with the same query.
console.log(`first page: ${data.items.map((c) => c.case_id).join(', ')}`);
if (data.hasNextPage()) {
  const next = await data.getNextPage();
  console.log(`next page: ${next.items.map((c) => c.case_id).join(', ')}`);
}

// A capped walk into an array.
const users = await omnidesk.users.listAll().toArray({ max: 3 });
console.log(`users: ${users.map((u) => u.user_id).join(', ')}`);

// Errors: one switch over `kind`, each case typed as its class.
try {
  await omnidesk.cases.get(-1); // not an id: refused before sending
} catch (error) {
  if (!isOmnideskError(error)) throw error;
  switch (error.kind) {
    case 'not_found':
      console.log('no such case');
      break;
    case 'rate_limit':
      console.log(`retry in ${error.retryAfter ?? '?'} s`);
      break;
    case 'invalid_request':
      console.log(`refused before sending: ${error.message}`);
      break;
    default:
      throw error;
  }
}
