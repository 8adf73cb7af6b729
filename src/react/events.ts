import type { ExecutionDetailsEventMap, NotebookEmbedEventMap } from '../elements/events.js';

/**
 * A React handler prop of a frameport wrapper. It gets the event's `detail` first, so the seed's
 * `onExecutionRun={({ data }) => …}` destructures the execution, and the `CustomEvent` itself
 * second, for `preventDefault()` on a cancelable event (`close`, `token-expiring`).
 */
export type DetailHandler<E extends Event> = E extends CustomEvent<infer D> ? (detail: D, event: E) => void : never;

/** Handler prop name -> DOM event name, for events both embed elements dispatch. */
export const EMBED_EVENTS = {
  onReady: 'ready',
  onClose: 'close',
  onError: 'error',
  onTokenExpiring: 'token-expiring',
  onTokenRefreshed: 'token-refreshed',
  onTokenRefreshFailed: 'token-refresh-failed',
  onSessionEnded: 'session-ended',
} as const;

/** Handler props of `<ExecutionDetails>`. */
export const EXECUTION_DETAILS_EVENTS = { ...EMBED_EVENTS, onExecutionRun: 'execution-run' } as const;

/** Handler props of `<NotebookEmbed>`. */
export const NOTEBOOK_EMBED_EVENTS = {
  ...EMBED_EVENTS,
  onParameterChange: 'parameter-change',
  onRunAll: 'run-all',
} as const;

/** The handler props for an event table `T` over an element's event map `M`. */
export type HandlerProps<T extends Record<string, string>, M> = {
  [K in keyof T]?: T[K] extends keyof M ? (M[T[K]] extends Event ? DetailHandler<M[T[K]]> : never) : never;
};

/** `onExecutionRun`, `onClose`, `onReady`, `onError` and the token events of `<ExecutionDetails>`. */
export type ExecutionDetailsHandlers = HandlerProps<typeof EXECUTION_DETAILS_EVENTS, ExecutionDetailsEventMap>;

/** `onParameterChange`, `onRunAll`, `onReady`, `onClose`, `onError` and the token events of `<NotebookEmbed>`. */
export type NotebookEmbedHandlers = HandlerProps<typeof NOTEBOOK_EMBED_EVENTS, NotebookEmbedEventMap>;
