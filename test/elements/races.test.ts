import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { frames, mockEmbed, mount, oneEvent, until } from './helpers.js';

describe('races and copies (THREATS 20, issue 7)', () => {
  it('after rapid src changes only the latest embed gets a token', async () => {
    const embeds = [mockEmbed(), mockEmbed(), mockEmbed(), mockEmbed()];
    const el = mount('notebook-embed', (el) => {
      el.src = embeds[0]!.url;
      // Slower than all the src changes together: every replaced embed has a token fetch pending.
      el.tokenProvider = () => new Promise((resolve) => setTimeout(() => resolve('rapid-token'), 1_500));
    });
    for (const embed of embeds.slice(1)) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      el.src = embed.url;
    }
    const latest = embeds[embeds.length - 1]!;
    await oneEvent(el, 'ready');
    await latest.until(() => latest.tokens.length === 1, 20_000, 'token in the latest embed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const stale of embeds.slice(0, -1)) expect(stale.tokens, 'a replaced embed').to.deep.equal([]);
    expect(frames(el)).to.have.length(1);
  });

  it('event details are copies: changing them does not change what the element sends', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.accessToken = 'copy-token';
      el.params = { region: 'EU' };
    });
    await oneEvent(el, 'ready');
    el.addEventListener('parameter-change', (event) => {
      (event.detail.params as Record<string, unknown>).region = 'tampered';
    });
    const changed = oneEvent<CustomEvent>(el, 'parameter-change');
    await embed.emit({ type: 'PARAMETER_CHANGED', name: 'year', value: 2026, params: { region: 'US', year: 2026 } });
    await changed;
    expect(el.params).to.deep.equal({ region: 'EU' });
    el.setParameters({ year: 2027 });
    const sent = await embed.next('SET_PARAMETERS', 2);
    expect(sent.params).to.not.have.property('region', 'tampered');
    await until(() => embed.all('SET_PARAMETERS').length === 2, 'second SET_PARAMETERS');
  });
});
