import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../testing/test-app';

type Schema = Record<string, unknown>;

/**
 * Why a schema does not tell an API user what to send or expect, or null when it does: every
 * object names its properties (or says it is a free-form map), every array its items, every
 * property its type, through $refs and nesting.
 */
export function schemaGaps(
  doc: OpenAPIObject,
  schema: Schema | undefined,
  at: string,
  seen = new Set<string>(),
): string[] {
  if (!schema) return [`${at}: no schema`];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').at(-1)!;
    if (seen.has(name)) return [];
    seen.add(name);
    return schemaGaps(doc, doc.components?.schemas?.[name] as Schema, name, seen);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key]))
      return (schema[key] as Schema[]).flatMap((s, i) => schemaGaps(doc, s, `${at}.${key}[${i}]`, seen));
  }
  if (schema.type === 'array') {
    // `items: {}` is any JSON value, said on purpose.
    const items = schema.items as Schema | undefined;
    return items && !Object.keys(items).length ? [] : schemaGaps(doc, items, `${at}[]`, seen);
  }
  if (schema.type === 'object' || (!schema.type && !schema.enum)) {
    const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
    if (properties.length) return properties.flatMap(([name, p]) => schemaGaps(doc, p, `${at}.${name}`, seen));
    if (schema.additionalProperties && schema.description) {
      return typeof schema.additionalProperties === 'object'
        ? schemaGaps(doc, schema.additionalProperties as Schema, `${at}{}`, seen)
        : [];
    }
    return [`${at}: an object with no properties (name them, or describe a free-form map with additionalProperties)`];
  }
  return [];
}

/** Every operation's gaps: request bodies, and JSON (or other) responses that say nothing of their content. */
export function documentGaps(doc: OpenAPIObject): string[] {
  const gaps: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Schema>)) {
      const name = `${method.toUpperCase()} ${path}`;
      const body = op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined;
      for (const [type, media] of Object.entries(body?.content ?? {})) {
        gaps.push(...schemaGaps(doc, media.schema, `${name} request ${type}`));
      }
      const responses = Object.entries(
        (op.responses ?? {}) as Record<string, { content?: Record<string, { schema?: Schema }> }>,
      );
      const success = responses.filter(([status]) => /^[23]\d\d$/.test(status));
      if (!success.length) gaps.push(`${name}: no success response`);
      for (const [status, response] of success) {
        if (status === '204' || status.startsWith('3')) continue;
        const content = Object.entries(response.content ?? {});
        // A 202 may have no body, if it says so; any other success with a body shows its schema.
        const saysBodiless = status === '202' && (response as { description?: string }).description;
        if (!content.length && !saysBodiless) gaps.push(`${name} ${status}: the response is not described`);
        for (const [type, media] of content) gaps.push(...schemaGaps(doc, media.schema, `${name} ${status} ${type}`));
      }
    }
  }
  return gaps;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    doc = SwaggerModule.createDocument(t.app, new DocumentBuilder().build());
  });
  afterAll(() => t?.close());

  it('describes every request body and every response, nested variants and schedules included', () => {
    expect(documentGaps(doc)).toEqual([]);
  });

  it('spells out a post, its variants and its schedule', () => {
    const schemas = doc.components!.schemas! as Record<
      string,
      { properties: Record<string, Schema>; required?: string[] }
    >;
    expect(Object.keys(schemas.CreatePostDto.properties)).toEqual(['title', 'text', 'labels', 'variants', 'schedule']);
    expect(schemas.CreatePostDto.required).toEqual(['text', 'variants']);
    expect(schemas.ScheduleInputDto.properties.type).toMatchObject({
      enum: ['now', 'single', 'queue', 'best-time', 'recurring', 'evergreen'],
    });
    expect(schemas.VariantInputDto.properties.accountId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(schemas.MovePostDto.properties.to).toMatchObject({ enum: ['draft', 'scheduled', 'pending_approval'] });
  });

  it("spells out an approval with its variants and an approver's edits", () => {
    const schemas = doc.components!.schemas! as Record<
      string,
      { properties: Record<string, Schema>; required?: string[] }
    >;
    expect(Object.keys(schemas.ApproveDto.properties)).toEqual(['comment', 'variants']);
    expect(schemas.VariantEditDto.required).toEqual(['variantId', 'text']);
    expect(schemas.VariantEditDto.properties.variantId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(schemas.EditsDto.required).toEqual(['variants']);
    expect(schemas.ApprovalViewDto.properties.variants).toMatchObject({ type: 'array' });
    expect(Object.keys(schemas.ApprovalVariantDto.properties)).toEqual(
      expect.arrayContaining(['accountName', 'network', 'text', 'media', 'length', 'maxLength']),
    );
  });

  it('finds the gaps it is meant to find', () => {
    const broken = {
      paths: {
        '/x': {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Empty' } } } },
            responses: { '201': { description: '' } },
          },
        },
      },
      components: { schemas: { Empty: { type: 'object', properties: {} } } },
    } as unknown as OpenAPIObject;
    expect(documentGaps(broken)).toEqual([
      'Empty: an object with no properties (name them, or describe a free-form map with additionalProperties)',
      'POST /x 201: the response is not described',
    ]);
  });
});
