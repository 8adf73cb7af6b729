/**
 * Registers `constructor` as `tag` unless the tag is taken: two copies of the SDK on one page
 * (an npm bundle and the CDN build, THREATS 8) must not throw "already defined"; the first
 * copy's elements serve the page. A no-op where there is no `customElements` (SSR, Node).
 */
export function define(tag: string, constructor: CustomElementConstructor): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (!registry || registry.get(tag)) return;
  registry.define(tag, constructor);
}
