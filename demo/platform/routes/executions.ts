import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requirePrincipal } from '../auth.js';
import { jsonBody } from '../body.js';
import type { PlatformContext } from '../context.js';
import { badRequest } from '../errors.js';
import { getExecution, listExecutions, readOutput, updateRow } from '../model/executions.js';

// Inputs are text boxes: numbers are accepted and kept as text, like the imported file's cells.
const RowPatch = z.object({
  data: z.record(z.string().max(64), z.union([z.string().max(1000), z.number()]).transform(String)),
});

/** Executions API (Bearer access token): read, fix invalid rows, re-run, cancel, read a connector's output. */
export function executionRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;

  app.get('/executions', (c) => c.json({ data: listExecutions(db, requirePrincipal(c, ctx)) }));

  app.get('/executions/:id', (c) => c.json(getExecution(db, c.req.param('id'), requirePrincipal(c, ctx))));

  const authenticated: MiddlewareHandler = async (c, next) => {
    requirePrincipal(c, ctx);
    await next();
  };

  app.patch('/executions/:id/rows/:rowId', authenticated, jsonBody(RowPatch), (c) => {
    const principal = requirePrincipal(c, ctx);
    const { data } = c.req.valid('json');
    return c.json(updateRow(db, c.req.param('id'), c.req.param('rowId'), data, principal));
  });

  app.post('/executions/:id/rerun', (c) =>
    c.json(ctx.orchestrator.rerun(c.req.param('id'), requirePrincipal(c, ctx)), 201),
  );

  // Stops a QUEUED or RUNNING execution; answers it once it has ended as CANCELLED (409 if it had ended).
  app.post('/executions/:id/cancel', async (c) =>
    c.json(await ctx.orchestrator.cancel(c.req.param('id'), requirePrincipal(c, ctx))),
  );

  // A connector run's output or feedback file, a page at a time.
  app.get('/executions/:id/output', (c) => {
    const execution = getExecution(db, c.req.param('id'), requirePrincipal(c, ctx));
    const file = c.req.query('file') ?? 'output';
    if (file !== 'output' && file !== 'feedback') throw badRequest('file: output or feedback');
    const offset = Number(c.req.query('offset') ?? 0);
    const limit = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw badRequest('offset >= 0 and limit 1..1000, whole numbers');
    return c.json({ file, offset, ...readOutput(db, execution.id, file, offset, limit) });
  });

  return app;
}
