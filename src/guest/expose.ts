import { expose, type Endpoint } from 'comlink';

/** The methods a guest offers over RPC. Only own function properties are exposed. */
export type GuestApi = Record<string, (...args: never[]) => unknown>;

const DENIED = '__frameport_denied__';

/**
 * Exposes an explicit allow-list of methods with comlink (THREATS 33, CVE-2020-8127): stock
 * `expose` would let the other side GET or SET any property by path (`constructor`,
 * nested objects). Requests that are not a call of a listed method are turned into a call
 * of a method that throws, so the caller gets a clear error instead of hanging.
 */
export function exposeApi(api: GuestApi, port: MessagePort): string[] {
  const methods = Object.keys(api).filter((name) => typeof api[name] === 'function' && name !== DENIED);
  const allowed = new Set(methods);
  const target = Object.create(null) as Record<string, unknown>;
  for (const name of methods) target[name] = (...args: never[]) => api[name]!(...args);
  target[DENIED] = () => {
    throw new Error('This RPC request is not allowed: only calls of offered methods are.');
  };
  Object.freeze(target);

  const isAllowed = (data: { type?: unknown; path?: unknown }) =>
    data.type === 'RELEASE' ||
    (data.type === 'APPLY' &&
      Array.isArray(data.path) &&
      data.path.length === 1 &&
      allowed.has(data.path[0] as string));

  const listeners = new Map<EventListenerOrEventListenerObject, EventListener>();
  const endpoint: Endpoint = {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer ?? []),
    addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      const filtered = (event: Event) => {
        const data = (event as MessageEvent).data as { id?: unknown; type?: unknown; path?: unknown } | null;
        if (!data || typeof data !== 'object') return;
        const safe = isAllowed(data)
          ? event
          : new MessageEvent('message', { data: { id: data.id, type: 'APPLY', path: [DENIED], argumentList: [] } });
        if (typeof listener === 'function') listener(safe);
        else listener.handleEvent(safe);
      };
      listeners.set(listener, filtered);
      port.addEventListener(type, filtered);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      const filtered = listeners.get(listener);
      if (filtered) port.removeEventListener(type, filtered);
    },
  };
  // The port itself is the capability: only the host that created it holds the other end,
  // and port messages carry no origin to check.
  expose(target, endpoint, ['*']);
  port.start();
  return methods;
}
