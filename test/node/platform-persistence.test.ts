import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LICENSE_KEY, startTestPlatform } from './helpers/platform.js';

const dir = mkdtempSync(join(tmpdir(), 'frameport-restart-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('data survives a restart on the same file, and the seed is not applied twice', async () => {
  // No fixed secret: the generated one must be stored and reused, or old tokens would break.
  const first = await startTestPlatform({ dir, secret: undefined });
  const created = await first.request('/dp/api/v1/users', {
    method: 'POST',
    headers: { 'x-license-key': LICENSE_KEY },
    json: { email: 'kept@example.com' },
  });
  assert.equal(created.status, 201);
  const acme = await first.accessToken('acme', 'SUB_ORG');
  await first.request('/dp/api/v1/executions/exec-acme-failed/rows/r1', {
    method: 'PATCH',
    token: acme,
    json: { data: { email: 'jane@example.com' } },
  });
  const rerun = (await (
    await first.request('/dp/api/v1/executions/exec-acme-failed/rerun', { method: 'POST', token: acme })
  ).json()) as { id: string };
  const count = (first.db.prepare('SELECT COUNT(*) AS n FROM executions').get() as { n: number }).n;
  await first.dispose();

  const second = await startTestPlatform({ dir, secret: undefined });
  try {
    assert.equal((second.db.prepare('SELECT COUNT(*) AS n FROM executions').get() as { n: number }).n, count);
    assert.equal((second.db.prepare('SELECT COUNT(*) AS n FROM sub_orgs').get() as { n: number }).n, 2);
    assert.equal(second.db.pragma('journal_mode', { simple: true }), 'wal');
    // A token issued before the restart still works: the signing secret was kept.
    const execution = await second.request(`/dp/api/v1/executions/${rerun.id}`, { token: acme });
    assert.equal(execution.status, 200);
    const fixed = (await (await second.request('/dp/api/v1/executions/exec-acme-failed', { token: acme })).json()) as {
      invalidRows: Array<{ data: Record<string, string> }>;
    };
    assert.equal(fixed.invalidRows[0]?.data.email, 'jane@example.com');
    const token = await second.request('/dp/api/v1/access/token', {
      method: 'POST',
      json: { license_key: LICENSE_KEY, auth: { identifier: 'kept@example.com', type: 'USER' } },
    });
    assert.equal(token.status, 200);
  } finally {
    await second.dispose();
  }
});

test('a port already in use fails with a clear message', async () => {
  const first = await startTestPlatform();
  try {
    await assert.rejects(
      () => startTestPlatform({ port: first.port }),
      (error: Error) => {
        assert.match(error.message, new RegExp(`Port ${first.port} .*already in use`));
        assert.equal((error as Error & { code?: string }).code, 'EADDRINUSE');
        return true;
      },
    );
  } finally {
    await first.dispose();
  }
});
