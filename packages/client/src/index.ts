export { createOmnideskClient, type OmnideskClient, type OmnideskClientOptions } from './client.js';
export {
  AbortError,
  type AnyOmnideskError,
  AttachmentTooLargeError,
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  InvalidResponseError,
  isOmnideskError,
  NotFoundError,
  OmnideskError,
  type OmnideskErrorKind,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedStatusError,
  ValidationError,
} from './errors.js';
export type { components, operations, paths } from './generated/schema.js';
// The named types of every entity, input and query (`Case`, `CaseCreateParams`, `CaseListQuery`),
// and the resource interfaces (`CasesResource`): generated from the spec.
export type * from './generated/sdk.js';
export { endsWith, exact, parseOmnideskDate, startsWith, toUnixTime } from './helpers.js';
export type { LogLevel, LogMethod } from './log.js';
export { ATTACHMENT_LIMITS, type Attachment } from './multipart.js';
export { normalizeList, type Page, type PaginateOptions, paginate } from './pagination.js';
export { serializeQuery } from './query.js';
export { memoryStore, type RateLimitOptions, type RateLimitState, type RateLimitStore } from './rate-limit.js';
export type { BulkOutcome, ListAllOptions, ListPage, ListWalker, OmnideskPromise, RequestOptions, WithResponse } from './runtime.js';
export type { FetchLike, Logger } from './transport.js';
export { ResponseValidationError } from './validate-error.js';
export type { ResponseFinding } from './validate-schema.js';

import type { components } from './generated/schema.js';
/** The entity types of the API by schema name: `Schemas['Case']`. */
export type Schemas = components['schemas'];
