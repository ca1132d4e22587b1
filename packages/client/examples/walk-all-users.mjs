// @ts-check
// Walks every user page by page (100 a page) and counts them by type. `maxItems` bounds the walk.
import { clientFromEnv } from './env.mjs';

const omnidesk = clientFromEnv({ rateLimit: { perMinute: 60 } });
const byType = new Map();
let n = 0;
for await (const user of omnidesk.users.listAll({}, { maxItems: 5000 })) {
  n++;
  const type = String(user.type ?? 'unknown');
  byType.set(type, (byType.get(type) ?? 0) + 1);
}
console.log(`${n} users`, Object.fromEntries(byType));
