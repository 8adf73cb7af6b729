import { DEMO } from './demo-data.js';
import type { Orchestrator } from './runtime/orchestrator.js';

export { DEMO } from './demo-data.js';
export { seedDemoData } from './model/demo-seed.js';

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
