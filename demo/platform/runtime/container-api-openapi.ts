/**
 * The Container API's versions and its OpenAPI 3.1 description (seed 004: "Show Container API
 * versions", "Show Container API Open API spec file for specific Container API version"), so a
 * connector in any language can generate its client. It describes exactly what runtime/container-api.ts
 * answers; test/node/platform-container-api-openapi.test.ts checks real answers against it.
 */
export const CONTAINER_API_VERSIONS = ['v1'] as const;
export type ContainerApiVersion = (typeof CONTAINER_API_VERSIONS)[number];

const json = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => json(ref('Error'), description);
const paging = [
  { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
  {
    name: 'limit',
    in: 'query',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 1000 },
  },
];

export const CONTAINER_API_OPENAPI_V1 = {
  openapi: '3.1.0',
  info: {
    title: 'Container API',
    version: 'v1',
    description:
      'What a connector run calls: logs, its output and feedback files, its input. Each run has its own server ' +
      '(CONTAINER_API_URL, on 127.0.0.1) and bearer token (CONTAINER_API_TOKEN), both valid for that run only.',
  },
  servers: [{ url: '{CONTAINER_API_URL}', variables: { CONTAINER_API_URL: { default: 'http://127.0.0.1:0' } } }],
  security: [{ bearer: [] }],
  paths: {
    '/v1/health': {
      get: {
        operationId: 'health',
        summary: 'Whether the API answers (a health check calls it)',
        responses: { '200': json(ref('Health'), 'The API is up'), '401': error('Missing or wrong token') },
      },
    },
    '/v1/log': {
      post: {
        operationId: 'log',
        summary: "A line in the execution's log (source connector)",
        requestBody: { required: true, content: { 'application/json': { schema: ref('LogEntry') } } },
        responses: {
          '204': { description: 'Logged' },
          '400': error('Not a log entry'),
          '401': error('Missing or wrong token'),
        },
      },
    },
    '/v1/files/{file}': {
      parameters: [
        {
          name: 'file',
          in: 'path',
          required: true,
          schema: { type: 'string', enum: ['output', 'feedback', 'input', 'previous'] },
        },
      ],
      post: {
        operationId: 'appendManyToFile',
        summary: 'Appends rows to the output or feedback file (output and feedback only)',
        requestBody: { required: true, content: { 'application/json': { schema: ref('Rows') } } },
        responses: {
          '200': json(ref('Appended'), "Appended; the file's new size"),
          '400': error('Not up to 5,000 flat rows'),
          '401': error('Missing or wrong token'),
          '404': error('Not a file rows can be appended to'),
          '413': error("Past the run's row limit"),
        },
      },
      get: {
        operationId: 'readFile',
        summary: "Reads the input (the primary job's output) or the previous successful run's input",
        parameters: paging,
        responses: {
          '200': json(ref('Page'), 'A page of rows'),
          '401': error('Missing or wrong token'),
          '404': error('Not a file that can be read'),
        },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Health: {
        type: 'object',
        required: ['ok'],
        additionalProperties: false,
        properties: { ok: { const: true } },
      },
      LogEntry: {
        type: 'object',
        required: ['level', 'message'],
        additionalProperties: false,
        properties: {
          level: { type: 'string', enum: ['INFO', 'ERROR', 'SUCCESS'] },
          message: { type: 'string', minLength: 1, description: 'Cut at 2,000 characters' },
        },
      },
      Row: {
        type: 'object',
        maxProperties: 100,
        propertyNames: { minLength: 1, maxLength: 64 },
        additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
      },
      Rows: {
        type: 'object',
        required: ['rows'],
        properties: { rows: { type: 'array', maxItems: 5000, items: ref('Row') } },
      },
      Appended: {
        type: 'object',
        required: ['appended', 'total'],
        additionalProperties: false,
        properties: { appended: { type: 'integer', minimum: 0 }, total: { type: 'integer', minimum: 0 } },
      },
      Page: {
        type: 'object',
        required: ['rows', 'total', 'offset'],
        additionalProperties: false,
        properties: {
          rows: { type: 'array', items: { type: 'object' } },
          total: { type: 'integer', minimum: 0 },
          offset: { type: 'integer', minimum: 0 },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        additionalProperties: false,
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            additionalProperties: false,
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

/** The description of a version, or undefined for one that does not exist. */
export function containerApiOpenApi(version: string): object | undefined {
  return version === 'v1' ? CONTAINER_API_OPENAPI_V1 : undefined;
}
