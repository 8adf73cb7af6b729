import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { NotebookEmbed } from '../../src/elements/notebook-embed.component.js';
import { FrameportError } from '../../src/protocol/errors.js';
import { mockEmbed, mount, oneEvent, platformFor, TOKEN } from './helpers.js';

describe('methods over RPC', () => {
  it('getParameters() and runAll() call the embed', async () => {
    const embed = mockEmbed({ rpc: true, params: { region: 'eu', limit: 3 } });
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    expect(await el.getParameters()).to.deep.equal({ region: 'eu', limit: 3 });
    expect(await el.runAll()).to.deep.equal({ rows: 2 });
    await embed.until(() => embed.calls.length === 2, 5_000, 'two calls');
    expect(embed.calls.map((c) => c.method)).to.deep.equal(['getParameters', 'runAll']);
  });

  it('rerun() calls the embed of <execution-details>', async () => {
    const embed = mockEmbed({ rpc: true });
    const el = mount('execution-details', (el) => {
      el.platformUrl = platformFor(embed);
      el.executionId = 'ex-9';
      el.accessToken = TOKEN;
    });
    const result = await el.rerun();
    expect(result.id).to.match(/^rerun-/);
    expect(result.status).to.equal('RUNNING');
  });

  it('waits for the handshake, even when called before the element is connected', async () => {
    const embed = mockEmbed({ rpc: true, params: { early: 1 } });
    const el = document.createElement('notebook-embed') as NotebookEmbed;
    const pending = el.getParameters();
    el.src = embed.url;
    el.accessToken = TOKEN;
    mount('notebook-embed'); // unrelated element: does not answer the call
    document.body.append(el);
    try {
      expect(await pending).to.deep.equal({ early: 1 });
    } finally {
      el.remove();
    }
  });

  it('rejects with RPC_UNAVAILABLE when the embed offers no RPC', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    const error = await el.runAll().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(FrameportError);
    expect((error as FrameportError).code).to.equal('RPC_UNAVAILABLE');
    expect(el.state).to.equal('ready');
  });

  it('supports() and features answer from READY_FOR_TOKEN', async () => {
    const embed = mockEmbed({ rpc: true, features: ['export'] });
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    expect(el.supports('rpc')).to.equal(false);
    await oneEvent(el, 'ready');
    expect(el.supports('rpc')).to.equal(true);
    expect(el.supports('rpc:runAll')).to.equal(true);
    expect(el.supports('export')).to.equal(true);
    expect(el.supports('teleport')).to.equal(false);
    expect(el.features).to.include.members(['rpc', 'export', 'rpc:getParameters']);
  });
});
