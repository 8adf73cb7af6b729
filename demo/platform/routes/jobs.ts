import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireCaller, requireLicenseKey, requireOrgAdmin, type Caller } from '../auth.js';
import { readJson } from '../body.js';
import type { PlatformContext } from '../context.js';
import { ApiError, ApiErrorCode, badRequest, notFound } from '../errors.js';
import { findSubOrg } from '../model/accounts.js';
import type { Weekday } from '../model/clock.js';
import { connectorFor, listConnectors, loadConnectors, registerConnector } from '../model/connectors.js';
import { getExecutionUnscoped } from '../model/executions.js';
import {
  createBlockWindow,
  createJob,
  deleteBlockWindow,
  getJob,
  listBlockWindows,
  listJobs,
  updateJob,
  type Job,
} from '../model/jobs.js';
import { randomUUID } from 'node:crypto';
import type { ConnectorDefinition } from '../connectors/registry.js';
import { CONTAINER_API_VERSIONS, containerApiOpenApi } from '../runtime/container-api-openapi.js';
import { randomId } from '../secrets.js';

const ConfigValue = z.union([z.string().max(1000), z.number(), z.boolean()]);
const NewJob = z.object({
  id: z.string().max(63).optional(),
  name: z.string().min(1).max(200),
  subOrganization: z.string().max(63).nullable().optional(),
  connector: z.string().max(100),
  config: z.record(z.string().max(64), ConfigValue).optional(),
  primaryJob: z.string().max(63).nullable().optional(),
  inputJob: z.string().max(63).nullable().optional(),
  scheduleMinutes: z.number().nullable().optional(),
});
const JobPatch = z.object({
  name: z.string().min(1).max(200).optional(),
  config: z.record(z.string().max(64), ConfigValue).optional(),
  scheduleMinutes: z.number().nullable().optional(),
});
const RunBody = z
  .object({
    subOrganization: z.string().max(63).nullable().optional(),
    rows: z
      .array(z.record(z.string().max(64), z.union([z.string().max(1000), z.number()]).transform(String)))
      .max(10_000)
      .optional(),
  })
  .strict();
