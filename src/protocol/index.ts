/**
 * The frameport wire protocol: a schema for every message in both directions,
 * the TypeScript types inferred from them, and parse functions that never throw.
 * No DOM, no state.
 * @packageDocumentation
 */
export * from './messages.js';
export type { Schema, Infer } from './schema.js';
export { parseGuestMessage, parseHostMessage, type ParseResult } from './parse.js';
export { LIMITS, isWithinLimits } from './limits.js';
export { redact } from './redact.js';
export {
  ErrorCode,
  FrameportError,
  isFrameportError,
  toFrameportError,
  cloneFailure,
  type ErrorInfo,
} from './errors.js';
