import type { ErrorCode, FrameportError } from '../protocol/index.js';

const METHOD_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

export interface RpcClient {
  call<T>(method: string, args: unknown[]): Promise<T>;
  /** Closes the port and rejects every pending call with `reason`. */
  close(reason: FrameportError): void;
}

/**
 * What the client takes from the rest of the SDK, handed in by rpc-link.ts: this module is loaded
 * on demand and imports nothing, so the CDN build's chunk of it never imports frameport.js back
 * (a page that loaded frameport.js through a redirect would get a second copy of the SDK).
 */
export interface RpcKit {
  error: (code: ErrorCode, message: string, cause: string, hint?: string) => FrameportError;
  /** DATA_CLONE: `message`, then what the browser said about the value that cannot be cloned. */
  cloneFailure: (message: string, error: unknown) => FrameportError;
  /** The message limits (protocol/limits.ts): a reply is checked like every message. */
  isWithinLimits: (value: unknown) => boolean;
}

/** Comlink's answer to an APPLY: a value, or a thrown error. */
type Reply =
  | { id: string; type: 'RAW'; value: unknown }
  | { id: string; type: 'HANDLER'; name: string; value: { isError?: boolean; value: unknown } };

/**
 * Calls methods of the embed over the MessagePort handed over with SET_TOKEN. The embed runs
 * stock comlink `expose`; this side speaks comlink's wire format for calls only (APPLY with
 * plain values), which is all the host needs: the comlink client proxy would cost the CDN
 * build 1.5 kB gzip. Every call ends: with the answer, a timeout (the embed died silently,
 * THREATS 29: port `close` events cannot be relied on), or `close()` (THREATS 19).
 */
export function createRpcClient(
  port: MessagePort,
  timeout: number,
  { error: failure, cloneFailure, isWithinLimits }: RpcKit,
): RpcClient {
  const pending = new Map<string, (reply: Reply | FrameportError) => void>();
  let closed: FrameportError | undefined;
  let nextId = 0;

  port.addEventListener('message', (event: MessageEvent) => {
    const reply = event.data as Reply | null;
    if (reply && typeof reply === 'object') pending.get(reply.id)?.(reply);
  });
  port.start();

  return {
    call<T>(method: string, args: unknown[]): Promise<T> {
      if (closed) return Promise.reject(closed);
      if (!METHOD_NAME.test(method)) {
        return Promise.reject(
          failure('INVALID_ARGUMENT', 'RPC method names are plain identifiers.', 'rpc-method-name'),
        );
      }
      const id = `${++nextId}`;
      return new Promise<T>((resolve, reject) => {
        const settle = (reply: Reply | FrameportError) => {
          clearTimeout(timer);
          pending.delete(id);
          if (reply instanceof Error) return reject(reply); // ours: a cloned Error from the port has no `id`
          // A reply is checked like every message: plain data within limits, no prototype keys.
          if (!isWithinLimits(reply)) {
            return reject(
              failure(
                'RPC_FAILED',
                `${method}() answered a value that is not plain data within the limits.`,
                'rpc-invalid-reply',
              ),
            );
          }
          if (reply.type === 'RAW') return resolve(reply.value as T);
          const thrown = reply.name === 'throw' ? reply.value : { value: `unsupported answer (${reply.name})` };
          const message = String(
            thrown.isError ? (thrown.value as { message?: string } | null)?.message : thrown.value,
          ).slice(0, 1_000);
          reject(failure('RPC_FAILED', `${method}() failed in the embed: ${message}`, 'rpc-failed'));
        };
        const timer = setTimeout(
          () =>
            settle(
              failure(
                'RPC_TIMEOUT',
                `${method}() got no answer within ${timeout} ms.`,
                'rpc-timeout',
                'The embed may have crashed or be busy; reload it.',
              ),
            ),
          timeout,
        );
        pending.set(id, settle);
        try {
          port.postMessage({
            id,
            type: 'APPLY',
            path: [method],
            argumentList: args.map((value) => ({ type: 'RAW', value })),
          });
        } catch (error) {
          // THREATS 36: a DataCloneError is a typed error, not an exception in the app.
          settle(cloneFailure(`Arguments of ${method}() cannot be sent to the embed`, error));
        }
      });
    },
    close(reason: FrameportError): void {
      if (closed) return;
      closed = reason;
      port.close();
      for (const settle of [...pending.values()]) settle(reason);
    },
  };
}
