import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentTooLargeError, InvalidRequestError } from '../src/errors.js';
import { createOmnideskClient } from '../src/index.js';
import { ATTACHMENT_LIMITS } from '../src/multipart.js';
import { fileFromPath } from '../src/node.js';
import { json, miniClient, scriptedFetch } from './util.js';

const CASE = { case: { case_id: 2000, subject: 's', status: 'open' } };
const MB = 1024 * 1024;
const bigBlob = (size: number) => new Blob([new Uint8Array(size)]);

describe('multipart create', () => {
  it('builds FormData with the bracket names from every attachment kind', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    const result = await miniClient(fetch).cases.create({
      subject: 'Printer',
      content: 'It jams',
      user_email: 'u@x.ru',
      labels: [101, 102],
      custom_fields: { cf_44: '3', cf_45: true },
      attachments: [
        new File(['file body'], 'report.txt', { type: 'text/plain' }),
        new Blob(['blob body']),
        Buffer.from('buffer body'),
        new TextEncoder().encode('bytes body'),
        { name: 'named.csv', data: 'a,b', type: 'text/csv' },
      ],
    });
    expect(result).toEqual(CASE.case);
    const { form, headers } = seen[0]!;
    expect(headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const fields = [...form!.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : (v as File).name]);
    expect(fields).toEqual([
      ['case[subject]', 'Printer'],
      ['case[content]', 'It jams'],
      ['case[user_email]', 'u@x.ru'],
      ['case[labels][0]', '101'],
      ['case[labels][1]', '102'],
      ['case[custom_fields][cf_44]', '3'],
      ['case[custom_fields][cf_45]', 'true'],
      ['case[attachments][0]', 'report.txt'],
      ['case[attachments][1]', 'attachment-1'],
      ['case[attachments][2]', 'attachment-2'],
      ['case[attachments][3]', 'attachment-3'],
      ['case[attachments][4]', 'named.csv'],
    ]);
    expect(await (form!.get('case[attachments][2]') as File).text()).toBe('buffer body');
    expect((form!.get('case[attachments][4]') as File).type).toBe('text/csv');
  });

  it('without attachments the same call sends JSON', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    await miniClient(fetch).cases.create({ subject: 's', content: 'c', user_email: 'u@x.ru', attachments: [] });
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ case: { subject: 's', content: 'c', user_email: 'u@x.ru' } });
  });

  it('a message gets message[...] names and the case id in the path', async () => {
    const { fetch, seen } = scriptedFetch(json({ message: { message_id: 1 } }, 201));
    await miniClient(fetch).messages.create(2000, { content: 'Hi', attachments: [{ name: 'a.png', data: new Uint8Array([1, 2]) }] });
    expect(seen[0]!.target).toBe('/api/cases/2000/messages.json');
    expect([...seen[0]!.form!.keys()]).toEqual(['message[content]', 'message[attachments][0]']);
  });

  it('arrays anywhere in the form get indexed names, as the spec names them', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    await miniClient(fetch).cases.create({
      subject: 's',
      content: 'c',
      user_email: 'u',
      labels: [7],
      custom_fields: { cf_9: ['a', 'b'] },
      attachments: [new Blob(['x'])],
    } as never);
    expect([...seen[0]!.form!.keys()]).toEqual([
      'case[subject]',
      'case[content]',
      'case[user_email]',
      'case[labels][0]',
      'case[custom_fields][cf_9][0]',
      'case[custom_fields][cf_9][1]',
      'case[attachments][0]',
    ]);
  });

  it("notes.create with files uses the multipart form's own wrapper (note[...]), not the JSON one (message)", async () => {
    const { fetch, seen } = scriptedFetch(json({ message: { message_id: 9 } }, 201));
    const omnidesk = createOmnideskClient({ baseUrl: 'https://acme.omnidesk.ru/api', email: 'a@b.c', apiKey: 'k', fetch });
    await omnidesk.notes.create(2000, { content: 'Internal', attachments: [{ name: 'a.txt', data: 'x' }] });
    expect(seen[0]!.target).toBe('/api/cases/2000/note.json');
    expect([...seen[0]!.form!.keys()]).toEqual(['note[content]', 'note[attachments][0]']);
    // Without files, the JSON body keeps its wrapper.
    await omnidesk.notes.create(2000, { content: 'Internal' });
    expect(JSON.parse(seen[1]!.body)).toEqual({ message: { content: 'Internal' } });
  });

  it('a file over 25 MB: typed error naming the file and sizes, nothing sent', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    const error = await miniClient(fetch)
      .cases.create({
        subject: 's',
        content: 'c',
        user_email: 'u',
        attachments: [bigBlob(MB), { name: 'video.mp4', data: bigBlob(25 * MB + 1) }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentTooLargeError);
    expect(error).toMatchObject({ fileName: 'video.mp4', size: 25 * MB + 1, limit: ATTACHMENT_LIMITS.perFile });
    expect((error as Error).message).toBe('attachment "video.mp4" is 25.0 MB, over Omnidesk\'s limit of 25.0 MB a file');
    expect(seen).toHaveLength(0);
  });

  it('files under 25 MB each but over 50 MB together: typed error listing them, nothing sent', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    const error = await miniClient(fetch)
      .cases.create({
        subject: 's',
        content: 'c',
        user_email: 'u',
        attachments: [
          { name: 'a.bin', data: bigBlob(20 * MB) },
          { name: 'b.bin', data: bigBlob(20 * MB) },
          { name: 'c.bin', data: bigBlob(11 * MB) },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentTooLargeError);
    expect(error).toMatchObject({ fileName: undefined, limit: ATTACHMENT_LIMITS.perRequest });
    expect((error as AttachmentTooLargeError).size).toBeGreaterThan(51 * MB);
    expect((error as Error).message).toMatch(
      /"a\.bin" 20\.0 MB, "b\.bin" 20\.0 MB, "c\.bin" 11\.0 MB\), over Omnidesk's limit of 50\.0 MB a request/,
    );
    expect(seen).toHaveLength(0);
  });

  it('exactly 25 MB is allowed', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    await miniClient(fetch).cases.create({
      subject: 's',
      content: 'c',
      user_email: 'u',
      attachments: [{ name: 'edge.bin', data: bigBlob(25 * MB) }],
    });
    expect((seen[0]!.form!.get('case[attachments][0]') as File).size).toBe(25 * MB);
  });

  it('an attachment of the wrong kind, or attachments on an operation without files, is refused', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    const client = miniClient(fetch);
    await expect(client.cases.create({ subject: 's', content: 'c', user_email: 'u', attachments: [42 as never] })).rejects.toThrow(
      new InvalidRequestError('attachments[0]: expected a Blob, File, Buffer, Uint8Array, ArrayBuffer or { name, data }, got number'),
    );
    await expect(client.cases.update(1, { attachments: [new Blob(['x'])] } as never)).rejects.toThrow(
      /cases\.update: this operation takes no attachments/,
    );
    expect(seen).toHaveLength(0);
  });

  it('attachments that are not an array are refused, not silently dropped from the JSON body', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    await expect(
      miniClient(fetch).cases.create({ subject: 's', content: 'c', user_email: 'u', attachments: new Blob(['x']) as never }),
    ).rejects.toThrow(new InvalidRequestError('cases.create: attachments must be an array, got object'));
    expect(seen).toHaveLength(0);
  });

  it('{ name, data } with data that is not a file is refused, naming it (not sent as zero bytes)', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    const client = miniClient(fetch);
    for (const [data, got] of [
      [1024, 'number'],
      [null, 'null'],
      [{}, 'object'],
      [undefined, 'undefined'],
    ] as const) {
      await expect(
        client.cases.create({ subject: 's', content: 'c', user_email: 'u', attachments: [{ name: 'a.bin', data: data as never }] }),
      ).rejects.toThrow(
        new InvalidRequestError(`attachments[0].data: expected a Blob, Buffer, Uint8Array, ArrayBuffer or string, got ${got}`),
      );
    }
    expect(seen).toHaveLength(0);
  });

  it('sends the bytes of any view (a Buffer slice, a DataView, a Uint16Array), not its element values', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    const bytes = new Uint8Array([0, 1, 2, 3, 250, 251, 252, 253]);
    await miniClient(fetch).cases.create({
      subject: 's',
      content: 'c',
      user_email: 'u',
      attachments: [
        Buffer.from(bytes.buffer, 2, 3),
        new DataView(bytes.buffer, 4, 2) as never,
        { name: 'w.bin', data: new Uint16Array([0x0201]) as never },
      ],
    });
    const sent = async (i: number) => [...new Uint8Array(await (seen[0]!.form!.get(`case[attachments][${i}]`) as File).arrayBuffer())];
    expect(await sent(0)).toEqual([2, 3, 250]);
    expect(await sent(1)).toEqual([250, 251]);
    expect(await sent(2)).toEqual([1, 2]);
  });

  it('refuses an invalid Date, a non-finite number or an empty array in a form field, naming it', async () => {
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    const client = miniClient(fetch);
    const withFile = (extra: object) => ({ subject: 's', content: 'c', user_email: 'u', attachments: [new Blob(['x'])], ...extra });
    await expect(client.cases.create(withFile({ custom_fields: { cf_1: new Date('nope') } }) as never)).rejects.toThrow(
      new InvalidRequestError('case[custom_fields][cf_1]: cannot send an invalid Date'),
    );
    await expect(client.cases.create(withFile({ labels: [NaN] }) as never)).rejects.toThrow(
      new InvalidRequestError('case[labels][0]: cannot send NaN'),
    );
    await expect(client.cases.create(withFile({ labels: [] }) as never)).rejects.toThrow(
      new InvalidRequestError('case[labels]: cannot send an empty array (leave the key out)'),
    );
    expect(seen).toHaveLength(0);
  });
});

describe('fileFromPath (Node entry)', () => {
  it('reads a file lazily with its name, and the size check sees its real size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnidesk-'));
    const path = join(dir, 'invoice.pdf');
    writeFileSync(path, 'PDF-1.7 body');
    const attachment = await fileFromPath(path, { type: 'application/pdf' });
    const { fetch, seen } = scriptedFetch(json(CASE, 201));
    await miniClient(fetch).cases.create({ subject: 's', content: 'c', user_email: 'u', attachments: [attachment] });
    const file = seen[0]!.form!.get('case[attachments][0]') as File;
    expect(file.name).toBe('invoice.pdf');
    expect(file.type).toBe('application/pdf');
    expect(await file.text()).toBe('PDF-1.7 body');
    await expect(fileFromPath(dir)).rejects.toThrow(/is not a file/);
  });
});
