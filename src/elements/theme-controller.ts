import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Theme } from '../protocol/messages.js';

/** The `theme` setting: `auto` follows the host page. */
export type ThemeSetting = 'auto' | Theme;

/** Reads a `theme` value; anything else is `auto`. */
export function themeSetting(value: unknown): ThemeSetting {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

/**
 * The theme `auto` stands for at `element`: the page's `color-scheme` where it names one scheme
 * only (`dark`, `light`, `only dark`), else (`normal`, `light dark`) the user's
 * `prefers-color-scheme`, which is what the browser itself would show.
 */
export function pageTheme(element: Element): Theme {
  const schemes = getComputedStyle(element).colorScheme.split(/\s+/);
  const dark = schemes.includes('dark');
  const light = schemes.includes('light');
  if (dark !== light) return dark ? 'dark' : 'light';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

interface ThemeHost extends ReactiveControllerHost, HTMLElement {}

/**
 * Keeps an element's resolved theme up to date while its setting is `auto`: it re-reads the page
 * when the user's preference changes or when the page changes `class`, `style` or a data
 * attribute on `<html>` or `<body>` (how pages switch themes), and asks for an update when the
 * result differs, so the change reaches the embed as SET_SETTINGS without a reload.
 */
export class ThemeController implements ReactiveController {
  readonly #host: ThemeHost;
  readonly #setting: () => ThemeSetting;
  #resolved: Theme | undefined;
  #query: MediaQueryList | undefined;
  #observer: MutationObserver | undefined;

  constructor(host: ThemeHost, setting: () => ThemeSetting) {
    this.#host = host;
    this.#setting = setting;
    host.addController(this);
  }

  /** `light` or `dark`: the setting, or what `auto` stands for now. */
  get theme(): Theme {
    const setting = this.#setting();
    if (setting !== 'auto') return setting;
    this.#resolved = pageTheme(this.#host);
    return this.#resolved;
  }

  hostConnected(): void {
    this.#query = matchMedia('(prefers-color-scheme: dark)');
    this.#query.addEventListener('change', this.#recheck);
    this.#observer = new MutationObserver(this.#recheck);
    const options = { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme'] };
    this.#observer.observe(document.documentElement, options);
    if (document.body) this.#observer.observe(document.body, options);
  }

  hostDisconnected(): void {
    this.#query?.removeEventListener('change', this.#recheck);
    this.#observer?.disconnect();
    this.#query = undefined;
    this.#observer = undefined;
  }

  readonly #recheck = (): void => {
    if (this.#setting() !== 'auto' || !this.#host.isConnected) return;
    const next = pageTheme(this.#host);
    if (next === this.#resolved) return;
    this.#resolved = next;
    this.#host.requestUpdate();
  };
}
