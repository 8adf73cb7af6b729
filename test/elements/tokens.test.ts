import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { mockEmbed, mount, oneEvent, record, TOKEN } from './helpers.js';

/** A token provider handing out `name-1`, `name-2`, ... valid for `ttl` ms, counting its calls. */
function counted(name: string, ttl?: number) {
  const provider = async () => {
    provider.calls++;
    const token = `${name}-${provider.calls}`;
    return ttl === undefined ? token : { token, expiresAt: Date.now() + ttl };
  };
  provider.calls = 0;
  return provider;
}

describe('token lifecycle events', () => {
  it('token-refreshed after the provider answers, with expiresAt and never the token', async () => {
    const embed = mockEmbed();
    const provider = counted('fresh', 3_600_000);
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.tokenProvider = provider)));
    const refreshed = await oneEvent<CustomEvent>(el, 'token-refreshed');
    expect(refreshed.detail.expiresAt).to.be.a('number');
    expect(JSON.stringify(refreshed.detail)).not.to.contain('fresh-1');
    await oneEvent(el, 'ready');
    expect((await embed.next('SET_TOKEN', 1)).token).to.equal('fresh-1');
  });

  it('token-expiring lets a listener supply the token with respondWith()', async () => {
    const embed = mockEmbed();
    const provider = counted('short', 3_000); // refreshed about 1 s before expiry
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.tokenProvider = provider)));
    await oneEvent(el, 'ready');
    const calls = provider.calls; // 1, or 2 when a slow frame load let the early token go stale
    // Like FetchEvent.respondWith, it must be called while the event is dispatched.
    el.addEventListener('token-expiring', (event) => event.detail.respondWith(Promise.resolve('supplied-by-app')), {
      once: true,
    });
    const expiring = await oneEvent<CustomEvent>(el, 'token-expiring');
    expect(expiring.cancelable).to.equal(true);
    expect(expiring.defaultPrevented).to.equal(true);
    expect((await embed.next('SET_TOKEN', 2)).token).to.equal('supplied-by-app');
    expect(provider.calls).to.equal(calls);
  });

  it('token-expiring without respondWith() asks the token source', async () => {
    const embed = mockEmbed();
    const provider = counted('renewed', 3_000);
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.tokenProvider = provider)));
    await oneEvent(el, 'ready');
    await oneEvent(el, 'token-expiring');
    expect((await embed.next('SET_TOKEN', 2)).token).to.equal('renewed-2');
  });

  it('TOKEN_EXPIRED from the embed sends a fresh token', async () => {
    const embed = mockEmbed();
    const provider = counted('rotating');
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.tokenProvider = provider)));
    await oneEvent(el, 'ready');
    await embed.next('SET_TOKEN', 1);
    await embed.emit({ type: 'TOKEN_EXPIRED' });
    expect((await embed.next('SET_TOKEN', 2)).token).to.equal('rotating-2');
  });

  it('session-ended when the provider answers null, and an error state', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.tokenProvider = async () => null)));
    const seen = record(el, 'session-ended', 'error');
    await oneEvent(el, 'error');
    expect(seen.map((e) => e.type)).to.deep.equal(['session-ended', 'error']);
    expect(seen[1]!.detail).to.include({ code: 'TOKEN_UNAVAILABLE', cause: 'session-ended' });
    expect(embed.all('SET_TOKEN')).to.have.length(0);
  });

  it('shares one token request among embeds with the same provider', async () => {
    const first = mockEmbed();
    const second = mockEmbed();
    const provider = counted('shared', 3_600_000);
    const a = mount('notebook-embed', (el) => ((el.src = first.url), (el.tokenProvider = provider)));
    const b = mount('notebook-embed', (el) => ((el.src = second.url), (el.tokenProvider = provider)));
    await Promise.all([oneEvent(a, 'ready'), oneEvent(b, 'ready')]);
    expect(provider.calls).to.equal(1);
    expect((await first.next('SET_TOKEN', 1)).token).to.equal('shared-1');
    expect((await second.next('SET_TOKEN', 1)).token).to.equal('shared-1');
  });

  it('never puts a token into any event detail', async () => {
    const embed = mockEmbed({ rpc: true });
    const types = [
      'ready',
      'close',
      'error',
      'parameter-change',
      'run-all',
      'execution-run',
      'token-refreshed',
      'token-refresh-failed',
      'session-ended',
    ];
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    const seen = record(el, ...types);
    await oneEvent(el, 'ready');
    await embed.emit({ type: 'PARAMETER_CHANGED', name: 'a', value: 1, params: { a: 1 } });
    await embed.emit({ type: 'CLOSE' });
    el.accessToken = `${TOKEN}-2`;
    await embed.next('SET_TOKEN', 2);
    expect(seen.length).to.be.greaterThan(2);
    expect(JSON.stringify(seen.map((e) => e.detail))).not.to.contain(TOKEN);
  });
});

describe('the token is asked for before the frame is made (issue 13)', () => {
  // The handshake costs max(frame load, token fetch) only if the fetch starts at once: a fetch
  // started after the element's first render waited for the iframe's creation (~5-7 ms).
  it('token-url: the request starts before the iframe exists', async () => {
    const embed = mockEmbed();
    const framesAtFetch: number[] = [];
    const original = window.fetch;
    let el: HTMLElement | undefined;
    window.fetch = function (this: Window, ...args) {
      framesAtFetch.push(el?.shadowRoot?.querySelectorAll('iframe').length ?? -1);
      return original.apply(this, args);
    } as typeof fetch;
    try {
      el = mount('notebook-embed', (element) => {
        element.src = embed.url;
        element.tokenUrl = '/test-api/token?name=early-fetch';
      });
      await oneEvent(el, 'ready');
    } finally {
      window.fetch = original;
    }
    expect(framesAtFetch).to.deep.equal([0]);
  });

  it('tokenProvider: called before the iframe exists', async () => {
    const embed = mockEmbed();
    const framesAtCall: number[] = [];
    const el: HTMLElement = mount('notebook-embed', (element) => {
      element.src = embed.url;
      element.tokenProvider = async () => {
        framesAtCall.push(el.shadowRoot?.querySelectorAll('iframe').length ?? -1);
        return TOKEN;
      };
    });
    await oneEvent(el, 'ready');
    expect(framesAtCall).to.deep.equal([0]);
  });
});
