import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.js';
import type { PlatformContext } from './context.js';
import { openDatabase, type Db } from './db.js';
import { getSetting, setSetting } from './model/settings.js';
import { vaultKey } from './model/vault.js';
import type { AssetStore } from './routes/embed.js';
import { buildConnectors } from './runtime/connector-build.js';
import { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from './runtime/deliveries.js';
import { Orchestrator } from './runtime/orchestrator.js';
import { runDemoJobs, seedDemoData } from './seed.js';
import { buildAssets } from './web/bundle.js';

export interface PlatformOptions {
  /** TCP port; 0 picks a free one (tests). Default 4100. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  hostname?: string;
  /** SQLite file, created with its directory if missing. Default `.data/platform.db`. */
  dbPath?: string;
  /** Exact host origins that may frame the embed pages and call the API from a browser. Default the demo host. */
  allowedOrigins?: string[];
  /** Token signing secret; by default one is generated on first start and kept in the database. */
  secret?: string;
  /** Lifetime of issued tokens in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** No log output (tests). */
  quiet?: boolean;
  /** Where log lines go instead of stderr (tests read them). */
  log?: (message: string) => void;
  /** The platform's clock, ms since the epoch (tests pin it for block windows and time rules). Default `Date.now`. */
  clock?: () => number;
  /** Time a connector run may take before it is killed. Default 300,000 ms. */
  connectorTimeoutMs?: number;
  /** Time a connector's health check may take. Default 30,000 ms. */
  healthCheckTimeoutMs?: number;
  /** Connector runs at the same time (more wait as QUEUED). Default 4. */
  maxConcurrentRuns?: number;
  /** Webhook delivery: attempts, backoff, per-attempt timeout. */
  webhookDelivery?: Partial<DeliveryOptions>;
  /** How often scheduled jobs are looked for. Default 15,000 ms. */
  schedulerIntervalMs?: number;
  /** How long each step of an import run takes at least, so progress can be watched. Default 600 ms. */
  importStepMs?: number;
  /**
   * Let the license key register connectors through the API (default false): a connector is a command
   * this machine runs, so only the operator can allow it.
   */
  allowConnectorRegistration?: boolean;
  /** Start the demo connector jobs once on a new database (default true); they finish in the background. */
  demoRuns?: boolean;
}

export interface Platform {
  /** Base URL, e.g. `http://127.0.0.1:4100`. */
  url: string;
  port: number;
  allowedOrigins: string[];
  db: Db;
  /** Set when the embed bundle failed to build (the API still works; the pages answer 500). */
  assetError: string | undefined;
  /** Resolves when no connector runs and no webhook delivery is pending (or after `timeoutMs`). */
  idle(timeoutMs?: number): Promise<void>;
  /** Stops accepting connections, drops idle keep-alive ones and closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_ALLOWED_ORIGINS = ['http://localhost:4000'];

/** Starts the reference platform: opens (and seeds) the database, builds the embed pages, listens. */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const hostname = options.hostname ?? '127.0.0.1';
  const requestedPort = options.port ?? 4100;
  const allowedOrigins = normaliseOrigins(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS);
  const log = options.log ?? (options.quiet ? () => {} : (message: string) => console.error(`[platform] ${message}`));
  const now = options.clock ?? Date.now;

  // esbuild works in its own process: start it first so it overlaps with opening and seeding the DB.
  const built = buildAssets().then(
    (dir): AssetStore => ({ dir }),
    (error: unknown): AssetStore => ({
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  const connectorEntry = buildConnectors();
  connectorEntry.catch(() => {}); // reported by the runs that need it
  const db = openDatabase(options.dbPath ?? '.data/platform.db');
  try {
    seedDemoData(db);
  } catch (error) {
    db.close();
    throw error;
  }
  let orchestrator: Orchestrator | undefined;
  try {
    const secret = options.secret ?? signingSecret(db);
    const key = vaultKey(secret);
    orchestrator = new Orchestrator({
      db,
      now,
      log,
      vaultKey: key,
      connectorEntry,
      connectorTimeoutMs: options.connectorTimeoutMs ?? 300_000,
      healthCheckTimeoutMs: options.healthCheckTimeoutMs ?? 30_000,
      maxConcurrentRuns: options.maxConcurrentRuns ?? 4,
      maxOutputRows: 100_000,
      delivery: { ...DEFAULT_DELIVERY_OPTIONS, ...options.webhookDelivery },
      importStepMs: options.importStepMs ?? 600,
    });
    orchestrator.recover();
    orchestrator.startScheduler(options.schedulerIntervalMs ?? 15_000);
    const ctx: PlatformContext = {
      db,
      secret,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
      allowedOrigins,
      now,
      vaultKey: key,
      allowConnectorRegistration: options.allowConnectorRegistration ?? false,
      orchestrator,
    };
    // Real connector runs for the demo data, once per database. They start now and finish in the
    // background (a few seconds); `idle()` waits for them.
    if ((options.demoRuns ?? true) && !getSetting(db, 'demo_runs')) {
      setSetting(db, 'demo_runs', String(now()));
      try {
        runDemoJobs(orchestrator);
      } catch (error) {
        log(`the demo connector runs could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const store = await built;
    if (store.error) log(`the embed pages failed to build, they will answer 500: ${store.error}`);
    const server = createAdaptorServer({ fetch: createApp(ctx, store, log).fetch }) as Server;
    const port = await listen(server, requestedPort, hostname);
    let closing: Promise<void> | undefined;
    const host =
      hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname.includes(':') ? `[${hostname}]` : hostname;
    return {
      url: `http://${host}:${port}`,
      port,
      allowedOrigins,
      db,
      assetError: store.error,
      idle: (timeoutMs) => ctx.orchestrator.idle(timeoutMs),
      close: () =>
        (closing ??= new Promise<void>((resolve) => {
          server.close(() => {
            // Connector runs and deliveries write to the database: stop them before closing it.
            void ctx.orchestrator.close().finally(() => {
              db.close();
              resolve();
            });
          });
          // Idle keep-alive connections would otherwise hold close() open for seconds.
          server.closeAllConnections();
        })),
    };
  } catch (error) {
    await orchestrator?.close();
    db.close();
    throw error;
  }
}

/** Thrown when the port is taken, with a message fit to print as is. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(port: number, hostname: string) {
    super(
      `Port ${port} on ${hostname} is already in use: stop the other process or set PLATFORM_PORT to another port.`,
    );
    this.name = 'PortInUseError';
  }
}

function listen(server: Server, port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, hostname) : error),
    );
    server.listen(port, hostname, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** The HMAC key: generated once and stored, so tokens stay valid across restarts. */
function signingSecret(db: Db): string {
  const existing = getSetting(db, 'signing_secret');
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  setSetting(db, 'signing_secret', secret);
  return secret;
}

/** Origins must be exact (`scheme://host[:port]`, no path or trailing slash): they are compared as strings. */
function normaliseOrigins(origins: readonly string[]): string[] {
  return origins.map((origin) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      /* reported below */
    }
    if (!parsed || parsed.origin !== origin || parsed.origin === 'null') {
      throw new Error(`Allowed origin "${origin}" is not an exact origin like http://localhost:4000`);
    }
    return origin;
  });
}
