// `validateResponses` on the built package (ESM and CommonJS, as users load it): 'throw' gives a
// ResponseValidationError with the validator's findings, 'warn' hands them to the logger and
// returns the answer, 'off' (the default) checks nothing. The checker loads only when on: the
// default entry's import graph does not reach it (package.test.ts), and the bundle size test
// measures the loader alone.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(pkgDir, 'package.json'));
const flavours = {
  esm: async () => [
    await import(pathToFileURL(join(pkgDir, 'dist/esm/index.js')).href),
    await import(pathToFileURL(join(pkgDir, 'dist/esm/validate.js')).href),
  ],
  cjs: async () => [require('@omnidesk-openapi/client'), require('@omnidesk-openapi/client/validate')],
};

const validCase = {
  case_id: 7,
  case_number: '664-245651',
  subject: 'Zq-secret subject',
  user_id: 1,
  staff_id: 0,
  group_id: 0,
  status: 'open',
  priority: 'low',
  channel: 'email',
  deleted: false,
  spam: false,
  created_at: 'Mon, 05 May 2014 00:15:17 +0300',
  updated_at: '-',
};
const drifted = { case: { ...validCase, status: 'Zq-archived', user_id: '1' } };
const answer =
  (body: unknown, status = 200) =>
  async () =>
    Response.json(body, { status });

describe.each(Object.entries(flavours))('validateResponses (%s)', (_, load) => {
  const base = { baseUrl: 'http://mock/api', email: 'a@b.c', apiKey: 'k', maxRetries: 0 };

  it("'throw': ResponseValidationError with the same findings as the validator, no value in them", async () => {
    const [sdk, validate] = await load();
    const client = sdk.createOmnideskClient({ ...base, validateResponses: 'throw', fetch: answer(drifted) });
    const error = await client.cases.get(7).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(sdk.ResponseValidationError);
    expect(error).toBeInstanceOf(sdk.OmnideskError);
    const expected = validate.validateResponse('getCase', { status: 200, headers: { 'content-type': 'application/json' }, body: drifted });
    expect(expected.map((f: { pointer: string }) => f.pointer)).toEqual(['/case/user_id', '/case/status']);
    expect(error.findings).toEqual(expected);
    expect(error).toMatchObject({ operationId: 'getCase', status: 200, method: 'GET', path: '/api/cases/7.json' });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('Zq-');
    // The raw client's calls are checked too.
    await expect(client.raw.GET('/cases/{case_id}.json', { params: { path: { case_id: 7 } } })).rejects.toBeInstanceOf(
      sdk.ResponseValidationError,
    );
    // A conforming answer passes.
    const ok = sdk.createOmnideskClient({ ...base, validateResponses: 'throw', fetch: answer({ case: validCase }) });
    expect(await ok.cases.get(7)).toEqual(validCase);
  });

  it("'warn': the logger gets each finding and the call returns the answer", async () => {
    const [sdk] = await load();
    const warned: [string, Record<string, any>][] = [];
    const logger = { debug() {}, warn: (m: string, d: Record<string, any>) => warned.push([m, d]) };
    const client = sdk.createOmnideskClient({ ...base, validateResponses: 'warn', logger, fetch: answer(drifted) });
    expect(await client.cases.get(7)).toEqual(drifted.case);
    expect(warned.map(([, d]) => d.finding.pointer)).toEqual(['/case/user_id', '/case/status']);
    expect(warned[0]![0]).toBe(
      'omnidesk: response differs from the spec: drift: body /case/user_id: expected integer, got string (digits only: an integer as text)',
    );
    expect(JSON.stringify(warned)).not.toContain('Zq-');
  });

  it("'off' and the default check nothing; another value is an InvalidRequestError naming the option, nothing sent", async () => {
    const [sdk] = await load();
    for (const validateResponses of ['off', undefined]) {
      const client = sdk.createOmnideskClient({ ...base, validateResponses, fetch: answer(drifted) });
      expect(await client.cases.get(7)).toEqual(drifted.case);
    }
    let sent = 0;
    const counting = async () => {
      sent++;
      return Response.json(drifted);
    };
    expect(() => sdk.createOmnideskClient({ ...base, validateResponses: 'loud' as never, fetch: counting })).toThrow(
      expect.objectContaining({
        kind: 'invalid_request',
        message: expect.stringMatching(/`validateResponses` must be 'off', 'warn' or 'throw', got "loud"/),
      }),
    );
    expect(sent).toBe(0);
  });
});
