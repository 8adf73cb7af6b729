import { Hono } from 'hono';
import { z } from 'zod';
import type { Context } from 'hono';
import { requireLicenseKey } from '../auth.js';
import { readJson } from '../body.js';
import type { PlatformContext } from '../context.js';
import { ApiError, ApiErrorCode, badRequest } from '../errors.js';
import {
  VAULT_NAME,
  deleteVaultEntry,
  listSecrets,
  listVariables,
  putSecret,
  putVariable,
  variableValues,
} from '../model/vault.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  sampleUrl,
  updateWebhook,
  type WebhookInput,
} from '../model/webhooks.js';
import { checkTarget } from '../runtime/outbound.js';
import { randomId } from '../secrets.js';

const Rule = z.object({
  variable_name: z.string().min(1).max(64),
  operation: z.string().min(1).max(32),
  value: z.union([z.string().max(500), z.number(), z.array(z.union([z.string().max(500), z.number()])).max(100)]),
});
const WebhookFields = {
  description: z.string().min(1).max(500),
  jobs: z.array(z.string().min(1).max(63)).min(1).max(100),
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT']),
  url: z.string().min(1).max(2048),
  header: z.record(z.string().min(1).max(128), z.string().max(4096)),
  body: z.unknown(),
  rules: z.array(Rule).max(20),
  timezone: z.string().min(1).max(64),
};
const NewWebhook = z.object({
  ...WebhookFields,
  header: WebhookFields.header.default({}),
  body: WebhookFields.body.optional(),
  rules: WebhookFields.rules.default([]),
  timezone: WebhookFields.timezone.default('UTC'),
});
const WebhookPatch = z.object(WebhookFields).partial();
const VaultValue = z.object({ value: z.string().max(4096) });

/**
 * Webhooks (seed 003): register, list, read, update, delete, and each one's delivery log; the
 * variables and secrets their templates use. Secrets are write-only: answers carry their names.
 * Only the license key manages them: an access token sits in a browser's memory, and a webhook can
 * send a secret anywhere. Targets on loopback or private addresses are refused unless the operator
 * allows them.
 */
export function webhookRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;
  const requireOrgAdmin = (c: Context) => licenseKeyOnly(c, ctx);
  const checkUrl = async (orgId: string, url: string | undefined) => {
    const parsed = url === undefined ? undefined : sampleUrl(variableValues(db, orgId), url);
    const refused = parsed && (await checkTarget(parsed, ctx.orchestrator.deliveries.allowPrivateTargets));
    if (refused) throw badRequest(`Invalid webhook: url: ${refused}`);
  };

  app.get('/webhooks', (c) => c.json({ data: listWebhooks(db, requireOrgAdmin(c)) }));

  app.post('/webhooks', async (c) => {
    const orgId = requireOrgAdmin(c);
    const body = await readJson(c, NewWebhook);
    await checkUrl(orgId, body.url);
    const webhook = createWebhook(db, orgId, randomId('wh', 6), { ...body, body: body.body ?? null }, ctx.now());
    return c.json(webhook, 201, { location: `/dp/api/v1/webhooks/${webhook.id}` });
  });

  app.get('/webhooks/:id', (c) => c.json(getWebhook(db, requireOrgAdmin(c), c.req.param('id'))));

  app.patch('/webhooks/:id', async (c) => {
    const orgId = requireOrgAdmin(c);
    const body = (await readJson(c, WebhookPatch)) as Partial<WebhookInput>;
    await checkUrl(orgId, body.url);
    return c.json(updateWebhook(db, orgId, c.req.param('id'), body, ctx.now()));
  });

  app.delete('/webhooks/:id', (c) => {
    deleteWebhook(db, requireOrgAdmin(c), c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/webhooks/:id/deliveries', (c) => {
    const webhook = getWebhook(db, requireOrgAdmin(c), c.req.param('id'));
    return c.json({ data: listWebhookDeliveries(db, webhook.id) });
  });

  for (const kind of ['variables', 'secrets'] as const) {
    app.get(`/${kind}`, (c) => {
      const orgId = requireOrgAdmin(c);
      return c.json({ data: kind === 'variables' ? listVariables(db, orgId) : listSecrets(db, orgId) });
    });

    app.put(`/${kind}/:name`, async (c) => {
      const orgId = requireOrgAdmin(c);
      const name = c.req.param('name');
      if (!VAULT_NAME.test(name)) throw badRequest('name: letters, digits and _, starting with a letter or _');
      const { value } = await readJson(c, VaultValue);
      return c.json(
        kind === 'variables'
          ? putVariable(db, orgId, name, value, ctx.now())
          : putSecret(db, ctx.vaultKey, orgId, name, value, ctx.now()),
      );
    });

    app.delete(`/${kind}/:name`, (c) => {
      deleteVaultEntry(db, requireOrgAdmin(c), kind, c.req.param('name'));
      return c.body(null, 204);
    });
  }

  return app;
}

/** The license key only: an access token (USER or SUB_ORG) is refused with 403 whatever its scope. */
function licenseKeyOnly(c: Context, ctx: PlatformContext): string {
  if (c.req.header('x-license-key') === undefined && c.req.header('authorization') !== undefined)
    throw new ApiError(
      403,
      ApiErrorCode.FORBIDDEN,
      'Webhooks, variables and secrets are managed with the license key (x-license-key header); access tokens cannot',
    );
  return requireLicenseKey(c, ctx);
}
