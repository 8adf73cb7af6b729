// The platform's command line: `npx tsx demo/platform/main.ts` (npm start runs it next to the demo host).
import { DEMO } from './demo-data.js';
import { DEFAULT_ALLOWED_ORIGINS, PortInUseError, startPlatform } from './server.js';

const env = process.env;
const origins =
  env.PLATFORM_ALLOWED_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean) ?? DEFAULT_ALLOWED_ORIGINS;
const ttl = env.PLATFORM_TOKEN_TTL ? Number(env.PLATFORM_TOKEN_TTL) : undefined;

try {
  const platform = await startPlatform({
    port: Number(env.PLATFORM_PORT ?? 4100),
    hostname: env.PLATFORM_HOST ?? '127.0.0.1',
    dbPath: env.PLATFORM_DB ?? '.data/platform.db',
    allowedOrigins: origins,
    secret: env.PLATFORM_SECRET || undefined,
    tokenTtlSeconds: ttl && ttl > 0 ? ttl : undefined,
    // Operator opt-ins: registering connectors (commands this machine runs), webhooks to private addresses.
    allowConnectorRegistration: env.PLATFORM_ALLOW_CONNECTOR_REGISTRATION === '1',
    webhookDelivery: { allowPrivateTargets: env.PLATFORM_ALLOW_PRIVATE_WEBHOOKS === '1' },
  });
  console.log(`Platform      ${platform.url}  (database ${env.PLATFORM_DB ?? '.data/platform.db'})`);
  console.log(`  embeds for  ${platform.allowedOrigins.join(', ')}`);
  console.log(`  license key ${DEMO.licenseKey}; users ${DEMO.users.join(', ')}; sub-orgs ${DEMO.subOrgs.join(', ')}`);
  console.log(
    `  notebook    ${DEMO.apiKey.id} / ${DEMO.apiKey.secret} on ${platform.url}/embed/notebooks/${DEMO.integrationId}`,
  );
  console.log(`  execution   ${platform.url}/embed/executions/${DEMO.executions.acmeFailed}`);
  console.log(
    `  connectors  ${platform.url}/embed/executions/${DEMO.connectorExecutions.acmeFeed} (and its dependents)`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Platform stopping (${signal})`);
    platform.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  // One line, no stack: the usual causes (port taken, bad origin list) are the user's to fix.
  console.error(
    `Platform failed to start: ${error instanceof PortInUseError || error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
