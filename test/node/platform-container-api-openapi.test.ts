import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startContainerApi, type ContainerApiServer } from '../../demo/platform/runtime/container-api.js';
import { validate } from './helpers/json-schema.js';
import { expectJson } from './helpers/orchestration.js';
import { startTestPlatform, type TestPlatform } from './helpers/platform.js';

// The Container API's versions and OpenAPI 3.1 description, served by the platform (seed 004), and
// real answers of a running Container API validated against that description.

type Spec = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: object }> };
        responses: Record<string, { content?: Record<string, { schema: object }> }>;
      }
    >
  >;
};

let platform: TestPlatform;
let spec: Spec;
let api: ContainerApiServer;
const logged: string[] = [];
let appended = 0;

before(async () => {
  platform = await startTestPlatform();
  api = await startContainerApi({
    log: (level, message) => logged.push(`${level} ${message}`),
    append: (_file, rows) =>
      appended + rows.length > 3 ? 'A run may append at most 3 rows to output' : (appended += rows.length),
    read: (_file, offset, limit) => {
      const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
  });
});
after(async () => {
  await api?.close();
  await platform?.dispose();
});

/** The schema the description gives for an answer, or null when it has no body; fails for an undocumented one. */
function responseSchema(method: string, url: string, status: number): object | null {
  const pathname = new URL(url).pathname;
  const template = Object.keys(spec.paths).find((p) =>
    new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
  );
  assert.ok(template, `${pathname} is described`);
  const operation = spec.paths[template]?.[method.toLowerCase()];
  assert.ok(operation, `${method} ${template} is described`);
  const response = operation.responses[String(status)];
  assert.ok(response, `${method} ${template} answers ${status} as described`);
  return response.content?.['application/json']?.schema ?? null;
}

async function call(method: string, path: string, body?: unknown, token: string | null = api.token) {
  const url = `${api.url}${path}`;
  const response = await fetch(url, {
    method,
    headers: token ? { authorization: `Bearer ${token}`, 'content-type': 'application/json' } : {},
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  const schema = responseSchema(method, url, response.status);
  if (schema === null) assert.equal(text, '', `${method} ${path}: no body`);
  else
    assert.deepEqual(
      validate(spec as never, schema as never, JSON.parse(text)),
      [],
      `${method} ${path} ${response.status}`,
    );
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('Container API versions and OpenAPI description', () => {
  test("the platform lists the versions and serves each one's OpenAPI 3.1 description", async () => {
    const versions = await expectJson<{ data: string[]; latest: string }>(
      platform.request('/dp/api/v1/container-api/versions'),
      200,
    );
    assert.deepEqual(versions, { data: ['v1'], latest: 'v1' });
    spec = await expectJson<Spec>(platform.request('/dp/api/v1/container-api/versions/v1/openapi.json'), 200);
    assert.equal(spec.openapi, '3.1.0');
    assert.equal((await platform.request('/dp/api/v1/container-api/versions/v9/openapi.json')).status, 404);
    // A run's own Container API serves the same description.
    assert.deepEqual(
      await (await fetch(`${api.url}/v1/openapi.json`, { headers: { authorization: `Bearer ${api.token}` } })).json(),
      spec,
    );
  });

  test('the validator is not vacuous: wrong bodies are caught', () => {
    const health = responseSchema('GET', `${api.url}/v1/health`, 200)!;
    assert.deepEqual(validate(spec as never, health as never, { ok: true }), []);
    assert.notDeepEqual(validate(spec as never, health as never, { ok: 'yes' }), []);
    assert.notDeepEqual(validate(spec as never, health as never, { ok: true, extra: 1 }), []);
    const page = responseSchema('GET', `${api.url}/v1/files/input`, 200)!;
    assert.notDeepEqual(validate(spec as never, page as never, { rows: [], total: -1, offset: 0 }), []);
  });

  test('every answer of a running Container API matches the description', async () => {
    assert.deepEqual((await call('GET', '/v1/health')).body, { ok: true });
    assert.equal((await call('GET', '/v1/health', undefined, null)).status, 401);
    assert.equal((await call('GET', '/v1/health', undefined, 'wrong')).status, 401);

    const entry = { level: 'SUCCESS', message: 'Hello Ada' };
    const logEntry = (spec as never as { components: { schemas: Record<string, object> } }).components.schemas
      .LogEntry!;
    assert.deepEqual(validate(spec as never, logEntry as never, entry), [], 'the request itself is as described');
    assert.equal((await call('POST', '/v1/log', entry)).status, 204);
    assert.equal((await call('POST', '/v1/log', { level: 'LOUD', message: 'x' })).status, 400);
    assert.deepEqual(logged, ['SUCCESS Hello Ada']);

    const appendedNow = await call('POST', '/v1/files/output', {
      rows: [
        { id: 1, name: 'first_product' },
        { id: 2, name: 'second product' },
      ],
    });
    assert.deepEqual(appendedNow, { status: 200, body: { appended: 2, total: 2 } });
    assert.equal((await call('POST', '/v1/files/output', { rows: [{ id: 3 }, { id: 4 }] })).status, 413);
    assert.equal((await call('POST', '/v1/files/output', { rows: [{ nested: { no: true } }] })).status, 400);
    assert.equal((await call('POST', '/v1/files/input', { rows: [] })).status, 404);

    const page = await call('GET', '/v1/files/input?offset=1&limit=1');
    assert.deepEqual(page.body, { rows: [{ id: 2 }], total: 3, offset: 1 });
    assert.equal((await call('GET', '/v1/files/previous')).status, 200);
  });
});
