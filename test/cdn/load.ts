/**
 * Loads the CDN builds the way a page does. They are made by `npm run build`; these tests are
 * the one smoke test of `dist` (everything else tests the source).
 */
export const MODULE_BUILD = '/dist/cdn/frameport.js';
export const CLASSIC_BUILD = '/dist/cdn/frameport.iife.js';

/** Adds a `<script>` and resolves when it has run; rejects (with a hint) when it is missing. */
export function addScript(src: string, type: 'module' | 'classic'): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    if (type === 'module') script.type = 'module';
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load: run \`npm run build\` first`));
    document.head.append(script);
  });
}

/** Collects errors thrown at the top level of scripts (a second registration would throw there). */
export function collectPageErrors(): string[] {
  const errors: string[] = [];
  window.addEventListener('error', (event) => errors.push(String(event.message)));
  return errors;
}

/** Resolves with the next event of `type` on `target`. */
export function oneEvent<T extends Event = CustomEvent>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as T), { once: true }));
}
