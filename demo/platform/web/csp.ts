/**
 * Headers for the embed pages. `frame-ancestors` lists the allowed host origins, so only they can
 * frame the page (clickjacking); scripts and styles come only from this origin (no inline script);
 * HTML reaches the DOM only through Lit's Trusted Types policy; the token never leaks through a Referer.
 */
export function embedHeaders(allowedOrigins: readonly string[]): Record<string, string> {
  const ancestors = allowedOrigins.length ? allowedOrigins.join(' ') : "'none'";
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
      // DOM XSS sinks take only Trusted Types, and only Lit's policy may create them.
      "require-trusted-types-for 'script'",
      'trusted-types lit-html',
      `frame-ancestors ${ancestors}`,
    ].join('; '),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}
