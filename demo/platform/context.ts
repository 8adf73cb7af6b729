import type { Db } from './db.js';
import type { Orchestrator } from './runtime/orchestrator.js';

/** What every route needs, built once by `startPlatform`. */
export interface PlatformContext {
  db: Db;
  /** HMAC key for every token the platform signs. */
  secret: string;
  /** Lifetime of access and notebook tokens (3600 s unless configured for tests/demos). */
  tokenTtlSeconds: number;
  /** Exact origins allowed to embed the pages (frame-ancestors, guest allow-list) and to call the API with CORS. */
  allowedOrigins: string[];
  /** The platform's clock (ms since the epoch); tests pin it to check block windows and time rules. */
  now: () => number;
  /** Key that encrypts webhook secrets at rest. */
  vaultKey: Buffer;
  /** Whether the license key may register connectors, i.e. commands this machine runs (operator's choice). */
  allowConnectorRegistration: boolean;
  /** Runs jobs and connectors, delivers webhooks. */
  orchestrator: Orchestrator;
}
