import { expect } from '@esm-bundle/chai';
import { connect, staticToken } from '../../src/host/index.js';
import type { FrameportError } from '../../src/protocol/index.js';
import { frame, mockEmbed, onCleanup, waitFor } from '../helpers.js';

/** Connects to a mock embed served with `headers`; resolves with the first error, or 'ready'. */
async function outcome(headers: Record<string, string>): Promise<FrameportError | 'ready'> {
  const embed = mockEmbed({ query: { headers: JSON.stringify(headers) } });
  const errors: FrameportError[] = [];
  const connection = connect(frame(), {
    url: embed.url,
    tokenSource: staticToken('t'),
    // The diagnosis comes a third of this after the frame loads; the timeout itself says 'no-ready'.
    handshakeTimeout: 12_000,
    onError: (e) => errors.push(e),
  });
  onCleanup(() => connection.close());
  let ready = false;
  connection.ready.then(
    () => (ready = true),
    () => {},
  );
  await waitFor(() => errors.length > 0 || ready, 'an error or ready', 40_000);
  return errors[0] ?? 'ready';
}

describe("the platform's frame-ancestors refuse this page (issue 17)", () => {
  it('frame-ancestors: fails long before the handshake timeout, with cause frame-refused and a hint', async () => {
    const error = await outcome({ 'content-security-policy': "frame-ancestors 'none'" });
    expect(error).to.not.equal('ready');
    expect(error).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'frame-refused' });
    const { hint } = error as FrameportError;
    expect(hint).to.contain('frame-ancestors').and.contain(location.origin);
  });

  it('X-Frame-Options: DENY is explained the same way', async () => {
    const error = await outcome({ 'x-frame-options': 'DENY' });
    expect(error).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'frame-refused' });
  });

  it('control: frame-ancestors that allow this page let the handshake complete', async () => {
    expect(await outcome({ 'content-security-policy': `frame-ancestors ${location.origin}` })).to.equal('ready');
  });
});
