import '../../src/index.js';
import { axe, expectAccessible } from './axe.js';
import { mockEmbed, mount, oneEvent, TOKEN, whenState } from './helpers.js';

describe('accessibility (axe-core), themes', () => {
  before(async function () {
    this.timeout(20_000);
    await axe();
  });
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: error state, details open`, async () => {
      const el = mount(
        'execution-details',
        (el) => ((el.platformUrl = 'javascript:0'), (el.executionId = 'x'), (el.theme = theme)),
      );
      await whenState(el, 'error');
      await el.updateComplete;
      el.shadowRoot!.querySelector('details')!.open = true;
      await expectAccessible(el);
    });
    it(`${theme}: loading`, async () => {
      const silent = mockEmbed({ silent: true });
      const el = mount('notebook-embed', (el) => ((el.src = silent.url), (el.accessToken = TOKEN), (el.theme = theme)));
      el.style.setProperty('--frameport-loading-delay', '0s'); // the overlay shown, so axe checks it
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expectAccessible(el);
    });
    it(`${theme}: modal, open`, async () => {
      const embed = mockEmbed();
      const el = mount(
        'notebook-embed',
        (el) => ((el.src = embed.url), (el.accessToken = TOKEN), (el.modal = true), (el.theme = theme)),
      );
      const ready = oneEvent(el, 'ready');
      el.show();
      await ready;
      await el.updateComplete;
      await expectAccessible(el);
    });
  }
});
