import { isWithinLimits } from './limits.js';
import { GuestMessage, HostMessage } from './messages.js';
import type { Schema } from './schema.js';

/** The result of parsing one inbound message: never throws, whatever it was given. */
export type ParseResult<T> =
  { ok: true; message: T } | { ok: false; reason: 'not-a-message' | 'too-large-or-unsafe' | 'invalid'; type?: string };

function parseWith<T>(schema: Schema<T>, data: unknown): ParseResult<T> {
  try {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'not-a-message' };
    const type = (data as { type?: unknown }).type;
    if (typeof type !== 'string') return { ok: false, reason: 'not-a-message' };
    const shortType = type.slice(0, 64);
    if (!isWithinLimits(data)) return { ok: false, reason: 'too-large-or-unsafe', type: shortType };
    const message = schema(data);
    return message === undefined ? { ok: false, reason: 'invalid', type: shortType } : { ok: true, message };
  } catch {
    // Getters on exotic objects or a bug in validation must never reach the page (THREATS 32).
    return { ok: false, reason: 'invalid' };
  }
}

/** Validates a message sent by the embed (guest) to the host page. */
export const parseGuestMessage = (data: unknown): ParseResult<GuestMessage> => parseWith(GuestMessage, data);

/** Validates a message sent by the host page to the embed (guest). */
export const parseHostMessage = (data: unknown): ParseResult<HostMessage> => parseWith(HostMessage, data);
