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
// 4. Editors can use every entry without reading our sources: type aliases of string literals are
//    spelled out as their unions (`'message' | 'url'`, not `TokenDelivery`), every setting has a
//    machine-readable `default` (read from the constants in the sources), fields and attributes
//    share their descriptions, the read-only getters are marked `readonly`, and the abstract base
//    class is not flagged as a custom element (it has no tag).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Every `.ts` file under `dir`. */
const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

const parse = (file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);

/** `{ TokenDelivery: "'message' | 'url'" }`: every type alias in src/ that is a union of string literals (aliases of such unions resolved). */
function readLiteralUnions() {
  const aliases = new Map();
  for (const file of sourceFiles('src')) {
    const source = parse(file);
    for (const statement of source.statements) {
      if (ts.isTypeAliasDeclaration(statement) && !statement.typeParameters)
        aliases.set(statement.name.text, statement.type);
    }
  }
  const resolve = (node, seen = new Set()) => {
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return [`'${node.literal.text}'`];
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.map((type) => resolve(type, seen));
      return parts.every(Boolean) ? parts.flat() : undefined;
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && aliases.has(node.typeName.text)) {
      const name = node.typeName.text;
      return seen.has(name) ? undefined : resolve(aliases.get(name), new Set([...seen, name]));
    }
    return undefined;
  };
  const unions = {};
  for (const [name, type] of aliases) {
    const members = resolve(type);
    if (members && members.length > 1) unions[name] = members.join(' | ');
  }
  return unions;
}

/**
 * The value of a `const NAME = literal` or of `const NAME = { key: literal }` (`NAME.key`) in any
 * file of src/elements, as source text.
 */
function readConstant(path) {
  const [name, key] = path.split('.');
  for (const file of sourceFiles('src/elements')) {
    const source = parse(file);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (declaration.name.getText(source) !== name || !declaration.initializer) continue;
        let value = declaration.initializer;
        if (ts.isAsExpression(value)) value = value.expression;
        if (key) {
          const property = ts.isObjectLiteralExpression(value)
            ? value.properties.find((entry) => entry.name?.getText(source) === key)
            : undefined;
          value = property && ts.isPropertyAssignment(property) ? property.initializer : undefined;
        }
        if (value) return value.getText(source).replace(/_/g, '');
      }
    }
  }
  throw new Error(`custom-elements-manifest: ${path} not found in src/elements (a default in the manifest needs it)`);
}

/** Defaults the analyzer cannot see (getters that fall back to a constant): field -> source text. */
function readDefaults() {
  return {
    language: readConstant('DEFAULT_LANGUAGE'),
    handshakeTimeout: readConstant('DEFAULT_HANDSHAKE_TIMEOUT'),
    sandbox: readConstant('FRAME_DEFAULTS.sandbox'),
    allow: readConstant('FRAME_DEFAULTS.allow'),
    referrerPolicy: readConstant('FRAME_DEFAULTS.referrerPolicy'),
    tokenDelivery: "'message'",
    modal: 'false',
    theme: "'auto'",
    state: "'idle'",
  };
}

/** Getter-only members: read-only state of the element. */
const READONLY = new Set(['state', 'timeline', 'features']);

/** Applies section 4 of the header to one class declaration. */
function completeForEditors(declaration, unions, defaults) {
  if (!declaration.tagName) delete declaration.customElement;
  // <embed-provider> passes on only what it is given: its settings have no defaults of their own.
  const ownDefaults = declaration.name === 'EmbedProvider' ? {} : defaults;
  const expand = (type) => {
    if (type?.text) {
      type.text = type.text.replace(/\b[A-Z]\w*\b/g, (name) => (unions[name] ? unions[name] : name));
    }
  };
  const fields = new Map();
  for (const member of declaration.members ?? []) {
    expand(member.type);
    expand(member.return?.type);
    for (const parameter of member.parameters ?? []) expand(parameter.type);
    if (member.kind !== 'field') continue;
    fields.set(member.name, member);
    if (member.default === undefined && ownDefaults[member.name] !== undefined)
      member.default = ownDefaults[member.name];
    if (READONLY.has(member.name)) member.readonly = true;
  }
  for (const attribute of declaration.attributes ?? []) {
    const field = fields.get(attribute.fieldName ?? (attribute.name === 'state' ? 'state' : ''));
    if (!attribute.type && field?.type) attribute.type = { ...field.type };
    expand(attribute.type);
    if (field) {
      if (attribute.default === undefined && field.default !== undefined) attribute.default = field.default;
      if (!field.description && attribute.description) field.description = attribute.description;
      if (!attribute.description && field.description) attribute.description = field.description;
    }
  }
}

const toDist = (path) => path.replace(/^\/?src\//, 'dist/esm/').replace(/\.ts$/, '.js');

function publishedApi() {
  return {
    name: 'frameport-published-api',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const maps = readEventMaps();
      const unions = readLiteralUnions();
      const defaults = readDefaults();
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
          completeForEditors(declaration, unions, defaults);
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
