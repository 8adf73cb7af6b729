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
      await el.updateComplete;
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
