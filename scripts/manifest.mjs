// Writes custom-elements.json (the Custom Elements Manifest) from the elements' sources, as
// configured in custom-elements-manifest.config.mjs, then the editor data made from it
// (scripts/editor-data.mjs). Part of `npm run build`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cem = `${root}node_modules/@custom-elements-manifest/analyzer/cem.js`;
const result = spawnSync(
  process.execPath,
  [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (result.status !== 0) process.exit(result.status ?? 1);

// A manifest without the tags would pass silently through every tool that reads it: fail here.
const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));
const tags = manifest.modules.flatMap((module) => module.declarations ?? []).map((declaration) => declaration.tagName);
for (const tag of ['execution-details', 'notebook-embed', 'embed-provider']) {
  if (!tags.includes(tag)) {
    console.error(`manifest: <${tag}> is missing from custom-elements.json`);
    process.exit(1);
  }
}
console.log(`manifest: custom-elements.json (${tags.filter(Boolean).join(', ')})`);

// VS Code custom data and web-types, from the manifest just written.
await import('./editor-data.mjs');
