import { expect } from '@esm-bundle/chai';
import { connect, providerToken, staticToken } from '../../src/host/index.js';
import { frame, mockEmbed, onCleanup, sleep, waitFor, watchErrors } from '../helpers.js';

const SECRET = 'tok_3f9c2a7e-never-log-me';

describe('tokens stay secret (THREATS 14, 15)', () => {
  it('debug mode logs every message in and out with the token redacted', async () => {
    const embed = mockEmbed();
    const logged: unknown[][] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => void logged.push(args);
    onCleanup(() => (console.debug = original));
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken(SECRET),
      debug: true,
      params: { a: 1 },
    });
    onCleanup(() => connection.close());
    await connection.ready;
    await embed.emit({ type: 'RUN_ALL' });
    await embed.emit({ type: 'TOKEN_EXPIRED' }); // a static token cannot refresh: the error is logged too
    await sleep(200);
    const text = JSON.stringify(logged);
    expect(text).to.contain('SET_TOKEN');
    expect(text).to.contain('READY_FOR_TOKEN');
    expect(text).to.contain('RUN_ALL');
    expect(text).to.contain('[redacted]');
    expect(text).to.not.contain(SECRET);
  });

  it('never writes the token to localStorage, sessionStorage or IndexedDB', async () => {
    const embed = mockEmbed();
    const connection = connect(frame(), { url: embed.url, tokenSource: providerToken(() => SECRET) });
    onCleanup(() => connection.close());
    await connection.ready;
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    expect(stored).to.not.contain(SECRET);
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    expect(databases).to.deep.equal([]);
  });

  it('never puts the token into an error message', async () => {
    const embed = mockEmbed();
    const messages: string[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: providerToken(() => ({ token: SECRET, expiresAt: Date.now() - 1 }), { attempts: 1 }),
      onError: (error) => messages.push(JSON.stringify(error.toJSON()) + error.stack),
    });
    onCleanup(() => connection.close());
    await waitFor(() => messages.length > 0, 'error');
    expect(messages.join()).to.not.contain(SECRET);
  });
});

describe('flood (THREATS 35)', function () {
  this.timeout(180_000);

  it('100,000 messages are dropped without an exception and the page keeps working', async () => {
    const embed = mockEmbed();
    const errors = watchErrors();
    const events: string[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      onEvent: (e) => events.push(e.type),
    });
    onCleanup(() => connection.close());
    await connection.ready;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    onCleanup(() => clearInterval(ticker));
    await embed.flood({ type: 'HACK', payload: 'x'.repeat(100) }, 50_000);
    await embed.flood({ type: 'RUN_ALL', params: [1, 2, 3] }, 50_000);
    await embed.emit({ type: 'CLOSE' });
    await waitFor(() => events.includes('CLOSE'), 'CLOSE after the flood', 120_000);
    expect(events).to.deep.equal(['CLOSE']);
    expect(errors).to.deep.equal([]);
    expect(ticks, 'timers kept running during the flood').to.be.greaterThan(0);
  });
});

describe('timeline (issue 9)', () => {
  it('records every message in and out, and dropped ones, with the token redacted', async () => {
    const embed = mockEmbed();
    const entries: Array<{ direction: string; type: string; detail: unknown }> = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken(SECRET),
      params: { a: 1 },
      onTrace: (e) => entries.push(e),
    });
    onCleanup(() => connection.close());
    await connection.ready;
    await embed.emit({ type: 'RUN_ALL', params: [] });
    await embed.emit({ type: 'CLOSE' });
    await waitFor(() => entries.some((e) => e.type === 'CLOSE'), 'CLOSE traced');
    const sequence = entries.filter((e) => e.type !== 'RESIZE').map((e) => `${e.direction} ${e.type}`); // RESIZE comes whenever layout settles
    expect(sequence).to.deep.equal([
      'in READY_FOR_TOKEN',
      'out SET_TOKEN',
      'out SET_PARAMETERS',
      'dropped RUN_ALL',
      'in CLOSE',
    ]);
    expect(JSON.stringify(entries)).to.not.contain(SECRET);
  });
});
