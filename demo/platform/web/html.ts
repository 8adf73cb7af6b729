import { html } from 'hono/html';

/**
 * The shell of an embed page: one stylesheet, one module script (which renders the page), and the configuration in
 * `<meta>` tags (not inline script, which the CSP forbids). The Lit element renders everything else. Hono's `html`
 * escapes every value put in.
 */
export function embedShell(options: {
  title: string;
  script: string;
  resourceId: string;
  allowedOrigins: readonly string[];
  lang: string;
}) {
  return html`<!doctype html>
    <html lang="${options.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="frameport-allowed-origins" content="${options.allowedOrigins.join(' ')}" />
        <meta name="frameport-resource-id" content="${options.resourceId}" />
        <title>${options.title}</title>
        <link rel="stylesheet" href="/embed/assets/embed.css" />
        <script type="module" src="/embed/assets/${options.script}"></script>
      </head>
      <body></body>
    </html> `;
}

/** The page for an id nothing is found for (escaped like the shell). */
export const notFoundPage = (what: string) =>
  html`<!doctype html><title>Not found</title>
    <p>Unknown integration ${what}</p>`;
