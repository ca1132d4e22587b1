import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './generated/schema.js';

export type { paths, components, operations } from './generated/schema.js';

export interface OmnideskClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Your account's subdomain: `robotsrules` for https://robotsrules.omnidesk.ru. */
  domain?: string;
  /** The API's base URL, instead of `domain` (a mock server, for example). */
  baseUrl?: string;
  /** The staff member's e-mail address. */
  email: string;
  /** An API key (Settings → API). */
  apiKey: string;
}

export function createOmnideskClient(options: OmnideskClientOptions): Client<paths> {
  const { domain, baseUrl, email, apiKey, ...rest } = options;
  const url = baseUrl ?? (domain ? `https://${domain}.omnidesk.ru/api` : undefined);
  if (!url) throw new TypeError('createOmnideskClient: give `domain` or `baseUrl`');
  const authorization = `Basic ${btoa(`${email}:${apiKey}`)}`;
  return createClient<paths>({ ...rest, baseUrl: url, headers: { Authorization: authorization } });
}
