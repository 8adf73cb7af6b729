/**
 * Structural limits checked before schema validation. A hostile or buggy frame can send
 * anything the structured-clone algorithm accepts; these bounds keep validation cheap and
 * keep prototype-polluting keys out of every object we hand on (THREATS 31, 35).
 */
export const LIMITS = {
  /** Deepest nesting accepted in a message. */
  maxDepth: 32,
  /** Most values (objects, arrays, primitives) walked in one message. */
  maxNodes: 10_000,
  /** Longest string accepted anywhere in a message (characters). */
  maxStringLength: 1_000_000,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * True when `value` stays within {@link LIMITS} and holds no `__proto__`, `constructor`
 * or `prototype` key at any depth. Iterative, so 10k-deep nesting cannot overflow the stack.
 */
export function isWithinLimits(value: unknown): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > LIMITS.maxNodes || depth > LIMITS.maxDepth) return false;
    if (typeof current === 'string') {
      if (current.length > LIMITS.maxStringLength) return false;
    } else if (current !== null && typeof current === 'object') {
      for (const key of Object.keys(current)) {
        if (FORBIDDEN_KEYS.has(key)) return false;
        stack.push([(current as Record<string, unknown>)[key], depth + 1]);
      }
    }
  }
  return true;
}
