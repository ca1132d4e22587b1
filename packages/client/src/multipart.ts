import { AttachmentTooLargeError, InvalidRequestError, kindOf } from './errors.js';
import { flattenBrackets, scalarText } from './query.js';

/** Omnidesk's limits: 25 MB a file, 50 MB a request. */
export const ATTACHMENT_LIMITS = { perFile: 25 * 1024 * 1024, perRequest: 50 * 1024 * 1024 } as const;

/** A file to attach: a Blob or File, bytes (Buffer, Uint8Array, ArrayBuffer), or bytes with a name. */
export type Attachment = Blob | ArrayBuffer | Uint8Array | { name: string; data: Blob | ArrayBuffer | Uint8Array | string; type?: string };

interface NamedBlob {
  name: string;
  blob: Blob;
}

function toBlob(data: unknown, type: string | undefined, index: number): Blob {
  if (data instanceof Blob) return type && !data.type ? new Blob([data], { type }) : data;
  // A view's own bytes (a Buffer slice, a DataView), copied into a fresh ArrayBuffer: Blob wants
  // ArrayBuffer, not SharedArrayBuffer.
  const bytes =
    typeof data === 'string' || data instanceof ArrayBuffer
      ? data
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
        : undefined;
  if (bytes === undefined) {
    throw new InvalidRequestError(
      `attachments[${index}].data: expected a Blob, Buffer, Uint8Array, ArrayBuffer or string, got ${kindOf(data)}`,
    );
  }
  return new Blob([bytes], type ? { type } : {});
}

export function normalizeAttachment(value: Attachment, index: number): NamedBlob {
  const fallback = `attachment-${index}`;
  if (typeof File !== 'undefined' && value instanceof File) return { name: value.name || fallback, blob: value };
  if (value instanceof Blob) return { name: fallback, blob: value };
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return { name: fallback, blob: toBlob(value, undefined, index) };
  if (value && typeof value === 'object' && 'data' in value) {
    if (typeof value.name !== 'string' || value.name === '') {
      throw new InvalidRequestError(`attachments[${index}]: \`name\` must be a non-empty string`);
    }
    return { name: value.name, blob: toBlob(value.data, value.type, index) };
  }
  throw new InvalidRequestError(
    `attachments[${index}]: expected a Blob, File, Buffer, Uint8Array, ArrayBuffer or { name, data }, got ${kindOf(value)}`,
  );
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The multipart body for `{ [envelope]: input }`: bracket names as the spec names them
 * (`case[subject]`, `case[custom_fields][cf_44]`, `case[labels][0]`, `case[attachments][0]`),
 * after checking Omnidesk's size limits, so that nothing is sent when a file is too large.
 * `input.attachments`, when given, is an array (the caller checks).
 */
export function buildMultipart(envelope: string, input: Record<string, unknown>): FormData {
  const { attachments, ...fields } = input;
  const files = ((attachments as Attachment[] | undefined) ?? []).map(normalizeAttachment);
  // Each value as in a query (booleans `true`/`false`: the spec types these fields boolean, whose
  // form text is that; no source shows a boolean in an Omnidesk form, so this is an assumption).
  const texts = flattenBrackets({ [envelope]: fields }, true, String, '').map(([name, value]): [string, string] => [
    name,
    scalarText(value, name),
  ]);

  // Counted as on the wire: each part adds its boundary line and headers (at most 128 bytes with
  // any runtime's boundary, plus its name, file name and type).
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  let total = 0;
  for (const [k, v] of texts) total += 128 + bytes(k + v);
  for (const file of files) {
    total += 128 + bytes(envelope + file.name + file.blob.type) + 30;
    if (file.blob.size > ATTACHMENT_LIMITS.perFile) {
      throw new AttachmentTooLargeError(
        `attachment "${file.name}" is ${mb(file.blob.size)}, over Omnidesk's limit of ${mb(ATTACHMENT_LIMITS.perFile)} a file`,
        { fileName: file.name, size: file.blob.size, limit: ATTACHMENT_LIMITS.perFile },
      );
    }
    total += file.blob.size;
  }
  if (total > ATTACHMENT_LIMITS.perRequest) {
    throw new AttachmentTooLargeError(
      `attachments total ${mb(total)} (${files.map((f) => `"${f.name}" ${mb(f.blob.size)}`).join(', ')}), over Omnidesk's limit of ${mb(ATTACHMENT_LIMITS.perRequest)} a request`,
      { fileName: undefined, size: total, limit: ATTACHMENT_LIMITS.perRequest },
    );
  }
  const form = new FormData();
  for (const [k, v] of texts) form.append(k, v);
  for (const [i, file] of files.entries()) form.append(`${envelope}[attachments][${i}]`, file.blob, file.name);
  return form;
}
