import { Hono } from 'hono';
import type { PlatformContext } from '../context.js';
import { getIntegration } from '../model/notebooks.js';
import type { Asset } from '../web/bundle.js';
import { embedHeaders } from '../web/csp.js';
import { embedShell, escapeHtml } from '../web/html.js';

/** The built assets, or why the build failed (the API keeps working either way). */
export interface AssetStore {
  assets: Map<string, Asset>;
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
    if (!integration)
      return c.html(
        `<!doctype html><title>Not found</title><p>Unknown integration ${escapeHtml(c.req.param('id'))}</p>`,
        404,
        headers,
      );
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

  app.get('/assets/:name', (c) => {
    const asset = store.assets.get(c.req.param('name'));
    if (!asset)
      return c.text(
        store.error ? `Embed bundle failed to build: ${store.error}` : 'Not found',
        store.error ? 500 : 404,
      );
    return c.body(asset.body, 200, {
      'content-type': asset.type,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  });

  return app;
}
