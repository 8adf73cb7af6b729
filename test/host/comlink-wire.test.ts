import { expect } from '@esm-bundle/chai';
import { expose } from 'comlink';
import { createRpcClient, type RpcKit } from '../../src/host/rpc.js';
import { cloneFailure, FrameportError, isWithinLimits } from '../../src/protocol/index.js';

/**
 * src/host/rpc.ts speaks comlink's wire format by hand (APPLY out; RAW or HANDLER "throw" back)
 * instead of bundling comlink's client. The guest bundles stock comlink `expose`. This file
 * fails when the comlink that guests get answers in another shape, or is another version than
 * the one the wire format was checked against: then re-check rpc.ts before changing the pin.
 */
const WIRE_CHECKED_VERSION = '4.4.2';

/** What rpc-link.ts hands the client. */
const kit: RpcKit = {
  error: (code, message, cause, hint) => new FrameportError(code, message, { cause, hint }),
  cloneFailure,
  isWithinLimits,
};

/** The raw reply comlink's expose() sends to one hand-written message. */
function rawReply(target: object, message: object): Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  expose(target, port2);
  return new Promise((resolve) => {
    port1.onmessage = (event) => {
      resolve(event.data);
      port1.close();
      port2.close();
    };
    port1.postMessage(message);
  });
}

describe('comlink wire format (issue 13)', () => {
  it('the installed comlink, and the one package.json pins exactly, is the checked version', async () => {
    const installed = (await (await fetch('/node_modules/comlink/package.json')).json()) as { version: string };
    expect(installed.version).to.equal(WIRE_CHECKED_VERSION);
    const manifest = (await (await fetch('/package.json')).json()) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const pinned = manifest.dependencies?.comlink ?? manifest.devDependencies?.comlink;
    expect(pinned, 'an exact version, no range').to.equal(WIRE_CHECKED_VERSION);
  });

  it('expose() answers an APPLY with { id, type: "RAW", value }', async () => {
    const reply = await rawReply(
      { add: (a: number, b: number) => a + b },
      {
        id: 'x1',
        type: 'APPLY',
        path: ['add'],
        argumentList: [
          { type: 'RAW', value: 2 },
          { type: 'RAW', value: 3 },
        ],
      },
    );
    expect(reply).to.deep.equal({ id: 'x1', type: 'RAW', value: 5 });
  });

  it('expose() answers a throwing method with HANDLER "throw" and { isError, value: { message } }', async () => {
    const reply = (await rawReply(
      {
        fail: () => {
          throw new Error('nope');
        },
      },
      { id: 'x2', type: 'APPLY', path: ['fail'], argumentList: [] },
    )) as { id: string; type: string; name: string; value: { isError: boolean; value: { message: string } } };
    expect(reply).to.include({ id: 'x2', type: 'HANDLER', name: 'throw' });
    expect(reply.value.isError).to.equal(true);
    expect(reply.value.value.message).to.equal('nope');
  });

  it("rpc.ts's client and comlink's expose() understand each other (values, errors)", async () => {
    const { port1, port2 } = new MessageChannel();
    expose(
      {
        echo: (value: unknown) => value,
        fail: () => {
          throw new Error('inside');
        },
      },
      port2,
    );
    const client = createRpcClient(port1, 5_000, kit);
    try {
      expect(await client.call('echo', [{ a: [1, 2] }])).to.deep.equal({ a: [1, 2] });
      const error = await client.call('fail', []).then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(error?.code).to.equal('RPC_FAILED');
      expect(error?.message).to.contain('inside');
    } finally {
      port2.close();
    }
  });
});
