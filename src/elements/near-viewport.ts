/**
 * Tells lazy embeds when they near the viewport, with one IntersectionObserver for the whole
 * page (one per copy of the SDK), disconnected while no embed waits.
 */

/** How far beyond the viewport's top and bottom edges an embed starts loading. */
export const LAZY_MARGIN = '600px';

const waiting = new Map<Element, () => void>();
let observer: IntersectionObserver | undefined;

function stop(element: Element): void {
  if (!waiting.delete(element)) return;
  observer?.unobserve(element);
  if (waiting.size > 0) return;
  observer?.disconnect();
  observer = undefined;
}

/** Calls `near` once, when `element` comes within LAZY_MARGIN of the viewport; returns the cancel function. */
export function whenNearViewport(element: Element, near: () => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const callback = waiting.get(entry.target);
        if (!entry.isIntersecting || !callback) continue;
        stop(entry.target);
        callback();
      }
    },
    { rootMargin: `${LAZY_MARGIN} 0px` },
  );
  waiting.set(element, near);
  observer.observe(element);
  return () => stop(element);
}
