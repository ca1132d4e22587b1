// @ts-check
// Replies to a case as a staff member: POST /cases/{case_id}/messages.json with {"message": {...}}.
import { NotFoundError } from '@omnidesk-openapi/client';
import { clientFromEnv } from './env.mjs';

const omnidesk = clientFromEnv();
const caseId = Number(process.argv[2] ?? 2000);
try {
  const message = await omnidesk.messages.create(caseId, { content: 'Thank you, we are on it.' });
  console.log(`message ${message.message_id} added to case ${caseId}`);
} catch (error) {
  if (error instanceof NotFoundError) console.error(`no case ${caseId} (${error.code})`);
  else throw error;
}
