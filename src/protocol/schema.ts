/**
 * A minimal schema toolkit for the wire protocol: each schema is a function that returns a
 * clean copy of a valid value (unknown keys dropped) or `undefined`, and TypeScript infers the
 * message types from it. It replaces zod in browser code: zod/mini costs ~6.5 kB gzip for a
 * three-message union, more than a third of the CDN budget; this costs a few hundred bytes.
 */
export type Schema<T> = (value: unknown) => T | undefined;

/** A schema whose key may be missing. */
export type Optional<T> = Schema<T | undefined> & { readonly optional: true };

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<S extends Shape> = Simplify<
  { [K in keyof S as S[K] extends { optional: true } ? never : K]: Infer<S[K]> } & {
    [K in keyof S as S[K] extends { optional: true } ? K : never]?: Exclude<Infer<S[K]>, undefined>;
  }
>;

/** A marker for "invalid" that no valid value can be (valid values may be `undefined`). */
const INVALID = Symbol();
type Result<T> = T | typeof INVALID;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

// Each factory is marked free of side effects, so a bundle drops the schemas it never uses (the
// host side needs no host-message schemas; see rollup's and esbuild's `__NO_SIDE_EFFECTS__`).

/** Runs `schema`, telling "invalid" apart from a valid `undefined`. */
const check = <T>(schema: Schema<T>, value: unknown): Result<T> => {
  const result = schema(value);
  return result === undefined && !(value === undefined && 'optional' in schema) ? INVALID : (result as T);
};

/* @__NO_SIDE_EFFECTS__ */
export const string =
  (max = Infinity, min = 0): Schema<string> =>
  (value) =>
    typeof value === 'string' && value.length >= min && value.length <= max ? value : undefined;

/* @__NO_SIDE_EFFECTS__ */
export const number =
  (valid: (n: number) => boolean = () => true): Schema<number> =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && valid(value) ? value : undefined;

/* @__NO_SIDE_EFFECTS__ */
export const literal =
  <const L extends string>(expected: L): Schema<L> =>
  (value) =>
    value === expected ? expected : undefined;

/** One of a few string values. */
/* @__NO_SIDE_EFFECTS__ */
export const oneOf =
  <const L extends string>(...allowed: L[]): Schema<L> =>
  (value) =>
    (allowed as unknown[]).includes(value) ? (value as L) : undefined;

export const boolean: Schema<boolean> = (value) => (typeof value === 'boolean' ? value : undefined);

/** Any value at all, passed through as it is (already a structured clone). */
export const unknown: Schema<unknown> = (value) => value;

/* @__NO_SIDE_EFFECTS__ */
export const optional = <T>(schema: Schema<T>): Optional<T> =>
  Object.assign((value: unknown) => (value === undefined ? undefined : schema(value)), { optional: true as const });

/* @__NO_SIDE_EFFECTS__ */
export const array =
  <T>(item: Schema<T>, max = Infinity): Schema<T[]> =>
  (value) => {
    if (!Array.isArray(value) || value.length > max) return undefined;
    const out: T[] = [];
    for (const element of value) {
      const result = check(item, element);
      if (result === INVALID) return undefined;
      out.push(result);
    }
    return out;
  };

/** A plain object with string keys whose values all match `item`. */
/* @__NO_SIDE_EFFECTS__ */
export const record =
  <T>(item: Schema<T>): Schema<Record<string, T>> =>
  (value) => {
    if (!isPlainObject(value)) return undefined;
    const out: Record<string, T> = {};
    for (const key of Object.keys(value)) {
      const result = check(item, value[key]);
      if (result === INVALID) return undefined;
      out[key] = result;
    }
    return out;
  };

/** A plain object with these keys; others are dropped, or kept when `loose`. */
/* @__NO_SIDE_EFFECTS__ */
export const object = <S extends Shape>(shape: S, loose = false): Schema<ObjectOf<S>> => {
  const entries = Object.entries(shape); // listed once, not per message
  return (value) => {
    if (!isPlainObject(value)) return undefined;
    const out: Record<string, unknown> = loose ? { ...value } : {};
    for (const [key, schema] of entries) {
      const result = check(schema, value[key]);
      if (result === INVALID) return undefined;
      if (result !== undefined) out[key] = result;
    }
    return out as ObjectOf<S>;
  };
};

/** A plain object with these keys, keeping any others as they are. */
/* @__NO_SIDE_EFFECTS__ */
export const looseObject = <S extends Shape>(shape: S): Schema<ObjectOf<S> & Record<string, unknown>> =>
  object(shape, true);

/** One of several object schemas, chosen by the value of their `type` key. */
/* @__NO_SIDE_EFFECTS__ */
export const byType =
  <S extends Schema<{ type: string }>>(members: Record<string, S>): Schema<Infer<S>> =>
  (value) => {
    const type = isPlainObject(value) ? value.type : undefined;
    const member = typeof type === 'string' && Object.hasOwn(members, type) ? members[type] : undefined;
    return member?.(value) as Infer<S> | undefined;
  };
