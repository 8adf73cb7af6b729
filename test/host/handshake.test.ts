import { expect } from '@esm-bundle/chai';
import { connect, staticToken, providerToken, type Connection, type ConnectionState } from '../../src/host/index.js';
import { frame, mockEmbed, onCleanup, waitFor } from '../helpers.js';

function open(iframe: HTMLIFrameElement, options: Parameters<typeof connect>[1]): Connection {
  const connection = connect(iframe, options);
  onCleanup(() => connection.close());
  return connection;
}

describe('handshake', () => {
  it('answers READY_FOR_TOKEN with SET_TOKEN, then parameters and settings, and becomes ready', async () => {
    const embed = mockEmbed();
    const states: ConnectionState[] = [];
    let readyFeatures: readonly string[] | undefined;
    const connection = open(frame(), {
      url: embed.url,
      tokenSource: staticToken('token-1'),
      params: { region: 'EU' },
      settings: { language: 'de', i18nOverrides: { title: 'Titel' } },
      onStateChange: (state) => states.push(state),
      onReady: ({ features }) => (readyFeatures = features),
    });
    await connection.ready;
    await embed.next('SET_SETTINGS');
    expect(embed.received.map((m) => m.type)).to.deep.equal(['SET_TOKEN', 'SET_PARAMETERS', 'SET_SETTINGS']);
    expect(embed.tokens).to.deep.equal(['token-1']);
    expect(embed.received[1]).to.deep.equal({ type: 'SET_PARAMETERS', params: { region: 'EU' } });
    expect(embed.received[2]).to.deep.equal({
      type: 'SET_SETTINGS',
      language: 'de',
      i18nOverrides: { title: 'Titel' },
    });
    expect(states).to.deep.equal(['loading', 'authenticating', 'ready']);
    expect(connection.state).to.equal('ready');
    expect(readyFeatures).to.deep.equal([]);
  });

  it('reports the features the embed offered', async () => {
    const embed = mockEmbed({ rpc: true, features: ['theme'] });
    const connection = open(frame(), { url: embed.url, tokenSource: staticToken('t') });
    await connection.ready;
    expect(connection.features).to.include.members(['theme', 'rpc', 'rpc:getParameters', 'rpc:runAll']);
  });

  it('sends the token again after the embed reloads', async () => {
    const embed = mockEmbed();
    let calls = 0;
    const connection = open(frame(), { url: embed.url, tokenSource: providerToken(() => `fresh-${++calls}`) });
    await connection.ready;
    await embed.reload();
    await embed.loaded(2);
    await embed.until(() => embed.tokens.length === 2, 20_000, 'second token');
    expect(embed.tokens).to.deep.equal(['fresh-1', 'fresh-1']); // still valid: the cache answers
    expect(connection.state).to.equal('ready');
  });

  it('obtains the token while the frame loads, but posts nothing before READY (THREATS 18)', async () => {
    const embed = mockEmbed({ silent: true });
    let calls = 0;
    const connection = open(frame(), { url: embed.url, tokenSource: providerToken(() => `t${++calls}`) });
    await embed.loaded();
    expect(calls).to.equal(1); // in parallel with the frame load, not after READY
    expect(connection.state).to.equal('loading');
    expect(embed.received).to.deep.equal([]);
    await embed.emit({ type: 'READY_FOR_TOKEN' });
    await connection.ready;
    expect(calls).to.equal(1); // READY used the token obtained early
    expect((await embed.next('SET_TOKEN')).token).to.equal('t1');
  });

  it('answers a burst of READY_FOR_TOKEN with one token fetch', async () => {
    const embed = mockEmbed({ silent: true });
    let calls = 0;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const connection = open(frame(), {
      url: embed.url,
      tokenSource: providerToken(async () => {
        calls++;
        await answered;
        return `t${calls}`;
      }),
    });
    await embed.loaded();
    await Promise.all([1, 2, 3, 4, 5].map(() => embed.emit({ type: 'READY_FOR_TOKEN' })));
    release();
    await connection.ready;
    await embed.next('SET_TOKEN');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).to.equal(1);
    expect(embed.all('SET_TOKEN')).to.have.length(1); // only the latest READY is answered
  });

  it('sends parameters and settings given after the handshake', async () => {
    const embed = mockEmbed();
    const connection = open(frame(), { url: embed.url, tokenSource: staticToken('t') });
    await connection.ready;
    connection.setParameters({ year: 2026 });
    connection.setSettings({ language: 'fr', i18nOverrides: {} });
    await embed.next('SET_SETTINGS');
    expect(embed.all('SET_PARAMETERS')[0]).to.deep.equal({ type: 'SET_PARAMETERS', params: { year: 2026 } });
  });

  it('re-dispatches guest events and follows RESIZE', async () => {
    const embed = mockEmbed();
    const events: unknown[] = [];
    const heights: number[] = [];
    const connection = open(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      onEvent: (event) => events.push(event),
      onResize: (height) => heights.push(height),
    });
    await connection.ready;
    await embed.emit({ type: 'PARAMETER_CHANGED', name: 'a', value: 1, params: { a: 1 } });
    await embed.emit({ type: 'RUN_ALL', params: { a: 1 } });
    await embed.emit({ type: 'EXECUTION_RUN', data: { id: 'e2', status: 'RUNNING' } });
    await embed.emit({ type: 'CLOSE' });
    await embed.emit({ type: 'RESIZE', height: 640 });
    await waitFor(() => heights.includes(640), 'RESIZE');
    expect(events).to.deep.equal([
      { type: 'PARAMETER_CHANGED', name: 'a', value: 1, params: { a: 1 } },
      { type: 'RUN_ALL', params: { a: 1 } },
      { type: 'EXECUTION_RUN', data: { id: 'e2', status: 'RUNNING' } },
      { type: 'CLOSE' },
    ]);
  });

  it('turns an ERROR message into an EMBED_ERROR', async () => {
    const embed = mockEmbed();
    const errors: Array<{ code: string; message: string }> = [];
    const connection = open(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      onError: (e) => errors.push(e.toJSON()),
    });
    await connection.ready;
    await embed.emit({ type: 'ERROR', code: 'NOT_FOUND', message: 'No such execution' });
    await waitFor(() => errors.length > 0, 'error');
    expect(errors[0]).to.include({ code: 'EMBED_ERROR', message: 'NOT_FOUND: No such execution' });
    expect(connection.state).to.equal('error');
  });
});
