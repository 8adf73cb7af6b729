import { METADATA_NAMESPACES, METADATA_PREFIX, isMetadataName } from './metadata.js';

/** `${{namespace.NAME}}`, spaces inside the braces allowed (seed 003). */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** A string that is nothing but one placeholder: in a JSON body it takes the value's own JSON type. */
const WHOLE = /^\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** `metadata` is the execution's metadata, written `${{erathos.NAME}}` or `${{frameport.NAME}}`. */
export type PlaceholderKind = 'variables' | 'secrets' | 'metadata';
export interface PlaceholderRef {
  kind: PlaceholderKind;
  name: string;
  /** The placeholder as written. */
  text: string;
}

function kindOf(namespace: string): PlaceholderKind | undefined {
  if (namespace === 'variables' || namespace === 'secrets') return namespace;
  return METADATA_NAMESPACES.includes(namespace) ? 'metadata' : undefined;
}

/** What a template refers to, and what is wrong with it (unknown namespaces, unknown metadata, stray `${{`). */
export function scanTemplate(template: string): { refs: PlaceholderRef[]; problems: string[] } {
  const refs: PlaceholderRef[] = [];
  const problems: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [text, namespace, name] = match as unknown as [string, string, string];
    const kind = kindOf(namespace);
    if (kind === 'variables' || kind === 'secrets') refs.push({ kind, name, text });
    else if (kind === 'metadata') {
      if (isMetadataName(name)) refs.push({ kind, name, text });
      else problems.push(`Unknown placeholder ${text}: ${namespace} has no metadata named ${name}`);
    } else {
      const hint = isMetadataName(name) ? ` (execution metadata is \${{${METADATA_PREFIX}.${name}}})` : '';
      problems.push(`Unknown placeholder ${text}: use variables., secrets. or ${METADATA_PREFIX}.${hint}`);
    }
  }
  if (template.replace(PLACEHOLDER, '').includes('${{'))
    problems.push(`Malformed placeholder in "${truncate(template)}": write \${{variables.NAME}}`);
  return { refs, problems };
}

/**
 * Replaces the placeholders `resolve` answers for; the others stay as written. `encode` is applied
 * to each inserted value (URLs: percent-encoding), never to the template's own text.
 */
export function substitute(
  template: string,
  resolve: (ref: PlaceholderRef) => string | undefined,
  encode: (value: string, offset: number) => string = (value) => value,
): string {
  return template.replace(PLACEHOLDER, (text, namespace: string, name: string, offset: number) => {
    const kind = kindOf(namespace);
    if (!kind) return text;
    const value = resolve({ kind, name, text });
    return value === undefined ? text : encode(value, offset);
  });
}

/**
 * Fills a URL template: every inserted value is percent-encoded (a value cannot add a path segment,
 * a query parameter or another host), except a placeholder that starts the URL, which is a base URL
 * kept in a variable and is inserted as is.
 */
export function substituteUrl(template: string, resolve: (ref: PlaceholderRef) => string | undefined): string {
  return substitute(template, resolve, (value, offset) => (offset === 0 ? value : encodeURIComponent(value)));
}

/** The placeholder a string consists of, if it is nothing else. */
export function wholePlaceholder(text: string): PlaceholderRef | undefined {
  const match = WHOLE.exec(text);
  const kind = match ? kindOf(match[1]!) : undefined;
  return match && kind ? { kind, name: match[2]!, text } : undefined;
}

/** Every string inside a JSON value (a webhook body), for scanning and substituting. */
export function mapJsonStrings(value: unknown, fn: (text: string) => string): unknown {
  return mapJsonValues(value, fn, fn);
}

/** Like `mapJsonStrings`, but a string value (not a key) may become any JSON value. */
export function mapJsonValues(value: unknown, key: (text: string) => string, fn: (text: string) => unknown): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapJsonValues(item, key, fn));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [key(k), mapJsonValues(v, key, fn)]));
  return value;
}

const truncate = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
