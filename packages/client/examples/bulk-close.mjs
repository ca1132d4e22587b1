// @ts-check
// Closes several cases in one call: PUT /cases/2000,2001,2002.json with {"case": {"status": "closed"}}.
// The ids are joined by commas in the path; the answer lists the ids that succeeded, and the SDK
// computes the ones that did not. Works against the mock too (`pnpm mock`: its patched Prism
// routes comma-joined ids). Usage: `node bulk-close.mjs [id ...]` (2000 2001 2002 by default).
import { clientFromEnv } from './env.mjs';

const omnidesk = clientFromEnv();
const args = process.argv.slice(2).map(Number);
// An array, even of one id, gives the bulk outcome ({ succeeded, failed }).
const { succeeded, failed } = await omnidesk.cases.update(args.length ? args : [2000, 2001, 2002], { status: 'closed' });
console.log(`closed: ${succeeded.join(', ') || 'none'}; not closed: ${failed.join(', ') || 'none'}`);
