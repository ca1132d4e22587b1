// @ts-check
// Closes several cases in one call: PUT /cases/2000,2001,2002.json with {"case": {"status": "closed"}}.
// The answer lists the ids that succeeded; the SDK computes the ones that did not.
// (Prism, the mock, cannot route comma-joined ids; a single id works there: `bulk-close.mjs 2000`.)
import { clientFromEnv } from './env.mjs';

const omnidesk = clientFromEnv();
const ids = process.argv.slice(2).map(Number);
if (ids.length === 1) {
  const closed = await omnidesk.cases.update(ids[0] ?? 2000, { status: 'closed' });
  console.log(`case ${closed.case_id} is ${closed.status}`);
} else {
  const { succeeded, failed } = await omnidesk.cases.update(ids.length ? ids : [2000, 2001, 2002], { status: 'closed' });
  console.log(`closed: ${succeeded.join(', ') || 'none'}; not closed: ${failed.join(', ') || 'none'}`);
}
