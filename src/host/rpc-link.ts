import { cloneFailure, ErrorCode, FrameportError, isWithinLimits } from '../protocol/index.js';
import type { RpcClient, RpcKit } from './rpc.js';

/** The RPC side of one connection: a fresh port with every handshake, closed with the old document. */
export interface RpcLink {
  /** Closes the previous port and makes a new one; returns the end to transfer with SET_TOKEN. */
  open(): MessagePort;
  /** Closes the port; pending calls reject with DISCONNECTED and `reason`. */
  close(reason: string): void;
  /** The client for `method`, or RPC_UNAVAILABLE when the embed did not offer it. */
  client(method: string, features: readonly string[]): Pick<RpcClient, 'call'>;
}

const kit: RpcKit = {
  error: (code, message, cause, hint) => new FrameportError(code, message, { cause, hint }),
  cloneFailure,
  isWithinLimits,
};

/**
 * The client (rpc.ts) is loaded at the first call, not with the page: most pages never call a
 * method of an embed. Our end of the port queues the embed's messages until then. A failed load
 * rejects that call with RPC_UNAVAILABLE; the next call tries again.
 */
const loadClient = (load: () => Promise<typeof import('./rpc.js')>, port: MessagePort, timeout: number) =>
  load().then(
    ({ createRpcClient }) => createRpcClient(port, timeout, kit),
    () => {
      throw new FrameportError(ErrorCode.RPC_UNAVAILABLE, "frameport's RPC client could not be loaded.", {
        cause: 'rpc-load-failed',
        hint: 'Serve every file of dist/cdn next to frameport.js.',
      });
    },
  );

const loadRpc = () => import('./rpc.js');

/** `load` is for tests: a client that fails or takes long to load. */
export function createRpcLink(timeout: number, load = loadRpc): RpcLink {
  let port: MessagePort | undefined;
  let rpc: Promise<RpcClient> | undefined;
  const link: RpcLink = {
    open() {
      link.close('The embed reloaded.');
      const channel = new MessageChannel();
      port = channel.port1;
      return channel.port2;
    },
    close(reason) {
      const error = new FrameportError(ErrorCode.DISCONNECTED, reason, { cause: 'disconnected' });
      port?.close();
      // A client still loading is closed as soon as it exists: calls waiting for it reject.
      rpc?.then(
        (client) => client.close(error),
        () => {},
      );
      port = rpc = undefined;
    },
    client(method, features) {
      const listed = features.filter((f) => f.startsWith('rpc:'));
      if (!port || (listed.length > 0 && !listed.includes(`rpc:${method}`))) {
        throw new FrameportError(ErrorCode.RPC_UNAVAILABLE, `The embed does not offer ${method}().`, {
          cause: 'rpc-unavailable',
          hint: `Offered features: ${features.join(', ') || 'none'}.`,
        });
      }
      const loading = (rpc ??= loadClient(load, port, timeout));
      loading.catch(() => rpc === loading && (rpc = undefined));
      return { call: (name, args) => loading.then((client) => client.call(name, args)) };
    },
  };
  return link;
}
