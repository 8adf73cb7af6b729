/**
 * The iframe-side runtime for platforms that want to be embeddable with frameport:
 * `createGuest(options)` announces READY_FOR_TOKEN, receives the token, parameters and
 * settings from allow-listed parents only, exposes an RPC API, and emits typed events.
 * @packageDocumentation
 */
export { createGuest, type Guest, type GuestOptions, type GuestEmitter, type GuestApi } from './guest.js';
export { ErrorCode, FrameportError, PROTOCOL_VERSION } from '../protocol/index.js';
export type { Params, Settings, GuestMessage, HostMessage } from '../protocol/index.js';
