import { METADATA_PREFIX, isMetadataName } from './metadata.js';

/** `${{namespace.NAME}}`, spaces inside the braces allowed (seed 003). */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type PlaceholderKind = 'variables' | 'secrets' | typeof METADATA_PREFIX;
export interface PlaceholderRef {
  kind: PlaceholderKind;
  name: string;
  /** The placeholder as written. */
  text: string;
}

/** What a template refers to, and what is wrong with it (unknown namespaces, unknown metadata, stray `${{`). */
export function scanTemplate(template: string): { refs: PlaceholderRef[]; problems: string[] } {
  const refs: PlaceholderRef[] = [];
  const problems: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [text, namespace, name] = match as unknown as [string, string, string];
    if (namespace === 'variables' || namespace === 'secrets') refs.push({ kind: namespace, name, text });
    else if (namespace === METADATA_PREFIX) {
      if (isMetadataName(name)) refs.push({ kind: METADATA_PREFIX, name, text });
      else problems.push(`Unknown placeholder ${text}: ${METADATA_PREFIX} has no metadata named ${name}`);
    } else {
      const hint = isMetadataName(name) ? ` (execution metadata is \${{${METADATA_PREFIX}.${name}}})` : '';
      problems.push(`Unknown placeholder ${text}: use variables., secrets. or ${METADATA_PREFIX}.${hint}`);
    }
  }
  if (template.replace(PLACEHOLDER, '').includes('${{'))
    problems.push(`Malformed placeholder in "${truncate(template)}": write \${{variables.NAME}}`);
  return { refs, problems };
}

/** Replaces the placeholders `resolve` answers for; the others stay as written. */
export function substitute(template: string, resolve: (ref: PlaceholderRef) => string | undefined): string {
  return template.replace(PLACEHOLDER, (text, namespace: string, name: string) => {
    if (namespace !== 'variables' && namespace !== 'secrets' && namespace !== METADATA_PREFIX) return text;
    return resolve({ kind: namespace, name, text }) ?? text;
  });
}

/** Every string inside a JSON value (a webhook body), for scanning and substituting. */
export function mapJsonStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapJsonStrings(item, fn));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fn(k), mapJsonStrings(v, fn)]));
  return value;
}

const truncate = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
