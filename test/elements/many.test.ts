import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { countMessageListeners, mockEmbed, mount, oneEvent, TOKEN } from './helpers.js';

describe('many embeds on one page (issue 13)', () => {
  it('one window message listener for 30 embeds, none once they are removed', async () => {
    const embed = mockEmbed();
    const listeners = countMessageListeners();
    const elements = Array.from({ length: 30 }, () =>
      mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN))),
    );
    await Promise.all(elements.map((el) => (el.state === 'ready' ? undefined : oneEvent(el, 'ready'))));
    expect(listeners.active).to.equal(1);
    for (const el of elements) el.remove();
    expect(listeners.active).to.equal(0);
  });
});
