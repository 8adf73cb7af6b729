import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { axe, expectAccessible } from './axe.js';
import { mockEmbed, mount, oneEvent, TOKEN, whenState } from './helpers.js';

describe('accessibility (axe-core)', () => {
  before(async function () {
    this.timeout(20_000);
    await axe();
  });

  it('positive control: axe reports an unnamed button in a shadow root', async () => {
    const host = mount('embed-provider');
    const button = document.createElement('button');
    host.shadowRoot!.append(button);
    const results = await (await axe()).run(host, { iframes: false, resultTypes: ['violations'] });
    expect(results.violations.map((v) => v.id)).to.include('button-name');
  });

  it('inline, loading', async () => {
    const embed = mockEmbed({ silent: true });
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    el.style.setProperty('--frameport-loading-delay', '0s'); // the overlay shown, so axe checks it
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expectAccessible(el);
  });

  it('inline, ready', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('inline, the iframe is in the tab order and no focus is taken on load', async () => {
    const before = document.activeElement;
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    expect(document.activeElement).to.equal(before);
    const iframe = el.shadowRoot!.querySelector('iframe')!;
    iframe.focus();
    expect(el.shadowRoot!.activeElement).to.equal(iframe);
  });

  it('modal, open', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN), (el.modal = true)));
    const ready = oneEvent(el, 'ready'); // a closed modal loads nothing until first opened
    el.show();
    await ready;
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('error state', async () => {
    const el = mount(
      'execution-details',
      (el) => ((el.platformUrl = 'javascript:0'), (el.executionId = 'x'), (el.accessToken = TOKEN)),
    );
    await whenState(el, 'error');
    await el.updateComplete;
    await expectAccessible(el);
  });
});
