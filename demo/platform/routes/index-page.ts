import { Hono } from 'hono';
import type { PlatformContext } from '../context.js';
import { DEMO } from '../demo-data.js';
import { escapeHtml } from '../web/html.js';

/** `GET /`: what this platform serves and the demo credentials, for people poking at it. */
export function indexRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const rows = (items: Array<[string, string]>) =>
      items.map(([a, b]) => `<tr><td><code>${escapeHtml(a)}</code></td><td>${escapeHtml(b)}</td></tr>`).join('');
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>frameport reference platform</title>
<link rel="stylesheet" href="/embed/assets/embed.css"><link rel="stylesheet" href="/assets/index.css">
</head><body><main>
<h1>frameport reference platform</h1>
<p>A small pipeline platform to embed with <code>&lt;execution-details&gt;</code> and <code>&lt;notebook-embed&gt;</code>.
Embeds may be framed by: ${ctx.allowedOrigins.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ') || '<em>nobody</em>'}.</p>
<h2>Embed pages</h2>
<table>${rows([
      [
        `/embed/executions/${DEMO.executions.acmeFailed}`,
        'Execution details (guest page); waits for SET_TOKEN with an access token',
      ],
      [`/embed/notebooks/${DEMO.integrationId}`, 'Notebook integration URL; waits for SET_TOKEN with a notebook token'],
    ])}</table>
<h2>JSON API</h2>
<table>${rows([
      [
        'POST /dp/api/v1/access/token',
        '{ license_key, auth: { identifier, type: USER | SUB_ORG } } → { access_token, expires_in }',
      ],
      ['GET /dp/api/v1/executions[/:id]', 'Bearer access token'],
      ['PATCH /dp/api/v1/executions/:id/rows/:rowId', '{ data: { field: value } } fixes an invalid row'],
      ['POST /dp/api/v1/executions/:id/rerun', 'creates a new execution from the fixed rows'],
      ['POST /dp/api/v1/users, /dp/api/v1/sub-organizations', 'header x-license-key'],
      [
        'POST /api/v1/integrations/:id/token',
        '{ api_key, api_secret } → { token, expires_in, expires_at } (server side only)',
      ],
      ['GET /api/v1/integrations/:id, POST /api/v1/integrations/:id/run', 'Bearer notebook token'],
      [
        'POST /gateway/api/webhook/custom?pipelineIdentifier=&triggerIdentifier=',
        'starts a run, answers the eventCorrelationId',
      ],
      ['GET /gateway/pipeline/api/webhook/triggerExecutionDetails/:id', 'trigger processing and execution status'],
      ['GET /dp/api/v1/executions/:id/output?file=output|feedback', "a connector run's rows, a page at a time"],
      ['GET, POST /dp/api/v1/jobs; GET, PATCH /dp/api/v1/jobs/:id', 'jobs (import and connector), dependents'],
      ['POST /dp/api/v1/jobs/:id/run', 'run a job (a manual execution, trigger "api"); 400 in a block window'],
      ['GET /dp/api/v1/connectors', 'the sample connectors: data source, data service, export, delta export'],
      ['GET, POST /dp/api/v1/block-windows, DELETE …/:id', 'block windows (allow manual executions or not)'],
      ['GET, POST /dp/api/v1/webhooks; GET, PATCH, DELETE …/:id', 'webhooks: jobs, method, url, header, body, rules'],
      ['GET /dp/api/v1/webhooks/:id/deliveries', 'the delivery log: attempts, status codes, times'],
      ['GET /dp/api/v1/variables|secrets, PUT, DELETE …/:name', 'values for ${{variables.X}} and ${{secrets.X}}'],
    ])}</table>
<h2>Demo credentials</h2>
<table>${rows([
      ['license key', DEMO.licenseKey],
      ['users (USER)', DEMO.users.join(', ')],
      ['sub-organizations (SUB_ORG)', DEMO.subOrgs.join(', ')],
      ['executions', Object.values(DEMO.executions).join(', ')],
      ['connector runs', Object.values(DEMO.connectorExecutions).join(', ')],
      ['jobs', Object.values(DEMO.jobs).join(', ')],
      ['trigger', `${DEMO.pipelineId} / ${DEMO.triggerId}`],
      ['notebook API key (permitted)', `${DEMO.apiKey.id} / ${DEMO.apiKey.secret} on ${DEMO.integrationId}`],
      ['notebook API key (not permitted)', `${DEMO.otherApiKey.id} / ${DEMO.otherApiKey.secret}`],
    ])}</table>
</main></body></html>`);
  });
  app.get('/assets/index.css', (c) =>
    c.body(
      `main{max-width:920px;margin:24px auto;background:var(--fp-card);border:1px solid var(--fp-border);border-radius:12px;padding:8px 28px 24px}
h1{font-size:22px}h2{font-size:15px;margin-top:24px;color:var(--fp-muted);text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%}td{border-top:1px solid var(--fp-border);padding:6px 8px;vertical-align:top}
code{font-family:var(--fp-mono);font-size:12.5px}`,
      200,
      { 'content-type': 'text/css; charset=utf-8' },
    ),
  );
  app.get('/health', (c) => c.json({ ok: true }));
  return app;
}