const Text = (max: number) => z.string().min(1).max(max);
/** Seed 004 writes its choices as labels ("data source", "environemnt variable"): `data_source`. */
const label = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
const NewConnector = z
  .object({
    name: Text(200),
    kind: z.preprocess(
      (v) => (typeof v === 'string' ? label(v).toUpperCase().replace('EXPORT_DELTA', 'DELTA_EXPORT') : v),
      z.enum(['DATA_SOURCE', 'DATA_SERVICE', 'EXPORT', 'DELTA_EXPORT']),
    ),
    description: z.string().max(1000).optional(),
    executionMode: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? label(v)
              .replace('environemnt', 'environment')
              .replace(/^environment_variables$/, 'environment_variable')
          : v,
      z.enum(['environment_variable', 'command_line_arguments']),
    ),
    command: Text(1000),
    arguments: z.union([z.string().max(4000), z.array(z.string().max(1000)).max(50)]).default([]),
    healthCheck: Text(200),
    configurations: z
      .array(
        z
          .object({
            commandOption: Text(64),
            fieldType: z.enum(['input', 'number', 'checkbox', 'dropdown', 'stage_columns_dropdown']),
            required: z.boolean().optional(),
            options: z.array(Text(200)).max(100).optional(),
            description: z.string().max(500).optional(),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    directory: z.string().max(1000).nullable().optional(),
    timeoutSeconds: z.number().nullable().optional(),
    dataServiceConfiguration: z
      .object({
        serviceType: z.literal('internal'),
        stage: z.literal('import'),
        columnPrefix: z.string().max(32),
        maxUsage: z.number().int().min(1).max(1000),
      })
      .strict()
      .nullable()
      .optional(),
    exportConfiguration: z
      .object({
        enableFeedbackFile: z.boolean(),
        channel: z
          .object({
            name: Text(100),
            templateColumns: z.array(Text(64)).min(1).max(100),
            delta: z.boolean().default(false),
            deltaKey: Text(64).nullable().optional(),
          })
          .strict(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
const NewBlockWindow = z.object({
  description: z.string().min(1).max(500),
  jobs: z.array(z.string().max(63)).max(100).default([]),
  weekdays: z.array(z.string().max(9)).min(1).max(7),
  start: z.string().max(5),
  end: z.string().max(5),
  timezone: z.string().max(64).default('UTC'),
  allowManualExecutions: z.boolean(),
});

/**
 * Jobs and their Run endpoint (seed 003), the connectors they can use (seed 004), block windows.
 * Reading and running: the license key or an access token (a SUB_ORG token sees its own jobs);
 * configuring: the license key or a USER token.
 */
export function jobRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;

  /** A job the caller may see; 404 otherwise (like executions). */
  const visibleJob = (caller: Caller, id: string): Job => {
    const job = getJob(db, caller.orgId, id);
    const p = caller.principal;
    if (p?.kind === 'SUB_ORG' && job.subOrganization !== null && job.subOrganization !== p.identifier)
      throw notFound(`Job ${id}`);
    return job;
  };

  loadConnectors(db);
  // The samples as they run: `node main.mjs <kind>`.
  // An access token (it may sit in a browser) sees what a connector is and its fields, not where a
  // registered one lives on this machine or how it is started.
  const shown = (d: ConnectorDefinition, caller: Caller) => {
    if (d.command === null) return { ...d, command: 'node', args: ['main.mjs', ...d.args] };
    if (!caller.principal) return d;
    const { command: _command, args: _args, directory: _directory, ...rest } = d;
    return rest;
  };

  app.get('/connectors', (c) => {
    const caller = requireCaller(c, ctx);
    return c.json({ data: listConnectors(db, caller.orgId).map((d) => shown(d, caller)) });
  });

  // Seed 004's "Show Container API versions" and the OpenAPI description of one, to generate a client.
  // Public: a description holds nothing secret.
  app.get('/container-api/versions', (c) => c.json({ data: CONTAINER_API_VERSIONS, latest: 'v1' }));
  app.get('/container-api/versions/:version/openapi.json', (c) => {
    const spec = containerApiOpenApi(c.req.param('version'));
    if (!spec)
      throw notFound(
        `Container API version ${c.req.param('version')} (versions: ${CONTAINER_API_VERSIONS.join(', ')})`,
      );
    return c.json(spec);
  });

  app.get('/connectors/:id', (c) => {
    const caller = requireCaller(c, ctx);
    return c.json(shown(connectorFor(db, caller.orgId, c.req.param('id')), caller));
  });

  // Registering a connector is registering a command this machine will run: the license key only,
  // and only when the operator allows it.
  app.post('/connectors', async (c) => {
    if (c.req.header('x-license-key') === undefined && c.req.header('authorization') !== undefined)
      throw new ApiError(403, ApiErrorCode.FORBIDDEN, 'Connectors are registered with the license key');
    const orgId = requireLicenseKey(c, ctx);
    if (!ctx.allowConnectorRegistration)
      throw new ApiError(
        403,
        ApiErrorCode.FORBIDDEN,
        'Connector registration is off: the operator allows it with PLATFORM_ALLOW_CONNECTOR_REGISTRATION=1',
      );
    const body = await readJson(c, NewConnector);
    const connector = registerConnector(db, orgId, randomUUID(), body, ctx.now());
    return c.json(connector, 201, { location: `/dp/api/v1/connectors/${connector.id}` });
  });

  app.get('/jobs', (c) => {
    const caller = requireCaller(c, ctx);
    const subOrg = caller.principal?.kind === 'SUB_ORG' ? caller.principal.identifier : undefined;
    return c.json({ data: listJobs(db, caller.orgId, subOrg) });
  });

  app.post('/jobs', async (c) => {
    const orgId = requireOrgAdmin(c, ctx);
    const body = await readJson(c, NewJob);
    // Job ids are UUIDs, as the vendor's documents show them (the seeded demo jobs keep readable ids).
    return c.json(createJob(db, orgId, body, ctx.now(), body.id ?? randomUUID()), 201);
  });

  app.get('/jobs/:id', (c) => c.json(visibleJob(requireCaller(c, ctx), c.req.param('id'))));

  app.patch('/jobs/:id', async (c) => {
    const orgId = requireOrgAdmin(c, ctx);
    const body = await readJson(c, JobPatch);
    return c.json(updateJob(db, orgId, c.req.param('id'), body, ctx.now()));
  });

  // The Run endpoint: a manual execution (recorded as trigger "api"), refused in a blocking window.
  app.post('/jobs/:id/run', async (c) => {
    const caller = requireCaller(c, ctx);
    const job = visibleJob(caller, c.req.param('id'));
    const body = await optionalJson(c, RunBody);
    let subOrgId = body.subOrganization ?? null;
    if (caller.principal?.kind === 'SUB_ORG') {
      if (subOrgId && subOrgId !== caller.principal.identifier)
        throw badRequest('A SUB_ORG token runs jobs for its own sub-organization only');
      subOrgId = caller.principal.identifier;
    }
    if (subOrgId && !findSubOrg(db, caller.orgId, subOrgId)) throw badRequest(`Unknown sub-organization ${subOrgId}`);
    if (body.rows && job.kind !== 'IMPORT') throw badRequest('rows: only import jobs take rows');
    const id = ctx.orchestrator.runJob(job.id, {
      orgId: caller.orgId,
      trigger: 'api',
      subOrgId,
      rows: body.rows?.map((data, i) => ({ rowNumber: i + 1, data })),
    });
    return c.json(getExecutionUnscoped(db, id), 201, { location: `/dp/api/v1/executions/${id}` });
  });

  app.get('/block-windows', (c) => c.json({ data: listBlockWindows(db, requireOrgAdmin(c, ctx)) }));

  app.post('/block-windows', async (c) => {
    const orgId = requireOrgAdmin(c, ctx);
    const body = await readJson(c, NewBlockWindow);
    // The weekdays are checked (and upper-cased) by createBlockWindow.
    const input = { ...body, weekdays: body.weekdays as Weekday[] };
    return c.json(createBlockWindow(db, orgId, randomId('bw', 6), input, ctx.now()), 201);
  });

  app.delete('/block-windows/:id', (c) => {
    deleteBlockWindow(db, requireOrgAdmin(c, ctx), c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}

/** A JSON body that may be empty (`{}` then). */
async function optionalJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  let raw: unknown = {};
  try {
    raw = text.trim() ? JSON.parse(text) : {};
  } catch {
    throw badRequest('The body must be JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`Invalid body: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return parsed.data;
}
