import { expect } from '@esm-bundle/chai';
import { signOut } from '../../src/index.js';
import { signOut as hostSignOut } from '../../src/host/index.js';
import { mockEmbed, mount, oneEvent, until } from './helpers.js';

/** An app's token provider for whoever is signed in now (one function for the whole app). */
function sessionProvider() {
  const provider = async () => {
    provider.calls++;
    return provider.user === undefined ? null : `${provider.user}-token-${provider.calls}`;
  };
  provider.user = 'alice' as string | undefined;
  provider.calls = 0;
  return provider;
}

const endpointCalls = async (name: string) =>
  ((await (await fetch(`/test-api/token/calls?name=${name}`)).json()) as { calls: number }).calls;

describe('sessions: cached tokens never cross users (issue 12, finding 1)', () => {
  it('alice mounts, unmounts, bob mounts: bob gets his own token and the provider is called', async () => {
    const provider = sessionProvider();
    const first = mockEmbed();
    const alice = mount('notebook-embed', (el) => ((el.src = first.url), (el.tokenProvider = provider)));
    await oneEvent(alice, 'ready');
    expect((await first.next('SET_TOKEN', 1)).token).to.equal('alice-token-1');
    alice.remove(); // alice signs out: her embed is unmounted
    provider.user = 'bob';
    const second = mockEmbed();
    const bob = mount('notebook-embed', (el) => ((el.src = second.url), (el.tokenProvider = provider)));
    await oneEvent(bob, 'ready');
    expect((await second.next('SET_TOKEN', 1)).token).to.equal('bob-token-2');
    expect(provider.calls).to.equal(2);
  });

  it('the same for token-url: the endpoint is called again for the next mount', async () => {
    const name = `session-${Math.random().toString(36).slice(2)}`;
    const tokenUrl = `/test-api/token?name=${name}`;
    const first = mockEmbed();
    const a = mount('notebook-embed', (el) => ((el.src = first.url), (el.tokenUrl = tokenUrl)));
    await oneEvent(a, 'ready');
    expect((await first.next('SET_TOKEN', 1)).token).to.equal(`url-token-${name}-1`);
    a.remove();
    const second = mockEmbed();
    const b = mount('notebook-embed', (el) => ((el.src = second.url), (el.tokenUrl = tokenUrl)));
    await oneEvent(b, 'ready');
    expect((await second.next('SET_TOKEN', 1)).token).to.equal(`url-token-${name}-2`);
    expect(await endpointCalls(name)).to.equal(2);
  });

  it('positive control: two embeds alive at once DO share one cached token (what the old cache did forever)', async () => {
    const provider = sessionProvider();
    const first = mockEmbed();
    const a = mount('notebook-embed', (el) => ((el.src = first.url), (el.tokenProvider = provider)));
    await oneEvent(a, 'ready');
    provider.user = 'bob'; // had the first embed been unmounted, the next one would get bob's token
    const second = mockEmbed();
    const b = mount('notebook-embed', (el) => ((el.src = second.url), (el.tokenProvider = provider)));
    await oneEvent(b, 'ready');
    expect((await second.next('SET_TOKEN', 1)).token).to.equal('alice-token-1');
    expect(provider.calls).to.equal(1);
  });

  it('concurrent embeds with different scopes (token URLs, providers) each get their own token', async () => {
    const id = Math.random().toString(36).slice(2);
    const embeds = [mockEmbed(), mockEmbed(), mockEmbed(), mockEmbed()];
    const settings: Array<(el: HTMLElementTagNameMap['notebook-embed']) => void> = [
      (el) => (el.tokenUrl = `/test-api/token?name=scopeA-${id}`),
      (el) => (el.tokenUrl = `/test-api/token?name=scopeB-${id}`),
      (el) => (el.tokenProvider = async () => 'provider-one-token'),
      (el) => (el.tokenProvider = async () => 'provider-two-token'),
    ];
    const els = embeds.map((embed, i) => mount('notebook-embed', (el) => ((el.src = embed.url), settings[i]!(el))));
    await Promise.all(els.map((el) => oneEvent(el, 'ready')));
    const tokens = await Promise.all(embeds.map(async (embed) => (await embed.next('SET_TOKEN', 1)).token));
    expect(tokens).to.deep.equal([
      `url-token-scopeA-${id}-1`,
      `url-token-scopeB-${id}-1`,
      'provider-one-token',
      'provider-two-token',
    ]);
  });

  it('signOut() ends every live embed: frame emptied, error session-ended, no refresh; the next mount asks again', async () => {
    expect(hostSignOut).to.equal(signOut); // frameport and frameport/host export the same function
    const provider = sessionProvider();
    const embeds = [mockEmbed(), mockEmbed()];
    const els = embeds.map((embed) =>
      mount('notebook-embed', (el) => ((el.src = embed.url), (el.tokenProvider = provider))),
    );
    await Promise.all(els.map((el) => oneEvent(el, 'ready')));
    const errors = els.map((el) => oneEvent<CustomEvent>(el, 'error'));
    signOut();
    provider.user = undefined;
    for (const error of await Promise.all(errors)) {
      expect(error.detail).to.include({ code: 'TOKEN_UNAVAILABLE', cause: 'session-ended' });
    }
    for (const el of els) {
      expect(el.state).to.equal('error');
      const iframe = el.shadowRoot!.querySelector('iframe');
      expect(iframe === null || iframe.getAttribute('src') === 'about:blank', 'frame emptied').to.equal(true);
    }
    // The embed asking for a token again gets nothing: the session is over.
    await embeds[0]!.ready().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(embeds[0]!.all('SET_TOKEN')).to.have.length(1);
    expect(provider.calls).to.equal(1);
    // Bob signs in: a new embed asks the provider and gets bob's token.
    provider.user = 'bob';
    const next = mockEmbed();
    const bob = mount('notebook-embed', (el) => ((el.src = next.url), (el.tokenProvider = provider)));
    await oneEvent(bob, 'ready');
    expect((await next.next('SET_TOKEN', 1)).token).to.equal('bob-token-2');
  });

  it('signOut() drops a token request in flight: its late answer reaches no embed', async () => {
    let answer!: (token: string) => void;
    const provider = () => new Promise<string>((resolve) => (answer = resolve));
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.tokenProvider = provider)));
    await until(() => answer !== undefined, 'the token request');
    const error = oneEvent<CustomEvent>(el, 'error');
    signOut();
    expect((await error).detail).to.include({ cause: 'session-ended' });
    answer('alice-late-token');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(embed.all('SET_TOKEN')).to.have.length(0);
  });
});
