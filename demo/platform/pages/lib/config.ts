/** The page's configuration, written by the platform into `<meta>` tags (the CSP allows no inline script). */
export interface PageConfig {
  /** Host origins allowed to hand this page a token. */
  allowedOrigins: string[];
  /** The execution id or integration id this page shows. */
  resourceId: string;
  /** The `lang` query parameter, the initial UI language before SET_SETTINGS. */
  language: string;
}

export function readConfig(): PageConfig {
  const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
  return {
    allowedOrigins: meta('frameport-allowed-origins').split(/\s+/).filter(Boolean),
    resourceId: meta('frameport-resource-id'),
    language: document.documentElement.lang || 'en',
  };
}
