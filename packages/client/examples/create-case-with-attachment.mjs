// @ts-check
// Opens a case with two attachments: a file from disk and bytes made in memory. The SDK sends
// multipart/form-data (case[subject], case[attachments][0], ...) and refuses files over 25 MB
// (50 MB a request) before sending anything.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachmentTooLargeError } from '@omnidesk-openapi/client';
import { fileFromPath } from '@omnidesk-openapi/client/node';
import { clientFromEnv } from './env.mjs';

const omnidesk = clientFromEnv();
const path = join(tmpdir(), 'omnidesk-example-log.txt');
writeFileSync(path, 'printer log: paper jam at tray 2\n');

try {
  const created = await omnidesk.cases.create({
    user_email: 'customer@example.com',
    subject: 'The printer jams',
    content: 'Log and a screenshot attached.',
    attachments: [await fileFromPath(path), { name: 'note.txt', data: 'made in memory', type: 'text/plain' }],
  });
  console.log(`created case ${created.case_id} (${created.case_number})`);
} catch (error) {
  if (error instanceof AttachmentTooLargeError) console.error(`not sent: ${error.message}`);
  else throw error;
}
