import { Hono } from 'hono';
import { html } from 'hono/html';
import type { PlatformContext } from '../context.js';
import { DEMO } from '../demo-data.js';
import { listIntegrations } from '../model/notebooks.js';

type Row = [what: string, meaning: string];

/** Every API the platform answers, as `[request, what it does]`. */
const API: Array<[section: string, rows: Row[]]> = [
  [
    'Access tokens and identities',
    [
      [
        'POST /dp/api/v1/access/token',
        '{ license_key, auth: { identifier, type: USER | SUB_ORG } } → { access_token, expires_in }',
      ],
      ['GET, POST /dp/api/v1/users', 'header x-license-key; an e-mail is unique per organisation'],
      ['GET, POST /dp/api/v1/sub-organizations', 'header x-license-key'],
    ],
  ],
  [
    'Executions (Bearer access token)',
    [
      ['GET /dp/api/v1/executions[/:id]', 'list, or one execution with steps, logs, invalid rows'],
      ['PATCH /dp/api/v1/executions/:id/rows/:rowId', '{ data: { field: value } } fixes an invalid row'],
      ['POST /dp/api/v1/executions/:id/rerun', 'a new execution: the whole input with every fixed row'],
      ['POST /dp/api/v1/executions/:id/cancel', 'stops a queued or running execution'],
      ['GET /dp/api/v1/executions/:id/output?file=output|feedback', "a connector run's rows, a page at a time"],
    ],
  ],
  [
    'Trigger and status',
    [
      [
        'POST /gateway/api/webhook/custom?pipelineIdentifier=&triggerIdentifier=',
        'queues a run, answers the eventCorrelationId',
      ],
      ['GET /gateway/pipeline/api/webhook/triggerExecutionDetails/:id', 'what became of the event, and the run'],
    ],
  ],
  [
    'Notebook integrations',
    [
      [
        'POST /api/v1/integrations/:id/token',
        '{ api_key, api_secret } → { token, expires_in, expires_at } (server side only)',
      ],
      ['GET /api/v1/integrations/:id, POST …/:id/run', 'Bearer notebook token: published pages, parameters, results'],
      ['GET, POST /api/v1/api-keys', 'header x-license-key; the secret is shown once'],
      [
        'POST /api/v1/notebooks, POST /api/v1/integrations',
        'header x-license-key: a query cell and pages; an integration',
      ],
      ['PUT /api/v1/integrations/:id/pages|api-keys|params', 'publish pages, permit API keys, externalize parameters'],
      ['GET /api/v1/integrations/:id/settings', 'the integration settings (never a secret)'],
    ],
  ],
  [
    'Jobs, block windows, webhooks',
    [
      ['GET, POST /dp/api/v1/jobs; GET, PATCH /dp/api/v1/jobs/:id', 'jobs (import and connector), dependents'],
      ['POST /dp/api/v1/jobs/:id/run', 'run a job (trigger "api"); 400 in a block window'],
      ['GET /dp/api/v1/connectors', 'the sample connectors: data source, data service, export, delta export'],
      ['GET, POST /dp/api/v1/block-windows, DELETE …/:id', 'block windows (allow manual executions or not)'],
      ['GET, POST /dp/api/v1/webhooks; GET, PATCH, DELETE …/:id', 'webhooks: jobs, method, url, header, body, rules'],
      ['GET /dp/api/v1/webhooks/:id/deliveries', 'the delivery log: attempts, status codes, times'],
      ['GET /dp/api/v1/variables|secrets, PUT, DELETE …/:name', 'values for ${{variables.X}} and ${{secrets.X}}'],
      ['GET /health', '{ ok: true }'],
    ],
  ],
];

const table = (rows: Row[]) =>
  html`<table>
    ${rows.map(
      ([what, meaning]) =>
        html`<tr>
          <td><code>${what}</code></td>
          <td>${meaning}</td>
        </tr>`,
    )}
  </table>`;

/** `GET /`: what this platform serves, with a link to every embed page, and the demo credentials. */
export function indexRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const executions = [...Object.values(DEMO.executions), ...Object.values(DEMO.connectorExecutions)];
    const embedLink = (path: string, label: string) =>
      html`<li>
        <a href="${path}"><code>${path}</code></a> ${label}
      </li>`;
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>frameport reference platform</title>
            <link rel="stylesheet" href="/embed/assets/embed.css" />
            <link rel="stylesheet" href="/assets/index.css" />
          </head>
          <body>
            <main>
              <h1>frameport reference platform</h1>
              <p>
                A small pipeline platform to embed with <code>&lt;execution-details&gt;</code> and
                <code>&lt;notebook-embed&gt;</code>. Embeds may be framed by:
                ${ctx.allowedOrigins.length ? ctx.allowedOrigins.map((o, i) => html`${i ? ', ' : ''}<code>${o}</code>`) : html`<em>nobody</em>`}.
                Opened here on their own, embed pages wait for a token from the page that frames them.
              </p>
              <h2>Embed pages: executions</h2>
              <ul>
                ${executions.map((id) => embedLink(`/embed/executions/${id}`, ''))}
              </ul>
              <h2>Embed pages: notebook integrations</h2>
              <ul>
                ${listIntegrations(ctx.db).map((i) => embedLink(`/embed/notebooks/${i.id}`, i.title))}
              </ul>
              ${API.map(
                ([section, rows]) =>
                  html`<h2>${section}</h2>
                    ${table(rows)}`,
              )}
              <h2>Demo credentials</h2>
              ${table([
                ['license key', DEMO.licenseKey],
                ['users (USER)', DEMO.users.join(', ')],
                ['sub-organizations (SUB_ORG)', DEMO.subOrgs.join(', ')],
                ['jobs', Object.values(DEMO.jobs).join(', ')],
                ['trigger', `${DEMO.pipelineId} / ${DEMO.triggerId}`],
                ['notebook API key (permitted)', `${DEMO.apiKey.id} / ${DEMO.apiKey.secret} on ${DEMO.integrationId}`],
                ['notebook API key (not permitted)', `${DEMO.otherApiKey.id} / ${DEMO.otherApiKey.secret}`],
              ])}
            </main>
          </body>
        </html>`,
    );
  });
  // Readable at phone width: the tables become stacked rows, long paths wrap.
  app.get('/assets/index.css', (c) =>
    c.body(
      `main{max-width:920px;margin:24px auto;background:var(--fp-card);border:1px solid var(--fp-border);border-radius:12px;padding:8px 28px 24px;box-sizing:border-box}
h1{font-size:22px}h2{font-size:15px;margin-top:24px;color:var(--fp-muted);text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%}td{border-top:1px solid var(--fp-border);padding:6px 8px;vertical-align:top}
code{font-family:var(--fp-mono);font-size:12.5px;overflow-wrap:anywhere}ul{padding-left:20px}li{margin:4px 0}
@media (max-width:600px){main{margin:0;border-radius:0;border-width:0;padding:4px 14px 16px}
table,tbody,tr,td{display:block}tr{border-top:1px solid var(--fp-border);padding:6px 0}td{border:0;padding:2px 0}}`,
      200,
      { 'content-type': 'text/css; charset=utf-8' },
    ),
  );
  app.get('/health', (c) => c.json({ ok: true }));
  return app;
}
