// `npm start`: the reference platform and the demo host app, on two origins, in one process.
import { startHost } from './host/server.js';
import { DEMO } from './platform/seed.js';
import { startPlatform } from './platform/server.js';

const env = process.env;
const hostPort = Number(env.HOST_PORT ?? 4000);
const platformPort = Number(env.PLATFORM_PORT ?? 4100);
const hostOrigin = `http://localhost:${hostPort}`;
const dbPath = env.PLATFORM_DB ?? '.data/platform.db';

try {
  const platform = await startPlatform({
    port: platformPort,
    hostname: '127.0.0.1',
    dbPath,
    allowedOrigins: [hostOrigin],
    quiet: true,
    ...(env.PLATFORM_TOKEN_TTL ? { tokenTtlSeconds: Number(env.PLATFORM_TOKEN_TTL) } : {}),
  });
  if (platform.assetError) console.error(`warning: the embed pages failed to build: ${platform.assetError}`);
  const host = await startHost({ port: hostPort, hostname: 'localhost', platformUrl: platform.url }).catch(async (error: unknown) => {
    await platform.close();
    throw error;
  });

  console.log(`
  frameport demo is running

  Platform   ${platform.url}   reference platform (Hono + SQLite at ${dbPath})
  Host app   ${host.url}   the demo app that embeds it (another origin)

  Open ${host.url} in your browser.

  Demo data: license key ${DEMO.licenseKey}, sub-orgs ${DEMO.subOrgs.join(' and ')},
  notebook API key ${DEMO.apiKey.id}; the host app keeps the secrets on its server.
  Press Ctrl-C to stop both.
`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  stopping (${signal})…`);
    await Promise.allSettled([host.close(), platform.close()]);
    console.log('  stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  console.error(`\n  frameport demo could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
