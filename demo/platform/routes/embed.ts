import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { PlatformContext } from '../context.js';
import { getIntegration } from '../model/notebooks.js';
import { embedHeaders } from '../web/csp.js';
import { embedShell, notFoundPage } from '../web/html.js';

/** Where the built assets are, or why the build failed (the API keeps working either way). */
export interface AssetStore {
  dir?: string;
  error?: string;
}

const langOf = (value: string | undefined) =>
  value && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(value) ? value : 'en';

/** The guest pages the elements load: `/embed/executions/:id` and `/embed/notebooks/:id` (the Integration URL). */
export function embedRoutes(ctx: PlatformContext, store: AssetStore): Hono {
  const app = new Hono();
  const headers = embedHeaders(ctx.allowedOrigins);

  // The page itself holds no data: it loads it with the token it receives, so it can be served to anyone.
  app.get('/executions/:id', (c) =>
    c.html(
      embedShell({
        title: 'Execution details',
        script: 'execution.js',
        resourceId: c.req.param('id'),
        allowedOrigins: ctx.allowedOrigins,
        lang: langOf(c.req.query('lang')),
      }),
      200,
      headers,
    ),
  );

  app.get('/notebooks/:id', (c) => {
    const integration = getIntegration(ctx.db, c.req.param('id'));
    if (!integration) return c.html(notFoundPage(c.req.param('id')), 404, headers);
    return c.html(
      embedShell({
        title: integration.title,
        script: 'notebook.js',
        resourceId: integration.id,
        allowedOrigins: ctx.allowedOrigins,
        lang: langOf(c.req.query('lang')),
      }),
      200,
      headers,
    );
  });

  // The built files, served by @hono/node-server's serveStatic (no directory listing, no `..`).
  app.use('/assets/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-cache');
    c.header('x-content-type-options', 'nosniff');
  });
  if (store.dir)
    app.use(
      '/assets/*',
      serveStatic({ root: store.dir, rewriteRequestPath: (path) => path.replace(/^\/embed\/assets/, '') }),
    );
  app.get('/assets/*', (c) =>
    c.text(store.error ? `Embed bundle failed to build: ${store.error}` : 'Not found', store.error ? 500 : 404),
  );

  return app;
}
