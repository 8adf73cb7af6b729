/**
 * The window channel: one `message` listener per page (per copy of the SDK) for every embed.
 * A message finds its connection by `event.source` in one Map lookup, so the cost per message
 * does not grow with the number of embeds. Page-wide events (wake-up, CSP violations) and the
 * removal of an iframe behind the SDK's back are watched once for all connections too.
 */

/** What a connection gives the router. */
export interface Route {
  readonly iframe: HTMLIFrameElement;
  /** The embed's origin: a frame's first message is matched only against routes of its origin. */
  readonly origin: string;
  /** A message whose `event.source` is this route's iframe window (origin not checked yet). */
  message(event: MessageEvent): void;
  /** The page woke up: visible again, back online, restored from the bfcache. */
  wake(): void;
  /** The page's Content-Security-Policy refused something. */
  violation(event: SecurityPolicyViolationEvent): void;
  /** The iframe left the document. */
  removed(): void;
}

/** Routes by iframe window, once known. */
const byWindow = new Map<Window, Route>();
/** Routes whose window is not known yet, oldest first (a Set keeps insertion order). */
const unplaced = new Set<Route>();
const byFrame = new WeakMap<HTMLIFrameElement, Route>();
const windowOf = new WeakMap<Route, Window>();
let count = 0;

const WAKE_EVENTS = ['online', 'pageshow'] as const;

function place(route: Route, target: Window): void {
  unplaced.delete(route);
  const old = windowOf.get(route);
  if (old && old !== target && byWindow.get(old) === route) byWindow.delete(old);
  byWindow.set(target, route);
  windowOf.set(route, target);
}

/**
 * The route of a message's sender. A window is learnt lazily: reading `contentWindow` of a frame
 * whose navigation has not committed yet makes the browser build a script context for its
 * blank first document (~7 ms per frame in Chromium, measured), so a frame is asked only once
 * it has loaded (see `onFrameLoad`) or when a message from its origin is unaccounted for; then
 * the oldest frames are asked first (frames commit in about the order they were inserted) and
 * the search stops at the sender.
 */
function find(event: MessageEvent): Route | undefined {
  const source = event.source;
  if (!source) return undefined;
  const route = byWindow.get(source as Window);
  if (route || unplaced.size === 0) return route;
  for (const waiting of unplaced) {
    if (waiting.origin !== event.origin) continue;
    const target = waiting.iframe.contentWindow;
    if (!target) continue; // not in a document
    place(waiting, target);
    if (target === source) return waiting;
  }
  return undefined;
}

/** A loaded frame has committed its document: its window is cheap to read now. */
function onFrameLoad(event: Event): void {
  const iframe = event.currentTarget as HTMLIFrameElement;
  const route = byFrame.get(iframe);
  const target = iframe.contentWindow;
  if (route && target) place(route, target); // again after a move: a moved iframe gets a new window
}

function onMessage(event: MessageEvent): void {
  const route = find(event);
  if (!route) return; // not one of our frames: say nothing, log nothing
  if (!route.iframe.isConnected) return route.removed();
  if (route.iframe.contentWindow !== event.source) return; // moved: the old window is not ours any more
  route.message(event);
}

const all = (): Route[] => [...byWindow.values(), ...unplaced];

function onWake(): void {
  for (const route of all()) route.wake();
}

function onViolation(event: SecurityPolicyViolationEvent): void {
  for (const route of all()) route.violation(event);
}

/** Iframes removed by the app: the cost is the size of what was removed, not the number of embeds. */
function onRemovals(records: MutationRecord[]): void {
  for (const record of records) {
    for (const node of record.removedNodes) {
      if (!(node instanceof Element)) continue;
      const frames = node instanceof HTMLIFrameElement ? [node] : node.querySelectorAll('iframe');
      for (const iframe of frames) {
        const route = byFrame.get(iframe);
        if (route && !iframe.isConnected) route.removed();
      }
    }
  }
}
/** Exists only while some connection is registered. */
let removals: MutationObserver | undefined;

/** Starts routing to `route`; returns the function that stops it (idempotent). */
export function register(route: Route): () => void {
  if (count++ === 0) {
    window.addEventListener('message', onMessage);
    document.addEventListener('visibilitychange', onWake);
    for (const type of WAKE_EVENTS) window.addEventListener(type, onWake);
    document.addEventListener('securitypolicyviolation', onViolation);
    removals = new MutationObserver(onRemovals);
    removals.observe(document, { childList: true, subtree: true });
  }
  byFrame.set(route.iframe, route);
  unplaced.add(route);
  route.iframe.addEventListener('load', onFrameLoad);
  let registered = true;
  return () => {
    if (!registered) return;
    registered = false;
    unplaced.delete(route);
    const target = windowOf.get(route);
    if (target && byWindow.get(target) === route) byWindow.delete(target);
    byFrame.delete(route.iframe);
    route.iframe.removeEventListener('load', onFrameLoad);
    if (--count > 0) return;
    window.removeEventListener('message', onMessage);
    document.removeEventListener('visibilitychange', onWake);
    for (const type of WAKE_EVENTS) window.removeEventListener(type, onWake);
    document.removeEventListener('securitypolicyviolation', onViolation);
    removals?.disconnect();
    removals = undefined;
  };
}
