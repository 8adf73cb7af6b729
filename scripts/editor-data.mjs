// Editor data generated from custom-elements.json (the Custom Elements Manifest), shipped in the
// package like Shoelace and Web Awesome ship theirs:
// - vscode.html-custom-data.json: VS Code's HTML custom data (`"html.customData"` in settings)
//   for tag and attribute completion, hover docs and attribute values;
// - web-types.json: JetBrains IDEs' web-types (package.json `web-types`), which also know the
//   properties and events.
// Part of `npm run build` (scripts/manifest.mjs runs it); `node scripts/editor-data.mjs` alone works too.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** Every class with a tag: its description, attributes, public properties and events. */
const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.kind === 'class' && declaration.tagName);

/** `'message' | 'url'` -> ['message', 'url']; undefined unless every member is a string literal (or `undefined`). */
function literalValues(typeText) {
  if (!typeText) return undefined;
  const members = typeText
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined');
  const values = members.map((member) => /^'([^']*)'$/.exec(member)?.[1]);
  return values.length > 0 && values.every((value) => value !== undefined) ? values : undefined;
}

const isBoolean = (typeText) => /^boolean( \| undefined)?$/.test(typeText ?? '');
/** `'en'` -> `en`: the manifest keeps defaults as source text. */
const unquote = (text) => (typeof text === 'string' ? text.replace(/^'(.*)'$/, '$1') : text);
const describe = (item) => [item.summary, item.description].filter(Boolean).join('\n\n');
const repository = typeof pkg.repository === 'object' ? pkg.repository.url : pkg.repository;
const docs = pkg.homepage ?? (repository ? repository.replace(/^git\+/, '').replace(/\.git$/, '') : undefined);

const vscode = {
  $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
  version: 1.1,
  tags: elements.map((element) => ({
    name: element.tagName,
    description: describe(element),
    attributes: (element.attributes ?? []).map((attribute) => {
      const values = literalValues(attribute.type?.text);
      const text = [
        attribute.description,
        attribute.default === undefined ? '' : `Default: \`${unquote(attribute.default)}\`.`,
      ]
        .filter(Boolean)
        .join(' ');
      return {
        name: attribute.name,
        description: text,
        ...(isBoolean(attribute.type?.text) ? { valueSet: 'v' } : {}),
        ...(values ? { values: values.map((name) => ({ name })) } : {}),
      };
    }),
    ...(docs ? { references: [{ name: 'Documentation', url: docs }] } : {}),
  })),
};

const webTypes = {
  $schema: 'https://json.schemastore.org/web-types',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  contributions: {
    html: {
      elements: elements.map((element) => ({
        name: element.tagName,
        description: describe(element),
        ...(docs ? { 'doc-url': docs } : {}),
        attributes: (element.attributes ?? []).map((attribute) => ({
          name: attribute.name,
          description: attribute.description,
          ...(attribute.default === undefined ? {} : { default: unquote(attribute.default) }),
          value: isBoolean(attribute.type?.text)
            ? { type: 'boolean', kind: 'no-value' }
            : { type: literalValues(attribute.type?.text) ?? attribute.type?.text ?? 'string', kind: 'plain' },
        })),
        js: {
          properties: (element.members ?? [])
            .filter((member) => member.kind === 'field' && !member.static)
            .map((member) => ({
              name: member.name,
              description: member.description,
              ...(member.type?.text ? { type: member.type.text } : {}),
              ...(member.default === undefined ? {} : { default: unquote(member.default) }),
              ...(member.readonly ? { 'read-only': true } : {}),
            })),
          events: (element.events ?? []).map((event) => ({
            name: event.name,
            description: event.description,
            ...(event.type?.text ? { type: event.type.text } : {}),
          })),
        },
      })),
    },
  },
};

writeFileSync(`${root}vscode.html-custom-data.json`, `${JSON.stringify(vscode, null, 2)}\n`);
writeFileSync(`${root}web-types.json`, `${JSON.stringify(webTypes, null, 2)}\n`);
console.log(
  `editor data: vscode.html-custom-data.json, web-types.json (${elements.map((element) => element.tagName).join(', ')})`,
);
