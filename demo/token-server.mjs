// A host app of your own in one plain JavaScript file: a page with both embeds, and the two token
// endpoints from `frameport/server` that keep the platform's secrets on this server.
//
//   PLATFORM_ALLOWED_ORIGINS=http://localhost:3000 npm start   # terminal 1: the platform on :4100
//   node demo/token-server.mjs                                  # terminal 2: this app on :3000
//
// then open http://localhost:3000. In your own project, `npm install` the packed frameport tarball
// and copy this file: it imports `frameport/server` and serves `frameport/dist/cdn/frameport.js`
// the same way there. In this repository, run `npm run build` first.
//
// Env: PORT (3000), PLATFORM_URL (http://127.0.0.1:4100), and the demo platform's credentials
// LICENSE_KEY, NOTEBOOK_API_KEY, NOTEBOOK_API_SECRET (defaults: its demo data).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createAccessTokenHandler, createNotebookTokenHandler } from 'frameport/server';

const port = Number(process.env.PORT ?? 3000);
const platformUrl = process.env.PLATFORM_URL ?? 'http://127.0.0.1:4100';

// <execution-details>: a token for one of your customers. A real app answers from its own
// session (and null when nobody is signed in); this demo always signs in the customer "acme".
const executionToken = createAccessTokenHandler({
  platformUrl,
  licenseKey: process.env.LICENSE_KEY ?? 'demo-license-key',
  identify: async () => ({ identifier: 'acme', type: 'SUB_ORG' }),
});

// <notebook-embed>: a token for the notebook integration "sales-overview".
const notebookToken = createNotebookTokenHandler({
  platformUrl,
  integrationId: 'sales-overview',
  apiKey: process.env.NOTEBOOK_API_KEY ?? 'demo-api-key',
  apiSecret: process.env.NOTEBOOK_API_SECRET ?? 'demo-api-secret',
});

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>My app with frameport</title>
    <script type="module" src="/frameport.js"></script>
  </head>
  <body>
    <h1>My app</h1>
    <execution-details
      platform-url="${platformUrl}"
      execution-id="exec-acme-failed"
      token-url="/api/embed-token"
    ></execution-details>
    <notebook-embed
      src="${platformUrl}/embed/notebooks/sales-overview"
      token-url="/api/notebook-token"
    ></notebook-embed>
    <script type="module">
      for (const embed of document.querySelectorAll('execution-details, notebook-embed')) {
        embed.addEventListener('ready', () => console.log(embed.localName, 'ready'));
        embed.addEventListener('error', (event) => console.error(embed.localName, event.detail));
      }
    </script>
  </body>
</html>`;

/** Runs a Fetch-API handler (`Request -> Response`) for a node:http request. */
async function runFetchHandler(handler, req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const request = new Request(new URL(req.url ?? '/', `http://localhost:${port}`), {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? '']).map((v) => [name, v]),
    ),
    body: req.method === 'GET' || req.method === 'HEAD' ? null : Buffer.concat(chunks),
  });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const routes = {
  '/': async (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
  // The CDN build from the installed package (a bundler would take `import 'frameport'` instead).
  '/frameport.js': (req, res) => serveCdn('frameport.js', res),
  '/favicon.ico': async (req, res) => res.writeHead(204).end(),
  '/api/embed-token': (req, res) => runFetchHandler(executionToken, req, res),
  '/api/notebook-token': (req, res) => runFetchHandler(notebookToken, req, res),
};

/** A file of the CDN build: frameport.js, or a part it loads on demand from next to it (frameport-rpc-….js). */
async function serveCdn(name, res) {
  const file = fileURLToPath(import.meta.resolve(`frameport/dist/cdn/${name}`));
  res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(file));
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const route =
    routes[path] ?? (/^\/frameport-[\w-]+\.js$/.test(path) ? (_, out) => serveCdn(path.slice(1), out) : undefined);
  if (!route) return void res.writeHead(404).end();
  route(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(port, 'localhost', () => {
  console.log(`My app: http://localhost:${port} (platform ${platformUrl})`);
  console.log(`The platform must allow this origin: PLATFORM_ALLOWED_ORIGINS=http://localhost:${port} npm start`);
});
