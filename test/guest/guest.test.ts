import { expect } from '@esm-bundle/chai';
import { expose } from 'comlink';
import { createGuest } from '../../src/guest/index.js';
import { connect, staticToken } from '../../src/host/index.js';
import { FrameportError } from '../../src/protocol/index.js';
import {
  attackerOrigin,
  attackerReports,
  attackerUrl,
  frame,
  mockEmbed,
  onCleanup,
  sleep,
  waitFor,
} from '../helpers.js';

/**
 * Whether this engine tells a frame under `referrerpolicy="no-referrer"` (how token-delivery="url"
 * frames it) who its parent is, through `location.ancestorOrigins`: Chromium does; Firefox hides it.
 */
async function parentVisibleUnderNoReferrer(): Promise<boolean> {
  const iframe = frame();
  iframe.referrerPolicy = 'no-referrer';
  iframe.src = '/README.md'; // any same-origin document: its location is readable
  await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  const ancestors = (iframe.contentWindow!.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const visible = ancestors?.item(0) === location.origin;
  iframe.remove();
  return visible;
}

describe('guest runtime', () => {
  it('accepts SET_TOKEN from its parent on an allowed origin (positive control)', async () => {
    const embed = mockEmbed();
    const iframe = frame();
    iframe.src = embed.url;
    await embed.loaded();
    iframe.contentWindow!.postMessage({ type: 'SET_TOKEN', token: 'from-parent' }, embed.origin);
    await embed.until(() => embed.tokens.length === 1, 20_000, 'token');
    expect(embed.tokens).to.deep.equal(['from-parent']);
  });

  it('rejects SET_TOKEN and SET_PARAMETERS from a parent whose origin is not allow-listed', async () => {
    const embed = mockEmbed({ allowedOrigins: [attackerOrigin()] });
    const iframe = frame();
    iframe.src = embed.url;
    await embed.loaded();
    iframe.contentWindow!.postMessage({ type: 'SET_TOKEN', token: 'stolen?' }, embed.origin);
    iframe.contentWindow!.postMessage({ type: 'SET_PARAMETERS', params: { a: 1 } }, embed.origin);
    await embed.until(() => embed.received.length === 2, 20_000, 'raw delivery');
    await sleep(100);
    expect(embed.tokens).to.deep.equal([]);
  });

  it('rejects SET_TOKEN from a sibling frame (not its parent), even when the sibling is allow-listed', async () => {
    const embed = mockEmbed({ allowedOrigins: [location.origin, attackerOrigin()] });
    const iframe = frame(); // frames[0] of this page
    iframe.src = embed.url;
    await embed.loaded();
    const reports = attackerReports();
    const evil = frame();
    evil.src = attackerUrl([{ type: 'SET_TOKEN', token: 'forged' }], 'sibling');
    await waitFor(() => reports.some((r) => r.kind === 'sent'), 'attacker sent');
    await sleep(200);
    expect(embed.tokens).to.deep.equal([]);
  });

  it('takes ?token= from its URL and removes it with history.replaceState', async () => {
    // Chromium and WebKit name the parent's origin in location.ancestorOrigins; Firefox does not
    // under no-referrer, so there the platform must opt in to URL tokens it cannot verify.
    const verifiable = await parentVisibleUnderNoReferrer();
    const embed = mockEmbed({
      query: { token: 'in-url', keep: 'yes', ...(verifiable ? {} : { unverifiedUrlToken: '1' }) },
    });
    const iframe = frame();
    iframe.referrerPolicy = 'no-referrer'; // as <notebook-embed token-delivery="url"> frames it
    iframe.src = embed.url;
    await embed.until(() => embed.tokens.length === 1, 20_000, 'token');
    expect(embed.tokens).to.deep.equal(['in-url']);
    expect(embed.href).to.not.contain('in-url');
    expect(new URL(embed.href).searchParams.get('keep')).to.equal('yes');
  });

  it('ignores ?token= when framed by a page that is not allow-listed (login CSRF), and still strips it', async () => {
    const embed = mockEmbed({
      allowedOrigins: [attackerOrigin()],
      query: { token: 'ATTACKER', unverifiedUrlToken: '0' },
    });
    const iframe = frame(); // this page is not on the embed's allow-list
    iframe.src = embed.url;
    await embed.loaded();
    await sleep(300);
    expect(embed.tokens).to.deep.equal([]);
    expect(embed.href).to.not.contain('ATTACKER');
  });

  it('ignores ?token= where the engine hides the parent (Firefox under no-referrer) unless the platform opts in', async function () {
    if (await parentVisibleUnderNoReferrer()) this.skip(); // Chromium/WebKit verify the parent instead
    const embed = mockEmbed({ query: { token: 'unverifiable' } });
    const iframe = frame();
    iframe.referrerPolicy = 'no-referrer';
    iframe.src = embed.url;
    await embed.loaded();
    await sleep(300);
    expect(embed.tokens).to.deep.equal([]);
  });

  it('ignores ?token= when opened top-level (nobody embedded it)', () => {
    const before = location.href;
    const url = new URL(before);
    url.searchParams.set('token', 'ATTACKER');
    history.replaceState(history.state, '', url.href);
    const tokens: string[] = [];
    const guest = createGuest({ allowedOrigins: [location.origin], onToken: (t) => tokens.push(t), debug: false });
    try {
      expect(location.href).to.not.contain('ATTACKER');
    } finally {
      guest.destroy();
      history.replaceState(history.state, '', before);
    }
    return sleep(50).then(() => expect(tokens).to.deep.equal([]));
  });

  it('refuses "*" and opaque origins in allowedOrigins', () => {
    for (const allowedOrigins of [['*'], ['null'], ['data:text/html,x'], [], ['not a url']]) {
      expect(() => createGuest({ allowedOrigins }), JSON.stringify(allowedOrigins)).to.throw(FrameportError);
    }
  });

  it('reports its height with RESIZE', async () => {
    const embed = mockEmbed();
    const heights: number[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      onResize: (h) => heights.push(h),
    });
    onCleanup(() => connection.close());
    await waitFor(() => heights.length > 0, 'RESIZE');
    expect(heights[0]).to.be.greaterThan(0);
  });
});

