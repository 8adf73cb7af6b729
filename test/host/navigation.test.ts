import { expect } from '@esm-bundle/chai';
import { connect, providerToken, staticToken, type ConnectOptions } from '../../src/host/index.js';
import type { FrameportError } from '../../src/protocol/index.js';
import {
  attackerOrigin,
  attackerReports,
  attackerUrl,
  frame,
  mockEmbed,
  onCleanup,
  sleep,
  waitFor,
} from '../helpers.js';

/** A connection whose token source answers only when released. */
function slowConnection(url: string, extra: Partial<ConnectOptions> = {}) {
  let release: (() => void) | undefined;
  const answered = new Promise<void>((resolve) => (release = resolve));
  const errors: FrameportError[] = [];
  const states: string[] = [];
  const connection = connect(frame(), {
    url,
    tokenSource: providerToken(async () => {
      await answered;
      return 'secret';
    }),
    onError: (e) => errors.push(e),
    onStateChange: (s) => states.push(s),
    ...extra,
  });
  onCleanup(() => connection.close());
  return { connection, errors, states, release: () => release!() };
}

/** A page on the attacker's origin that never speaks (the test server answers 404). */
const silentForeignPage = () => new URL('/no-such-page.html', attackerOrigin()).href;

describe('navigation after READY_FOR_TOKEN (issue 12 item 6)', () => {
  it('between READY and SET_TOKEN, to a foreign page that speaks: error, no token, never ready', async () => {
    const embed = mockEmbed();
    const reports = attackerReports();
    const { connection, errors, release } = slowConnection(embed.url);
    await waitFor(() => connection.state === 'authenticating', 'READY');
    await embed.navigate(attackerUrl([{ type: 'READY_FOR_TOKEN' }]));
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]).to.include({ code: 'DISCONNECTED', reason: 'navigated' });
    expect(errors[0]!.message).to.contain(attackerOrigin());
    release();
    await sleep(300);
    expect(connection.state).to.equal('error');
    expect(reports.filter((r) => r.kind === 'received')).to.deep.equal([]);
  });

  it('between READY and SET_TOKEN, to a foreign page that never speaks: not ready, then a clear error', async () => {
    const embed = mockEmbed();
    const { connection, errors, states, release } = slowConnection(embed.url, { handshakeTimeout: 1_500 });
    await waitFor(() => connection.state === 'authenticating', 'READY');
    await embed.navigate(silentForeignPage());
    await waitFor(() => connection.state === 'loading', 'back to loading after the new document loaded');
    release();
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'navigated' });
    expect(states).to.not.include('ready');
    expect(embed.tokens).to.deep.equal([]);
  });

  it('after the handshake, to a foreign page that never speaks: leaves ready, then a clear error', async () => {
    const embed = mockEmbed();
    const errors: FrameportError[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      handshakeTimeout: 1_500,
      onError: (e) => errors.push(e),
    });
    onCleanup(() => connection.close());
    await connection.ready;
    await embed.navigate(silentForeignPage());
    await waitFor(() => connection.state !== 'ready', 'not ready any more');
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'navigated' });
    expect(connection.state).to.equal('error');
  });

  it('after the handshake, a reload of the embed itself handshakes again and stays healthy', async () => {
    const embed = mockEmbed();
    const errors: FrameportError[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      handshakeTimeout: 1_500,
      onError: (e) => errors.push(e),
    });
    onCleanup(() => connection.close());
    await connection.ready;
    for (let i = 2; i <= 4; i++) {
      await embed.reload();
      await embed.loaded(i);
      await embed.until(() => embed.tokens.length === i, 20_000, `token ${i}`);
    }
    await sleep(2_000); // longer than the handshake timeout: no false alarm
    expect(errors).to.deep.equal([]);
    expect(connection.state).to.equal('ready');
  });
});
