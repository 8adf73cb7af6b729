import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran,
 * so a restart on an existing file applies only the new ones and keeps the data.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    license_key_hash TEXT NOT NULL UNIQUE       -- sha256 hex of the license key; the key itself is never stored
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sub_orgs (
    id TEXT PRIMARY KEY,                         -- the identifier used in SUB_ORG tokens
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE pipelines (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    fields TEXT NOT NULL                         -- JSON array of the column names rows carry
  );
  CREATE TABLE pipeline_steps (
    pipeline_id TEXT NOT NULL REFERENCES pipelines(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (pipeline_id, position)
  );
  CREATE TABLE triggers (
    id TEXT PRIMARY KEY,                         -- triggerIdentifier
    pipeline_id TEXT NOT NULL REFERENCES pipelines(id),
    sub_org_id TEXT REFERENCES sub_orgs(id),
    name TEXT NOT NULL
  );

  CREATE TABLE executions (
    id TEXT PRIMARY KEY,
    pipeline_id TEXT NOT NULL REFERENCES pipelines(id),
    org_id TEXT NOT NULL REFERENCES organizations(id),
    sub_org_id TEXT REFERENCES sub_orgs(id),     -- NULL: an organisation-level execution
    status TEXT NOT NULL,
    source_execution_id TEXT REFERENCES executions(id),
    trigger_id TEXT REFERENCES triggers(id),
    run_sequence INTEGER NOT NULL,
    total_rows INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE INDEX executions_by_org ON executions(org_id, sub_org_id);
  CREATE TABLE execution_steps (
    execution_id TEXT NOT NULL REFERENCES executions(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at INTEGER,
    ended_at INTEGER,
    PRIMARY KEY (execution_id, position)
  );
  CREATE TABLE execution_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    execution_id TEXT NOT NULL REFERENCES executions(id),
    ts INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('INFO', 'ERROR', 'SUCCESS')),
    message TEXT NOT NULL
  );
  CREATE INDEX execution_logs_by_execution ON execution_logs(execution_id, id);
  CREATE TABLE execution_rows (
    execution_id TEXT NOT NULL REFERENCES executions(id),
    id TEXT NOT NULL,                            -- r1, r2, ... within one execution
    row_number INTEGER NOT NULL,                 -- line in the imported file
    data TEXT NOT NULL,                          -- JSON object: field -> value
    errors TEXT NOT NULL,                        -- JSON object: field -> message ({} when valid)
    PRIMARY KEY (execution_id, id)
  );

  CREATE TABLE trigger_events (
    id TEXT PRIMARY KEY,                         -- eventCorrelationId
    event_id TEXT NOT NULL,
    trigger_id TEXT NOT NULL REFERENCES triggers(id),
    execution_id TEXT REFERENCES executions(id),
    account_identifier TEXT,
    org_identifier TEXT,
    project_identifier TEXT,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,                         -- the API key (public half)
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    secret_salt TEXT NOT NULL,
    secret_hash TEXT NOT NULL,                   -- scrypt(secret, salt), hex
    created_at INTEGER NOT NULL
  );
  CREATE TABLE notebooks (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    title TEXT NOT NULL
  );
  CREATE TABLE notebook_pages (
    notebook_id TEXT NOT NULL REFERENCES notebooks(id),
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('chart', 'table', 'text')),
    body TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (notebook_id, id)
  );
  CREATE TABLE integrations (
    id TEXT PRIMARY KEY,
    notebook_id TEXT NOT NULL REFERENCES notebooks(id),
    title TEXT NOT NULL
  );
  CREATE TABLE integration_pages (
    integration_id TEXT NOT NULL REFERENCES integrations(id),
    page_id TEXT NOT NULL,
    PRIMARY KEY (integration_id, page_id)
  );
  CREATE TABLE integration_api_keys (
    integration_id TEXT NOT NULL REFERENCES integrations(id),
    api_key_id TEXT NOT NULL REFERENCES api_keys(id),
    PRIMARY KEY (integration_id, api_key_id)
  );
  CREATE TABLE integration_params (
    integration_id TEXT NOT NULL REFERENCES integrations(id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('select', 'number', 'date')),
    options TEXT NOT NULL DEFAULT '[]',          -- JSON array, for 'select'
    default_value TEXT NOT NULL,                 -- JSON value
    PRIMARY KEY (integration_id, name)
  );

  CREATE TABLE sales (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,                          -- YYYY-MM-DD
    region TEXT NOT NULL,
    product TEXT NOT NULL,
    amount REAL NOT NULL
  );
  CREATE INDEX sales_by_date ON sales(date);
  `,
  // 2: jobs (import pipelines and connectors), where an execution came from, connector output,
  // block windows, webhooks with variables, secrets and their delivery log (seed 003, 004).
  `
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    sub_org_id TEXT REFERENCES sub_orgs(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('IMPORT', 'CONNECTOR')),
    pipeline_id TEXT NOT NULL REFERENCES pipelines(id),
    connector_id TEXT,                           -- a connector of connectors/registry.ts (CONNECTOR jobs)
    config TEXT NOT NULL DEFAULT '{}',           -- JSON: option -> value, passed as environment variables
    primary_job_id TEXT REFERENCES jobs(id),     -- dependent jobs run after their primary, never alone
    input_job_id TEXT REFERENCES jobs(id),       -- reads the output of this job's latest successful run
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX jobs_by_primary ON jobs(primary_job_id);

  ALTER TABLE executions ADD COLUMN job_id TEXT REFERENCES jobs(id);
  ALTER TABLE executions ADD COLUMN origin TEXT NOT NULL DEFAULT 'manual'; -- manual | api | webhook | schedule | dependency
  ALTER TABLE executions ADD COLUMN primary_execution_id TEXT REFERENCES executions(id);
  ALTER TABLE executions ADD COLUMN input_execution_id TEXT REFERENCES executions(id);
  ALTER TABLE executions ADD COLUMN exit_code INTEGER;
  UPDATE executions SET origin = 'webhook' WHERE trigger_id IS NOT NULL;
  CREATE INDEX executions_by_job ON executions(job_id, status);
  ALTER TABLE execution_logs ADD COLUMN source TEXT NOT NULL DEFAULT 'platform'; -- platform | connector | stderr | stdout

  CREATE TABLE execution_output (
    execution_id TEXT NOT NULL REFERENCES executions(id),
    file TEXT NOT NULL CHECK (file IN ('output', 'feedback')),
    seq INTEGER NOT NULL,
    data TEXT NOT NULL,                          -- JSON object: one product / row
    PRIMARY KEY (execution_id, file, seq)
  );

  CREATE TABLE block_windows (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    description TEXT NOT NULL,
    jobs TEXT NOT NULL DEFAULT '[]',             -- JSON array of job ids; empty: every job
    weekdays TEXT NOT NULL,                      -- JSON array of MON..SUN
    start_time TEXT NOT NULL,                    -- HH:MM, inclusive
    end_time TEXT NOT NULL,                      -- HH:MM, exclusive (before start: the window crosses midnight)
    timezone TEXT NOT NULL,
    allow_manual INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE variables (
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, name)
  );
  CREATE TABLE secrets (
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    sealed TEXT NOT NULL,                        -- AES-256-GCM: iv.tag.ciphertext (base64url); never returned
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, name)
  );

  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    description TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('GET', 'POST', 'PATCH', 'PUT')),
    url TEXT NOT NULL,                           -- templates: placeholders are kept, secrets never resolved here
    header TEXT NOT NULL,                        -- JSON object
    body TEXT,                                   -- JSON value or NULL
    rules TEXT NOT NULL,                         -- JSON array of { variable_name, operation, value }
    timezone TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE webhook_jobs (
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    job_id TEXT NOT NULL REFERENCES jobs(id),
    PRIMARY KEY (webhook_id, job_id)
  );
  CREATE INDEX webhook_jobs_by_job ON webhook_jobs(job_id);
  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    webhook_id TEXT REFERENCES webhooks(id) ON DELETE SET NULL,
    execution_id TEXT NOT NULL REFERENCES executions(id),
    description TEXT NOT NULL,
    method TEXT NOT NULL,
    url TEXT NOT NULL,                           -- variables and metadata substituted, secrets still as placeholders
    request TEXT,                                -- JSON { url, header, body }: the same, until the delivery ends
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'RETRYING', 'DELIVERED', 'FAILED', 'SKIPPED')),
    reason TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    created_at INTEGER NOT NULL,
    completed_at INTEGER
  );
  CREATE INDEX webhook_deliveries_by_execution ON webhook_deliveries(execution_id, created_at);
  CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id, created_at);
  CREATE TABLE webhook_delivery_attempts (
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL,
    status_code INTEGER,                         -- NULL: no answer (connection refused, timeout)
    error TEXT,                                  -- secrets are redacted before anything is stored
    PRIMARY KEY (delivery_id, attempt)
  );
  `,
  // 3: schedules: a job may run every N minutes (executions with trigger "schedule").
  `
  ALTER TABLE jobs ADD COLUMN schedule_minutes INTEGER;   -- NULL: no schedule
  ALTER TABLE jobs ADD COLUMN next_run_at INTEGER;        -- ms since the epoch
  `,
  // 4: runs that really run: an import's whole input (so a re-run processes all of it), who cancelled,
  // trigger events that were refused or failed, notebooks defined by data, e-mails unique per organisation.
  `
  CREATE TABLE execution_input (
    execution_id TEXT NOT NULL REFERENCES executions(id),
    row_number INTEGER NOT NULL,                 -- line in the imported file
    data TEXT NOT NULL,                          -- JSON object: field -> value, as received
    PRIMARY KEY (execution_id, row_number)
  );
  ALTER TABLE trigger_events ADD COLUMN exception_occurred INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE notebooks ADD COLUMN query TEXT;   -- JSON query cell (model/notebook-query.ts); NULL: the sales default
  ALTER TABLE notebooks ADD COLUMN created_at INTEGER;
  ALTER TABLE integrations ADD COLUMN created_at INTEGER;

  CREATE TABLE users_v4 (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    email TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, email)
  );
  INSERT INTO users_v4 SELECT id, org_id, email, name, created_at FROM users;
  DROP TABLE users;
  ALTER TABLE users_v4 RENAME TO users;
  `,
  // 5: connectors an organisation registers (seed 004), runnable by its jobs.
  `
  CREATE TABLE connectors (
    id TEXT PRIMARY KEY,                         -- a UUID
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('DATA_SOURCE', 'DATA_SERVICE', 'EXPORT', 'DELTA_EXPORT')),
    definition TEXT NOT NULL,                    -- JSON: command, arguments, health check, fields, settings
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
];

/**
 * Opens (or creates) the platform's SQLite file and brings the schema up to date. WAL mode:
 * readers never block the writer, and a crash loses nothing committed.
 */
export function openDatabase(path: string): Db {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      // PRAGMA takes no bound parameters; the value is our own integer.
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
