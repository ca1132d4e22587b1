/// <reference types="node" />
// Node-only helpers, on their own entry point (`@omnidesk-openapi/client/node`) so that the
// default entry stays free of Node imports (browsers, Deno, Bun, edge runtimes).
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidRequestError } from './errors.js';
import type { Attachment } from './multipart.js';

/**
 * An attachment from a file on disk, read lazily when the request is sent. Its size is known
 * at once, so the SDK's 25 MB / 50 MB checks run before anything is read or sent.
 */
export async function fileFromPath(path: string, options: { name?: string; type?: string } = {}): Promise<Attachment> {
  const info = await stat(path);
  if (!info.isFile()) throw new InvalidRequestError(`fileFromPath: ${path} is not a file`);
  const blob = await openAsBlob(path, options.type ? { type: options.type } : undefined);
  return { name: options.name ?? basename(path), data: blob, ...(options.type ? { type: options.type } : {}) };
}
