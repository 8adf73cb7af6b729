import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { countMessageListeners, mockEmbed, mount, onCleanup, oneEvent, TOKEN } from './helpers.js';

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

  it('embeds inserted together read the page theme after all of them rendered, not in between', async () => {
    // Reading `color-scheme` forces a style recalc: read between renders, each embed paid for
    // the shadow trees of all those before it (O(n²) for a batch).
    const embed = mockEmbed();
    const rendered = (): number =>
      [...document.querySelectorAll('notebook-embed')].filter((el) => el.shadowRoot?.querySelector('iframe')).length;
    const readsAt: number[] = [];
    const original = window.getComputedStyle;
    window.getComputedStyle = function (this: Window, ...args) {
      readsAt.push(rendered());
      return original.apply(this, args);
    } as typeof window.getComputedStyle;
    onCleanup(() => (window.getComputedStyle = original));
    const batch = Array.from({ length: 20 }, () => {
      const el = document.createElement('notebook-embed');
      el.src = embed.url;
      el.accessToken = TOKEN;
      return el;
    });
    onCleanup(() => batch.forEach((el) => el.remove()));
    document.body.append(...batch);
    await Promise.all(batch.map((el) => el.updateComplete));
    window.getComputedStyle = original;
    expect(readsAt.length).to.be.greaterThan(0); // positive control: the theme is read at all
    expect(readsAt.filter((count) => count < batch.length)).to.deep.equal([]);
  });
});

describe('READY_FOR_TOKEN is answered before the element re-renders (issue 13)', () => {
  it('no update runs in the authenticating state: loading and authenticating look the same', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    const statesAtUpdate: string[] = [];
    const update = (el as unknown as { update(changed: unknown): void }).update.bind(el);
    (el as unknown as { update(changed: unknown): void }).update = (changed) => {
      statesAtUpdate.push(el.state);
      update(changed);
    };
    await oneEvent(el, 'ready');
    expect(statesAtUpdate).to.not.include('authenticating');
    expect(statesAtUpdate.length).to.be.greaterThan(0); // positive control: updates were seen
  });
});
