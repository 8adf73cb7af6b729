import { expect } from '@esm-bundle/chai';
import { createMockEmbed } from '../../src/testing/index.js';
import type { NotebookEmbed } from '../../src/index.js';
import { describeExample, INITIAL_PARAMS, loadBuiltApp, shown, until, untilShown } from './example-app.js';

// The app's second notebook, bound by React 19 itself without the wrappers (`frameport/jsx` types).
const raw = createMockEmbed({ rpc: true });

// `frameport/react`'s <NotebookEmbed> and <ExecutionDetails> (the seed's props) run the shared suite.
describeExample('React', async () => {
  document.body.insertAdjacentHTML('beforeend', '<div id="app"></div>');
  window.__FRAMEPORT_DEMO__ = { ...window.__FRAMEPORT_DEMO__, rawSrc: raw.url };
  await loadBuiltApp('/demo/host/frameworks/react/dist/app.js');
});

describe('React 19 example without wrappers (<notebook-embed> in JSX)', () => {
  after(() => raw.dispose());

  it('sets `params` and `tokenProvider` as properties', async () => {
    const el = document.querySelector<NotebookEmbed>('#raw-notebook')!;
    const wrapped = document.querySelector<NotebookEmbed>('#notebook')!;
    // The very objects the app holds (the suite above changed the region), not copies.
    expect(el.params).to.deep.equal({ ...INITIAL_PARAMS, region: 'US' });
    expect(el.params).to.equal(wrapped.params);
    expect(el.tokenProvider).to.be.a('function');
    expect(el.tokenProvider).to.equal(wrapped.tokenProvider);
    expect(el.hasAttribute('params')).to.equal(false);
    await raw.until(() => raw.tokens.includes(window.__FRAMEPORT_DEMO__!.token!), 10_000, 'the token');
  });

  it('`onparameter-change` listens to the element’s `parameter-change` event', async () => {
    await raw.emit({ type: 'PARAMETER_CHANGED', name: 'year', value: 2025, params: { ...INITIAL_PARAMS, year: 2025 } });
    await untilShown('raw-change', 'year=2025');
  });
});

describe('React <ExecutionDetails settings={{ modal: true }}> (the vendor guide)', () => {
  const dialogOf = () => document.querySelector('#dialog-execution')?.shadowRoot?.querySelector('dialog') ?? null;

  it('opens as a modal on mount, and onClose fires once per close', async () => {
    for (const round of [1, 2]) {
      document.querySelector<HTMLButtonElement>('#show-dialog')!.click();
      await until(() => dialogOf()?.matches(':modal') === true, `modal open (round ${round})`);
      const el = document.querySelector<HTMLElement & { open: boolean }>('#dialog-execution')!;
      expect(el.open).to.equal(true);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
      await until(() => document.querySelector('#dialog-execution') === null, 'unmounted in onClose');
      expect(shown('dialog-closes')).to.equal(round === 1 ? 'button' : 'button,button');
    }
  });
});
