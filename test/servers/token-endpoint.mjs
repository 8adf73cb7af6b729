// A host app's own token endpoint for `token-url` tests: POST /test-api/token?status=&ttl=&name=
// answers { token, expiresAt } (or the status asked for; format=text: the bare token as text/plain)
// and counts calls per name.
const calls = new Map();

export function tokenEndpoint() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/test-api/token')) return next();
    const name = ctx.query.name ?? 'default';
    if (ctx.path === '/test-api/token/calls') {
      ctx.body = { calls: calls.get(name) ?? 0, method: calls.get(`${name}:method`) };
      return;
    }
    const count = (calls.get(name) ?? 0) + 1;
    calls.set(name, count);
    calls.set(`${name}:method`, ctx.method);
    const status = Number(ctx.query.status ?? 200);
    ctx.set('cache-control', 'no-store');
    if (status !== 200) {
      ctx.status = status;
      ctx.body = { error: { code: 'refused', message: 'refused by test endpoint' } };
      return;
    }
    const ttl = Number(ctx.query.ttl ?? 3_600_000);
    if (ctx.query.format === 'text') {
      // A common mistake: the bare token as text/plain instead of JSON.
      ctx.type = 'text/plain';
      ctx.body = `url-token-${name}-${count}`;
      return;
    }
    ctx.body = { token: `url-token-${name}-${count}`, expiresAt: Date.now() + ttl };
  };
}
