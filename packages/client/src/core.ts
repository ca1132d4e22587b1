// `@omnidesk-openapi/client/core`: the tree-shakeable way in. A core holds the transport (auth,
// retries, timeouts, 429, limiter) and the openapi-fetch client that builds every request; each
// resource is a function of a core, so a bundler keeps only the resources an app imports. There
// is no `raw` client here: use the full client for that.
import type { OmnideskClientOptions } from './client.js';
import type { OmnideskCore } from './runtime.js';
import { describeAs, setup } from './setup.js';

export type { OmnideskClientOptions as OmnideskCoreOptions } from './client.js';
export * from './generated/resources.js';
export type { BulkOutcome, ListAllOptions, OmnideskCore, RequestOptions } from './runtime.js';

/**
 * The transport and settings of a client, without its resources: give it to a resource factory,
 * `cases(core).list()`. Takes the options of `createOmnideskClient`.
 */
export function createOmnideskCore(options: OmnideskClientOptions): OmnideskCore {
  const { invoker, baseUrl } = setup(options, 'createOmnideskCore');
  const core = {};
  describeAs(core, invoker, baseUrl, 'OmnideskCore');
  return core as OmnideskCore;
}
