import { expect } from '@esm-bundle/chai';
// Only the classes: nothing may be registered by this import.
import { NotebookEmbed, ExecutionDetails, EmbedProvider, define } from '../../src/elements/index.js';

describe('registration', () => {
  it('frameport/elements registers nothing', () => {
    expect(customElements.get('notebook-embed')).to.equal(undefined);
    expect(customElements.get('execution-details')).to.equal(undefined);
    expect(customElements.get('embed-provider')).to.equal(undefined);
  });

  it('the classes work under custom tag names', async () => {
    customElements.define('my-notebook', class extends NotebookEmbed {});
    const el = document.createElement('my-notebook') as NotebookEmbed;
    document.body.append(el);
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.shadowRoot!.querySelector('dialog')).to.not.equal(null);
    el.remove();
  });

  it('skips a tag that is already defined: two copies of the SDK do not throw', async () => {
    class Other extends HTMLElement {}
    customElements.define('notebook-embed', Other);
    expect(() => define('notebook-embed', NotebookEmbed)).not.to.throw();
    expect(customElements.get('notebook-embed')).to.equal(Other);

    const registering = await import('../../src/index.js'); // the registering entry, after the fact
    expect(customElements.get('notebook-embed')).to.equal(Other);
    expect(customElements.get('execution-details')).to.equal(registering.ExecutionDetails);
    expect(customElements.get('embed-provider')).to.equal(registering.EmbedProvider);
    expect(registering.ExecutionDetails).to.equal(ExecutionDetails);
    expect(registering.EmbedProvider).to.equal(EmbedProvider);
  });
});
