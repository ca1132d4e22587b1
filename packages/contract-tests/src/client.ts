// The client the contract tests drive, pointed at the mock. Today it is openapi-fetch over the
// generated `paths` types with the API's PHP bracket query encoding; when the SDK's resource
// methods exist, `api()` returns the SDK (`omnidesk.cases.list(...)`) and the tests switch
// their `call`s, nothing else.
import createClient, { type Client } from 'openapi-fetch';
import qs from 'qs';
import { inject } from 'vitest';
import type { paths } from '@omnidesk-openapi/client';

export type Api = Client<paths>;

/** Any staff e-mail and key: Prism checks that Basic credentials are there, never their value. */
export const credentials = { email: 'staff@example.com', apiKey: 'contract-test-key' };

export interface ApiOptions {
  /** Send Basic credentials (default true). */
  auth?: boolean;
  /** Prism's `Prefer` header: `code=404`, `example=emptyPage`. */
  prefer?: string;
}

export function api(options: ApiOptions = {}): Api {
  const headers: Record<string, string> = {};
  if (options.auth ?? true) headers.Authorization = `Basic ${btoa(`${credentials.email}:${credentials.apiKey}`)}`;
  if (options.prefer) headers.Prefer = options.prefer;
  return createClient<paths>({
    baseUrl: inject('prismUrl'),
    headers,
    // `status[]=open&custom_fields[cf_25]=x`, what the API (PHP) reads.
    querySerializer: (query) => qs.stringify(query, { arrayFormat: 'brackets', encodeValuesOnly: true }),
  });
}

/** The validation errors Prism reports for a request (header `sl-violations`). */
export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

export function violations(response: Response): Violation[] {
  const raw = response.headers.get('sl-violations');
  return raw ? (JSON.parse(raw) as Violation[]) : [];
}
