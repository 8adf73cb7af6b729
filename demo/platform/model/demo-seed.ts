import type { Db } from './db.js';
import type { ExecutionTrigger } from './model/executions.js';
import { runImport } from './model/executions.js';
import { createBlockWindow, createJob } from './model/jobs.js';
import type { Orchestrator } from './runtime/orchestrator.js';
import { hashSecret, sha256Hex } from './secrets.js';

/**
 * Demo data with deterministic ids (see README.md). Written once, in one transaction, the first
 * time a database is opened; a `seeded` setting makes later starts skip it.
 */
export const DEMO = {
  orgId: 'org-demo',
  licenseKey: 'demo-license-key',
  users: ['ada@example.com', 'grace@example.com'],
  subOrgs: ['acme', 'globex'],
  pipelineId: 'customer-import',
  triggerId: 'customer-import-webhook',
  executions: {
    acmeFailed: 'exec-acme-failed',
    acmeSuccess: 'exec-acme-success',
    globexFailed: 'exec-globex-failed',
    globexSuccess: 'exec-globex-success',
    globexRunning: 'exec-globex-running',
  },
  apiKey: { id: 'demo-api-key', secret: 'demo-api-secret' },
  otherApiKey: { id: 'other-api-key', secret: 'other-api-secret' },
  integrationId: 'sales-overview',
  /** Jobs (seed 003, 004): the import pipeline, and connector jobs with dependents. */
  jobs: {
    customerImport: 'customer-import',
    acmeFeed: 'acme-product-feed',
    acmeSlugs: 'acme-feed-slugs',
    acmeExport: 'acme-feed-export',
    acmeDelta: 'acme-feed-delta',
    globexFeed: 'globex-product-feed',
  },
  /** Executions of real connector runs, made once when a database is new. */
  connectorExecutions: {
    acmeFeed: 'exec-acme-feed',
    acmeSlugs: 'exec-acme-feed-slugs',
    acmeExport: 'exec-acme-feed-export',
    acmeDelta: 'exec-acme-feed-delta',
    globexFeedFailed: 'exec-globex-feed-failed',
  },
} as const;

const HOUR = 3_600_000;

