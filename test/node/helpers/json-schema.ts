/**
 * A small JSON Schema (2020-12) validator for the keywords our OpenAPI 3.1 descriptions use: type
 * (one or several), const, enum, properties, required, additionalProperties, propertyNames,
 * maxProperties, items, maxItems, minimum, maximum, minLength, maxLength, and local `$ref`s. An unknown
 * keyword is an error, so a description cannot silently use more than this checks.
 */
type Schema = Record<string, unknown>;
const KNOWN = new Set([
  ...['type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'propertyNames', 'maxProperties'],
  ...['items', 'maxItems', 'minimum', 'maximum', 'minLength', 'maxLength', '$ref', 'description', 'default'],
]);

const typeOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number' && Number.isInteger(value)
        ? 'integer'
        : typeof value;

/** Every problem found, as `path: message`; empty when the value is valid. */
export function validate(root: Schema, schema: Schema, value: unknown, path = '$'): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) problems.push(`${path}: unsupported keyword ${key}`);
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, part) => (node as Schema | undefined)?.[part], root);
    if (!target) return [`${path}: unresolved ${schema.$ref}`];
    return validate(root, target as Schema, value, path);
  }
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = ([] as string[]).concat(schema.type as string | string[]);
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) return [...problems, `${path}: expected ${allowed.join(' or ')}, got ${actual}`];
  }
  if ('const' in schema && value !== schema.const) problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${path}: above ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) problems.push(`${path}: too short`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) problems.push(`${path}: too long`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${path}: too many items`);
    if (schema.items)
      value.forEach((item, i) => problems.push(...validate(root, schema.items as Schema, item, `${path}[${i}]`)));
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[])
      if (!(name in object)) problems.push(`${path}: missing ${name}`);
    if (typeof schema.maxProperties === 'number' && Object.keys(object).length > schema.maxProperties)
      problems.push(`${path}: too many properties`);
    for (const [name, item] of Object.entries(object)) {
      if (schema.propertyNames)
        problems.push(...validate(root, schema.propertyNames as Schema, name, `${path}[key ${name}]`));
      if (properties[name]) problems.push(...validate(root, properties[name], item, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property ${name}`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        problems.push(...validate(root, schema.additionalProperties as Schema, item, `${path}.${name}`));
    }
  }
  return problems;
}
