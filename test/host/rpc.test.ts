import { expect } from '@esm-bundle/chai';
import { connect, staticToken, type Connection } from '../../src/host/index.js';
import { FrameportError } from '../../src/protocol/index.js';
import { createRpcLink } from '../../src/host/rpc-link.js';
import { frame, mockEmbed, onCleanup, sleep, watchErrors } from '../helpers.js';

async function opened(options: Parameters<typeof mockEmbed>[0], rpcTimeout?: number) {
  const embed = mockEmbed(options);
  const connection: Connection = connect(frame(), {
    url: embed.url,
    tokenSource: staticToken('t'),
    ...(rpcTimeout ? { rpcTimeout } : {}),
  });
  onCleanup(() => connection.close());
  await connection.ready;
  return { embed, connection };
}

async function rejection(promise: Promise<unknown>): Promise<FrameportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FrameportError);
    return error as FrameportError;
  }
  throw new Error('expected a rejection');
}

describe('RPC over the transferred port', () => {
  it('transfers a MessagePort with SET_TOKEN when the embed offers rpc', async () => {
    const { embed } = await opened({ rpc: true });
    await embed.until(() => embed.received.some((m) => m.type === 'SET_TOKEN'), 20_000, 'SET_TOKEN');
    expect(embed.all('SET_TOKEN').length).to.equal(1);
  });

  it('round-trips a call with stock comlink on the embed side', async () => {
    const { embed, connection } = await opened({ rpc: true, params: { region: 'EU' } });
    expect(await connection.call('getParameters')).to.deep.equal({ region: 'EU' });
    expect(await connection.call('setParameters', { year: 2026 })).to.deep.equal({ region: 'EU', year: 2026 });
    await embed.until(() => embed.calls.length === 2, 20_000, 'call reports');
    expect(embed.calls.map((c) => c.method)).to.deep.equal(['getParameters', 'setParameters']);
  });

  it('rejects with RPC_UNAVAILABLE when the embed did not offer rpc', async () => {
    const { connection } = await opened({});
    expect((await rejection(connection.call('getParameters'))).code).to.equal('RPC_UNAVAILABLE');
  });

  it('rejects at once with RPC_UNAVAILABLE for a method the embed does not list', async () => {
    const { connection } = await opened({ rpc: true });
    expect((await rejection(connection.call('deleteEverything'))).code).to.equal('RPC_UNAVAILABLE');
  });

  it('a method that throws in the embed rejects with RPC_FAILED', async () => {
    const { connection } = await opened({ rpc: true });
    const error = await rejection(connection.call('fail'));
    expect(error.code).to.equal('RPC_FAILED');
    expect(error.message).to.contain('mock failure');
  });

  it('a call that never answers rejects with RPC_TIMEOUT (a silently dead embed)', async () => {
    const { connection } = await opened({ rpc: true }, 300);
    expect((await rejection(connection.call('hang'))).code).to.equal('RPC_TIMEOUT');
  });

  it('arguments that cannot be cloned reject with DATA_CLONE', async () => {
    const { connection } = await opened({ rpc: true });
    expect((await rejection(connection.call('setParameters', { fn: () => 1 }))).code).to.equal('DATA_CLONE');
    expect(() => connection.setParameters({ node: document.body }))
      .to.throw(FrameportError)
      .with.property('code', 'DATA_CLONE');
  });

  it('pending calls reject with DISCONNECTED when the embed reloads, and the new port works', async () => {
    const { embed, connection } = await opened({ rpc: true });
    const pending = connection.call('hang');
    await embed.reload();
    expect((await rejection(pending)).code).to.equal('DISCONNECTED');
    await embed.until(() => embed.all('SET_TOKEN').length === 2, 20_000, 'second SET_TOKEN');
    expect(await connection.call('runAll')).to.deep.equal({ rows: 0 });
  });

  it('pending calls reject with DISCONNECTED on close()', async () => {
    const { connection } = await opened({ rpc: true });
    const pending = connection.call('hang');
    connection.close();
    expect((await rejection(pending)).code).to.equal('DISCONNECTED');
    expect((await rejection(connection.call('getParameters'))).code).to.equal('DISCONNECTED');
  });

  it('calls made before the handshake wait for it', async () => {
    const embed = mockEmbed({ rpc: true, params: { a: 1 } });
    const connection = connect(frame(), { url: embed.url, tokenSource: staticToken('t') });
    onCleanup(() => connection.close());
    expect(await connection.call('getParameters')).to.deep.equal({ a: 1 });
  });
});

