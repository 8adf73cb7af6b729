// The demo host app: a different origin from the platform, with its own token endpoint that keeps
// the platform's license key and notebook secret on the server (frameport/server).
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { createAccessTokenHandler, createNotebookTokenHandler } from '../../src/server/index.js';
import { DEMO } from '../platform/seed.js';

export interface HostOptions {
  /** Default 4000. 0 picks a free port (tests). */
  port?: number;
  hostname?: string;
  /** Where the reference platform runs, e.g. http://127.0.0.1:4100. */
  platformUrl: string;
  /** The sub-organization the signed-in demo user belongs to. */
  subOrg?: string;
}

export interface Host {
  url: string;
  close(): Promise<void>;
}

const root = new URL('../../', import.meta.url);
const file = (path: string) => new URL(path, root);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** The host page's own CSP: as strict as an enterprise app's, so the SDK is proven under it. */
function csp(platformUrl: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `frame-src ${new URL(platformUrl).origin}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

export function createHostApp(options: HostOptions): Hono {
  const app = new Hono();
  const platformUrl = options.platformUrl;
  // In a real app `identify` reads your session; the demo user is always signed in to one sub-org.
  const executionToken = createAccessTokenHandler({
    platformUrl,
    licenseKey: DEMO.licenseKey,
    identify: () => ({ identifier: options.subOrg ?? 'acme', type: 'SUB_ORG' }),
  });
  const notebookToken = createNotebookTokenHandler({
    platformUrl,
    integrationId: DEMO.integrationId,
    apiKey: DEMO.apiKey.id,
    apiSecret: DEMO.apiKey.secret,
  });

  app.post('/api/embed-token', (c) =>
    c.req.query('for') === 'notebook' ? notebookToken(c.req.raw) : executionToken(c.req.raw),
  );

  app.get('/config.json', (c) =>
    c.json({ platformUrl, executionId: DEMO.executions.acmeFailed, integrationId: DEMO.integrationId }),
  );

  const assets: Record<string, URL> = {
    '/': file('demo/host/public/index.html'),
    '/app.js': file('demo/host/public/app.js'),
    '/app.css': file('demo/host/public/app.css'),
    '/favicon.svg': file('demo/host/public/favicon.svg'),
    '/frameport.js': file('dist/cdn/frameport.js'),
    '/frameport.js.map': file('dist/cdn/frameport.js.map'), // for the browser's devtools
  };
  app.get('*', async (c) => {
    const path = c.req.path;
    // frameport.js loads parts of itself on demand (frameport-rpc-….js) from next to it.
    const asset = assets[path] ?? (/^\/frameport-[\w-]+\.js(\.map)?$/.test(path) ? file(`dist/cdn${path}`) : undefined);
    if (!asset) return c.text('Not found', 404);
    try {
      const body = await readFile(asset);
      const type = TYPES[path === '/' ? '.html' : path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
      return c.body(body, 200, {
        'content-type': type,
        'content-security-policy': csp(platformUrl),
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cache-control': 'no-cache',
      });
    } catch {
      return c.text(`${path} is missing: run npm run build`, 500);
    }
  });
  return app;
}

/** Starts the demo host app. Rejects with a readable error when the port is taken. */
export function startHost(options: HostOptions): Promise<Host> {
  const hostname = options.hostname ?? 'localhost';
  const server = createAdaptorServer({ fetch: createHostApp(options).fetch }) as Server;
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? Object.assign(
              new Error(
                `Port ${options.port ?? 4000} on ${hostname} is already in use: stop the other process or set HOST_PORT to another port.`,
              ),
              { code: 'EADDRINUSE' },
            )
          : error,
      ),
    );
    server.listen(options.port ?? 4000, hostname, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        url: `http://${hostname}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}
