import { createMockEmbed, otherOrigin, type MockEmbed, type MockEmbedOptions } from '../../src/testing/index.js';
import type { EmbedElement } from '../../src/elements/embed-element.js';
import { countMessageListeners as countLive } from '../helpers.js';

/** Everything a test created, removed after each test. */
const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A mock embed on the other origin, disposed after the test. */
export function mockEmbed(options?: MockEmbedOptions): MockEmbed {
  const embed = createMockEmbed(options);
  cleanups.push(() => embed.dispose());
  return embed;
}

/** The `platform-url` under which the test server serves a mock embed for every execution id. */
export function platformFor(embed: MockEmbed): string {
  const url = new URL(embed.url);
  url.pathname = '/platform';
  return url.href;
}

/** Adds `markup` to the page (removed after the test) and returns its first element. */
export function fixture<T extends Element>(markup: string): T {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  cleanups.push(() => host.remove());
  return host.firstElementChild as T;
}

/** Creates an element, lets `setup` set properties, then adds it to the page. */
export function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  setup: (el: HTMLElementTagNameMap[K]) => void = () => {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setup(el);
  document.body.append(el);
  cleanups.push(() => el.remove());
  return el;
}

/** Runs `cleanup` after the test. */
export function onCleanup(cleanup: () => void): void {
  cleanups.push(cleanup);
}

/** Resolves with the next event of `type` on `target`. */
export function oneEvent<T extends Event = CustomEvent>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as T), { once: true }));
}

/** Records every event of the given types dispatched on `target`. */
export function record(target: EventTarget, ...types: string[]): CustomEvent[] {
  const seen: CustomEvent[] = [];
  for (const type of types) target.addEventListener(type, (event) => seen.push(event as CustomEvent));
  return seen;
}

/** Waits until `predicate` holds, checking every frame; fails with `what` after 5 s. */
export async function until(predicate: () => boolean, what = 'condition', timeout = 20_000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The iframe(s) inside an embed's shadow root. */
export const frames = (el: EmbedElement): HTMLIFrameElement[] => [...(el.shadowRoot?.querySelectorAll('iframe') ?? [])];
export const frame = (el: EmbedElement): HTMLIFrameElement => {
  const found = frames(el);
  if (found.length !== 1) throw new Error(`expected one iframe, found ${found.length}`);
  return found[0]!;
};
export const part = <T extends Element = HTMLElement>(el: Element, name: string): T | null =>
  el.shadowRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;

/** Waits for the `state` attribute to read `state`. */
export const whenState = (el: EmbedElement, state: string) =>
  until(() => el.getAttribute('state') === state, `state=${state}`);

/** Counts `message` listeners on window added minus removed while the test runs. */
export function countMessageListeners(): { readonly active: number } {
  const live = countLive();
  return {
    get active() {
      return live();
    },
  };
}

export { otherOrigin };
export const TOKEN = 'test-token-123';
