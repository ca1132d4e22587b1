// The error answers every operation shares, one test each, generated from the responses the
// operation declares in the bundle: missing credentials → 401, and each declared 4xx/429 and the
// `default` answer (server failures, 5xx) picked with Prism's `Prefer: code=N` on the call's own request options. Each must reach the
// user as the SDK's error class, with the API's `error` code (the spec's example for that
// answer), the operation's id, and the rate-limit headers the SDK reads.
import {
  AuthenticationError,
  NotFoundError,
  type OmnideskError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import type { OperationInfo } from './bundle.js';
import { type Omnidesk, prefer, type RequestOptions, sdk } from './client.js';
import { errorExample, headerExample } from './examples.js';

/** One call of the operation under test, with valid input, passing `options` to the SDK method. */
export type Call = (omnidesk: Omnidesk, options?: RequestOptions) => Promise<unknown>;

// never[]: any constructor is one of these, whatever its parameters.
type ErrorClass<E extends OmnideskError> = abstract new (...args: never[]) => E;

/** Awaits a call that must fail with `Class`, and returns the error for further checks. */
export async function rejection<E extends OmnideskError>(promise: Promise<unknown>, Class: ErrorClass<E>): Promise<E> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    if (!(error instanceof Class)) {
      const got = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`expected ${Class.name}, got ${got}`, { cause: error });
    }
    return error;
  }
  throw new Error(`expected ${Class.name}, but the call succeeded with ${JSON.stringify(result)?.slice(0, 300)}`);
}

const CLASSES: Record<string, ErrorClass<OmnideskError>> = {
  '400': ValidationError,
  '403': PermissionDeniedError,
  '404': NotFoundError,
  '422': ValidationError,
};

function expectRateLimitRead(error: OmnideskError) {
  expect(error.rateLimit).toMatchObject({
    callsLeft: headerExample('api_calls_left'),
    perMinute: headerExample('rate_limit_per_minute'),
  });
}

export function declaredErrors(op: OperationInfo, call: Call): void {
  it('throws AuthenticationError (401 wrong_api_key) without credentials', async () => {
    const error = await rejection(call(sdk({ auth: false })), AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: errorExample(op.operationId, '401').error, operationId: op.operationId });
  });

  for (const code of ['400', '403', '404', '422'].filter((c) => op.responses.includes(c))) {
    const Class = CLASSES[code]!;
    it(`throws ${Class.name} for ${code} with the API's error code (Prefer: code=${code})`, async () => {
      const error = await rejection(call(sdk(), prefer(`code=${code}`)), Class);
      const body = errorExample(op.operationId, code);
      expect(error).toMatchObject({ status: Number(code), code: body.error, body, operationId: op.operationId });
      // The request was valid, so the details are the API's answer itself.
      if (error instanceof ValidationError) expect(error.details).toEqual(body);
      expectRateLimitRead(error);
    });
  }

  if (op.responses.includes('429')) {
    it('throws RateLimitError for 429, with retry_after and the rate-limit headers', async () => {
      const error = await rejection(call(sdk(), prefer('code=429')), RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 'too_many_requests', operationId: op.operationId });
      expect(error.retryAfter).toBe(headerExample('retry_after'));
      expectRateLimitRead(error);
    });
  }

  if (op.responses.includes('default')) {
    for (const status of [500, 503]) {
      it(`throws ServerError for ${status} (the default answer)`, async () => {
        const error = await rejection(call(sdk(), prefer(`code=${status}`)), ServerError);
        expect(error).toMatchObject({ status, code: 'internal_server_error', operationId: op.operationId });
      });
    }
  }
}
