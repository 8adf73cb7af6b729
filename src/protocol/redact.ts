/** Replaces the token of a message with a marker, so it can be logged (THREATS 14). */
export function redact(message: unknown): unknown {
  if (message !== null && typeof message === 'object' && 'token' in message) {
    return { ...message, token: '[redacted]' };
  }
  return message;
}
