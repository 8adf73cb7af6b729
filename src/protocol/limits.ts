/**
 * Structural limits checked before schema validation. A hostile or buggy frame can send
 * anything the structured-clone algorithm accepts; the protocol carries JSON-like data only.
 * Every check looks at the kind and size of a value before walking it, so a check costs
 * O(limits), never O(size of the message): a 10 MB typed array or a 50 MB String object is
 * refused at a glance instead of having its indices enumerated (THREATS 31, 35).
 */
export const LIMITS = {
  /** Deepest nesting accepted in a message. */
  maxDepth: 32,
  /** Most values (objects, arrays, primitives) walked in one message. */
  maxNodes: 10_000,
  /** Longest string accepted anywhere in a message (characters). */
  maxStringLength: 1_000_000,
  /** Longest object key accepted (characters). */
  maxKeyLength: 1_000,
  /** Tallest frame a RESIZE can ask for (CSS px); taller requests are clamped to it. */
  maxHeight: 100_000,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether `value` is a container the protocol carries: a plain object or an array. Map, Set,
 * Date, RegExp, Error, Blob, File, ArrayBuffer, typed arrays, DataView and String/Number/Boolean
 * objects are not JSON-like, whatever their size, and are refused at a glance.
 */
function isPlainContainer(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return Array.isArray(value) ? prototype === Array.prototype : prototype === Object.prototype || prototype === null;
}

/**
 * True when `value` is plain data (objects, arrays, strings, numbers, booleans,
 * null, undefined) within {@link LIMITS}, with no `__proto__`, `constructor` or `prototype`
 * key at any depth. Recursive, but never deeper than `maxDepth`, so nesting cannot overflow
 * the stack; it allocates nothing per value (this runs for every message the host receives).
 */
export function isWithinLimits(value: unknown): boolean {
  nodes = 0;
  return walk(value, 0);
}

/** Values seen by the walk in progress (the walk is synchronous: one counter will do). */
let nodes = 0;

function walk(current: unknown, depth: number): boolean {
  if (++nodes > LIMITS.maxNodes || depth > LIMITS.maxDepth) return false;
  if (typeof current === 'string') return current.length <= LIMITS.maxStringLength;
  if (typeof current !== 'object' || current === null) return typeof current !== 'bigint'; // bigint: not JSON-like
  if (!isPlainContainer(current)) return false;
  // A huge (or sparse) array is refused by its length, before any index is listed.
  if (Array.isArray(current) && current.length > LIMITS.maxNodes) return false;
  // for-in rather than Object.keys: it can stop at the limit instead of listing a
  // million keys first (engines that build the whole key list still skip the copy).
  for (const key in current) {
    if (!Object.hasOwn(current, key)) continue;
    if (key.length > LIMITS.maxKeyLength || FORBIDDEN_KEYS.has(key)) return false;
    if (!walk((current as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
