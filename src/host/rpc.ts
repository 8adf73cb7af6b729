import { wrap, type Remote } from 'comlink';
import { ErrorCode, FrameportError } from '../protocol/index.js';

const METHOD_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

export interface RpcClient {
  call<T>(method: string, args: unknown[]): Promise<T>;
  /** Closes the port and rejects every pending call with `reason`. */
  close(reason: FrameportError): void;
}

/** Maps whatever a call failed with to a FrameportError (THREATS 36: DataCloneError is typed). */
function toFrameportError(error: unknown, method: string): FrameportError {
  if (error instanceof FrameportError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'DataCloneError') {
    return new FrameportError(ErrorCode.DATA_CLONE, `Arguments of ${method}() cannot be sent to the embed: ${message}`, {
      cause: 'data-clone',
      hint: 'Pass plain data: no functions, DOM nodes or class instances.',
    });
  }
  return new FrameportError(ErrorCode.RPC_FAILED, `${method}() failed in the embed: ${message}`, { cause: 'rpc-failed' });
}

/**
 * Calls methods of the embed over the MessagePort handed over with SET_TOKEN, with stock
 * comlink on the other side. Every call ends: with the answer, a timeout (the embed died
 * silently, THREATS 29: port `close` events cannot be relied on), or `close()` (THREATS 19).
 */
export function createRpcClient(port: MessagePort, timeout: number): RpcClient {
  const remote = wrap<Record<string, (...args: unknown[]) => unknown>>(port) as Remote<Record<string, (...args: unknown[]) => Promise<unknown>>>;
  const pending = new Set<(error: FrameportError) => void>();
  let closed: FrameportError | undefined;

  return {
    call<T>(method: string, args: unknown[]): Promise<T> {
      if (closed) return Promise.reject(closed);
      if (!METHOD_NAME.test(method)) {
        return Promise.reject(new FrameportError(ErrorCode.INVALID_ARGUMENT, 'RPC method names are plain identifiers.'));
      }
      return new Promise<T>((resolve, reject) => {
        const fail = (error: FrameportError) => {
          clearTimeout(timer);
          pending.delete(fail);
          reject(error);
        };
        const timer = setTimeout(
          () => fail(new FrameportError(ErrorCode.RPC_TIMEOUT, `${method}() got no answer within ${timeout} ms.`, { cause: 'rpc-timeout', hint: 'The embed may have crashed or be busy; reload it.' })),
          timeout,
        );
        pending.add(fail);
        Promise.resolve()
          .then(() => remote[method]!(...args))
          .then(
            (value) => {
              if (!pending.has(fail)) return;
              clearTimeout(timer);
              pending.delete(fail);
              resolve(value as T);
            },
            (error: unknown) => pending.has(fail) && fail(toFrameportError(error, method)),
          );
      });
    },
    close(reason: FrameportError): void {
      if (closed) return;
      closed = reason;
      port.close();
      for (const fail of [...pending]) fail(reason);
    },
  };
}
