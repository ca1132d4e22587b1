// The error answers every operation shares, one test each, generated from the responses the
// operation declares in the bundle: missing credentials → 401, and each declared 4xx/5XX picked
// with Prism's `Prefer: code=N`. The body must be the API's error object and the rate-limit
// headers must be there, as the SDK reads them.
import { expect, it } from 'vitest';
import type { OperationInfo } from './bundle.js';
import { api, type Api } from './client.js';

/** One request of the operation under test, with valid input, through the given client. */
export type Call = (client: Api) => Promise<{ response: Response; error?: unknown }>;

const ERROR_BODY = { error: expect.stringMatching(/^[a-z][a-z0-9_]*$/) };

function expectRateLimitHeaders(response: Response) {
  expect(response.headers.get('api_calls_left')).toMatch(/^\d+$/);
  expect(response.headers.get('rate_limit_per_minute')).toMatch(/^\d+$/);
}

export function declaredErrors(op: OperationInfo, call: Call): void {
  it('answers 401 without credentials', async () => {
    const { response, error } = await call(api({ auth: false }));
    expect(response.status).toBe(401);
    expect(error).toMatchObject(ERROR_BODY);
  });

  const simple = ['400', '401', '403', '404'].filter((code) => op.responses.includes(code));
  for (const code of simple) {
    it(`answers ${code} with the error object (Prefer: code=${code})`, async () => {
      const { response, error } = await call(api({ prefer: `code=${code}` }));
      expect(response.status).toBe(Number(code));
      expect(error).toMatchObject(ERROR_BODY);
      expectRateLimitHeaders(response);
    });
  }

  if (op.responses.includes('429')) {
    it('answers 429 with retry_after and the rate-limit headers', async () => {
      const { response, error } = await call(api({ prefer: 'code=429' }));
      expect(response.status).toBe(429);
      expect(error).toMatchObject(ERROR_BODY);
      expectRateLimitHeaders(response);
      expect(Number(response.headers.get('retry_after'))).toBeGreaterThan(0);
    });
  }

  if (op.responses.includes('5XX')) {
    for (const code of [500, 503]) {
      it(`answers ${code} from the 5XX range`, async () => {
        const { response, error } = await call(api({ prefer: `code=${code}` }));
        expect(response.status).toBe(code);
        expect(error).toMatchObject(ERROR_BODY);
      });
    }
  }
}
