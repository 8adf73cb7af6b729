import { expect } from '@esm-bundle/chai';
import { connect, providerToken, type Connection, type ConnectOptions } from '../../src/host/index.js';
import { otherOrigin } from '../../src/testing/index.js';
import {
  SPOOFED_MESSAGES,
  attackerReports,
  attackerUrl,
  frame,
  mockEmbed,
  onCleanup,
  sleep,
  waitFor,
} from '../helpers.js';

/** A connection whose every outward effect is recorded. */
function observed(url: string, extra: Partial<ConnectOptions> = {}) {
  const effects: string[] = [];
  let tokenCalls = 0;
  const connection: Connection = connect(frame(), {
    url,
    tokenSource: providerToken(() => `secret-${++tokenCalls}`),
    onEvent: (e) => effects.push(e.type),
    onResize: () => effects.push('RESIZE'),
    onError: (e) => effects.push(`error:${e.code}`),
    onReady: () => effects.push('ready'),
    ...extra,
  });
  onCleanup(() => connection.close());
  return { connection, effects, tokenCalls: () => tokenCalls };
}

/** Positive control: a naive listener that trusts everything does see the spoofed messages. */
function naiveListener(): string[] {
  const seen: string[] = [];
  const listener = (event: MessageEvent) => {
    const type = (event.data as { type?: unknown } | null)?.type;
    if (typeof type === 'string') seen.push(type);
  };
  window.addEventListener('message', listener);
  onCleanup(() => window.removeEventListener('message', listener));
  return seen;
}

function sibling(url: string): HTMLIFrameElement {
  const iframe = frame();
  iframe.src = url;
  return iframe;
}

