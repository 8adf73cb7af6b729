import { expect } from '@esm-bundle/chai';
import { createMockEmbed } from '../../src/testing/index.js';
import { addScript, collectPageErrors, MODULE_BUILD, oneEvent } from './load.js';

type Build = typeof import('../../src/index.js');

describe('CDN build: <script type="module" src="dist/cdn/frameport.js">', () => {
  const errors = collectPageErrors();
  let build: Build;

  before(async () => {
    await addScript(MODULE_BUILD, 'module');
    build = (await import(/* same instance as the script's */ MODULE_BUILD)) as Build;
  });

  it('registers the three tags with its own classes', () => {
    expect(customElements.get('notebook-embed')).to.equal(build.NotebookEmbed);
    expect(customElements.get('execution-details')).to.equal(build.ExecutionDetails);
    expect(customElements.get('embed-provider')).to.equal(build.EmbedProvider);
    expect(build.ErrorCode.RPC_UNAVAILABLE).to.equal('RPC_UNAVAILABLE');
    expect(errors).to.deep.equal([]);
  });

  /** The files of dist/cdn this page has fetched besides frameport.js. */
  const chunksLoaded = () =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/dist/cdn/') && path !== MODULE_BUILD);

  it('loads the RPC client from its own file next to frameport.js at the first call, not before', async () => {
    expect(chunksLoaded(), 'with the page').to.deep.equal([]);
    const embed = createMockEmbed({ rpc: true, params: { region: 'eu' } });
    const el = document.createElement('notebook-embed');
    el.setAttribute('src', embed.url);
    el.setAttribute('access-token', 'cdn-token');
    document.body.append(el);
    try {
      await oneEvent(el, 'ready');
      expect(chunksLoaded(), 'after the handshake').to.deep.equal([]);
      expect(await el.getParameters()).to.deep.equal({ region: 'eu' });
      expect(chunksLoaded()).to.have.length(1);
      expect(chunksLoaded()[0]).to.match(/^\/dist\/cdn\/frameport-rpc-[\w-]+\.js$/);
    } finally {
      el.remove();
      embed.dispose();
    }
  });

  it('loads the explanation of a failed handshake from its own file when it fails', async () => {
    const embed = createMockEmbed({ silent: true });
    const el = document.createElement('notebook-embed');
    el.setAttribute('src', embed.url);
    el.setAttribute('access-token', 'cdn-token');
    el.setAttribute('handshake-timeout', '1000');
    document.body.append(el);
    try {
      const error = await oneEvent<CustomEvent<{ code: string; cause: string; hint?: string }>>(el, 'error');
      expect(error.detail.code).to.equal('HANDSHAKE_TIMEOUT');
      expect(error.detail.hint).to.contain('frame-ancestors');
      expect(chunksLoaded().filter((path) => /^\/dist\/cdn\/frameport-explain-[\w-]+\.js$/.test(path))).to.have.length(
        1,
      );
    } finally {
      el.remove();
      embed.dispose();
    }
  });

  it('runs a notebook: handshake, params, events, RPC, modal', async () => {
    const embed = createMockEmbed({ rpc: true, params: { region: 'eu' } });
    const el = document.createElement('notebook-embed');
    el.setAttribute('src', embed.url);
    el.setAttribute('access-token', 'cdn-token');
    el.setAttribute('params', '{"region":"us"}');
    document.body.append(el);
    try {
      const ready = await oneEvent<CustomEvent>(el, 'ready');
      expect(ready.detail.features).to.include('rpc');
      expect((await embed.next('SET_TOKEN', 1)).token).to.equal('cdn-token');
      expect((await embed.next('SET_PARAMETERS', 1)).params).to.deep.equal({ region: 'us' });
      expect(await el.getParameters()).to.deep.equal({ region: 'us' });
      const change = oneEvent<CustomEvent>(el, 'parameter-change');
      await embed.emit({ type: 'PARAMETER_CHANGED', name: 'region', value: 'fi', params: { region: 'fi' } });
      expect((await change).detail.value).to.equal('fi');
      el.modal = true;
      el.show();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('dialog')!.matches(':modal')).to.equal(true);
      expect(embed.loads).to.equal(1);
    } finally {
      el.remove();
      embed.dispose();
    }
  });

  it('runs <execution-details> inside <embed-provider>', async () => {
    const embed = createMockEmbed();
    const platform = new URL(embed.url);
    platform.pathname = '/platform';
    const provider = document.createElement('embed-provider');
    provider.setAttribute('platform-url', platform.href);
    provider.tokenProvider = async () => 'provided-token';
    provider.innerHTML = '<execution-details execution-id="ex-1"></execution-details>';
    document.body.append(provider);
    try {
      const el = provider.querySelector('execution-details')!;
      await oneEvent(el, 'ready');
      expect((await embed.next('SET_TOKEN', 1)).token).to.equal('provided-token');
      expect(el.state).to.equal('ready');
    } finally {
      provider.remove();
      embed.dispose();
    }
  });
});
