// Compiled against the client @hey-api/openapi-ts generates from dist/openapi.yaml (into ./client).
import type { CaseList, CreateCaseData, CreateCaseErrors } from './client/types.gen';

// A list entry is a wrapped case whose subject is a string (not `any`, which would pass anything).
type Entry = Extract<CaseList[string], { case: unknown }>;
export const subject = (page: CaseList): string | undefined => (page['0'] as Entry | undefined)?.case.subject;

// The create-case body takes the case's fields and rejects an unknown one.
export const body: CreateCaseData['body'] = { case: { user_email: 'user@domain.ru', subject: 'Help', content: 'Hi' } };
export const wrong: CreateCaseData['body'] = {
  // @ts-expect-error `subjekt` is not a field of a new case
  case: { user_email: 'user@domain.ru', subject: 'Help', content: 'Hi', subjekt: 'typo' },
};
// @ts-expect-error a new case names its user (an e-mail address, a phone...)
export const noUser: CreateCaseData['body'] = { case: { subject: 'Help', content: 'Hi' } };

// A 422's `error` is a string.
export const code = (e: CreateCaseErrors[422]): string => e.error;

// Types, not `any`: `any` would let every line above compile.
type IsAny<T> = 0 extends 1 & T ? true : false;
export const typed: [IsAny<Entry['case']['subject']>, IsAny<CaseList>] = [false, false];
