/**
 * Tells lazy embeds when to load, with one IntersectionObserver for the whole page (one per copy
 * of the SDK), disconnected while no embed waits. The first screen comes first: an embed in the
 * viewport loads at once; one only within the margin waits until the visible ones that started
 * are ready (or failed), so on a page of many embeds nothing competes with what the user sees.
 */

/** How far beyond the viewport's top and bottom edges an embed starts loading. */
export const LAZY_MARGIN = '600px';

/** The longest an embed within the margin waits for the visible ones (ms). */
export const MARGIN_WAIT = 2_000;

const waiting = new Map<Element, () => void>();
/** Within the margin, not visible: loaded once `loading` is empty. */
const deferred = new Set<Element>();
/** Visible embeds that started and have not said `ready` or `error` yet. */
const loading = new Set<Element>();
let observer: IntersectionObserver | undefined;
let deadline: ReturnType<typeof setTimeout> | undefined;

function stop(element: Element): void {
  deferred.delete(element);
  unmeasured.delete(element);
  if (!waiting.delete(element)) return;
  observer?.unobserve(element);
  if (waiting.size > 0) return;
  observer?.disconnect();
  observer = undefined;
  clearTimeout(deadline);
  deadline = undefined;
}

function start(element: Element): void {
  const near = waiting.get(element);
  stop(element);
  near?.();
}

function startVisible(element: Element): void {
  loading.add(element);
  const settled = () => {
    element.removeEventListener('ready', settled);
    element.removeEventListener('error', settled);
    loading.delete(element);
    releaseIfIdle();
  };
  element.addEventListener('ready', settled);
  element.addEventListener('error', settled);
  start(element);
}

/** Loads the deferred embeds once no visible one is still loading. */
function releaseIfIdle(): void {
  for (const element of loading) if (!element.isConnected) loading.delete(element); // removed meanwhile
  if (loading.size > 0) return;
  clearTimeout(deadline);
  deadline = undefined;
  for (const element of [...deferred]) start(element);
}

const inViewport = ({ top, bottom, left, right }: DOMRectReadOnly) =>
  bottom > 0 && top < innerHeight && right > 0 && left < innerWidth;

function onIntersections(entries: IntersectionObserverEntry[]): void {
  for (const entry of entries) {
    const element = entry.target;
    if (!waiting.has(element)) continue;
    if (!entry.isIntersecting) deferred.delete(element);
    else if (inViewport(entry.boundingClientRect)) startVisible(element);
    else {
      deferred.add(element);
      deadline ??= setTimeout(() => {
        loading.clear(); // waited long enough for the first screen
        releaseIfIdle();
      }, MARGIN_WAIT);
    }
  }
  releaseIfIdle();
}

/** Embeds that began waiting in this task, measured together once they have all rendered. */
const unmeasured = new Set<Element>();

/**
 * Starts the embeds already in the viewport without waiting for the observer, whose first report
 * comes only after the next frame is rendered: on a page of 50 lazy embeds, after all 50 were
 * styled, laid out and painted. One layout for the whole batch: the first read pays for it.
 */
function measure(): void {
  const batch = [...unmeasured];
  unmeasured.clear();
  for (const element of batch) {
    if (waiting.has(element) && element.isConnected && inViewport(element.getBoundingClientRect()))
      startVisible(element);
  }
}

/** Calls `near` once, when `element` should load (see above); returns the cancel function. */
export function whenNearViewport(element: Element, near: () => void): () => void {
  observer ??= new IntersectionObserver(onIntersections, { rootMargin: `${LAZY_MARGIN} 0px` });
  waiting.set(element, near);
  observer.observe(element);
  if (unmeasured.size === 0) queueMicrotask(measure);
  unmeasured.add(element);
  return () => stop(element);
}
