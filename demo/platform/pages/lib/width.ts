import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The CSS width of one element of the host's shadow root (found by `selector`), kept up to date
 * with a ResizeObserver. Charts draw in these pixels (viewBox width = box width), so their text
 * keeps its font size instead of shrinking with the frame.
 */
export class BoxWidth implements ReactiveController {
  /** 0 until measured. */
  width = 0;
  #observer: ResizeObserver | undefined;
  #target: Element | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly selector: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (width > 0 && width !== this.width) {
        this.width = width;
        this.host.requestUpdate();
      }
    });
  }

  hostUpdated(): void {
    const target = this.host.shadowRoot?.querySelector(this.selector) ?? null;
    if (target === this.#target) return;
    if (this.#target) this.#observer?.unobserve(this.#target);
    this.#target = target;
    if (target) this.#observer?.observe(target);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#target = null;
  }
}
