import { expect } from '@esm-bundle/chai';
import {
  connect,
  providerToken,
  staticToken,
  tokenSourceFor,
  urlToken,
  type Connection,
  type TokenEvent,
  type TokenProvider,
} from '../../src/host/index.js';
import type { FrameportError } from '../../src/protocol/index.js';
import { fakeJwt, frame, mockEmbed, onCleanup, sleep, waitFor } from '../helpers.js';

function open(
  url: string,
  options: Partial<Parameters<typeof connect>[1]> & Pick<Parameters<typeof connect>[1], 'tokenSource'>,
): Connection {
  const connection = connect(frame(), { url, ...options });
  onCleanup(() => connection.close());
  return connection;
}

const fast = { attempts: 3, baseDelay: 20, timeout: 500 };

describe('token sources', () => {
  it('refreshes before expiry and sends the new token', async () => {
    const embed = mockEmbed();
    let calls = 0;
    open(embed.url, {
      tokenSource: providerToken(() => ({ token: `short-${++calls}`, expiresAt: Date.now() + 2_500 })),
    });
    await embed.until(() => embed.tokens.length >= 2, 20_000, 'refreshed token');
    // The token is obtained while the frame loads: on a slow machine the first one may be too
    // close to its end by READY and is replaced; either way, consecutive tokens, none rejected.
    const [first, second] = embed.tokens.map((t) => Number(t.split('-')[1]));
    expect(second).to.equal(first! + 1);
    expect(embed.all('TOKEN_EXPIRED')).to.have.length(0);
  });

  it("reads a JWT's exp when no expiresAt is given", async () => {
    const embed = mockEmbed();
    const tokens = [fakeJwt(Date.now() + 2_500, 'first'), fakeJwt(Date.now() + 3_600_000, 'second')];
    let calls = 0;
    open(embed.url, { tokenSource: providerToken(() => tokens[calls++] ?? 'unexpected') });
    await embed.until(() => embed.tokens.length >= 2, 20_000, 'refreshed token');
    expect(embed.tokens).to.deep.equal(tokens);
  });

  it("corrects expiry by the issuer's clock: a JWT issued in our future means our clock is behind", async () => {
    const embed = mockEmbed();
    const ahead = Date.now() + 3_600_000; // the platform's clock is an hour ahead of ours
    const tokens = [fakeJwt(ahead + 3_000, 'first', ahead), fakeJwt(ahead + 3_600_000, 'second', ahead)];
    let calls = 0;
    open(embed.url, { tokenSource: providerToken(() => tokens[calls++] ?? 'unexpected') });
    // Read naively, the first token would live an hour more; on our clock it has 3 s.
    await embed.until(() => embed.tokens.length >= 2, 20_000, 'refreshed token');
    expect(embed.tokens).to.deep.equal(tokens);
  });

  it('fetches and sends a new token when the embed says TOKEN_EXPIRED', async () => {
    const embed = mockEmbed();
    let calls = 0;
    const connection = open(embed.url, { tokenSource: providerToken(() => `t${++calls}`) });
    await connection.ready;
    await embed.emit({ type: 'TOKEN_EXPIRED' });
    await embed.until(() => embed.tokens.length === 2, 20_000, 'second token');
    expect(embed.tokens).to.deep.equal(['t1', 't2']);
  });

  it('stops and reports a refresh loop when the embed keeps rejecting tokens', async () => {
    const embed = mockEmbed();
    const errors: FrameportError[] = [];
    const connection = open(embed.url, {
      tokenSource: providerToken(() => `t${Math.random()}`),
      onError: (e) => errors.push(e),
    });
    await connection.ready;
    for (let i = 0; i < 5; i++) await embed.emit({ type: 'TOKEN_EXPIRED' });
    await waitFor(() => errors.length > 0, 'refresh-loop error');
    expect(errors[0]).to.include({ code: 'TOKEN_UNAVAILABLE', reason: 'refresh-loop' });
  });

  it('coalesces concurrent requests of embeds that share a provider into one call', async () => {
    let calls = 0;
    const provider: TokenProvider = async () => {
      calls++;
      await sleep(150);
      return 'shared';
    };
    const embeds = [mockEmbed(), mockEmbed(), mockEmbed()];
    const connections = embeds.map((embed) => open(embed.url, { tokenSource: tokenSourceFor({ provider })! }));
    await Promise.all(connections.map((c) => c.ready));
    expect(calls).to.equal(1);
    for (const embed of embeds) await embed.until(() => embed.tokens[0] === 'shared', 20_000, 'token');
  });

  it('retries a failing provider with backoff, then recovers', async () => {
    const embed = mockEmbed();
    let calls = 0;
    const events: TokenEvent[] = [];
    const source = providerToken(() => {
      if (++calls < 3) throw new Error('token server down');
      return 'recovered';
    }, fast);
    source.subscribe((event) => events.push(event));
    const connection = open(embed.url, { tokenSource: source });
    await connection.ready;
    expect(calls).to.equal(3);
    expect(events.map((e) => e.type)).to.deep.equal([
      'token-refresh-failed',
      'token-refresh-failed',
      'token-refreshed',
    ]);
    const failed = events[0] as Extract<TokenEvent, { type: 'token-refresh-failed' }>;
    expect(failed.attempt).to.equal(1);
    expect(failed.nextRetryAt).to.be.a('number');
    await embed.until(() => embed.tokens[0] === 'recovered', 20_000, 'token');
  });

  const failures: Array<{ name: string; provider: TokenProvider; reason: string }> = [
    { name: 'rejects', provider: () => Promise.reject(new Error('boom')), reason: 'token-source-failed' },
    { name: 'hangs', provider: () => new Promise(() => {}), reason: 'token-timeout' },
    { name: 'answers a non-string', provider: () => 42 as unknown as string, reason: 'token-invalid' },
    { name: 'answers an empty string', provider: () => '', reason: 'token-invalid' },
    {
      name: 'answers an expired token',
      provider: () => ({ token: 'old', expiresAt: Date.now() - 1 }),
      reason: 'token-expired',
    },
    { name: 'answers an expired JWT', provider: () => fakeJwt(Date.now() - 60_000), reason: 'token-expired' },
  ];
  for (const { name, provider, reason } of failures) {
    it(`gives TOKEN_UNAVAILABLE (${reason}) when the provider ${name}, and sends nothing`, async () => {
      const embed = mockEmbed();
      const errors: FrameportError[] = [];
      open(embed.url, {
        tokenSource: providerToken(provider, { ...fast, timeout: 100 }),
        onError: (e) => errors.push(e),
      });
      await waitFor(() => errors.length > 0, 'error');
      expect(errors[0]).to.include({ code: 'TOKEN_UNAVAILABLE', reason });
      expect(embed.all('SET_TOKEN')).to.have.length(0);
    });
  }

  it('ends the session when the provider answers null', async () => {
    const embed = mockEmbed();
    const errors: FrameportError[] = [];
    const events: TokenEvent[] = [];
    const source = providerToken(() => null);
    source.subscribe((event) => events.push(event));
    open(embed.url, { tokenSource: source, onError: (e) => errors.push(e) });
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]).to.include({ code: 'TOKEN_UNAVAILABLE', reason: 'session-ended' });
    expect(events.map((e) => e.type)).to.deep.equal(['session-ended']);
    expect(embed.all('SET_TOKEN')).to.have.length(0);
  });

  it('a static token cannot be refreshed: TOKEN_EXPIRED gives a clear error', async () => {
    const embed = mockEmbed();
    const errors: FrameportError[] = [];
    const connection = open(embed.url, { tokenSource: staticToken('static'), onError: (e) => errors.push(e) });
    await connection.ready;
    await embed.emit({ type: 'TOKEN_EXPIRED' });
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]).to.include({ code: 'TOKEN_UNAVAILABLE', reason: 'static-token' });
  });

  it('token-url: POSTs with same-origin credentials and reads { token, expiresAt }', async () => {
    const embed = mockEmbed();
    const name = `url-${Math.random().toString(36).slice(2)}`;
    const connection = open(embed.url, { tokenSource: urlToken(`/test-api/token?name=${name}`) });
    await connection.ready;
    await embed.until(() => embed.tokens.length === 1, 20_000, 'token');
    expect(embed.tokens[0]).to.equal(`url-token-${name}-1`);
    const calls = (await (await fetch(`/test-api/token/calls?name=${name}`)).json()) as {
      calls: number;
      method: string;
    };
    expect(calls).to.deep.equal({ calls: 1, method: 'POST' });
  });

  it('token-url: an HTTP error becomes TOKEN_UNAVAILABLE naming the status', async () => {
    const embed = mockEmbed();
    const errors: FrameportError[] = [];
    open(embed.url, {
      tokenSource: urlToken(`/test-api/token?status=503&name=${Math.random()}`, fast),
      onError: (e) => errors.push(e),
    });
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]).to.include({ code: 'TOKEN_UNAVAILABLE', reason: 'token-url-status-503' });
    expect(errors[0]!.message).to.contain('503');
  });

  // A two-hour sleep: timers did not fire, and the page learns it through one of these events.
  const wakeUps: Array<[string, () => void]> = [
    ['visibilitychange', () => document.dispatchEvent(new Event('visibilitychange'))],
    ['online', () => window.dispatchEvent(new Event('online'))],
    ['pageshow', () => window.dispatchEvent(new Event('pageshow'))],
  ];
  for (const [name, wake] of wakeUps) {
    it(`re-checks expiry after a clock jump (sleep) on ${name}`, async () => {
      const embed = mockEmbed();
      let calls = 0;
      const connection = open(embed.url, {
        tokenSource: providerToken(() => ({ token: `t${++calls}`, expiresAt: Date.now() + 3_600_000 })),
      });
      await connection.ready;
      const realNow = Date.now;
      const jumped = realNow() + 2 * 3_600_000;
      Date.now = () => jumped;
      onCleanup(() => (Date.now = realNow));
      wake();
      await embed.until(() => embed.tokens.length === 2, 20_000, `token after ${name}`);
      expect(embed.tokens).to.deep.equal(['t1', 't2']);
    });
  }
});
