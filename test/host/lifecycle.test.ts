import { expect } from '@esm-bundle/chai';
import { connect, providerToken, staticToken } from '../../src/host/index.js';
import type { FrameportError } from '../../src/protocol/index.js';
import { countMessageListeners, frame, mockEmbed, onCleanup, sleep, waitFor } from '../helpers.js';

describe('lifecycle and cleanup (THREATS 22, 27-29, 37-38)', () => {
  it('times out with HANDSHAKE_TIMEOUT when the embed never speaks, then recovers if it does', async () => {
    const embed = mockEmbed({ silent: true });
    const errors: FrameportError[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      handshakeTimeout: 300,
      onError: (e) => errors.push(e),
    });
    onCleanup(() => connection.close());
    await waitFor(() => errors.length > 0, 'timeout');
    expect(errors[0]).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'no-ready' });
    expect(errors[0]!.hint).to.contain('frame-ancestors');
    expect(connection.state).to.equal('error');
    await sleep(500);
    expect(errors).to.have.length(1); // no retry storm
    await embed.emit({ type: 'READY_FOR_TOKEN' });
    await connection.ready;
    expect(connection.state).to.equal('ready');
  });

  it('close() leaves no message listener behind, over 50 connections', async () => {
    const embed = mockEmbed({ silent: true });
    const live = countMessageListeners();
    for (let i = 0; i < 50; i++) {
      const connection = connect(frame(), { url: embed.url, tokenSource: staticToken('t') });
      expect(live()).to.equal(1);
      connection.close();
      connection.close(); // idempotent
    }
    expect(live()).to.equal(0);
  });

  it('posts nothing when closed while a token fetch is pending (StrictMode double mount)', async () => {
    const embed = mockEmbed();
    let release!: (token: string) => void;
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: providerToken(() => new Promise<string>((resolve) => (release = resolve))),
    });
    await embed.loaded();
    await waitFor(() => release !== undefined, 'token requested');
    connection.close();
    release('late-token');
    await sleep(200);
    expect(embed.all('SET_TOKEN')).to.deep.equal([]);
    expect(connection.state).to.equal('closed');
    let rejected = false;
    await connection.ready.catch(() => (rejected = true));
    expect(rejected).to.equal(true);
  });

  it('cleans up when the app removes the iframe behind its back', async () => {
    const embed = mockEmbed();
    const live = countMessageListeners();
    const iframe = frame();
    const connection = connect(iframe, { url: embed.url, tokenSource: staticToken('t') });
    await connection.ready;
    iframe.remove();
    await waitFor(() => connection.state === 'closed', 'closed');
    expect(live()).to.equal(0);
  });

  it('a reload mid-handshake still ends with one token for the new document', async () => {
    const embed = mockEmbed();
    let release: ((token: string) => void) | undefined;
    let calls = 0;
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: providerToken(() => {
        calls++;
        return new Promise<string>((resolve) => (release = resolve));
      }),
    });
    onCleanup(() => connection.close());
    await waitFor(() => release !== undefined, 'token requested');
    await embed.reload();
    await embed.loaded(2);
    release!('t1');
    await connection.ready;
    await embed.until(() => embed.tokens.length === 1, 20_000, 'token');
    await sleep(200);
    expect(embed.tokens).to.deep.equal(['t1']);
    expect(calls).to.equal(1);
  });
});
