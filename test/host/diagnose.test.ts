import { expect } from '@esm-bundle/chai';
import { connect, staticToken } from '../../src/host/index.js';
import type { FrameportError } from '../../src/protocol/index.js';
import { otherOrigin } from '../../src/testing/index.js';
import { diagnose, type HandshakeClues } from '../../src/host/diagnose.js';
import { FrameportError as ErrorClass } from '../../src/protocol/index.js';
import { frame, mockEmbed, onCleanup, waitFor, watchErrors } from '../helpers.js';

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

describe('the words of a diagnosis load only when a handshake fails', () => {
  const clues = (): HandshakeClues => ({ origin: 'https://platform.example', host: location.origin });

  it('code and cause come from the clues as they were when it failed, not when the words arrive', async () => {
    const seen = clues();
    const pending = diagnose(seen, 'timeout', 5_000);
    seen.wrongOrigin = 'https://elsewhere.example'; // seen after the failure: not part of it
    const error = await pending;
    expect(error).to.be.instanceOf(ErrorClass);
    expect(error).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'no-ready' });
    expect(error.message).to.contain('5000 ms').and.not.contain('elsewhere');
  });

  it('words that cannot be loaded: the same code and cause, a short message, nothing unhandled', async () => {
    const errors = watchErrors();
    const unavailable = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const refused = await diagnose({ ...clues(), wrongOrigin: 'https://x.example' }, 'timeout', 1, unavailable);
    expect(refused).to.be.instanceOf(ErrorClass);
    expect(refused).to.include({ code: 'HANDSHAKE_TIMEOUT', reason: 'origin-mismatch' });
    expect(refused.message).to.contain('https://platform.example');
    const navigated = await diagnose(clues(), 'navigation', 'https://x.example', unavailable);
    expect(navigated).to.include({ code: 'DISCONNECTED', reason: 'navigated' });
    expect(errors).to.deep.equal([]);
  });
});
