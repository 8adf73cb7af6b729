import { expect } from '@esm-bundle/chai';
import { connect, staticToken } from '../../src/host/index.js';
import type { FrameportError } from '../../src/protocol/index.js';
import { otherOrigin } from '../../src/testing/index.js';
import { frame, mockEmbed, onCleanup, waitFor } from '../helpers.js';

/** Connects with a short timeout and returns the first error. */
async function firstError(options: {
  url: string;
  iframe?: HTMLIFrameElement;
  keepSrc?: boolean;
}): Promise<FrameportError> {
  const errors: FrameportError[] = [];
  const connection = connect(options.iframe ?? frame(), {
    url: options.url,
    keepSrc: options.keepSrc ?? false,
    tokenSource: staticToken('t'),
    handshakeTimeout: 6_000,
    onError: (error) => errors.push(error),
  });
  onCleanup(() => connection.close());
  await waitFor(() => errors.length > 0, 'error', 15_000);
  return errors[0]!;
}

describe('failures explained (issue 9)', () => {
  it('a frame that loads but never speaks: no-ready, with a frame-ancestors hint', async () => {
    const embed = mockEmbed({ silent: true });
    const error = await firstError({ url: embed.url });
    expect(error).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'no-ready' });
    expect(error.hint).to.contain('frame-ancestors').and.contain(location.origin);
  });

  it('an embed answering from another origin: origin-mismatch, naming both origins', async () => {
    const embed = mockEmbed();
    const configured = new URL(embed.url);
    configured.hostname = new URL(otherOrigin(embed.origin)).hostname; // as if the URL redirected
    const iframe = frame();
    const pending = firstError({ url: configured.href, iframe, keepSrc: true });
    iframe.src = embed.url;
    const error = await pending;
    expect(error).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'origin-mismatch' });
    expect(error.message).to.contain(embed.origin).and.contain(configured.origin);
  });

  it('messages arrived but none was valid: protocol-mismatch, with the first type', async () => {
    const embed = mockEmbed({ silent: true });
    const pending = firstError({ url: embed.url });
    await embed.emit({ type: 'READY', version: 2 });
    const error = await pending;
    expect(error).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'protocol-mismatch' });
    expect(error.message).to.contain('READY');
  });

  it('sandbox without allow-same-origin is refused with INVALID_SANDBOX, before anything loads', () => {
    const iframe = frame();
    iframe.setAttribute('sandbox', 'allow-scripts');
    expect(() => connect(iframe, { url: 'https://platform.example/embed', tokenSource: staticToken('t') }))
      .to.throw()
      .with.property('code', 'INVALID_SANDBOX');
    expect(iframe.getAttribute('src')).to.equal(null);
  });
});
