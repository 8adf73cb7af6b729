import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import type { EmbedProvider } from '../../src/elements/embed-provider.component.js';
import type { NotebookEmbed } from '../../src/elements/notebook-embed.component.js';
import { fixture, mockEmbed, oneEvent, platformFor, record } from './helpers.js';

/** `<embed-provider platform-url>` with a tokenProvider around a `<notebook-embed src>`. */
function providerAround(platformUrl: string, src: string) {
  const provider = fixture<EmbedProvider>(`<embed-provider platform-url="${platformUrl}"></embed-provider>`);
  const calls: string[] = [];
  provider.tokenProvider = async () => (calls.push('called'), 'vendor-token');
  const el = document.createElement('notebook-embed') as NotebookEmbed;
  el.src = src;
  const events = record(el, 'error', 'ready');
  provider.append(el);
  return { el, calls, events };
}

describe('<embed-provider> tokens go only to its platform-url origin (issue 12, finding 2)', () => {
  it('an embed on another origin gets no provider token and fires error with a hint', async () => {
    const evil = mockEmbed(); // on 127.0.0.1; the provider's platform is on localhost
    const { el, calls } = providerAround(`${location.origin}/platform`, evil.url);
    const error = await oneEvent<CustomEvent>(el, 'error');
    expect(error.detail).to.include({ code: 'TOKEN_UNAVAILABLE', cause: 'provider-origin-mismatch' });
    expect(error.detail.hint).to.be.a('string');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(evil.tokens).to.deep.equal([]);
    expect(evil.all('SET_TOKEN')).to.deep.equal([]);
    expect(calls).to.deep.equal([]);
  });

  it('positive control: the same provider serves an embed on its own origin', async () => {
    const embed = mockEmbed();
    const { el } = providerAround(platformFor(embed), embed.url);
    await oneEvent(el, 'ready');
    expect((await embed.next('SET_TOKEN', 1)).token).to.equal('vendor-token');
  });

  it("an embed's own token setting is not restricted by the provider", async () => {
    const embed = mockEmbed();
    const { el } = providerAround(`${location.origin}/platform`, embed.url);
    el.tokenProvider = async () => 'own-token';
    await oneEvent(el, 'ready');
    expect((await embed.next('SET_TOKEN', 1)).token).to.equal('own-token');
  });
});
