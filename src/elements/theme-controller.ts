import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Theme } from '../protocol/messages.js';

/** The `theme` setting: `auto` follows the host page. */
export type ThemeSetting = 'auto' | Theme;

/** Reads a `theme` value; anything else is `auto`. */
export function themeSetting(value: unknown): ThemeSetting {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

const PREFERS_DARK = '(prefers-color-scheme: dark)';

/** The user's own preference (`prefers-color-scheme`). */
const userTheme = (): Theme => (matchMedia(PREFERS_DARK).matches ? 'dark' : 'light');

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
  return userTheme();
}

interface ThemeHost extends ReactiveControllerHost, HTMLElement {}

// One watcher per page for every connected controller, and the page read in batches: reading
// `color-scheme` forces a style recalc, so 50 embeds inserted at once would each pay for the
// ones inserted before them; read together after their updates, the first read pays once.
const connected = new Set<ThemeController>();
const due = new Set<ThemeController>();
let query: MediaQueryList | undefined;
let observer: MutationObserver | undefined;
/** The last theme read from the page: the first guess of an embed until its own read. */
let lastRead: Theme | undefined;

function readDue(): void {
  const controllers = [...due];
  due.clear();
  for (const controller of controllers) controller.read();
}

function readSoon(controller: ThemeController): void {
  if (due.size === 0) queueMicrotask(readDue);
  due.add(controller);
}

const recheckAll = (): void => connected.forEach(readSoon);

function watchPage(): void {
  query = matchMedia(PREFERS_DARK);
  query.addEventListener('change', recheckAll);
  observer = new MutationObserver(recheckAll);
  const options = { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme'] };
  observer.observe(document.documentElement, options);
  if (document.body) observer.observe(document.body, options);
}

function unwatchPage(): void {
  query?.removeEventListener('change', recheckAll);
  observer?.disconnect();
  query = undefined;
  observer = undefined;
}

/**
 * Keeps an element's resolved theme up to date while its setting is `auto`: it re-reads the page
 * when the user's preference changes or when the page changes `class`, `style` or a data
 * attribute on `<html>` or `<body>` (how pages switch themes), and asks for an update when the
 * result differs, so the change reaches the embed as SET_SETTINGS without a reload. Until its
 * first read (a microtask after the update that needs it) it shows the page's last known theme.
 */
export class ThemeController implements ReactiveController {
  readonly #host: ThemeHost;
  readonly #setting: () => ThemeSetting;
  #resolved: Theme | undefined;

  constructor(host: ThemeHost, setting: () => ThemeSetting) {
    this.#host = host;
    this.#setting = setting;
    host.addController(this);
  }

  /** `light` or `dark`: the setting, or what `auto` stands for now. */
  get theme(): Theme {
    const setting = this.#setting();
    if (setting !== 'auto') {
      this.#resolved = undefined; // read again if it goes back to `auto`
      return setting;
    }
    if (this.#resolved === undefined) {
      this.#resolved = lastRead ?? userTheme();
      readSoon(this);
    }
    return this.#resolved;
  }

  /** Reads the page now; an update follows when the theme changed. */
  read(): void {
    if (this.#setting() !== 'auto' || !this.#host.isConnected) return;
    const next = (lastRead = pageTheme(this.#host));
    if (next === this.#resolved) return;
    this.#resolved = next;
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    if (connected.size === 0) watchPage();
    connected.add(this);
  }

  hostDisconnected(): void {
    connected.delete(this);
    due.delete(this);
    this.#resolved = undefined;
    if (connected.size === 0) unwatchPage();
  }
}
