import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import {
  countMessageListeners,
  frame,
  frames,
  mockEmbed,
  mount,
  oneEvent,
  platformFor,
  record,
  TOKEN,
  until,
  whenState,
} from './helpers.js';

describe('run-time changes', () => {
  it('a new src closes the old connection and makes one new iframe', async () => {
    const listeners = countMessageListeners();
    const first = mockEmbed();
    const second = mockEmbed();
    const base = listeners.active; // the mocks' own listeners
    const el = mount('notebook-embed', (el) => ((el.src = first.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    expect(listeners.active).to.equal(base + 1);
    const old = frame(el);

    el.src = second.url;
    await oneEvent(el, 'ready');
    expect(frames(el)).to.have.length(1);
    expect(frame(el)).not.to.equal(old);
    expect(old.isConnected).to.equal(false);
    expect(listeners.active).to.equal(base + 1);
    expect((await second.next('SET_TOKEN', 1)).token).to.equal(TOKEN);

    el.remove();
    expect(listeners.active).to.equal(base);
  });

  it('a new execution-id or platform-url loads a new iframe', async () => {
    const first = mockEmbed();
    const second = mockEmbed();
    const el = mount('execution-details', (el) => {
      el.platformUrl = platformFor(first);
      el.executionId = 'a';
      el.accessToken = TOKEN;
    });
    await oneEvent(el, 'ready');
    el.executionId = 'b';
    await oneEvent(el, 'ready');
    expect(new URL(frame(el).src).pathname).to.equal('/platform/embed/executions/b');
    el.platformUrl = platformFor(second);
    await oneEvent(el, 'ready');
    expect(frames(el)).to.have.length(1);
    await second.next('SET_TOKEN', 1);
  });

  it('a new token-delivery loads a new iframe', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    const old = frame(el);
    el.tokenDelivery = 'url';
    await oneEvent(el, 'ready');
    expect(frame(el)).not.to.equal(old);
    expect(new URL(frame(el).src).searchParams.get('token')).to.equal(TOKEN);
  });

  it('a new token source keeps the iframe and sends a fresh SET_TOKEN', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = 'first')));
    await oneEvent(el, 'ready');
    const iframe = frame(el);
    el.accessToken = 'second';
    expect((await embed.next('SET_TOKEN', 2)).token).to.equal('second');
    el.tokenProvider = async () => 'third';
    expect((await embed.next('SET_TOKEN', 3)).token).to.equal('third');
    el.tokenProvider = undefined;
    el.tokenUrl = '/test-api/token?name=runtime';
    expect((await embed.next('SET_TOKEN', 4)).token).to.match(/^url-token-runtime-/);
    expect(frame(el)).to.equal(iframe);
    expect(embed.loads).to.equal(1);
    expect(el.state).to.equal('ready');
  });

  it('waits in state idle until it has both a URL and a token source', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => (el.src = embed.url));
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(frames(el)).to.have.length(0);
    el.accessToken = TOKEN;
    await oneEvent(el, 'ready');
    expect(frames(el)).to.have.length(1);
  });

  it('connects when the URL comes after the token', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => (el.accessToken = TOKEN));
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    el.src = embed.url;
    await oneEvent(el, 'ready');
    expect((await embed.next('SET_TOKEN', 1)).token).to.equal(TOKEN);
  });

  it('removed and re-added: one iframe, one new handshake', async () => {
    const listeners = countMessageListeners();
    const embed = mockEmbed();
    const base = listeners.active;
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    await embed.next('SET_TOKEN', 1);
    const readies = record(el, 'ready');
    const parent = el.parentElement!;
    el.remove();
    expect(el.state).to.equal('idle');
    expect(frames(el)).to.have.length(0);
    expect(listeners.active).to.equal(base);
    parent.append(el);
    await embed.next('SET_TOKEN', 2);
    await whenState(el, 'ready');
    expect(frames(el)).to.have.length(1);
    expect(readies).to.have.length(1);
    expect(embed.loads).to.equal(2);
    expect(listeners.active).to.equal(base + 1);
  });

  it('moved within the page: one iframe, one new handshake', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    await embed.next('SET_TOKEN', 1);
    const box = document.createElement('section');
    document.body.prepend(box);
    box.append(el); // disconnect + connect in one go
    await embed.next('SET_TOKEN', 2);
    await whenState(el, 'ready');
    expect(frames(el)).to.have.length(1);
    box.remove();
  });

  it('disconnected while the token is pending: nothing is loaded or sent afterwards', async () => {
    let release!: (token: string) => void;
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.tokenDelivery = 'url'; // the token is needed before the iframe may load
      el.tokenProvider = () => new Promise<string>((resolve) => (release = resolve));
    });
    await until(() => release !== undefined, 'token requested');
    const iframe = frame(el);
    const readies = record(el, 'ready');
    el.remove();
    release(TOKEN);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(iframe.getAttribute('src')).to.equal(null);
    expect(iframe.isConnected).to.equal(false);
    expect(el.state).to.equal('idle');
    expect(readies).to.have.length(0);
    expect(embed.received).to.have.length(0);
  });

  it('disconnected after READY but before the token: no SET_TOKEN', async () => {
    let release!: (token: string) => void;
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.tokenProvider = () => new Promise<string>((resolve) => (release = resolve));
    });
    await whenState(el, 'authenticating');
    el.remove();
    release(TOKEN);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(el.state).to.equal('idle');
    expect(embed.all('SET_TOKEN')).to.have.length(0);
  });

  it('language and i18nOverrides reach the embed with SET_SETTINGS, without reloading', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    await embed.next('SET_SETTINGS', 1);
    const iframe = frame(el);
    el.language = 'fi';
    expect(await embed.next('SET_SETTINGS', 2)).to.deep.include({ language: 'fi', i18nOverrides: {} });
    el.i18nOverrides = { greeting: 'Moi' };
    expect(await embed.next('SET_SETTINGS', 3)).to.deep.include({ language: 'fi', i18nOverrides: { greeting: 'Moi' } });
    expect(frame(el)).to.equal(iframe);
    expect(embed.loads).to.equal(1);
  });

  it('params and setParameters() reach the embed with SET_PARAMETERS', async () => {
    const embed = mockEmbed();
    const el = mount(
      'notebook-embed',
      (el) => ((el.src = embed.url), (el.accessToken = TOKEN), (el.params = { a: 1 })),
    );
    await oneEvent(el, 'ready');
    expect((await embed.next('SET_PARAMETERS', 1)).params).to.deep.equal({ a: 1 });
    el.params = { a: 2 };
    expect((await embed.next('SET_PARAMETERS', 2)).params).to.deep.equal({ a: 2 });
    el.setParameters({ b: 'x' });
    expect(el.params).to.deep.equal({ a: 2, b: 'x' });
    expect((await embed.next('SET_PARAMETERS', 3)).params).to.deep.equal({ a: 2, b: 'x' });
    await el.updateComplete;
    await embed.emit({ type: 'RESIZE', height: 100 }); // a round trip: a duplicate would have arrived
    expect(embed.all('SET_PARAMETERS')).to.have.length(3);
  });

  it('setParameters() before the handshake sends them after SET_TOKEN', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    el.setParameters({ early: true });
    await oneEvent(el, 'ready');
    expect((await embed.next('SET_PARAMETERS', 1)).params).to.deep.equal({ early: true });
    expect(embed.received.map((m) => m.type).indexOf('SET_TOKEN')).to.be.lessThan(
      embed.received.map((m) => m.type).indexOf('SET_PARAMETERS'),
    );
  });

  it('setParameters() rejects values that cannot be sent', async () => {
    const el = mount('notebook-embed');
    expect(() => el.setParameters(null as never))
      .to.throw()
      .with.property('code', 'INVALID_ARGUMENT');
    const embed = mockEmbed();
    el.src = embed.url;
    el.accessToken = TOKEN;
    await oneEvent(el, 'ready');
    expect(() => el.setParameters({ fn: () => 1 }))
      .to.throw()
      .with.property('code', 'DATA_CLONE');
  });

  it('200 mount/unmount cycles leave no message listener behind (THREATS 37)', async () => {
    const listeners = countMessageListeners();
    const base = listeners.active;
    // A cheap same-origin 404 (a cross-origin frame costs a renderer process each time):
    // the point is the element's bookkeeping, not the page.
    const src = `${location.origin}/test/fixtures/does-not-exist.html`;
    for (let i = 0; i < 200; i++) {
      const el = mount('notebook-embed', (el) => ((el.src = src), (el.accessToken = TOKEN)));
      await el.updateComplete;
      el.remove();
    }
    expect(listeners.active).to.equal(base);
  });
});
