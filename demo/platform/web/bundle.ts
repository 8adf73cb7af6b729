import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** A built file served under /embed/assets/. */
export interface Asset {
  body: string;
  type: string;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const GUEST_SOURCE = here('../../../src/guest/index.ts');

// The pages import the SDK by its public name, as a platform using frameport would; we point it at
// this repository's sources so the demo always runs the code under test, with no build step first.
const frameportGuest: Plugin = {
  name: 'frameport-guest-source',
  setup(b) {
    b.onResolve({ filter: /^frameport\/guest$/ }, () => ({ path: GUEST_SOURCE }));
  },
};

/**
 * Bundles the guest pages (demo/platform/pages/*.ts, Lit + frameport/guest) in memory with esbuild,
 * once per platform start. Separate files, no inline script: the pages' CSP allows only 'self'.
 */
export function buildAssets(): Promise<Map<string, Asset>> {
  // The sources do not change while a process runs: one build serves every platform it starts (tests).
  cached ??= bundlePages();
  cached.catch(() => (cached = undefined));
  return cached;
}
let cached: Promise<Map<string, Asset>> | undefined;

async function bundlePages(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: { execution: here('../pages/execution.ts'), notebook: here('../pages/notebook.ts') },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outdir: '/assets',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [frameportGuest],
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    assets.set(file.path.slice(file.path.lastIndexOf('/') + 1), {
      body: file.text,
      type: 'text/javascript; charset=utf-8',
    });
  }
  assets.set('embed.css', { body: await readFile(here('./embed.css'), 'utf8'), type: 'text/css; charset=utf-8' });
  return assets;
}
