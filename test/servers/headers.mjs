// Lets a fixture ask for response headers through its query string, e.g.
// /test/fixtures/guest.html?headers=<encoded JSON>, so CSP, Referrer-Policy and
// frame-ancestors cases need no extra server.
export function headersPlugin() {
  return {
    name: 'frameport-headers',
    transform(context) {
      const raw = new URL(context.request.url, 'http://x').searchParams.get('headers');
      if (!raw) return;
      try {
        for (const [name, value] of Object.entries(JSON.parse(raw))) context.set(name, String(value));
      } catch {
        /* malformed: serve without extra headers */
      }
    },
  };
}
