import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { mockEmbed, mount, oneEvent, TOKEN } from './helpers.js';

describe('smoke', () => {
  it('handshakes', async () => {
    const embed = mockEmbed({ rpc: true });
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.accessToken = TOKEN;
    });
    const ready = await oneEvent<CustomEvent>(el, 'ready');
    expect(ready.detail.features).to.include('rpc');
    const setToken = await embed.next('SET_TOKEN');
    expect(setToken.token).to.equal(TOKEN);
    expect(el.state).to.equal('ready');
    expect(await el.getParameters()).to.deep.equal({});
  });
});
