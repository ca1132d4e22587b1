// Contract tests of a case's conversation through the SDK: replies (`omnidesk.messages`), notes
// (`omnidesk.notes`) and the idea fields of an idea case (`omnidesk.ideas`).
import { ValidationError } from '@omnidesk-openapi/client';
import { expect, it } from 'vitest';
import { expectAnswer, expectViolation } from '../src/answers.js';
import { jsonBody, type Omnidesk, prefer, type RequestOptions, recording, sdk } from '../src/client.js';
import { covers } from '../src/covers.js';
import { declaredErrors, rejection } from '../src/errors.js';
import { pageOf, parameterExample, requestExample, responseExample } from '../src/examples.js';
import { expectFiles, multipartFiles } from '../src/shared.js';

const CASE_ID: number = parameterExample('listMessages', 'case_id');
const MESSAGE_ID: number = parameterExample('updateMessage', 'message_id');

covers('listMessages', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.messages.list(CASE_ID, { page: 1, limit: 50, order: 'desc' }, options);

  it('returns the page of the case’s messages { items, total }', () =>
    expectAnswer((o) => o.messages.list(CASE_ID, { page: 2, limit: 50, order: parameterExample('listMessages', 'order') }), {
      returns: pageOf(responseExample('listMessages', 'page'), 'message'),
      target: `/cases/${CASE_ID}/messages.json?page=2&limit=50&order=desc`,
    }));

  it('returns the empty page {"message": []} as { items: [], total: 0 }', async () => {
    expect(await call(sdk(), prefer('example=emptyPage'))).toEqual({ items: [], total: 0 });
  });

  it('throws ValidationError for an order the spec does not list, and for limit=0', async () => {
    const order = await rejection(sdk().messages.list(CASE_ID, { order: 'newest' as 'desc' }), ValidationError);
    expect(order.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'order'], code: 'enum' }));
    const limit = await rejection(sdk().messages.list(CASE_ID, { limit: 0 }), ValidationError);
    expect(limit.details).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'limit'], code: 'minimum' }));
  });

  declaredErrors(op, call);
});

covers('createMessage', (op) => {
  const input = requestExample('createMessage', 'staff').message;
  const call = (o: Omnidesk, options?: RequestOptions) => o.messages.create(CASE_ID, input, options);

  it('sends the reply wrapped in {"message": ...} and returns the message (201)', () =>
    expectAnswer((o) => o.messages.create(CASE_ID, input), {
      returns: responseExample('createMessage', 'json').message,
      method: 'POST',
      target: `/cases/${CASE_ID}/messages.json`,
      body: requestExample('createMessage', 'staff'),
    }));

  it.each(['user', 'silent'])('accepts the spec example "%s"', async (name) => {
    expect(await sdk().messages.create(CASE_ID, requestExample('createMessage', name).message)).toMatchObject({
      message_id: expect.any(Number),
    });
  });

  it('sends attachments as multipart message[...] fields, and the mock accepts them', async () => {
    const { omnidesk, sent } = recording();
    const message = await omnidesk.messages.create(
      CASE_ID,
      { ...input, attachments: multipartFiles.inputs() },
      prefer('example=withFiles'),
    );
    expect(message).toEqual(responseExample('createMessage', 'withFiles').message);
    const form = sent[0]!.form!;
    expect(form.get('message[content]')).toBe(input.content);
    expect(form.get('message[staff_id]')).toBe(String(input.staff_id));
    await expectFiles(form, 'message');
  });

  it('throws ValidationError when neither content nor content_html is given', async () => {
    const error = await rejection(sdk().messages.create(CASE_ID, { staff_id: input.staff_id } as typeof input), ValidationError);
    expect(error.status).toBe(422);
    expect(error.details).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'message'], code: 'anyOf' }));
  });

  declaredErrors(op, call);
});

covers('updateMessage', (op) => {
  const input = requestExample('updateMessage').message;
  const call = (o: Omnidesk, options?: RequestOptions) => o.messages.update(CASE_ID, MESSAGE_ID, input, options);

  it('sends {"message": ...} to the message’s path and returns the edited message', () =>
    expectAnswer((o) => o.messages.update(CASE_ID, MESSAGE_ID, input), {
      returns: responseExample('updateMessage').message,
      method: 'PUT',
      target: `/cases/${CASE_ID}/messages/${MESSAGE_ID}.json`,
      body: requestExample('updateMessage'),
    }));

  it('throws ValidationError for empty content', () =>
    expectViolation(sdk().messages.update(CASE_ID, MESSAGE_ID, { content: '' }), {
      location: ['request', 'body', 'message', 'content'],
      code: 'minLength',
    }));

  declaredErrors(op, call);
});

