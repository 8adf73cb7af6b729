/**
 * What editors read (after `npm run build`): custom-elements.json, and the VS Code custom data and
 * web-types made from it. Each must answer without our sources: the union behind a type alias,
 * every default, what the read-only `state` holds, what each field means, what `runAll()` gives.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = <T>(file: string): T => JSON.parse(readFileSync(`${root}${file}`, 'utf8')) as T;

interface Typed {
  name: string;
  type?: { text: string };
  default?: string;
  description?: string;
  readonly?: boolean;
  fieldName?: string;
  kind?: string;
  return?: { type?: { text: string } };
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  members?: Typed[];
  attributes?: Typed[];
  events?: Typed[];
}
const manifest = read<{ modules: Array<{ declarations?: Declaration[] }> }>('custom-elements.json');
const classes = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.kind === 'class');
const byName = (name: string) => classes.find((declaration) => declaration.name === name)!;
const attribute = (declaration: Declaration, name: string) => declaration.attributes!.find((a) => a.name === name)!;
const member = (declaration: Declaration, name: string) => declaration.members!.find((m) => m.name === name)!;

describe('custom-elements.json', () => {
  test('lists exactly the three tags as custom elements, not the abstract base', () => {
    const elements = classes.filter((declaration) => declaration.customElement);
    assert.deepEqual(elements.map((declaration) => declaration.tagName).sort(), [
      'embed-provider',
      'execution-details',
      'notebook-embed',
    ]);
    assert.equal(byName('EmbedElement').customElement, undefined);
  });

  test('type aliases are spelled out as their unions', () => {
    const notebook = byName('NotebookEmbed');
    assert.equal(attribute(notebook, 'token-delivery').type?.text, "'message' | 'url'");
    assert.equal(member(notebook, 'state').type?.text, "'idle' | 'loading' | 'authenticating' | 'ready' | 'error'");
    const text = JSON.stringify(manifest);
    for (const alias of ['TokenDelivery', 'EmbedState', 'ThemeSetting', 'CloseReason']) {
      assert.doesNotMatch(text, new RegExp(`"text":"[^"]*\\b${alias}\\b`), `${alias} left as an alias`);
    }
  });

  test('every setting with a default has it, machine-readable', () => {
    const execution = byName('ExecutionDetails');
    const defaults = Object.fromEntries(
      execution.attributes!.filter((a) => a.default !== undefined).map((a) => [a.name, a.default]),
    );
    assert.deepEqual(
      {
        language: defaults.language,
        'token-delivery': defaults['token-delivery'],
        'handshake-timeout': defaults['handshake-timeout'],
        modal: defaults.modal,
        'auto-resize': defaults['auto-resize'],
        allow: defaults.allow,
        referrerpolicy: defaults.referrerpolicy,
        state: defaults.state,
      },
      {
        language: "'en'",
        'token-delivery': "'message'",
        'handshake-timeout': '10000',
        modal: 'false',
        'auto-resize': 'true',
        allow: "'clipboard-write; fullscreen'",
        referrerpolicy: "'strict-origin-when-cross-origin'",
        state: "'idle'",
      },
    );
    assert.match(defaults.sandbox ?? '', /^'allow-scripts allow-same-origin/);
    // <embed-provider> has no defaults of its own: it passes on what it is given.
    assert.deepEqual(
      byName('EmbedProvider').attributes!.filter((a) => a.default !== undefined),
      [],
    );
  });

  test('`state` is typed and read-only; the attribute carries the type too', () => {
    const notebook = byName('NotebookEmbed');
    assert.equal(member(notebook, 'state').readonly, true);
    assert.match(attribute(notebook, 'state').type?.text ?? '', /'ready'/);
  });

  test("every public field of every tag is described (the provider's too)", () => {
    for (const declaration of classes.filter((d) => d.tagName)) {
      for (const field of declaration.members!.filter((m) => m.kind === 'field')) {
        assert.ok(field.description, `${declaration.tagName}.${field.name} has no description`);
      }
    }
  });

  test('`runAll()` is typed with its result, not `Promise<unknown>`', () => {
    assert.equal(member(byName('NotebookEmbed'), 'runAll').return?.type?.text, 'Promise<RunAllResult>');
    assert.doesNotMatch(JSON.stringify(manifest), /Promise<unknown>/);
  });
});

describe('editor data made from the manifest', () => {
  test('vscode.html-custom-data.json: the tags, their attributes, values of unions, boolean attributes', () => {
    const data = read<{
      version: number;
      tags: Array<{
        name: string;
        attributes: Array<{ name: string; values?: Array<{ name: string }>; valueSet?: string }>;
      }>;
    }>('vscode.html-custom-data.json');
    assert.equal(data.version, 1.1);
    assert.deepEqual(data.tags.map((tag) => tag.name).sort(), [
      'embed-provider',
      'execution-details',
      'notebook-embed',
    ]);
    const notebook = data.tags.find((tag) => tag.name === 'notebook-embed')!;
    const attr = (name: string) => notebook.attributes.find((a) => a.name === name)!;
    assert.deepEqual(attr('token-delivery').values, [{ name: 'message' }, { name: 'url' }]);
    assert.equal(attr('debug').valueSet, 'v');
    assert.ok(attr('src'));
  });

  test('web-types.json: attributes with defaults, properties and events of each tag', () => {
    const pkg = read<{ name: string; version: string; 'web-types'?: string; files: string[] }>('package.json');
    const data = read<{
      name: string;
      version: string;
      contributions: {
        html: {
          elements: Array<{
            name: string;
            attributes: Array<{ name: string; default?: string }>;
            js: { properties: Array<{ name: string }>; events: Array<{ name: string; type?: string }> };
          }>;
        };
      };
    }>('web-types.json');
    assert.equal(data.name, pkg.name);
    assert.equal(data.version, pkg.version);
    assert.equal(pkg['web-types'], './web-types.json');
    assert.ok(pkg.files.includes('web-types.json') && pkg.files.includes('vscode.html-custom-data.json'));
    const notebook = data.contributions.html.elements.find((element) => element.name === 'notebook-embed')!;
    assert.equal(notebook.attributes.find((a) => a.name === 'handshake-timeout')?.default, '10000');
    assert.ok(notebook.js.properties.some((p) => p.name === 'tokenProvider'));
    assert.equal(
      notebook.js.events.find((e) => e.name === 'parameter-change')?.type,
      'CustomEvent<ParameterChangeDetail>',
    );
  });
});
