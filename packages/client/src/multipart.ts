import { AttachmentTooLargeError, InvalidRequestError } from './errors.js';

/** Omnidesk's limits: 25 MB a file, 50 MB a request. */
export const ATTACHMENT_LIMITS = { perFile: 25 * 1024 * 1024, perRequest: 50 * 1024 * 1024 } as const;

/** A file to attach: a Blob or File, bytes (Buffer, Uint8Array, ArrayBuffer), or bytes with a name. */
export type Attachment =
  | Blob
  | ArrayBuffer
  | Uint8Array
  | { name: string; data: Blob | ArrayBuffer | Uint8Array | string; type?: string };

interface NamedBlob {
  name: string;
  blob: Blob;
}

function toBlob(data: Blob | ArrayBuffer | Uint8Array | string, type?: string): Blob {
  if (data instanceof Blob) return type && !data.type ? new Blob([data], { type }) : data;
  // Copy views into a fresh ArrayBuffer-backed array: Blob wants ArrayBuffer, not SharedArrayBuffer.
  const bytes = typeof data === 'string' ? data : data instanceof ArrayBuffer ? data : new Uint8Array(data);
  return new Blob([bytes], type ? { type } : {});
}

export function normalizeAttachment(value: Attachment, index: number): NamedBlob {
  const fallback = `attachment-${index}`;
  if (typeof File !== 'undefined' && value instanceof File) return { name: value.name || fallback, blob: value };
  if (value instanceof Blob) return { name: fallback, blob: value };
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return { name: fallback, blob: toBlob(value as Uint8Array) };
  if (value && typeof value === 'object' && 'data' in value) {
    if (typeof value.name !== 'string' || value.name === '') {
      throw new InvalidRequestError(`attachments[${index}]: \`name\` must be a non-empty string`);
    }
    return { name: value.name, blob: toBlob(value.data, value.type) };
  }
  throw new InvalidRequestError(
    `attachments[${index}]: expected a Blob, File, Buffer, Uint8Array, ArrayBuffer or { name, data }, got ${value === null ? 'null' : typeof value}`,
  );
}

function fieldText(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // PHP form convention (http_build_query): true → 1, false → 0.
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return String(Math.floor(value.getTime() / 1000));
  throw new InvalidRequestError(`${name}: cannot send a ${typeof value} in a form`);
}

function flatten(name: string, value: unknown, out: [string, string][]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(`${name}[${i}]`, item, out));
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) flatten(`${name}[${k}]`, v, out);
  } else {
    out.push([name, fieldText(value, name)]);
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The multipart body for `{ [envelope]: input }`: bracket names as the spec names them
 * (`case[subject]`, `case[custom_fields][cf_44]`, `case[labels][0]`, `case[attachments][0]`),
 * after checking Omnidesk's size limits, so that nothing is sent when a file is too large.
 */
export function buildMultipart(envelope: string, input: Record<string, unknown>): FormData {
  const { attachments, ...fields } = input;
  if (attachments !== undefined && !Array.isArray(attachments)) {
    throw new InvalidRequestError('attachments: expected an array');
  }
  const files = ((attachments as Attachment[] | undefined) ?? []).map(normalizeAttachment);
  const texts: [string, string][] = [];
  for (const [k, v] of Object.entries(fields)) flatten(`${envelope}[${k}]`, v, texts);

  let total = 0;
  for (const [k, v] of texts) total += new TextEncoder().encode(k + v).length;
  for (const file of files) {
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
      { size: total, limit: ATTACHMENT_LIMITS.perRequest },
    );
  }
  const form = new FormData();
  for (const [k, v] of texts) form.append(k, v);
  files.forEach((file, i) => form.append(`${envelope}[attachments][${i}]`, file.blob, file.name));
  return form;
}
