import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { apiErrorOf, bearerAuth } from './auth.js';
import type { PlatformContext } from './context.js';
import { ApiError, ApiErrorCode, errorResponse } from './errors.js';
import { accessRoutes } from './routes/access.js';
import { embedRoutes, type AssetStore } from './routes/embed.js';
import { executionRoutes } from './routes/executions.js';
import { indexRoutes } from './routes/index-page.js';
import { jobRoutes } from './routes/jobs.js';
import { notebookRoutes } from './routes/notebooks.js';
import { triggerRoutes } from './routes/triggers.js';
import { webhookRoutes } from './routes/webhooks.js';

/** Wires every route of the platform; `startPlatform` serves it over HTTP. */
export function createApp(ctx: PlatformContext, assets: AssetStore, log: (message: string) => void): Hono {
  const app = new Hono();

  // Browsers may call the JSON API from the allowed host origins only; server-to-server calls need no CORS.
  const apiCors = cors({
    origin: ctx.allowedOrigins,
    allowHeaders: ['authorization', 'content-type', 'x-license-key'],
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  });
  const limit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new ApiError(413, ApiErrorCode.INVALID_REQUEST, 'The body is larger than 1 MiB');
    },
  });
  for (const prefix of ['/dp/api/*', '/api/*', '/gateway/*']) app.use(prefix, apiCors, limit);
  const bearer = bearerAuth(ctx);
  for (const prefix of ['/dp/api/*', '/api/*']) app.use(prefix, bearer);

  app.route('/dp/api/v1', accessRoutes(ctx));
  app.route('/dp/api/v1', executionRoutes(ctx));
  app.route('/dp/api/v1', jobRoutes(ctx));
  app.route('/dp/api/v1', webhookRoutes(ctx));
  app.route('/api/v1', notebookRoutes(ctx));
  app.route('/gateway', triggerRoutes(ctx));
  app.route('/embed', embedRoutes(ctx, assets));
  app.route('/', indexRoutes(ctx));

  app.notFound((c) =>
    errorResponse(c, new ApiError(404, ApiErrorCode.NOT_FOUND, `No route for ${c.req.method} ${c.req.path}`)),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status === 401) return errorResponse(c, apiErrorOf(error));
    // Hono's validator: the body is not JSON.
    if (error instanceof HTTPException && error.status === 400)
      return errorResponse(c, new ApiError(400, ApiErrorCode.INVALID_REQUEST, 'The body must be a JSON object'));
    log(`error: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return errorResponse(c, new ApiError(500, ApiErrorCode.INTERNAL, 'Internal error'));
  });
  return app;
}
