import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import type { EmbedElement } from '../../src/elements/embed-element.js';
import { mockEmbed, mount, oneEvent, TOKEN, whenState } from './helpers.js';

interface AxeResults {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }>;
}
declare global {
  interface Window {
    axe?: { run(context: Element, options: Record<string, unknown>): Promise<AxeResults> };
  }
}

/** axe-core is a classic script (UMD): load it once from node_modules. */
async function axe() {
  if (!window.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(script);
    });
  }
  return window.axe!;
}

async function expectAccessible(el: EmbedElement) {
  // The embed's own page is the platform's to check; axe cannot enter a cross-origin frame anyway.
  const results = await (await axe()).run(el, { iframes: false, resultTypes: ['violations'] });
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  );
  expect(summary).to.deep.equal([]);
}

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
    await el.updateComplete;
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
