/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The shell of an embed page: one stylesheet, one module script (which renders the page), and the configuration in
 * `<meta>` tags (not inline script, which the CSP forbids). The Lit element renders everything else.
 */
export function embedShell(options: {
  title: string;
  script: string;
  resourceId: string;
  allowedOrigins: readonly string[];
  lang: string;
}): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="frameport-allowed-origins" content="${escapeHtml(options.allowedOrigins.join(' '))}">
<meta name="frameport-resource-id" content="${escapeHtml(options.resourceId)}">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="/embed/assets/embed.css">
<script type="module" src="/embed/assets/${escapeHtml(options.script)}"></script>
</head>
<body>
</body>
</html>
`;
}
