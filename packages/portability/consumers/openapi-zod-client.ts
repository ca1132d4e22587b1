// Compiled against the zod schemas openapi-zod-client (schemas-only template) generates from dist/openapi.yaml (into ./client.ts).
import type { z } from 'zod';
import type { schemas } from './client';

// A list entry is a wrapped case whose subject is a string (not `any`, which would pass anything).
type CaseList = z.infer<typeof schemas.CaseList>;
export const subject = (page: CaseList): string | undefined => page['0']?.case.subject;

// The create-case body keeps its fields (it used to collapse to `unknown`), and its rules.
type CaseCreateEnvelope = z.infer<typeof schemas.CaseCreateEnvelope>;
export const body: CaseCreateEnvelope = { case: { user_email: 'user@domain.ru', subject: 'Help', content: 'Hi' } };
// @ts-expect-error a new case has a subject
export const noSubject: CaseCreateEnvelope = { case: { user_email: 'user@domain.ru', content: 'Hi' } };
// @ts-expect-error a new case names its user (an e-mail address, a phone...)
export const noUser: CaseCreateEnvelope = { case: { subject: 'Help', content: 'Hi' } };
// @ts-expect-error a new message has content or content_html
export const noContent: z.infer<typeof schemas.MessageCreateEnvelope> = { message: { staff_id: 1 } };

// A 422's `error` is a string.
export const code = (e: z.infer<typeof schemas.Error>): string => e.error;

// Types, not `any` or `unknown`: either would let lines above compile or fail for the wrong reason.
type IsAny<T> = 0 extends 1 & T ? true : false;
type IsUnknown<T> = unknown extends T ? true : false;
export const typed: [IsAny<CaseList>, IsUnknown<CaseCreateEnvelope['case']>, IsAny<CaseCreateEnvelope['case']['subject']>] = [
  false,
  false,
  false,
];
