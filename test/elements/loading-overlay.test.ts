import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { mockEmbed, mount, part, TOKEN, until } from './helpers.js';

const visibility = (el: Element) => getComputedStyle(part(el, 'loading')!).visibility;

// An animated spinner makes the browser produce frames for as long as it turns: measured in
// headless Chromium, 100-190 ms of CPU per second across its processes, against 3 ms when
// still, and a spinner waiting out an animation-delay costs nothing. Most handshakes finish
// in about 100 ms; a spinner shown for them is a flash that slows the embed it announces.
describe('loading overlay (issue 13)', () => {
  it('stays hidden and still for the first 400 ms, then shows and turns', async () => {
    const embed = mockEmbed({ silent: true });
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    expect(part(el, 'loading')!.hidden).to.equal(false); // it is the loading state...
    expect(visibility(el)).to.equal('hidden'); // ...not yet shown
    const spinner = part(el, 'spinner')!.getAnimations()[0];
    expect(Number(spinner?.currentTime ?? 0)).to.be.lessThan(400); // still in its delay
    // A page in a background tab (several test files at once) advances animations slowly.
    await until(() => visibility(el) === 'visible', 'the overlay shown');
    expect(part(el, 'spinner')!.getAnimations()[0]?.playState).to.equal('running');
  });

  it('--frameport-loading-delay: 0s shows it at once (control)', async () => {
    const embed = mockEmbed({ silent: true });
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.accessToken = TOKEN;
      el.style.setProperty('--frameport-loading-delay', '0s');
    });
    await el.updateComplete;
    expect(visibility(el)).to.equal('visible');
  });
});
