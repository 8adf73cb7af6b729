import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import type { EmbedElement } from '../../src/elements/embed-element.js';
import { frames, mockEmbed, mount, oneEvent, part, record, TOKEN, whenState } from './helpers.js';

/** Waits for `error` and checks the error state shows it to a person. */
async function expectError(el: EmbedElement, code: string) {
  const event = await oneEvent<CustomEvent>(el, 'error');
  expect(event.detail.code).to.equal(code);
  expect(event.bubbles).to.equal(false);
  expect(el.state).to.equal('error');
  expect(el.getAttribute('state')).to.equal('error');
  await el.updateComplete;
  const panel = part(el, 'error')!;
  expect(panel.getAttribute('role')).to.equal('alert');
  expect(part(el, 'error-title')!.textContent).to.contain('could not be loaded');
  expect(part(el, 'error-message')!.textContent).to.equal(event.detail.message);
  expect(part(el, 'error-code')!.textContent).to.contain(code);
  if (event.detail.hint) expect(part(el, 'error-hint')!.textContent).to.contain(event.detail.hint);
  expect(part(el, 'retry-button')!.textContent!.trim()).to.equal('Retry');
  expect(JSON.stringify(event.detail)).not.to.contain(TOKEN);
  return event.detail as { code: string; message: string; cause?: string; hint?: string };
}

describe('errors', () => {
  for (const src of [
    'javascript:alert(1)',
    'data:text/html,hi',
    '/relative/path',
    'http://platform.example/nb',
    'not a url',
  ]) {
    it(`INVALID_URL for src="${src}", and no iframe`, async () => {
      const el = mount('notebook-embed', (el) => ((el.src = src), (el.accessToken = TOKEN)));
      const detail = await expectError(el, 'INVALID_URL');
      expect(detail.hint).to.be.a('string');
      expect(frames(el)).to.have.length(0);
    });
  }

  it('allow-insecure accepts http: on a non-loopback host', async () => {
    const el = mount(
      'notebook-embed',
      (el) => ((el.src = 'http://platform.example/nb'), (el.accessToken = TOKEN), (el.allowInsecure = true)),
    );
    const errors = record(el, 'error');
    await el.updateComplete;
    expect(errors).to.have.length(0);
    expect(frames(el)).to.have.length(1);
  });

  it('INVALID_URL for a bad platform-url of <execution-details>', async () => {
    const el = mount(
      'execution-details',
      (el) => ((el.platformUrl = 'ftp://platform'), (el.executionId = 'x'), (el.accessToken = TOKEN)),
    );
    await expectError(el, 'INVALID_URL');
  });

  it('HANDSHAKE_TIMEOUT with cause and hint when the frame never speaks', async () => {
    const embed = mockEmbed({ silent: true });
    const el = mount(
      'notebook-embed',
      (el) => ((el.src = embed.url), (el.accessToken = TOKEN), (el.handshakeTimeout = 300)),
    );
    const detail = await expectError(el, 'HANDSHAKE_TIMEOUT');
    expect(detail.cause).to.equal('no-ready');
    expect(detail.hint).to.be.a('string').and.not.equal('');
  });

  it('TOKEN_UNAVAILABLE when the token provider keeps failing, with token-refresh-failed per attempt', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.tokenProvider = async () => {
        throw new Error('auth server down');
      };
    });
    const failures = record(el, 'token-refresh-failed');
    const detail = await expectError(el, 'TOKEN_UNAVAILABLE');
    expect(detail.message).to.contain('auth server down');
    expect(failures.map((e) => e.detail.attempt)).to.deep.equal([1, 2, 3]);
    expect(failures[0]!.detail.nextRetryAt).to.be.a('number');
    expect(failures[2]!.detail.nextRetryAt).to.equal(undefined);
    expect(failures[0]!.detail.code).to.equal('TOKEN_UNAVAILABLE');
    expect(embed.all('SET_TOKEN')).to.have.length(0);
  });

  it('TOKEN_UNAVAILABLE names the status of token-url', async () => {
    const embed = mockEmbed();
    const el = mount(
      'notebook-embed',
      (el) => ((el.src = embed.url), (el.tokenUrl = '/test-api/token?status=401&name=denied')),
    );
    const detail = await expectError(el, 'TOKEN_UNAVAILABLE');
    expect(detail.cause).to.equal('token-url-status-401');
    expect(detail.hint).to.be.a('string');
  });

  it('EMBED_ERROR when the embed reports ERROR', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    const failing = expectError(el, 'EMBED_ERROR');
    await embed.emit({ type: 'ERROR', code: 'NOTEBOOK_GONE', message: 'The notebook was deleted.' });
    const detail = await failing;
    expect(detail.message).to.contain('The notebook was deleted.');
    expect(detail.cause).to.equal('NOTEBOOK_GONE');
  });

  it('INVALID_SANDBOX when the sandbox lacks allow-same-origin', async () => {
    const embed = mockEmbed();
    const el = mount(
      'notebook-embed',
      (el) => ((el.src = embed.url), (el.accessToken = TOKEN), (el.sandbox = 'allow-scripts')),
    );
    const detail = await expectError(el, 'INVALID_SANDBOX');
    expect(detail.hint).to.contain('allow-same-origin');
    expect(embed.received).to.have.length(0);
  });

  it('Retry starts again with a new iframe, and the error state goes away', async () => {
    let fail = true;
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.tokenProvider = async () => {
        if (fail) throw new Error('not yet');
        return 'second-chance';
      };
    });
    await expectError(el, 'TOKEN_UNAVAILABLE');
    fail = false;
    const ready = oneEvent(el, 'ready');
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await ready;
    await el.updateComplete;
    expect(part(el, 'error')).to.equal(null);
    expect(frames(el)).to.have.length(1);
    expect((await embed.next('SET_TOKEN', 1)).token).to.equal('second-chance');
  });

  it('the error panel text comes from i18nOverrides', async () => {
    const el = mount('notebook-embed', (el) => {
      el.src = 'javascript:void 0';
      el.accessToken = TOKEN;
      el.i18nOverrides = { 'frameport.errorTitle': 'Kaputt', 'frameport.retry': 'Nochmal' };
    });
    await whenState(el, 'error');
    await el.updateComplete;
    expect(part(el, 'error-title')!.textContent).to.equal('Kaputt');
    expect(part(el, 'retry-button')!.textContent!.trim()).to.equal('Nochmal');
  });
});
