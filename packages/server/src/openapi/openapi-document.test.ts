import { Validator } from '@seriousme/openapi-schema-validator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { UI_PAGES } from '../web-ui/index.js';

// The parts of the document these tests read; the validator checks the whole of it.
const documentShape = z.object({
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        operationId: z.string().optional(),
        responses: z.record(
          z.string(),
          z.object({ content: z.record(z.string(), z.object({ schema: z.unknown() })).optional() }),
        ),
      }),
    ),
  ),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
});
type Document = z.infer<typeof documentShape>;

function operations(document: Document) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where, inside `schema` (references followed), an object type says nothing of its fields. */
function bareObjects(schema: unknown, document: Document, at: string, seen = new Set<string>()): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => bareObjects(item, document, `${at}[${i}]`, seen));
  if (!isRecord(schema)) return [];
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    if (seen.has(ref)) return [];
    seen.add(ref);
    const name = ref.replace('#/components/schemas/', '');
    return bareObjects(document.components.schemas[name], document, name, seen);
  }
  const fields = isRecord(schema.properties) ? Object.keys(schema.properties).length : 0;
  const bare = [schema.type].flat().includes('object') && fields === 0 && !('additionalProperties' in schema);
  const nested = ['properties', 'items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf'].flatMap((keyword) => {
    const value = schema[keyword];
    if (keyword !== 'properties' || !isRecord(value)) return bareObjects(value, document, `${at}.${keyword}`, seen);
    return Object.entries(value).flatMap(([name, property]) => bareObjects(property, document, `${at}.${name}`, seen));
  });
  return bare ? [at, ...nested] : nested;
}

describe('/openapi.json', () => {
  let t: TestApp;
  let raw: Record<string, unknown>;
  let document: Document;
  beforeEach(async () => {
    t = await createTestApp();
    const response = await t.get('/openapi.json', null);
    expect(response.status).toBe(200);
    raw = response.json;
    document = documentShape.parse(raw);
  });
  afterEach(() => t.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(raw);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('names every operation with its own camelCase operationId', () => {
    const ids = operations(document).map(({ path, method, operation }) => operation.operationId ?? `${method} ${path}`);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('describes the fields of every 200 answer: no object without properties', () => {
    const bare = operations(document).flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses['200']?.content ?? {}).flatMap(([mediaType, { schema }]) =>
        bareObjects(schema, document, `${method} ${path} ${mediaType}`),
      ),
    );
    expect([...new Set(bare)]).toEqual([]);
  });

  it('gives the SDK and client routes their real body types', () => {
    const body = (path: string, method: string, mediaType: string) =>
      document.paths[path]?.[method]?.responses['200']?.content?.[mediaType]?.schema;
    expect(body('/api/v1/sdk/flags', 'get', 'application/json')).toEqual({ $ref: '#/components/schemas/Snapshot' });
    expect(body('/api/v1/client/evaluate', 'post', 'application/json')).toEqual({
      $ref: '#/components/schemas/ClientResults',
    });
    expect(body('/api/v1/sdk/stream', 'get', 'text/event-stream')).toMatchObject({ type: 'string' });
    expect(body('/api/v1/client/stream', 'get', 'text/event-stream')).toMatchObject({ type: 'string' });
    expect(document.components.schemas.SnapshotPatch).toMatchObject({ type: 'object' });
  });

  it('carries the default variant in configurations and snapshots, and every reason in client results', () => {
    const schema = (name: string) => {
      const found = document.components.schemas[name];
      return isRecord(found) && isRecord(found.properties) ? found.properties : {};
    };
    for (const name of ['FlagConfigInput', 'FlagConfig', 'SnapshotFlag']) {
      expect(schema(name).defaultVariant, name).toMatchObject({ type: 'string' });
    }
    expect(schema('ClientFlagResult').reason).toMatchObject({
      enum: ['STATIC', 'SPLIT', 'DEFAULT', 'TARGETING_MATCH', 'DISABLED', 'PREREQUISITE_FAILED', 'ERROR'],
    });
  });

  it('documents every route the app serves', () => {
    const documented = new Set(operations(document).map(({ path, method }) => `${method.toUpperCase()} ${path}`));
    const served = t.app.routes
      // Middleware is registered for ALL methods (the app has no ALL route); Hono answers HEAD from the GET route.
      .filter(({ method }) => method !== 'ALL' && method !== 'HEAD')
      // The web UI's pages and files are the UI, not the API: they answer its HTML, scripts and styles.
      .filter(({ path }) => !(UI_PAGES as readonly string[]).includes(path) && path !== '/assets/*')
      .map(({ method, path }) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(30);
    expect([...new Set(served)].filter((route) => !documented.has(route))).toEqual([]);
  });
});
