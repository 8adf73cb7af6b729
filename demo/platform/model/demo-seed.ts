import type { Db } from '../db.js';
import { ACME_INVALID_ROWS, DEMO, demoCustomers, demoSales, GLOBEX_INVALID_ROWS } from '../demo-data.js';
import { hashSecret, sha256Hex } from '../secrets.js';
import { recordPastImport, type ExecutionTrigger } from './executions.js';
import { createBlockWindow, createJob } from './jobs.js';
import { SALES_BY_PRODUCT } from './notebook-query.js';

const HOUR = 3_600_000;

/** Writes the demo data (demo-data.ts) once; later starts keep every change. */
export function seedDemoData(db: Db): void {
  const now = Date.now();
  if (!db.prepare("SELECT 1 FROM settings WHERE key = 'seeded'").get()) {
    db.transaction(() => {
      seedAccounts(db, now);
      seedPipelines(db, now);
      seedNotebooks(db, now);
      seedSales(db);
      db.prepare("INSERT INTO settings (key, value) VALUES ('seeded', ?)").run(String(now));
    })();
  }
  // Added with jobs and connectors: also applied to a database seeded before them.
  if (!db.prepare("SELECT 1 FROM settings WHERE key = 'seeded_jobs'").get()) {
    db.transaction(() => {
      seedJobs(db, now);
      db.prepare("INSERT INTO settings (key, value) VALUES ('seeded_jobs', ?)").run(String(now));
    })();
  }
}

/** The import pipeline as a job, and connector jobs: a feed with dependent jobs for acme, a failing feed for globex. */
function seedJobs(db: Db, now: number): void {
  db.prepare(
    `INSERT INTO jobs (id, org_id, sub_org_id, name, kind, pipeline_id, created_at, updated_at)
     VALUES (?, ?, NULL, 'Customer import', 'IMPORT', ?, ?, ?)`,
  ).run(DEMO.jobs.customerImport, DEMO.orgId, DEMO.pipelineId, now, now);
  db.prepare('UPDATE executions SET job_id = ? WHERE pipeline_id = ?').run(DEMO.jobs.customerImport, DEMO.pipelineId);
  // Where the seeded runs came from (the failed trigger-less ones arrived with the nightly schedule).
  const origins: Array<[string, ExecutionTrigger]> = [
    [DEMO.executions.acmeSuccess, 'schedule'],
    [DEMO.executions.acmeFailed, 'schedule'],
    [DEMO.executions.globexSuccess, 'manual'],
    [DEMO.executions.globexFailed, 'api'],
  ];
  const origin = db.prepare('UPDATE executions SET origin = ? WHERE id = ? AND trigger_id IS NULL');
  for (const [id, value] of origins) origin.run(value, id);

  const org = DEMO.orgId;
  createJob(
    db,
    org,
    {
      name: 'Acme product feed',
      subOrganization: 'acme',
      connector: 'sample-data-source',
      config: { NAME: 'Acme Outdoor', PRODUCT_COUNT: '12', SHOULD_FAIL: false },
      scheduleMinutes: 60,
    },
    now,
    DEMO.jobs.acmeFeed,
  );
  createJob(
    db,
    org,
    {
      name: 'Acme feed: URL slugs',
      subOrganization: 'acme',
      connector: 'sample-data-service',
      config: { NEW_COLUMN_NAME: 'slug', SOURCE_COLUMN: 'name' },
      primaryJob: DEMO.jobs.acmeFeed,
    },
    now,
    DEMO.jobs.acmeSlugs,
  );
  createJob(
    db,
    org,
    {
      name: 'Acme feed: Google Shopping export',
      subOrganization: 'acme',
      connector: 'sample-export',
      config: { CHANNEL: 'Google Shopping', REQUIRED_COLUMNS: 'id,name,price,slug' },
      primaryJob: DEMO.jobs.acmeSlugs,
    },
    now,
    DEMO.jobs.acmeExport,
  );
  createJob(
    db,
    org,
    {
      name: 'Acme feed: marketplace delta',
      subOrganization: 'acme',
      connector: 'sample-delta-export',
      config: { CHANNEL: 'Marketplace', DELTA_KEY: 'id' },
      primaryJob: DEMO.jobs.acmeSlugs,
    },
    now,
    DEMO.jobs.acmeDelta,
  );
  createJob(
    db,
    org,
    {
      name: 'Globex product feed',
      subOrganization: 'globex',
      connector: 'sample-data-source',
      config: { NAME: 'Globex', SHOULD_FAIL: true },
    },
    now,
    DEMO.jobs.globexFeed,
  );
  // A block window that lets manual runs through: it only holds back scheduled and triggered ones.
  createBlockWindow(
    db,
    org,
    'bw-warehouse-maintenance',
    {
      description: 'Warehouse maintenance',
      jobs: [DEMO.jobs.acmeFeed],
      weekdays: ['SUN'],
      start: '02:00',
      end: '04:00',
      timezone: 'UTC',
      allowManualExecutions: true,
    },
    now,
  );
}