export function seed(db: Db): void {
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
    [DEMO.executions.globexRunning, 'schedule'],
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

/**
 * Real connector runs for the demo data (once per database): the acme feed and its dependent jobs
 * succeed, the globex feed fails on purpose (SHOULD_FAIL). They run in the background.
 */
export function runDemoJobs(orchestrator: Orchestrator): void {
  const ids = DEMO.connectorExecutions;
  orchestrator.runJob(DEMO.jobs.acmeFeed, {
    orgId: DEMO.orgId,
    trigger: 'manual',
    id: ids.acmeFeed,
    dependentIds: {
      [DEMO.jobs.acmeSlugs]: ids.acmeSlugs,
      [DEMO.jobs.acmeExport]: ids.acmeExport,
      [DEMO.jobs.acmeDelta]: ids.acmeDelta,
    },
  });
  orchestrator.runJob(DEMO.jobs.globexFeed, { orgId: DEMO.orgId, trigger: 'api', id: ids.globexFeedFailed });
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
  runImport(db, {
    ...base,
    id: DEMO.executions.acmeSuccess,
    subOrgId: 'acme',
    rows: [],
    extraValidRows: 980,
    fileName: 'acme-customers-monday.csv',
    endedAt: now - 26 * HOUR,
  });
  runImport(db, {
    ...base,
    id: DEMO.executions.acmeFailed,
    subOrgId: 'acme',
    fileName: 'acme-customers-tuesday.csv',
    endedAt: now - 2 * HOUR,
    extraValidRows: 1245,
    rows: [
      { rowNumber: 17, data: { name: 'Jane Cooper', email: 'jane.cooper@example', country: 'US', amount: '1250.00' } },
      { rowNumber: 42, data: { name: 'Wade Warren', email: 'wade@warren.io', country: '', amount: '310.50' } },
      {
        rowNumber: 88,
        data: { name: 'Esther Howard', email: 'esther.howard@example.com', country: 'DE', amount: '-45.00' },
      },
      {
        rowNumber: 203,
        data: { name: 'Cameron Williamson', email: 'cameron(at)example.com', country: 'GB', amount: '99.99' },
      },
      {
        rowNumber: 517,
        data: { name: 'Brooklyn Simmons', email: 'brooklyn@simmons.dev', country: 'XX', amount: 'abc' },
      },
    ],
  });
  runImport(db, {
    ...base,
    id: DEMO.executions.globexSuccess,
    subOrgId: 'globex',
    rows: [],
    extraValidRows: 420,
    fileName: 'globex-accounts.csv',
    endedAt: now - 50 * HOUR,
  });
  runImport(db, {
    ...base,
    id: DEMO.executions.globexFailed,
    subOrgId: 'globex',
    fileName: 'globex-accounts-q3.csv',
    endedAt: now - 5 * HOUR,
    extraValidRows: 310,
    rows: [
      { rowNumber: 9, data: { name: 'Hank Scorpio', email: 'hank@globex', country: 'US', amount: '5000' } },
      { rowNumber: 33, data: { name: '', email: 'frank.grimes@globex.com', country: 'FR', amount: '-10' } },
    ],
  });
  seedRunning(db, DEMO.executions.globexRunning, now);
}

/** A run still in progress: Validate is running, Load has not started. */
function seedRunning(db: Db, id: string, now: number): void {
  const startedAt = now - 95_000;
  db.prepare(
    `INSERT INTO executions (id, pipeline_id, org_id, sub_org_id, status, run_sequence, total_rows, created_at, started_at, ended_at)
     VALUES (?, ?, ?, 'globex', 'RUNNING', 5, 2400, ?, ?, NULL)`,
  ).run(id, DEMO.pipelineId, DEMO.orgId, startedAt, startedAt);
  const step = db.prepare(
    'INSERT INTO execution_steps (execution_id, position, name, status, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  step.run(id, 1, 'Fetch file', 'SUCCESS', startedAt, startedAt + 30_000);
  step.run(id, 2, 'Map columns', 'SUCCESS', startedAt + 30_000, startedAt + 42_000);
  step.run(id, 3, 'Validate rows', 'RUNNING', startedAt + 42_000, null);
  step.run(id, 4, 'Load into warehouse', 'PENDING', null, null);
  const log = db.prepare('INSERT INTO execution_logs (execution_id, ts, level, message) VALUES (?, ?, ?, ?)');
  log.run(id, startedAt, 'INFO', 'Execution started for globex-accounts-q4.csv');
  log.run(id, startedAt + 30_000, 'INFO', 'Fetched 2,400 row(s)');
  log.run(id, startedAt + 42_000, 'INFO', 'Mapped columns: name, email, country, amount');
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

  db.prepare('INSERT INTO notebooks (id, org_id, title) VALUES (?, ?, ?)').run(
    'sales-notebook',
    DEMO.orgId,
    'Sales analysis',
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

/** 2024's orders, from a seeded PRNG so every database holds the same numbers. */
function seedSales(db: Db): void {
  const random = mulberry32(2024);
  const regions = ['EMEA', 'AMER', 'APAC'] as const;
  const products = [
    ['Starter plan', 49],
    ['Team plan', 199],
    ['Enterprise plan', 1490],
    ['Support add-on', 290],
  ] as const;
  const insert = db.prepare('INSERT INTO sales (date, region, product, amount) VALUES (?, ?, ?, ?)');
  for (let month = 0; month < 12; month++) {
    const orders = 60 + Math.floor(random() * 30) + month * 3; // a little growth over the year
    for (let i = 0; i < orders; i++) {
      const day = 1 + Math.floor(random() * 28);
      const [product, price] = products[Math.floor(random() * products.length)]!;
      const seats = 1 + Math.floor(random() * 8);
      const date = `2024-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      insert.run(
        date,
        regions[Math.floor(random() * regions.length)]!,
        product,
        Math.round(price * seats * (0.8 + random() * 0.4) * 100) / 100,
      );
    }
  }
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
