import { Hono } from 'hono';
import { z } from 'zod';
import { requirePrincipal } from '../auth.js';
import { readJson } from '../body.js';
import type { PlatformContext } from '../context.js';
import { getExecution, listExecutions, rerunExecution, updateRow } from '../model/executions.js';

// Inputs are text boxes: numbers are accepted and kept as text, like the imported file's cells.
const RowPatch = z.object({
  data: z.record(z.string().max(64), z.union([z.string().max(1000), z.number()]).transform(String)),
});

/** Executions API (Bearer access token): read, fix invalid rows, re-run. */
export function executionRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;

  app.get('/executions', (c) => c.json({ data: listExecutions(db, requirePrincipal(c, ctx)) }));

  app.get('/executions/:id', (c) => c.json(getExecution(db, c.req.param('id'), requirePrincipal(c, ctx))));

  app.patch('/executions/:id/rows/:rowId', async (c) => {
    const principal = requirePrincipal(c, ctx);
    const { data } = await readJson(c, RowPatch);
    return c.json(updateRow(db, c.req.param('id'), c.req.param('rowId'), data, principal));
  });

  app.post('/executions/:id/rerun', (c) => c.json(rerunExecution(db, c.req.param('id'), requirePrincipal(c, ctx)), 201));

  return app;
}
