// The tool generator on small specs: what each part of an operation becomes in its tool, and the
// spec faults it refuses (the bundle's own tools are checked through the server in server.test.ts).
import { describe, expect, it } from 'vitest';
import type { SpecNode } from '../../../scripts/generate/spec-walker.mjs';
import { buildTools } from '../scripts/generate-tools.mjs';

const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingEnvelope' } } } } };

function fixture(paths: SpecNode, schemas: SpecNode = {}): SpecNode {
  return {
    openapi: '3.1.0',
    info: { title: 'fixture', version: '1' },
    tags: [{ name: 'Things', 'x-sdk-resource': 'kbThings' }],
    paths,
    components: {
      schemas: {
        Thing: {
          type: 'object',
          'x-evidence': { level: 'assumption' },
          properties: { name: { type: 'string', example: 'x' }, 'x-field': { type: 'integer' } },
        },
        ThingEnvelope: { type: 'object', properties: { thing: { $ref: '#/components/schemas/Thing' } } },
        ...schemas,
      },
    },
  };
}

const op = (operationId: string, method: string, extra: SpecNode = {}) => ({
  operationId,
  tags: ['Things'],
  'x-sdk-method': method,
  summary: `${method} a thing`,
  responses: ok,
  ...extra,
});

describe('generate-tools', () => {
  it('names, annotations, inputs: path and query parameters, the body without its envelope', () => {
    const { tools } = buildTools(
      fixture({
        '/things/{thing_id}.json': {
          get: op('getThing', 'get', {
            parameters: [
              { name: 'thing_id', in: 'path', required: true, schema: { type: 'integer' } },
              { name: 'lang', in: 'query', schema: { type: 'string' } },
            ],
          }),
          put: op('updateThing', 'moveUp', {
            'x-sdk-idempotent': false,
            parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'integer' } }],
            requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingEnvelope' } } } },
          }),
          delete: op('deleteThing', 'delete', {
            parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'integer' } }],
          }),
        },
      }),
    );
    const [get, move, del] = tools;
    expect(tools.map((t: { name: string }) => t.name)).toEqual(['kb_things_get', 'kb_things_move_up', 'kb_things_delete']);
    expect(get.inputSchema).toEqual({
      type: 'object',
      properties: { thing_id: { type: 'integer' }, lang: { type: 'string' } },
      required: ['thing_id'],
      additionalProperties: false,
    });
    expect(get.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    // The envelope's content, $refs inlined, x- extensions and `example` left out.
    expect(move.inputSchema.properties.body).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, 'x-field': { type: 'integer' } },
      description: 'The request body (sent as {"thing": body}).',
    });
    expect(move.inputSchema.required).toEqual(['thing_id', 'body']);
    expect(move.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(del.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(move.call).toEqual({
      operationId: 'updateThing',
      resource: 'kbThings',
      method: 'moveUp',
      pathParams: ['thing_id'],
      query: [],
      body: true,
    });
  });

  it('a bulk trash on an id array is destructive, and a multipart-only body takes its fields unwrapped', () => {
    const { tools } = buildTools(
      fixture({
        '/things/{thing_id}/trash.json': {
          put: op('trashThings', 'trash', {
            parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'array', items: { type: 'integer' } } }],
          }),
        },
        '/things.json': {
          post: op('createThing', 'create', {
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: {
                    type: 'object',
                    properties: {
                      'thing[name]': { type: 'string' },
                      'thing[tags][0]': { type: 'string' },
                      'thing[attachments][0]': { type: 'string', format: 'binary' },
                    },
                  },
                },
              },
            },
          }),
        },
      }),
    );
    const [trash, create] = tools;
    expect(trash.annotations.destructiveHint).toBe(true);
    expect(trash.inputSchema.properties.thing_id).toMatchObject({ type: 'array', description: expect.stringContaining('bulk') });
    expect(create.inputSchema.properties.body.properties).toEqual({ name: { type: 'string' }, tags: {} });
  });

  it('refuses a recursive schema and two operations with one tool name', () => {
    const recursive = fixture(
      {
        '/things.json': {
          post: op('createThing', 'create', {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
          }),
        },
      },
      { Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } } },
    );
    expect(() => buildTools(recursive)).toThrow(/recursive schema #\/components\/schemas\/Node/);

    const clash = fixture({ '/a.json': { get: op('a', 'moveUp') } });
    clash.tags.push({ name: 'Other', 'x-sdk-resource': 'kbThingsMove' });
    clash.paths['/b.json'] = { get: { ...op('b', 'up'), tags: ['Other'] } };
    expect(() => buildTools(clash)).toThrow(/tool name kb_things_move_up is also a/);
  });
});
