import { expect } from '@esm-bundle/chai';
import { createMockEmbed } from '../../src/testing/index.js';
import { addScript, CLASSIC_BUILD, collectPageErrors, MODULE_BUILD, oneEvent } from './load.js';

type Build = typeof import('../../src/index.js');
declare global {
  interface Window {
    Frameport?: Build;
  }
}

describe('CDN build: <script src="dist/cdn/frameport.iife.js">', () => {
  const errors = collectPageErrors();

  before(async () => {
    await addScript(CLASSIC_BUILD, 'classic');
  });

  it('exposes window.Frameport and registers the tags', () => {
    const build = window.Frameport!;
    expect(build).to.be.an('object');
    expect(customElements.get('notebook-embed')).to.equal(build.NotebookEmbed);
    expect(customElements.get('execution-details')).to.equal(build.ExecutionDetails);
    expect(customElements.get('embed-provider')).to.equal(build.EmbedProvider);
    expect(build.signOut, 'window.Frameport.signOut()').to.be.a('function');
    expect(errors).to.deep.equal([]);
  });

  it('runs a notebook', async () => {
    const embed = createMockEmbed({ rpc: true });
    const el = document.createElement('notebook-embed');
    el.src = embed.url;
    el.accessToken = 'classic-token';
    document.body.append(el);
    try {
      await oneEvent(el, 'ready');
      expect((await embed.next('SET_TOKEN', 1)).token).to.equal('classic-token');
      expect(await el.runAll()).to.deep.equal({ rows: 0 });
      const cdnFiles = performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.startsWith('/dist/cdn/'));
      expect(cdnFiles, 'the RPC client is inside the classic script').to.deep.equal([CLASSIC_BUILD]);
    } finally {
      el.remove();
      embed.dispose();
    }
  });

  it('explains a failed handshake with the words inside the classic script', async () => {
    const embed = createMockEmbed({ silent: true });
    const el = document.createElement('notebook-embed');
    el.src = embed.url;
    el.accessToken = 'classic-token';
    el.setAttribute('handshake-timeout', '1000');
    document.body.append(el);
    try {
      const error = await oneEvent<CustomEvent<{ code: string; hint?: string }>>(el, 'error');
      expect(error.detail.code).to.equal('HANDSHAKE_TIMEOUT');
      expect(error.detail.hint).to.contain('frame-ancestors');
    } finally {
      el.remove();
      embed.dispose();
    }
  });

  it('a second copy (the module build) on the same page does not throw, and each copy answers only its own iframes', async () => {
    await addScript(MODULE_BUILD, 'module');
    const second = (await import(MODULE_BUILD)) as Build;
    expect(errors).to.deep.equal([]);
    expect(second.NotebookEmbed).not.to.equal(window.Frameport!.NotebookEmbed);
    expect(customElements.get('notebook-embed')).to.equal(window.Frameport!.NotebookEmbed);

    // The second copy's class under another tag name, next to the first copy's element.
    customElements.define('second-notebook', class extends second.NotebookEmbed {});
    const embedA = createMockEmbed();
    const embedB = createMockEmbed();
    const a = document.createElement('notebook-embed');
    a.src = embedA.url;
    a.accessToken = 'token-a';
    const b = document.createElement('second-notebook') as InstanceType<Build['NotebookEmbed']>;
    b.src = embedB.url;
    b.accessToken = 'token-b';
    document.body.append(a, b);
    try {
      await Promise.all([oneEvent(a, 'ready'), oneEvent(b, 'ready')]);
      expect((await embedA.next('SET_TOKEN', 1)).token).to.equal('token-a');
      expect((await embedB.next('SET_TOKEN', 1)).token).to.equal('token-b');
      await embedA.emit({ type: 'RESIZE', height: 10 }); // a round trip: duplicates would have arrived
      await embedB.emit({ type: 'RESIZE', height: 10 });
      expect(embedA.all('SET_TOKEN')).to.have.length(1);
      expect(embedB.all('SET_TOKEN')).to.have.length(1);
    } finally {
      a.remove();
      b.remove();
      embedA.dispose();
      embedB.dispose();
    }
  });
});
