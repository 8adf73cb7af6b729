/**
 * What the four framework examples share, so each app's file shows only the framework's own
 * way of binding. The browser tests (test/frameworks) set `window.__FRAMEPORT_DEMO__` before
 * loading an app; a person opening a built example passes the same fields in the query string
 * (`?src=…&platformUrl=…&executionId=…&token=…`).
 */
export interface DemoConfig {
  /** Integration URL of the notebook (`<notebook-embed src>`). */
  src: string;
  /** The React example's second notebook, bound without the wrappers (default: `src`). */
  rawSrc: string;
  /** Origin of the platform (`<execution-details platform-url>`). */
  platformUrl: string;
  /** The execution to show. */
  executionId: string;
  /**
   * The token the apps' `tokenProvider` answers and `<execution-details>` gets as `access-token`.
   * A real app fetches it from its own server (docs/SERVER.md).
   */
  token: string;
}

declare global {
  interface Window {
    __FRAMEPORT_DEMO__?: Partial<DemoConfig>;
  }
}

/** The reference platform (`npm start`) on its default port. */
const PLATFORM = 'http://localhost:4100';

export function demoConfig(): DemoConfig {
  const query = new URLSearchParams(location.search);
  const given = window.__FRAMEPORT_DEMO__ ?? {};
  const pick = (key: keyof DemoConfig, fallback: string) => given[key] ?? query.get(key) ?? fallback;
  const src = pick('src', `${PLATFORM}/embed/notebooks/demo`);
  return {
    src,
    rawSrc: pick('rawSrc', src),
    platformUrl: pick('platformUrl', PLATFORM),
    executionId: pick('executionId', 'demo'),
    token: pick('token', ''),
  };
}

/** The parameters every example starts with: an object, bound as a property. */
export const INITIAL_PARAMS: Readonly<Record<string, unknown>> = Object.freeze({ region: 'EU', year: 2024 });

/** The seed's `settings` object for `<execution-details>`, bound as a property. */
export const EXECUTION_SETTINGS = Object.freeze({
  language: 'en',
  modal: false,
  i18nOverrides: { 'frameport.executionTitle': 'Execution (framework example)' },
});
