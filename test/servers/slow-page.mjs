// A page that answers after `?ms=` milliseconds (at most 30 s): a frame that stays in the middle
// of its navigation for as long as a test needs. GET /test-api/slow-page?ms=N
export function slowPage() {
  return async (ctx, next) => {
    if (ctx.path !== '/test-api/slow-page') return next();
    const ms = Math.min(30_000, Number(ctx.query.ms ?? 0));
    await new Promise((resolve) => setTimeout(resolve, ms));
    ctx.set('cache-control', 'no-store');
    ctx.type = 'html';
    ctx.body = '<!doctype html><title>slow page</title><p>slow page</p>';
  };
}
