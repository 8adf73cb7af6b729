// Its own file: the CSP added here stays for the whole page.
import { expect } from '@esm-bundle/chai';
import { connect, staticToken } from '../../src/host/index.js';
import type { FrameportError } from '../../src/protocol/index.js';
import { frame, mockEmbed, onCleanup, waitFor } from '../helpers.js';

describe("the host page's CSP blocks the frame (THREATS 41, issue 9)", () => {
  it('fails at once with cause csp-blocked and a frame-src hint, instead of hanging', async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "frame-src 'self'";
    document.head.append(meta);
    const embed = mockEmbed();
    const errors: FrameportError[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      handshakeTimeout: 60_000,
      onError: (e) => errors.push(e),
    });
    onCleanup(() => connection.close());
    await waitFor(() => errors.length > 0, 'csp error', 10_000);
    expect(errors[0]).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'csp-blocked' });
    expect(errors[0]!.hint).to.contain('frame-src').and.contain(embed.origin);
  });
});
