// The checks most operations' tests make, in one place, so that a test states only what is
// particular to its operation: the call, the answer the SDK must return (the spec's example as
// Prism serves it), what must have gone over the wire, and for invalid input, where the mock
// locates the violation.
import { ValidationError } from '@omnidesk-openapi/client';
import { expect } from 'vitest';
import { jsonBody, type Omnidesk, recording, type SentRequest, type Violation } from './client.js';
import { rejection } from './errors.js';

export interface Answer {
  /** What the SDK returns (toEqual): the spec's example unwrapped, a page, `undefined` for a delete. */
  returns: unknown;
  /** Fields the result must have on top (toMatchObject): `{ active: false }`. */
  state?: Record<string, unknown>;
  /** The request's method; checked together with `target` (toMatchObject on the request). */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The request's path and query exactly as sent (raw commas and brackets). */
  target?: string;
  /** The JSON body sent (toEqual): the spec's request example, wrapped as the API takes it. */
  body?: unknown;
}

/**
 * Makes the call on a client that records what it sends, and checks the SDK's result and the
 * request: `expectAnswer((o) => o.users.get(USER_ID), { returns: ..., target: '/users/1.json' })`.
 * Returns both for the test's further checks.
 */
export async function expectAnswer<T>(
  call: (omnidesk: Omnidesk) => Promise<T>,
  answer: Answer,
): Promise<{ result: T; sent: SentRequest[] }> {
  const { omnidesk, sent } = recording();
  const result = await call(omnidesk);
  expect(result).toEqual(answer.returns);
  if (answer.state) expect(result).toMatchObject(answer.state);
  if (answer.method)
    expect(sent[0]).toMatchObject(
      answer.target === undefined ? { method: answer.method } : { method: answer.method, target: answer.target },
    );
  else if (answer.target !== undefined) expect(sent[0]!.target).toBe(answer.target);
  if (answer.body !== undefined) expect(jsonBody(sent[0])).toEqual(answer.body);
  return { result, sent };
}

/**
 * Awaits a call with input the spec forbids: it must fail with ValidationError whose details (the
 * mock's violations) contain `violation`. Returns the error for further checks.
 */
export async function expectViolation(
  call: Promise<unknown>,
  violation: Partial<Pick<Violation, 'location' | 'code'>>,
): Promise<ValidationError> {
  const error = await rejection(call, ValidationError);
  expect(error.details).toContainEqual(expect.objectContaining(violation));
  return error;
}