covers('deleteMessage', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.messages.delete(CASE_ID, MESSAGE_ID, options);

  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.messages.delete(CASE_ID, MESSAGE_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/cases/${CASE_ID}/messages/${MESSAGE_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('createNote', (op) => {
  const docs = requestExample('createNote', 'docs');
  // The docs wrap a note in {"message": ...}; the spec takes {"note": ...} as well.
  if (!('message' in docs)) throw new Error('examples: createNote docs is not wrapped in {"message": ...}');
  const input = docs.message;
  const call = (o: Omnidesk, options?: RequestOptions) => o.notes.create(CASE_ID, input, options);

  it('sends the note wrapped as the spec takes it and returns the note (200 or 201)', async () => {
    const { omnidesk, sent } = recording();
    const note = await omnidesk.notes.create(CASE_ID, input);
    expect(note).toEqual(responseExample('createNote', 'json').message);
    expect(note.note).toBe(true);
    expect(sent[0]).toMatchObject({ method: 'POST', target: `/cases/${CASE_ID}/note.json` });
    // Either wrapper the spec describes: {"message": ...} (the docs' JSON) or {"note": ...}.
    expect([docs, { note: input }]).toContainEqual(jsonBody(sent[0]));
  });

  it('sends attachments as multipart note[...] fields (the spec’s names), and the mock accepts them', async () => {
    const { omnidesk, sent } = recording();
    const note = await omnidesk.notes.create(CASE_ID, { ...input, attachments: multipartFiles.inputs() }, prefer('example=withFiles'));
    expect(note).toEqual(responseExample('createNote', 'withFiles').message);
    const form = sent[0]!.form!;
    expect(form.get('note[content]')).toBe(input.content);
    await expectFiles(form, 'note');
  });

  it('throws ValidationError for a note without content', async () => {
    const error = await rejection(sdk().notes.create(CASE_ID, { note_staff_id: 123 } as typeof input), ValidationError);
    expect(error.status).toBe(422);
    expect(JSON.stringify(error.details)).toMatch(/content/);
  });

  declaredErrors(op, call);
});

covers('updateNote', (op) => {
  // The body takes either wrapper; the spec's example uses "message", as the SDK sends it.
  const example = requestExample('updateNote');
  if (!('message' in example)) throw new Error('updateNote: the request example no longer uses the "message" wrapper');
  const input = example.message;
  const call = (o: Omnidesk, options?: RequestOptions) => o.notes.update(CASE_ID, MESSAGE_ID, input, options);

  it('sends {"message": ...} to the note’s path and returns the edited note', () =>
    expectAnswer((o) => o.notes.update(CASE_ID, MESSAGE_ID, input), {
      returns: responseExample('updateNote').message,
      method: 'PUT',
      target: `/cases/${CASE_ID}/note/${MESSAGE_ID}.json`,
      body: requestExample('updateNote'),
    }));

  declaredErrors(op, call);
});

covers('deleteNote', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.notes.delete(CASE_ID, MESSAGE_ID, options);

  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.notes.delete(CASE_ID, MESSAGE_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/cases/${CASE_ID}/note/${MESSAGE_ID}.json`,
    }));

  declaredErrors(op, call);
});

covers('updateIdeaOfficialResponse', (op) => {
  const input = requestExample('updateIdeaOfficialResponse').message;
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideas.updateOfficialResponse(CASE_ID, input, options);

  it('sends {"message": ...} and returns the idea’s case with its official response', async () => {
    const { omnidesk, sent } = recording();
    const idea = await omnidesk.ideas.updateOfficialResponse(CASE_ID, input);
    expect(idea).toEqual(responseExample('updateIdeaOfficialResponse').case);
    expect(idea.idea).toMatchObject({ official_response: input.content });
    expect(jsonBody(sent[0])).toEqual(requestExample('updateIdeaOfficialResponse'));
  });

  it('throws ValidationError without content', () =>
    expectViolation(sdk().ideas.updateOfficialResponse(CASE_ID, {} as typeof input), {
      location: ['request', 'body', 'message'],
      code: 'required',
    }));

  declaredErrors(op, call);
});

covers('deleteIdeaOfficialResponse', (op) => {
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideas.deleteOfficialResponse(CASE_ID, options);

  it('resolves to nothing (void)', () =>
    expectAnswer((o) => o.ideas.deleteOfficialResponse(CASE_ID), {
      returns: undefined,
      method: 'DELETE',
      target: `/cases/${CASE_ID}/idea_official_response.json`,
    }));

  declaredErrors(op, call);
});

covers('updateIdea', (op) => {
  const input = requestExample('updateIdea', 'docs').message;
  const call = (o: Omnidesk, options?: RequestOptions) => o.ideas.update(CASE_ID, input, options);

  it('sends {"message": ...} and returns the idea’s case with the new values', async () => {
    const { omnidesk, sent } = recording();
    const idea = await omnidesk.ideas.update(CASE_ID, input);
    expect(idea).toEqual(responseExample('updateIdea').case);
    expect(idea.idea).toMatchObject({ content: input.content, stage: input.stage });
    expect(jsonBody(sent[0])).toEqual(requestExample('updateIdea', 'docs'));
    await expect(sdk().ideas.update(CASE_ID, requestExample('updateIdea', 'category').message)).resolves.toMatchObject({
      case_id: CASE_ID,
    });
  });

  it('throws ValidationError for a stage the spec does not list', () =>
    expectViolation(sdk().ideas.update(CASE_ID, { stage: 'someday' as typeof input.stage }), {
      location: ['request', 'body', 'message', 'stage'],
      code: 'enum',
    }));

  declaredErrors(op, call);
});

covers('rateMessage', (op) => {
  const input = requestExample('rateMessage').rate;
  const call = (o: Omnidesk, options?: RequestOptions) => o.messages.rate(CASE_ID, MESSAGE_ID, input, options);

  it('sends PUT {"rate": ...} to /cases/{case_id}/rate/{message_id}.json and returns the rated reply', async () => {
    const { result } = await expectAnswer((o) => o.messages.rate(CASE_ID, MESSAGE_ID, input), {
      returns: responseExample('rateMessage').message,
      method: 'PUT',
      target: `/cases/${CASE_ID}/rate/${MESSAGE_ID}.json`,
      body: requestExample('rateMessage'),
    });
    expect(result).toMatchObject({ rating: input.rating, rating_comment: input.rating_comment });
  });

  it('throws ValidationError for a field a reply rating does not take', () =>
    expectViolation(sdk().messages.rate(CASE_ID, MESSAGE_ID, { ...input, rated_staff_id: 22 } as typeof input), {
      location: ['request', 'body', 'rate'],
      code: 'additionalProperties',
    }));

  declaredErrors(op, call);
});
