import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles the sample connectors (connectors/main.ts and the kinds it dispatches to) into one
 * `main.mjs` that plain `node` runs: no TypeScript loader in every child process, so a run starts
 * in tens of milliseconds. Built once per process into a temp directory removed at exit.
 */
export function buildConnectors(): Promise<string> {
  cached ??= bundle();
  cached.catch(() => (cached = undefined));
  return cached;
}
let cached: Promise<string> | undefined;

async function bundle(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'frameport-connectors-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, 'main.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../connectors/main.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return outfile;
}
