import { expect } from '@esm-bundle/chai';
import { otherOrigin } from '../../src/testing/index.js';

/** The policy of THREATS 40: frames from the platform only, styles and scripts from the page's origin. */
function strictPolicy(): string {
  return [
    "default-src 'self'",
    // 'unsafe-inline' only for the globals the test server injects into every page; frameport needs none.
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self'",
    `frame-src ${otherOrigin()}`,
    "require-trusted-types-for 'script'",
  ].join('; ');
}

describe('CDN build under a strict CSP (THREATS 40)', () => {
  it('runs inline and modal, loads its on-demand parts, with zero securitypolicyviolation events', async function () {
    this.timeout(30_000);
    const page = new URL('/test/cdn/fixtures/csp-host.html', location.origin);
    page.searchParams.set('headers', JSON.stringify({ 'content-security-policy': strictPolicy() }));
    const frame = document.createElement('iframe');
    const result = new Promise<Record<string, unknown>>((resolve) => {
      window.addEventListener('message', function listen(event: MessageEvent) {
        const data = event.data as { cspHost?: Record<string, unknown> } | null;
        if (event.source !== frame.contentWindow || !data?.cspHost) return;
        window.removeEventListener('message', listen);
        resolve(data.cspHost);
      });
    });
    frame.src = page.href;
    document.body.append(frame);
    try {
      const outcome = await result;
      expect(outcome.error).to.equal(undefined);
      expect(outcome).to.deep.include({ ok: true, height: '222px', modal: true, background: '8px', loads: 1 });
      expect(outcome).to.deep.include({ rpc: { region: 'eu' }, explained: true });
      expect(outcome.violations).to.deep.equal([]);
      expect(outcome.control).to.have.length.greaterThan(0); // the policy was in force
    } finally {
      frame.remove();
    }
  });
});
