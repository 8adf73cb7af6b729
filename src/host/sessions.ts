import { forgetAllTokens } from './tokens.js';

/** How each live embed ends its session: registered while it runs. */
const live = new Set<() => void>();

/**
 * Registers how a live embed ends its session when the app signs out; returns the function
 * that unregisters it (call it when the embed goes away).
 */
export function onSignOut(end: () => void): () => void {
  const entry = () => end(); // one entry per registration
  live.add(entry);
  return () => void live.delete(entry);
}

/**
 * Call when the app's user signs out: forgets every cached token and pending token request of
 * this copy of the SDK, stops every refresh, and ends every live embed's session (its frame is
 * emptied and it fires `error` with cause `session-ended`). Embeds mounted afterwards ask their
 * token source again.
 */
export function signOut(): void {
  forgetAllTokens();
  for (const end of [...live]) end();
}
