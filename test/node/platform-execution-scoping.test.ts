import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { errorOf, startTestPlatform, type TestPlatform } from './helpers/platform.js';

let platform: TestPlatform;
let acme: string;
let globex: string;
let ada: string;
before(async () => {
  platform = await startTestPlatform();
  [acme, globex, ada] = await Promise.all([
    platform.accessToken('acme', 'SUB_ORG'),
    platform.accessToken('globex', 'SUB_ORG'),
    platform.accessToken('ada@example.com', 'USER'),
  ]);
});
after(() => platform.dispose());

// Scenario table: which token may read which execution.
const scenarios: Array<{ name: string; token: () => string; execution: string; status: number }> = [
  { name: 'acme reads its own execution', token: () => acme, execution: 'exec-acme-failed', status: 200 },
  { name: 'acme cannot read a globex execution', token: () => acme, execution: 'exec-globex-failed', status: 404 },
  { name: 'globex reads its own execution', token: () => globex, execution: 'exec-globex-failed', status: 200 },
  { name: 'globex cannot read an acme execution', token: () => globex, execution: 'exec-acme-success', status: 404 },
  { name: 'a USER reads acme executions', token: () => ada, execution: 'exec-acme-failed', status: 200 },
  { name: 'a USER reads globex executions', token: () => ada, execution: 'exec-globex-success', status: 200 },
  { name: 'an unknown execution is 404 for everyone', token: () => ada, execution: 'exec-nope', status: 404 },
];
for (const s of scenarios) {
  test(s.name, async () => {
    const response = await platform.request(`/dp/api/v1/executions/${s.execution}`, { token: s.token() });
    assert.equal(response.status, s.status);
    if (s.status === 200) assert.equal(((await response.json()) as { id: string }).id, s.execution);
    // "Not yours" and "does not exist" answer the same, so ids of other tenants cannot be probed.
    else assert.equal((await errorOf(response)).code, 'NOT_FOUND');
  });
}

test('a SUB_ORG token cannot fix rows of or re-run another sub-organization execution', async () => {
  const patch = await platform.request('/dp/api/v1/executions/exec-globex-failed/rows/r1', {
    method: 'PATCH',
    token: acme,
    json: { data: { email: 'x@y.com' } },
  });
  assert.equal(patch.status, 404);
  const rerun = await platform.request('/dp/api/v1/executions/exec-globex-failed/rerun', {
    method: 'POST',
    token: acme,
  });
  assert.equal(rerun.status, 404);
  // Nothing changed for globex.
  const read = (await (
    await platform.request('/dp/api/v1/executions/exec-globex-failed', { token: globex })
  ).json()) as { invalidRows: Array<{ data: Record<string, string> }> };
  assert.equal(read.invalidRows[0]?.data.email, 'hank@globex');
});

test('listing shows a SUB_ORG only its own executions, a USER all of them', async () => {
  const list = async (token: string) =>
    (
      (await (await platform.request('/dp/api/v1/executions', { token })).json()) as {
        data: Array<{ id: string; subOrganization: string }>;
      }
    ).data;
  const acmeList = await list(acme);
  assert.ok(acmeList.length >= 2);
  assert.ok(acmeList.every((e) => e.subOrganization === 'acme'));
  const all = await list(ada);
  assert.deepEqual(new Set(all.map((e) => e.subOrganization)), new Set(['acme', 'globex']));
});
