// @ts-check
// Shared by the examples: a client from the environment.
//   OMNIDESK_BASE_URL  e.g. http://127.0.0.1:4010 for `pnpm mock` (or OMNIDESK_DOMAIN=yourcompany)
//   OMNIDESK_EMAIL     the staff member's e-mail
//   OMNIDESK_API_KEY   an API key (the mock accepts any)
import { createOmnideskClient } from '@omnidesk-openapi/client';

/** @param {Partial<import('@omnidesk-openapi/client').OmnideskClientOptions>} [extra] */
export function clientFromEnv(extra = {}) {
  const { OMNIDESK_BASE_URL: baseUrl, OMNIDESK_DOMAIN: domain, OMNIDESK_EMAIL: email, OMNIDESK_API_KEY: apiKey } = process.env;
  if (!(baseUrl || domain) || !email || !apiKey) {
    console.error('Set OMNIDESK_BASE_URL (or OMNIDESK_DOMAIN), OMNIDESK_EMAIL and OMNIDESK_API_KEY.');
    process.exit(2);
  }
  return createOmnideskClient({ ...(baseUrl ? { baseUrl } : { domain }), email, apiKey, ...extra });
}
