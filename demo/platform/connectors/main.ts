// The sample connectors' entry point, as in seed 004: `node main.mjs <kind> [--health-check]`.
// Configuration arrives in environment variables; the exit code decides the run's status (0 success,
// anything else failed); stderr lines become ERROR logs on the platform.
import * as dataService from './data-service.js';
import * as dataSource from './data-source.js';
import * as exportDelta from './export-delta.js';
import * as exportFull from './export.js';
import { ContainerApi, ContainerApiError } from './lib/container-api.js';

export interface Connector {
  /** Checks the configuration and the Container API before a run; non-zero fails the run. */
  healthCheck(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number>;
  run(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number>;
}

const connectors: Record<string, Connector> = {
  'data-source': dataSource,
  'data-service': dataService,
  export: exportFull,
  'export-delta': exportDelta,
};

const [kind = '', ...flags] = process.argv.slice(2);
const connector = connectors[kind];
if (!connector) {
  console.error(`Unknown connector "${kind}": use ${Object.keys(connectors).join(', ')}`);
  process.exit(2);
}
try {
  const api = new ContainerApi();
  process.exitCode = flags.includes('--health-check')
    ? await connector.healthCheck(api, process.env)
    : await connector.run(api, process.env);
} catch (error) {
  // The Container API may be what failed: stderr always reaches the platform (as an ERROR log).
  console.error(error instanceof ContainerApiError || error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
