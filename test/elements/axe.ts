import { expect } from '@esm-bundle/chai';
import type { EmbedElement } from '../../src/elements/embed-element.js';

interface AxeResults {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }>;
}
declare global {
  interface Window {
    axe?: { run(context: Element, options: Record<string, unknown>): Promise<AxeResults> };
  }
}

/** axe-core is a classic script (UMD): load it once from node_modules. */
export async function axe() {
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

export async function expectAccessible(el: EmbedElement) {
  // The embed's own page is the platform's to check; axe cannot enter a cross-origin frame anyway.
  const results = await (await axe()).run(el, { iframes: false, resultTypes: ['violations'] });
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  );
  expect(summary).to.deep.equal([]);
}