describe('RPC allow-list (THREATS 33, CVE-2020-8127)', () => {
  type Reply = { id?: string; type?: string; name?: string; value?: { isError?: boolean; value?: unknown } };

  /** Sends one raw comlink wire message and waits for its answer. */
  function raw(port: MessagePort, message: Record<string, unknown>): Promise<Reply> {
    const id = Math.random().toString(36).slice(2);
    return new Promise((resolve) => {
      const onReply = (event: MessageEvent) => {
        if ((event.data as Reply).id !== id) return;
        port.removeEventListener('message', onReply);
        resolve(event.data as Reply);
      };
      port.addEventListener('message', onReply);
      port.start();
      port.postMessage({ id, ...message });
    });
  }

  /** Does the handshake by hand and returns our end of the RPC port. */
  async function portToEmbed(): Promise<MessagePort> {
    const embed = mockEmbed({ rpc: true, params: { a: 1 } });
    const iframe = frame();
    iframe.src = embed.url;
    await embed.loaded();
    const { port1, port2 } = new MessageChannel();
    iframe.contentWindow!.postMessage({ type: 'SET_TOKEN', token: 't' }, embed.origin, [port2]);
    onCleanup(() => port1.close());
    await embed.until(() => embed.tokens.length === 1, 20_000, 'token');
    return port1;
  }

  it('positive control: stock comlink expose lets the other side SET any property by path', async () => {
    const target = { greeting: 'hello', nested: { secret: 'keep' } };
    const { port1, port2 } = new MessageChannel();
    expose(target, port2);
    onCleanup(() => (port1.close(), port2.close()));
    await raw(port1, { type: 'SET', path: ['nested', 'secret'], value: { type: 'RAW', value: 'overwritten' } });
    expect(target.nested.secret).to.equal('overwritten');
  });

  it('only calls of offered methods are served; GET, SET, CONSTRUCT and nested paths are refused', async () => {
    const port = await portToEmbed();
    const call = await raw(port, { type: 'APPLY', path: ['getParameters'], argumentList: [] });
    expect(call).to.deep.include({ type: 'RAW', value: { a: 1 } });
    const attempts = [
      { type: 'GET', path: ['getParameters'] },
      { type: 'GET', path: ['constructor'] },
      { type: 'SET', path: ['getParameters'], value: { type: 'RAW', value: 1 } },
      { type: 'APPLY', path: ['getParameters', 'constructor'], argumentList: [{ type: 'RAW', value: 'return 1' }] },
      { type: 'APPLY', path: ['__proto__', 'toString'], argumentList: [] },
      { type: 'CONSTRUCT', path: ['getParameters'], argumentList: [] },
      { type: 'APPLY', path: ['notOffered'], argumentList: [] },
      { type: 'ENDPOINT', path: [] },
    ];
    for (const attempt of attempts) {
      const reply = await raw(port, attempt);
      expect(reply.type, JSON.stringify(attempt)).to.equal('HANDLER');
      expect(reply.value?.isError, JSON.stringify(attempt)).to.equal(true);
    }
    const again = await raw(port, { type: 'APPLY', path: ['getParameters'], argumentList: [] });
    expect(again).to.deep.include({ type: 'RAW', value: { a: 1 } });
  });
});
