import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

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
 * Bundles the guest pages (demo/platform/pages/*.ts, Lit + frameport/guest) with esbuild into a
 * temporary directory (removed when the process exits), with embed.css next to them; answers the
 * directory, which `serveStatic` serves under /embed/assets/. Separate files, no inline script: the
 * pages' CSP allows only 'self'.
 */
export function buildAssets(): Promise<string> {
  // The sources do not change while a process runs: one build serves every platform it starts (tests).
  cached ??= bundlePages();
  cached.catch(() => (cached = undefined));
  return cached;
}
let cached: Promise<string> | undefined;

async function bundlePages(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'frameport-embed-'));
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  await build({
    entryPoints: { execution: here('../pages/execution.ts'), notebook: here('../pages/notebook.ts') },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outdir,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [frameportGuest],
  });
  copyFileSync(here('./embed.css'), join(outdir, 'embed.css'));
  return outdir;
}