describe('origin and source spoofing (THREATS 1-8)', () => {
  it('a sibling frame on another origin gets no token and fires no event', async () => {
    const embed = mockEmbed({ silent: true });
    const { effects, tokenCalls } = observed(embed.url);
    const reports = attackerReports();
    const naive = naiveListener();
    sibling(attackerUrl(SPOOFED_MESSAGES));
    await waitFor(() => reports.some((r) => r.kind === 'sent'), 'attacker sent');
    await sleep(200);
    expect(naive).to.include('READY_FOR_TOKEN');
    expect(effects).to.deep.equal([]);
    expect(tokenCalls()).to.be.at.most(1); // the one obtained while the frame loads, nothing more
    expect(reports.filter((r) => r.kind === 'received')).to.deep.equal([]);
  });

  it('a frame on the right origin but the wrong source (a second embed) is ignored', async () => {
    const embed = mockEmbed({ silent: true });
    const other = mockEmbed({ silent: true });
    const { effects, tokenCalls } = observed(embed.url);
    sibling(other.url);
    for (const message of SPOOFED_MESSAGES) await other.emit(message);
    await sleep(200);
    expect(effects).to.deep.equal([]);
    expect(tokenCalls()).to.be.at.most(1); // the one obtained while the frame loads, nothing more
    expect(other.received).to.deep.equal([]);
  });

  it('a grandchild frame inside the embed gets no token and fires no event', async () => {
    const embed = mockEmbed({ silent: true });
    const { effects, tokenCalls } = observed(embed.url);
    const reports = attackerReports();
    const naive = naiveListener();
    await embed.spawnChild(attackerUrl(SPOOFED_MESSAGES, 'top'));
    await waitFor(() => reports.some((r) => r.kind === 'sent'), 'attacker sent');
    await sleep(200);
    expect(naive).to.include('READY_FOR_TOKEN');
    expect(effects).to.deep.equal([]);
    expect(tokenCalls()).to.be.at.most(1); // the one obtained while the frame loads, nothing more
  });

  it('a popup opened by the page gets no token and fires no event', async () => {
    const embed = mockEmbed({ silent: true });
    const { effects, tokenCalls } = observed(embed.url);
    const reports = attackerReports();
    const naive = naiveListener();
    const popup = window.open(attackerUrl(SPOOFED_MESSAGES, 'opener'), '_blank');
    onCleanup(() => popup?.close());
    expect(popup, 'popup opened').to.not.equal(null);
    await waitFor(() => reports.some((r) => r.kind === 'sent'), 'attacker sent');
    await sleep(200);
    expect(naive).to.include('READY_FOR_TOKEN');
    expect(effects).to.deep.equal([]);
    expect(tokenCalls()).to.be.at.most(1); // the one obtained while the frame loads, nothing more
  });

  it('the host page itself, and forged MessageEvents without a source, are ignored', async () => {
    const embed = mockEmbed({ silent: true });
    const { effects, tokenCalls } = observed(embed.url);
    for (const data of SPOOFED_MESSAGES) {
      window.postMessage(data, location.origin);
      window.dispatchEvent(new MessageEvent('message', { data, origin: embed.origin, source: null }));
      window.dispatchEvent(new MessageEvent('message', { data, origin: embed.origin, source: window }));
    }
    await sleep(200);
    expect(effects).to.deep.equal([]);
    expect(tokenCalls()).to.be.at.most(1); // the one obtained while the frame loads, nothing more
  });

  it('the right frame answering from another origin than configured gets nothing', async () => {
    // The iframe shows the embed on localhost while the host expects 127.0.0.1 (or vice versa).
    const embed = mockEmbed({ silent: true });
    const expected = new URL(embed.url);
    expected.hostname = new URL(otherOrigin(embed.origin)).hostname;
    const iframe = frame();
    const effects: string[] = [];
    const connection = connect(iframe, {
      url: expected.href,
      keepSrc: true,
      tokenSource: providerToken(() => 'secret'),
      onEvent: (e) => effects.push(e.type),
      onReady: () => effects.push('ready'),
    });
    onCleanup(() => connection.close());
    iframe.src = embed.url;
    await embed.loaded();
    for (const message of SPOOFED_MESSAGES) await embed.emit(message);
    await sleep(200);
    expect(effects).to.deep.equal([]);
    expect(embed.all('SET_TOKEN')).to.deep.equal([]);
  });

  const lookAlikes = [
    { name: 'another port', url: (o: URL) => `${o.protocol}//${o.hostname}:${Number(o.port) + 1}/` },
    { name: 'https instead of http', url: (o: URL) => `https://${o.host}/` },
    { name: 'a suffix host', url: (o: URL) => `${o.protocol}//${o.hostname}.evil.test:${o.port}/` },
  ];
  for (const { name, url } of lookAlikes) {
    it(`a configured look-alike origin (${name}) never matches the embed`, async () => {
      const embed = mockEmbed({ silent: true });
      const iframe = frame();
      let ready = false;
      const connection = connect(iframe, {
        url: url(new URL(embed.origin)),
        keepSrc: true,
        allowInsecure: true,
        tokenSource: providerToken(() => 'secret'),
        onReady: () => (ready = true),
      });
      onCleanup(() => connection.close());
      iframe.src = embed.url;
      await embed.emit({ type: 'READY_FOR_TOKEN' });
      await sleep(200);
      expect(ready).to.equal(false);
      expect(embed.all('SET_TOKEN')).to.deep.equal([]);
    });
  }
});

describe('navigation (THREATS 7, 10)', () => {
  it('an embed navigated to another origin gets no token; the handshake resumes when it comes back', async () => {
    const embed = mockEmbed();
    const reports = attackerReports();
    const { connection } = observed(embed.url);
    await connection.ready;
    await embed.until(() => embed.tokens.length === 1, 20_000, 'first token');
    await embed.navigate(attackerUrl([{ type: 'READY_FOR_TOKEN', features: ['rpc'] }], 'parent', embed.url));
    await waitFor(() => reports.some((r) => r.kind === 'sent'), 'evil page loaded');
    await embed.loaded(2, 10_000);
    await embed.until(() => embed.tokens.length === 2, 20_000, 'token after coming back');
    expect(reports.filter((r) => r.kind === 'received')).to.deep.equal([]);
    expect(connection.state).to.equal('ready');
  });
});
