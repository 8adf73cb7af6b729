import { ErrorCode, FrameportError } from '../protocol/errors.js';
import { createRpcClient, type RpcClient } from './rpc.js';

/** The RPC side of one connection: a fresh port with every handshake, closed with the old document. */
export interface RpcLink {
  /** Closes the previous port and makes a new one; returns the end to transfer with SET_TOKEN. */
  open(): MessagePort;
  /** Closes the port; pending calls reject with DISCONNECTED and `reason`. */
  close(reason: string): void;
  /** The client for `method`, or RPC_UNAVAILABLE when the embed did not offer it. */
  client(method: string, features: readonly string[]): RpcClient;
}

export function createRpcLink(timeout: number): RpcLink {
  let rpc: RpcClient | undefined;
  const link: RpcLink = {
    open() {
      link.close('The embed reloaded.');
      const channel = new MessageChannel();
      rpc = createRpcClient(channel.port1, timeout);
      return channel.port2;
    },
    close(reason) {
      rpc?.close(new FrameportError(ErrorCode.DISCONNECTED, reason, { cause: 'disconnected' }));
      rpc = undefined;
    },
    client(method, features) {
      const listed = features.filter((f) => f.startsWith('rpc:'));
      if (!rpc || (listed.length > 0 && !listed.includes(`rpc:${method}`))) {
        throw new FrameportError(ErrorCode.RPC_UNAVAILABLE, `The embed does not offer ${method}().`, {
          cause: 'rpc-unavailable',
          hint: `Offered features: ${features.join(', ') || 'none'}.`,
        });
      }
      return rpc;
    },
  };
  return link;
}
