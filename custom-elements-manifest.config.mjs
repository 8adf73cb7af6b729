// The Custom Elements Manifest (custom-elements.json at the package root, `customElements` in
// package.json), generated from the elements' JSDoc by @custom-elements-manifest/analyzer:
// `node scripts/manifest.mjs`, part of `npm run build`. IDEs, Storybook and framework tooling
// read it for the tags' attributes, properties, events, slots, CSS parts and custom properties.
//
// The plugin below makes it describe the published package rather than the sources:
// 1. Event types come from the event maps in src/elements/events.ts (`CustomEvent<ParameterChangeDetail>`),
//    and each tag lists exactly the events of its map (the shared base class documents them all).
// 2. Private and protected members are left out: the manifest is the public API.
// 3. Paths point at dist/esm/*.js, the files in the package, and the `frameport` entry lists the
//    tags it defines (it registers them with a guarded `define()`, which the analyzer cannot see).
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const EVENTS_SOURCE = 'src/elements/events.ts';
/** Which event map (src/elements/events.ts) holds the events of each class. */
const EVENT_MAP_OF = {
  EmbedElement: 'EmbedEventMap',
  ExecutionDetails: 'ExecutionDetailsEventMap',
  NotebookEmbed: 'NotebookEmbedEventMap',
};

/** `{ MapName: { eventName: 'CustomEvent<Detail>' } }`, with `extends` resolved. */
function readEventMaps() {
  const source = ts.createSourceFile(EVENTS_SOURCE, readFileSync(EVENTS_SOURCE, 'utf8'), ts.ScriptTarget.ES2022, true);
  const own = new Map();
  const parents = new Map();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) || !statement.name.text.endsWith('EventMap')) continue;
    const events = {};
    for (const member of statement.members) {
      if (ts.isPropertySignature(member) && member.type)
        events[member.name.getText(source).replace(/^'|'$/g, '')] = member.type.getText(source);
    }
    own.set(statement.name.text, events);
    parents.set(
      statement.name.text,
      (statement.heritageClauses ?? []).flatMap((clause) =>
        clause.types.map((type) => type.expression.getText(source)),
      ),
    );
  }
  const resolve = (name) => Object.assign({}, ...(parents.get(name) ?? []).map(resolve), own.get(name));
  return Object.fromEntries([...own.keys()].map((name) => [name, resolve(name)]));
}

const toDist = (path) => path.replace(/^\/?src\//, 'dist/esm/').replace(/\.ts$/, '.js');

function publishedApi() {
  return {
    name: 'frameport-published-api',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const maps = readEventMaps();
      const definitions = [];
      for (const module of manifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          declaration.members = (declaration.members ?? []).filter(
            (member) => !member.name.startsWith('#') && member.privacy !== 'private' && member.privacy !== 'protected',
          );
          const map = maps[EVENT_MAP_OF[declaration.name]];
          if (map) {
            const documented = new Map((declaration.events ?? []).map((event) => [event.name, event]));
            declaration.events = Object.entries(map).map(([name, type]) => ({
              ...documented.get(name),
              name,
              type: { text: type },
            }));
          }
          if (declaration.tagName) {
            definitions.push({
              kind: 'custom-element-definition',
              name: declaration.tagName,
              declaration: { name: declaration.name, module: toDist(module.path) },
            });
          }
        }
      }
      // Every `module` reference, wherever it sits (declarations, inheritedFrom, superclass, exports).
      const rewrite = (value) => {
        if (Array.isArray(value)) return value.forEach(rewrite);
        if (!value || typeof value !== 'object') return;
        for (const [key, inner] of Object.entries(value)) {
          if ((key === 'module' || key === 'path') && typeof inner === 'string' && /^\/?src\//.test(inner))
            value[key] = toDist(inner);
          else rewrite(inner);
        }
      };
      rewrite(manifest.modules);
      manifest.modules.push({
        kind: 'javascript-module',
        path: 'dist/esm/index.js',
        declarations: [],
        exports: definitions,
      });
    },
  };
}

export default {
  globs: ['src/elements/embed-element.ts', 'src/elements/*.component.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publishedApi()],
};
