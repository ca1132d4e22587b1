// Compiled against the client orval (fetch) generates from dist/openapi.yaml (into ./client.ts).
import type { CaseCreateEnvelope, CaseList, createCaseResponse422 } from './client';

// A list entry is a wrapped case whose subject is a string (not `any`, which would pass anything).
export const subject = (page: CaseList): string | undefined => page['0']?.case.subject;

// The create-case body takes the case's fields and rejects an unknown one.
export const body: CaseCreateEnvelope = { case: { user_email: 'user@domain.ru', subject: 'Help', content: 'Hi' } };
export const wrong: CaseCreateEnvelope = {
  // @ts-expect-error `subjekt` is not a field of a new case
  case: { user_email: 'user@domain.ru', subject: 'Help', content: 'Hi', subjekt: 'typo' },
};
// @ts-expect-error a new case names its user (an e-mail address, a phone...)
export const noUser: CaseCreateEnvelope = { case: { subject: 'Help', content: 'Hi' } };

// A 422's `error` is a string.
export const code = (e: createCaseResponse422): string => e.data.error;

// Types, not `any`: `any` would let every line above compile.
type IsAny<T> = 0 extends 1 & T ? true : false;
export const typed: [IsAny<NonNullable<CaseList['0']>['case']['subject']>, IsAny<CaseList>] = [false, false];
