// `npm start`: the reference platform and the demo host app, on two origins, in one process.
//
//   HOST_PORT (4000)  PLATFORM_PORT (4100)  PLATFORM_DB (.data/platform.db)  PLATFORM_TOKEN_TTL (3600 s)
//   PLATFORM_ALLOWED_ORIGINS   more host origins that may embed the platform (comma-separated), e.g.
//                              http://localhost:5173 for an app of your own; the demo host is always allowed.
import { startHost, type Host } from './host/server.js';
import { DEMO } from './platform/seed.js';
import { startPlatform, type Platform } from './platform/server.js';

const env = process.env;

/** Reads a setting from the environment, or ends with one line saying what is wrong with it. */
function numberFrom(name: string, fallback: number, valid: (n: number) => boolean, expected: string): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || !valid(value)) fail(`${name}=${raw} is not ${expected}.`);
  return value;
}

function fail(message: string): never {
  console.error(`frameport demo could not start: ${message}`);
  process.exit(1);
}

const isPort = (n: number) => n >= 1 && n <= 65535;
const hostPort = numberFrom('HOST_PORT', 4000, isPort, 'a port number (1-65535)');
const platformPort = numberFrom('PLATFORM_PORT', 4100, isPort, 'a port number (1-65535)');
const tokenTtl = numberFrom('PLATFORM_TOKEN_TTL', 3600, (n) => n > 0, 'a number of seconds');
if (hostPort === platformPort) fail(`HOST_PORT and PLATFORM_PORT are both ${hostPort}: they need two ports.`);
const hostOrigin = `http://localhost:${hostPort}`;
const dbPath = env.PLATFORM_DB || '.data/platform.db';
const extraOrigins = (env.PLATFORM_ALLOWED_ORIGINS ?? '')
  .split(/[\s,]+/)
  .map((origin) => origin.replace(/\/+$/, ''))
  .filter((origin) => origin !== '' && origin !== hostOrigin);
const allowedOrigins = [hostOrigin, ...new Set(extraOrigins)];

let platform: Platform | undefined;
let host: Host | undefined;
let stopping = false;

/** Ctrl-C (or SIGTERM) closes both servers and the database; a second Ctrl-C does not wait. */
async function stop(signal: string): Promise<void> {
  if (stopping) {
    console.log('  stopping now.');
    process.exit(130);
  }
  stopping = true;
  console.log(`\n  stopping (${signal})…`);
  await Promise.allSettled([host?.close(), platform?.close()]);
  console.log('  stopped.');
  process.exit(0);
}
// Registered first, so Ctrl-C while the servers start stops them cleanly too.
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  platform = await startPlatform({
    port: platformPort,
    hostname: '127.0.0.1',
    dbPath,
    allowedOrigins, // the platform checks each one and refuses to start on a bad one
    tokenTtlSeconds: tokenTtl,
    quiet: true,
  });
  if (platform.assetError) console.error(`  warning: the embed pages failed to build: ${platform.assetError}`);
  host = await startHost({ port: hostPort, hostname: 'localhost', platformUrl: platform.url });
} catch (error) {
  await platform?.close();
  fail(error instanceof Error ? error.message : String(error));
}

console.log(`
  frameport demo is running

  Host app   ${host.url}   the app that embeds the platform's views
  Platform   ${platform.url}   reference platform, SQLite at ${dbPath}

  Open ${host.url} in your browser.

  Embeds allowed for ${platform.allowedOrigins.join(', ')}${
    extraOrigins.length
      ? ''
      : '\n  (an app of your own on another origin: PLATFORM_ALLOWED_ORIGINS=http://localhost:5173 npm start)'
  }
  Try in your app: platform-url="${platform.url}" execution-id="${DEMO.executions.acmeFailed}",
  or the notebook ${platform.url}/embed/notebooks/${DEMO.integrationId}

  Demo data: license key ${DEMO.licenseKey}, sub-orgs ${DEMO.subOrgs.join(' and ')},
  notebook API key ${DEMO.apiKey.id}; the host app keeps the secrets on its server.${
    tokenTtl === 3600 ? '' : `\n  Tokens live ${tokenTtl} s: watch "token-refreshed" in the page's event log.`
  }
  Press Ctrl-C to stop both.
`);
