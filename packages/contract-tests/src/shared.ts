// Tests several operations share: the bulk form of the case actions (comma-joined ids), and the
// files a multipart call sends.
import { ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { type Omnidesk, type RequestOptions, recording, sdk } from './client.js';
import { rejection } from './errors.js';
import { parameterExample, responseExample, type SuccessBody } from './examples.js';

/** The case actions that take one id or several: their answer is the case, or a BulkResult. */
export type BulkOperationId = 'trashCases' | 'spamCases' | 'restoreCases' | 'updateCases';

/** The ids a named bulk example lists as succeeded (`bulkPartial` → its `case_success_id`). */
export function bulkSucceeded(operationId: BulkOperationId, example: string): number[] {
  const body: SuccessBody<BulkOperationId> = responseExample(operationId, example);
  if (!('case_success_id' in body)) throw new Error(`examples: ${operationId} ${example} is not a bulk answer`);
  return body.case_success_id;
}

type BulkCall = (omnidesk: Omnidesk, ids: number[], options?: RequestOptions) => Promise<unknown>;

/**
 * An action on several ids (`PUT /cases/2000,2001,2002/trash.json`): raw commas in the path,
 * `{ succeeded, failed }` computed from `case_success_id` against the ids sent, the array of one
 * id, and an id the spec forbids, located by the mock.
 */
export function bulkActionTests(operationId: BulkOperationId, call: BulkCall): void {
  const ids = parameterExample(operationId, 'case_id');

  it('with several ids: raw commas in the path, all of them succeeded', async () => {
    const { omnidesk, sent } = recording();
    expect(await call(omnidesk, ids, { headers: { Prefer: 'example=bulk' } })).toEqual({ succeeded: ids, failed: [] });
    expect(sent[0]!.method).toBe('PUT');
    expect(sent[0]!.target).toMatch(new RegExp(`^/cases/${ids.join(',')}(/[a-z]+)?\\.json$`));
  });

  it('with several ids: the ids the answer leaves out are failed', async () => {
    const listed = bulkSucceeded(operationId, 'bulkPartial');
    expect(await call(sdk(), ids, { headers: { Prefer: 'example=bulkPartial' } })).toEqual({
      succeeded: ids.filter((id) => listed.includes(id)),
      failed: ids.filter((id) => !listed.includes(id)),
    });
  });

  it('with an array of one id: the entity answer means it succeeded', async () => {
    const { omnidesk, sent } = recording();
    expect(await call(omnidesk, [ids[0]!], { headers: { Prefer: 'example=single' } })).toEqual({ succeeded: [ids[0]], failed: [] });
    expect(sent[0]!.target).toMatch(new RegExp(`^/cases/${ids[0]}(/[a-z]+)?\\.json$`));
  });

  it('throws ValidationError naming the position of an id the spec forbids (0)', async () => {
    const error = await rejection(call(sdk(), [ids[0]!, 0]), ValidationError);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'path', 'case_id', '1'], code: 'minimum' }));
  });
}

// A real 1x1 PNG (67 bytes).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const TEXT = 'Order 5531: the parcel arrived damaged.\n';

export const multipartFiles = {
  /** What a user passes: bytes with a name and type, a bare Blob, a File. */
  inputs: () => [
    { name: 'photo.png', data: PNG, type: 'image/png' },
    new Blob([TEXT], { type: 'text/plain' }),
    new File(['{"order":5531}'], 'order.json', { type: 'application/json' }),
  ],
};

/** The files arrived as `<envelope>[attachments][0..2]`, with their names, types and bytes. */
export async function expectFiles(form: FormData, envelope: string): Promise<void> {
  const entries = [0, 1, 2].map((i) => form.get(`${envelope}[attachments][${i}]`));
  // Each is a file part (a File, with its name), not a text field.
  for (const entry of entries) expect(entry).toBeInstanceOf(File);
  const [png, text, json] = entries.filter((entry) => entry instanceof File);
  expect(png).toMatchObject({ name: 'photo.png', type: 'image/png', size: PNG.length });
  expect(Buffer.from(await png!.arrayBuffer()).equals(PNG)).toBe(true);
  expect(text!.name).toMatch(/\S/);
  expect(await text!.text()).toBe(TEXT);
  expect(json).toMatchObject({ name: 'order.json', type: 'application/json' });
  expect(await json!.text()).toBe('{"order":5531}');
  expect(form.has(`${envelope}[attachments][3]`)).toBe(false);
}
