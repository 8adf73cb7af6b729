import { expect } from '@esm-bundle/chai';
import { connect, staticToken, type Connection, type TokenSourceLike } from '../../src/host/index.js';
import type { FrameportError } from '../../src/protocol/index.js';
import {
  attackerOrigin,
  attackerUrl,
  countMessageListeners,
  frame,
  mockEmbed,
  onCleanup,
  waitFor,
  watchErrors,
} from '../helpers.js';

/** Counts MutationObserver.observe calls from now on. */
function countObserves(): () => number {
  let count = 0;
  const observe = MutationObserver.prototype.observe;
  MutationObserver.prototype.observe = function (this: MutationObserver, ...args) {
    count++;
    return observe.apply(this, args);
  };
  onCleanup(() => (MutationObserver.prototype.observe = observe));
  return () => count;
}

describe('one router per page (issue 13)', () => {
  it('one window message listener and at most one document observer, however many embeds', async () => {
    const embeds = [mockEmbed(), mockEmbed()];
    const live = countMessageListeners();
    const observes = countObserves();
    const connections: Connection[] = [];
    onCleanup(() => connections.forEach((c) => c.close()));
    for (let i = 0; i < 20; i++) {
      const embed = embeds[i % 2]!;
      connections.push(connect(frame(), { url: embed.url, tokenSource: staticToken(`t${i}`) }));
    }
    expect(live()).to.equal(1);
    expect(observes()).to.be.at.most(1);
    await Promise.all(connections.map((c) => c.ready)); // each frame still finds its own connection
    expect(connections.map((c) => c.state)).to.deep.equal(connections.map(() => 'ready'));
    for (const connection of connections) connection.close();
    expect(live()).to.equal(0);
    // A new first connection listens again.
    const again = connect(frame(), { url: embeds[0]!.url, tokenSource: staticToken('t') });
    expect(live()).to.equal(1);
    await again.ready;
    again.close();
    expect(live()).to.equal(0);
  });

  it('a removed iframe among many is noticed and cleaned up, the others keep working', async () => {
    const embed = mockEmbed();
    const live = countMessageListeners();
    const frames = [frame(), frame(), frame()];
    const connections = frames.map((iframe) => connect(iframe, { url: embed.url, tokenSource: staticToken('t') }));
    onCleanup(() => connections.forEach((c) => c.close()));
    await Promise.all(connections.map((c) => c.ready));
    frames[1]!.remove();
    await waitFor(() => connections[1]!.state === 'closed', 'closed');
    expect(connections.map((c) => c.state)).to.deep.equal(['ready', 'closed', 'ready']);
    expect(live()).to.equal(1);
  });
});

/** Records every iframe whose `contentWindow` is read from now on. */
function watchWindowReads(): Set<HTMLIFrameElement> {
  const read = new Set<HTMLIFrameElement>();
  const descriptor = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;
  Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
    ...descriptor,
    get(this: HTMLIFrameElement) {
      read.add(this);
      return descriptor.get!.call(this);
    },
  });
  onCleanup(() => Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', descriptor));
  return read;
}

describe('the router leaves loading frames alone (issue 13)', () => {
  // Reading `contentWindow` of a cross-origin frame that has not committed its navigation makes
  // Chromium build a script context for its blank first document: ~7 ms of the host's main
  // thread per frame, which made 50 embeds inserted at once cost 0.3 s more than raw ones.
  it('frames inserted after the one that speaks, still loading, are never asked for their window', async () => {
    const embed = mockEmbed();
    const reads = watchWindowReads();
    const speaking = frame();
    const connection = connect(speaking, { url: embed.url, tokenSource: staticToken('t') });
    onCleanup(() => connection.close());
    const loading = Array.from({ length: 5 }, () => frame());
    const slow = loading.map((iframe) =>
      connect(iframe, { url: `${embed.origin}/test-api/slow-page?ms=5000`, tokenSource: staticToken('t') }),
    );
    onCleanup(() => slow.forEach((c) => c.close()));
    await connection.ready;
    expect(loading.filter((iframe) => reads.has(iframe))).to.deep.equal([]);
    expect(slow.map((c) => c.state)).to.deep.equal(slow.map(() => 'loading'));
    // Positive control: once a slow frame loads, the router learns its window from the load event.
    const quick = frame();
    const loaded = connect(quick, { url: `${embed.origin}/test-api/slow-page?ms=0`, tokenSource: staticToken('t') });
    onCleanup(() => loaded.close());
    await waitFor(() => reads.has(quick), 'the loaded frame read once');
  });

  it('a frame from another origin speaking does not make the router ask frames of the embed origin', async () => {
    const embed = mockEmbed();
    const reads = watchWindowReads();
    const loading = Array.from({ length: 3 }, () => frame());
    const slow = loading.map((iframe) =>
      connect(iframe, { url: `${embed.origin}/test-api/slow-page?ms=5000`, tokenSource: staticToken('t') }),
    );
    onCleanup(() => slow.forEach((c) => c.close()));
    const foreign = frame();
    const heard = new Promise<void>((resolve) =>
      addEventListener('message', function onForeign(event) {
        if (event.origin !== attackerOrigin()) return;
        removeEventListener('message', onForeign);
        resolve();
      }),
    );
    foreign.src = attackerUrl([{ type: 'READY_FOR_TOKEN' }]);
    await heard;
    expect(loading.filter((iframe) => reads.has(iframe))).to.deep.equal([]);
  });
});

describe('any thrown value becomes a FrameportError (issue 13)', () => {
  it('a custom token source rejecting with a plain Error ends in onError, not an unhandled rejection', async () => {
    const embed = mockEmbed();
    const thrown = watchErrors();
    const errors: FrameportError[] = [];
    const failing: TokenSourceLike = { get: () => Promise.reject(new Error('backend down')) };
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: failing,
      debug: true, // the debug log reads error.toJSON()
      onError: (e) => errors.push(e),
    });
    onCleanup(() => connection.close());
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]!.name).to.equal('FrameportError');
    expect(errors[0]!.toJSON()).to.include({ message: 'backend down' });
    expect(connection.state).to.equal('error');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(thrown).to.deep.equal([]);
  });

  it('a custom token source throwing synchronously is reported the same way', async () => {
    const embed = mockEmbed();
    const thrown = watchErrors();
    const errors: FrameportError[] = [];
    const failing: TokenSourceLike = {
      get: () => {
        throw new Error('sync failure');
      },
    };
    const connection = connect(frame(), { url: embed.url, tokenSource: failing, onError: (e) => errors.push(e) });
    onCleanup(() => connection.close());
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]!.name).to.equal('FrameportError');
    expect(thrown).to.deep.equal([]);
  });

  it('onTokenExpiring rejecting with a plain Error on TOKEN_EXPIRED ends in onError', async () => {
    const embed = mockEmbed();
    const thrown = watchErrors();
    const errors: FrameportError[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      onTokenExpiring: () => Promise.reject(new Error('app hook failed')),
      onError: (e) => errors.push(e),
    });
    onCleanup(() => connection.close());
    await connection.ready;
    await embed.emit({ type: 'TOKEN_EXPIRED' });
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]!.name).to.equal('FrameportError');
    expect(errors[0]!.message).to.equal('app hook failed');
    expect(thrown).to.deep.equal([]);
  });
});
