// Bundles the bench pages with esbuild and serves them on loopback. One port, two origins:
// host pages on http://localhost:P, guest (embed) pages on http://127.0.0.1:P, which are
// different sites, so Chromium puts them in different (site-isolated) processes.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pages = join(root, 'bench/pages');
const CDN = join(root, 'dist/cdn/frameport.js');

const ENTRIES = ['host-frameport', 'host-raw', 'host-penpal', 'guest-frameport', 'guest-raw', 'guest-penpal'];

/** Newest mtime under `dir` (to warn when dist/ is older than src/). */
function newest(dir) {
  let max = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    max = Math.max(max, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return max;
}

/**
 * The SDK the host page loads: dist/cdn/frameport.js (what users ship) when it exists,
 * else src/index.ts bundled and minified by esbuild with Lit's production build.
 */
async function sdkBundle(prefer) {
  const stale = existsSync(CDN) && newest(join(root, 'src')) > statSync(CDN).mtimeMs;
  // `auto` takes the CDN build unless src/ changed after it (then it would measure old code).
  if (prefer === 'dist' || (prefer === 'auto' && existsSync(CDN) && !stale)) {
    if (!existsSync(CDN)) throw new Error('dist/cdn/frameport.js does not exist: run `npm run build` first');
    return { code: readFileSync(CDN), label: 'dist/cdn/frameport.js', stale };
  }
  const why =
    prefer === 'src'
      ? '--sdk=src'
      : existsSync(CDN)
        ? 'dist/cdn/frameport.js is older than src/'
        : 'dist/cdn/frameport.js missing';
  const result = await build({
    entryPoints: [join(root, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    minify: !process.env.BENCH_NO_MINIFY, // readable names in CPU profiles
    target: 'es2022',
    platform: 'browser',
    conditions: ['production'],
    write: false,
    logLevel: 'silent',
  });
  return {
    code: Buffer.from(result.outputFiles[0].contents),
    label: `src/index.ts bundled and minified by esbuild (${why})`,
    stale: false,
  };
}

/**
 * The guest page as a platform would ship it: bundled by rollup with node-resolve and terser,
 * as the project's own CDN build is (esbuild compiles the TypeScript first, leaving packages
 * to rollup).
 */
async function rollupBundle(entry) {
  const pre = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    packages: 'external',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const virtual = join(pages, '__entry__.js'); // so bare imports resolve from bench/pages
  const bundle = await rollup({
    input: virtual,
    onwarn: () => {},
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === virtual ? id : null),
        load: (id) => (id === virtual ? pre.outputFiles[0].text : null),
      },
      nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'import', 'default'] }),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return Buffer.from(output[0].code);
}

async function benchBundles() {
  const result = await build({
    entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, join(pages, `${name}.js`)])),
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    conditions: ['production'],
    outdir: '/bench-out',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map();
  for (const file of result.outputFiles)
    files.set(`/js/${relative('/bench-out', file.path)}`, Buffer.from(file.contents));
  files.set('/js/guest-frameport.js', await rollupBundle(join(pages, 'guest-frameport.js')));
  return files;
}

const STYLE = `body{margin:0;font:14px system-ui}
.embed{display:block;width:600px;--frameport-height:120px}
iframe.embed{height:120px;border:0}`;

function hostHtml(variant, instrument) {
  const scripts = [
    instrument ? `<script>${readFileSync(join(pages, 'instrument.js'), 'utf8')}</script>` : '',
    variant === 'frameport' ? '<script type="module" src="/frameport.js"></script>' : '',
    `<script type="module" src="/js/host-${variant}.js"></script>`,
  ];
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>bench host ${variant}</title><style>${STYLE}</style>${scripts.join('')}<body></body></html>`;
}

const guestHtml = (variant) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>bench guest ${variant}</title><body><p>embed</p><script>window.__benchStart = performance.now()</script><script type="module" src="/js/guest-${variant}.js"></script></body></html>`;

/** Starts the server; resolves with its origins, what SDK it serves, and close(). */
export async function startServer({ sdk = 'auto' } = {}) {
  const [bundle, files] = await Promise.all([sdkBundle(sdk), benchBundles()]);
  files.set('/frameport.js', bundle.code);
  // The CDN build loads its on-demand parts (RPC client, failure words) from files next to it.
  if (bundle.label === 'dist/cdn/frameport.js') {
    for (const name of readdirSync(join(root, 'dist/cdn'))) {
      if (/^frameport-.*\.js$/.test(name)) files.set(`/${name}`, readFileSync(join(root, 'dist/cdn', name)));
    }
  }

  const handler = (req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (status, type, body, cache) => {
      res.writeHead(status, {
        'content-type': type,
        'cache-control': cache,
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    let match;
    if ((match = /^\/host\/(frameport|raw|penpal)\.html$/.exec(url.pathname))) {
      return send(
        200,
        'text/html; charset=utf-8',
        hostHtml(match[1], url.searchParams.get('instrument') === '1'),
        'no-store',
      );
    }
    if ((match = /^\/guest\/(frameport|raw|penpal)\.html$/.exec(url.pathname))) {
      return send(200, 'text/html; charset=utf-8', guestHtml(match[1]), 'no-store');
    }
    if (url.pathname === '/token') {
      // The host app's token endpoint, answering after `delay` ms (figure 1c).
      const delay = Math.min(5_000, Number(url.searchParams.get('delay') ?? 0));
      const body = JSON.stringify({ token: `bench-token-${Math.random().toString(36).slice(2)}` });
      setTimeout(() => send(200, 'application/json', body, 'no-store'), delay);
      return;
    }
    const file = files.get(url.pathname);
    if (file) return send(200, 'text/javascript; charset=utf-8', file, 'max-age=3600');
    if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '', 'max-age=3600');
    return send(404, 'text/plain', 'not found', 'no-store');
  };

  /** Listens on 127.0.0.1 and, when the machine has it, ::1 (`localhost` may resolve to either). */
  const servers = [];
  async function listen() {
    const v4 = createServer(handler);
    await new Promise((resolve, reject) => v4.once('error', reject).listen(0, '127.0.0.1', resolve));
    servers.push(v4);
    const port = v4.address().port;
    const v6 = createServer(handler);
    await new Promise((resolve) =>
      v6.once('error', () => resolve()).listen(port, '::1', () => (servers.push(v6), resolve())),
    );
    return port;
  }
  const port = await listen();
  // A second port: http://localhost:P2 is another origin but the same site as the host pages.
  const samePort = await listen();

  return {
    hostOrigin: `http://localhost:${port}`,
    guestOrigin: `http://127.0.0.1:${port}`,
    sameSiteGuestOrigin: `http://localhost:${samePort}`,
    sdk: bundle,
    guestBytes: files.get('/js/guest-frameport.js').length,
    close: () =>
      Promise.all(servers.map((s) => new Promise((resolve) => (s.closeAllConnections?.(), s.close(resolve))))),
  };
}
