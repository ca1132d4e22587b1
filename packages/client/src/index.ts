export { createOmnideskClient, type OmnideskClient, type OmnideskClientOptions } from './client.js';
export type { paths, components, operations } from './generated/schema.js';
// The named types of every entity, input and query (`Case`, `CaseCreateParams`, `CaseListQuery`),
// and the resource interfaces (`CasesResource`): generated from the spec.
export type * from './generated/sdk.js';
export {
  OmnideskError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ValidationError,
  RateLimitError,
  ServerError,
  UnexpectedStatusError,
  InvalidResponseError,
  ConnectionError,
  TimeoutError,
  AbortError,
  InvalidRequestError,
  AttachmentTooLargeError,
  isOmnideskError,
  type AnyOmnideskError,
  type OmnideskErrorKind,
} from './errors.js';
export { ResponseValidationError } from './validate-error.js';
export type { ResponseFinding } from './validate-schema.js';
export { serializeQuery } from './query.js';
export { ATTACHMENT_LIMITS, type Attachment } from './multipart.js';
export { paginate, normalizeList, type Page, type PaginateOptions } from './pagination.js';
export { memoryStore, type RateLimitState, type RateLimitOptions, type RateLimitStore } from './rate-limit.js';
export type { Logger, FetchLike } from './transport.js';
export type { LogLevel, LogMethod } from './log.js';
export type { RequestOptions, ListAllOptions, BulkOutcome, OmnideskPromise, WithResponse, ListPage, ListWalker } from './runtime.js';
export { exact, startsWith, endsWith, toUnixTime, parseOmnideskDate } from './helpers.js';

import type { components } from './generated/schema.js';
/** The entity types of the API by schema name: `Schemas['Case']`. */
export type Schemas = components['schemas'];