function seedAccounts(db: Db, now: number): void {
  db.prepare('INSERT INTO organizations (id, name, license_key_hash) VALUES (?, ?, ?)').run(
    DEMO.orgId,
    'Demo Org',
    sha256Hex(DEMO.licenseKey),
  );
  const user = db.prepare('INSERT INTO users (id, org_id, email, name, created_at) VALUES (?, ?, ?, ?, ?)');
  user.run('user-ada', DEMO.orgId, 'ada@example.com', 'Ada Lovelace', now);
  user.run('user-grace', DEMO.orgId, 'grace@example.com', 'Grace Hopper', now);
  const subOrg = db.prepare('INSERT INTO sub_orgs (id, org_id, name, created_at) VALUES (?, ?, ?, ?)');
  subOrg.run('acme', DEMO.orgId, 'Acme Corporation', now);
  subOrg.run('globex', DEMO.orgId, 'Globex Inc.', now);
}

function seedPipelines(db: Db, now: number): void {
  db.prepare('INSERT INTO pipelines (id, org_id, name, fields) VALUES (?, ?, ?, ?)').run(
    DEMO.pipelineId,
    DEMO.orgId,
    'Customer import',
    JSON.stringify(['name', 'email', 'country', 'amount']),
  );
  const step = db.prepare('INSERT INTO pipeline_steps (pipeline_id, position, name) VALUES (?, ?, ?)');
  ['Fetch file', 'Map columns', 'Validate rows', 'Load into warehouse'].forEach((name, i) =>
    step.run(DEMO.pipelineId, i + 1, name),
  );
  db.prepare('INSERT INTO triggers (id, pipeline_id, sub_org_id, name) VALUES (?, ?, ?, ?)').run(
    DEMO.triggerId,
    DEMO.pipelineId,
    'acme',
    'Acme nightly upload',
  );

  const base = { pipelineId: DEMO.pipelineId, orgId: DEMO.orgId };
  recordPastImport(db, {
    ...base,
    id: DEMO.executions.acmeSuccess,
    subOrgId: 'acme',
    rows: demoCustomers(980, 1),
    fileName: 'acme-customers-monday.csv',
    endedAt: now - 26 * HOUR,
  });
  recordPastImport(db, {
    ...base,
    id: DEMO.executions.acmeFailed,
    subOrgId: 'acme',
    rows: demoCustomers(1250, 2, ACME_INVALID_ROWS),
    fileName: 'acme-customers-tuesday.csv',
    endedAt: now - 2 * HOUR,
  });
  recordPastImport(db, {
    ...base,
    id: DEMO.executions.globexSuccess,
    subOrgId: 'globex',
    rows: demoCustomers(420, 3),
    fileName: 'globex-accounts.csv',
    endedAt: now - 50 * HOUR,
  });
  recordPastImport(db, {
    ...base,
    id: DEMO.executions.globexFailed,
    subOrgId: 'globex',
    rows: demoCustomers(312, 4, GLOBEX_INVALID_ROWS),
    fileName: 'globex-accounts-q3.csv',
    endedAt: now - 5 * HOUR,
  });
}

function seedNotebooks(db: Db, now: number): void {
  const key = db.prepare(
    'INSERT INTO api_keys (id, org_id, name, secret_salt, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const [k, name] of [
    [DEMO.apiKey, 'Host app (production)'],
    [DEMO.otherApiKey, 'Analytics export'],
  ] as const) {
    const { salt, hash } = hashSecret(k.secret);
    key.run(k.id, DEMO.orgId, name, salt, hash, now);
  }

  db.prepare('INSERT INTO notebooks (id, org_id, title, query, created_at) VALUES (?, ?, ?, ?, ?)').run(
    'sales-notebook',
    DEMO.orgId,
    'Sales analysis',
    JSON.stringify(SALES_BY_PRODUCT),
    now,
  );
  const page = db.prepare(
    'INSERT INTO notebook_pages (notebook_id, id, position, title, kind, body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  page.run('sales-notebook', 'revenue-chart', 1, 'Revenue by month', 'chart', '');
  page.run('sales-notebook', 'breakdown', 2, 'Breakdown by month and product', 'table', '');
  page.run(
    'sales-notebook',
    'internal-notes',
    3,
    'Internal notes',
    'text',
    'Not for customers: Q4 targets are under review.',
  );

  db.prepare('INSERT INTO integrations (id, notebook_id, title) VALUES (?, ?, ?)').run(
    DEMO.integrationId,
    'sales-notebook',
    'Sales overview',
  );
  const published = db.prepare('INSERT INTO integration_pages (integration_id, page_id) VALUES (?, ?)');
  published.run(DEMO.integrationId, 'revenue-chart');
  published.run(DEMO.integrationId, 'breakdown');
  db.prepare('INSERT INTO integration_api_keys (integration_id, api_key_id) VALUES (?, ?)').run(
    DEMO.integrationId,
    DEMO.apiKey.id,
  );

  const param = db.prepare(
    'INSERT INTO integration_params (integration_id, name, position, label, type, options, default_value) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  param.run(
    DEMO.integrationId,
    'region',
    1,
    'Region',
    'select',
    JSON.stringify(['ALL', 'EMEA', 'AMER', 'APAC']),
    JSON.stringify('ALL'),
  );
  param.run(DEMO.integrationId, 'minAmount', 2, 'Minimum order amount', 'number', '[]', JSON.stringify(0));
  param.run(DEMO.integrationId, 'from', 3, 'From', 'date', '[]', JSON.stringify('2024-01-01'));
  param.run(DEMO.integrationId, 'to', 4, 'To', 'date', '[]', JSON.stringify('2024-12-31'));
}

function seedSales(db: Db): void {
  const insert = db.prepare('INSERT INTO sales (date, region, product, amount) VALUES (?, ?, ?, ?)');
  for (const sale of demoSales()) insert.run(sale.date, sale.region, sale.product, sale.amount);
}