describe('values from reactive frameworks', () => {
  it('sends parameters held in a Proxy (Vue reactive, Svelte $state) as plain data', async () => {
    const embed = mockEmbed();
    const reactive = <T extends object>(target: T): T =>
      new Proxy(target, {
        get: (object, key) =>
          typeof object[key as keyof T] === 'object' && object[key as keyof T] !== null
            ? reactive(object[key as keyof T] as object)
            : object[key as keyof T],
      });
    const params = reactive({ region: 'EU', years: [2025, 2026], range: { from: 1, to: 2 } });
    expect(() => structuredClone(params), 'positive control: a Proxy cannot be cloned').to.throw();
    const connection = connect(frame(), { url: embed.url, tokenSource: staticToken('t'), params });
    onCleanup(() => connection.close());
    await connection.ready;
    const received = await embed.next('SET_PARAMETERS');
    expect(received.params).to.deep.equal({ region: 'EU', years: [2025, 2026], range: { from: 1, to: 2 } });
    connection.setParameters(reactive({ region: 'US' }));
    expect((await embed.next('SET_PARAMETERS', 2)).params).to.deep.equal({ region: 'US' });
  });
});

describe('RPC replies are validated like every other message (issue 12, finding 7)', () => {
  it('a reply with own __proto__ / constructor keys rejects with RPC_FAILED rpc-invalid-reply', async () => {
    const { connection } = await opened({ rpc: true });
    // JSON.parse makes own __proto__ and constructor keys; structured clone and spread keep
    // them, and the embed's setParameters() answers its merged parameters.
    const hostile = JSON.parse('{"a":1,"__proto__":{"polluted":true},"constructor":{"prototype":{}}}') as object;
    const error = await rejection(connection.call('setParameters', hostile));
    expect(error.code).to.equal('RPC_FAILED');
    expect(error.reason).to.equal('rpc-invalid-reply');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('a reply over the size limits (a 2 MB string) rejects; a plain reply still resolves', async () => {
    const { connection } = await opened({ rpc: true });
    const error = await rejection(connection.call('setParameters', { big: 'x'.repeat(2_000_000) }));
    expect(error.reason).to.equal('rpc-invalid-reply');
    expect(await connection.call('setParameters', { big: 'small' })).to.deep.equal({ big: 'small' });
  });
});

describe('the RPC client is loaded at the first call', () => {
  type Load = Parameters<typeof createRpcLink>[1];
  const realClient: NonNullable<Load> = () => import('../../src/host/rpc.js');

  /** A link over a port whose other end answers every call with its method name. */
  function link(load: NonNullable<Load>) {
    const rpc = createRpcLink(5_000, load);
    const remote = rpc.open();
    remote.onmessage = ({ data }: MessageEvent<{ id: string; path: string[] }>) =>
      remote.postMessage({ id: data.id, type: 'RAW', value: data.path[0] });
    onCleanup(() => (rpc.close('test over'), remote.close()));
    return rpc;
  }

  it('not before: opening the port loads nothing; the first call loads it once', async () => {
    let loads = 0;
    const rpc = link(() => (loads++, realClient()));
    await sleep(20);
    expect(loads, 'no call yet').to.equal(0);
    const [a, b] = await Promise.all([rpc.client('a', ['rpc']).call('a', []), rpc.client('b', ['rpc']).call('b', [])]);
    expect([a, b]).to.deep.equal(['a', 'b']);
    expect(await rpc.client('c', ['rpc']).call('c', [])).to.equal('c');
    expect(loads).to.equal(1);
  });

  it('a client that cannot be loaded rejects the call with RPC_UNAVAILABLE, unhandled nowhere; the next call retries', async () => {
    const errors = watchErrors();
    let fail = true;
    const rpc = link(() =>
      fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : realClient(),
    );
    const error = await rejection(rpc.client('a', ['rpc']).call('a', []));
    expect(error.code).to.equal('RPC_UNAVAILABLE');
    expect(error.reason).to.equal('rpc-load-failed');
    expect(error.hint).to.be.a('string');
    fail = false;
    expect(await rpc.client('a', ['rpc']).call('a', [])).to.equal('a');
    await sleep(20);
    expect(errors).to.deep.equal([]);
  });

  it('a call waiting for the client rejects with DISCONNECTED when the port closes meanwhile', async () => {
    let loaded!: () => void;
    const rpc = link(() => new Promise<void>((resolve) => (loaded = resolve)).then(realClient));
    const pending = rpc.client('a', ['rpc']).call('a', []);
    rpc.close('The embed reloaded.');
    loaded();
    const error = await rejection(pending);
    expect(error.code).to.equal('DISCONNECTED');
    expect(error.message).to.equal('The embed reloaded.');
  });
});
