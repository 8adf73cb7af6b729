import { ErrorCode, FrameportError, toFrameportError } from '../protocol/errors.js';
import { EXPIRY_SKEW, toGrant } from './tokens.js';
import type { ConnectOptions, TokenGrant, TokenSourceLike } from './types.js';

/** Refresh this long before expiry: a fifth of the lifetime, between 1 s and 60 s. */
const refreshLead = (lifetime: number) => Math.min(60_000, Math.max(1_000, lifetime / 5));
/** TOKEN_EXPIRED more often than this within LOOP_WINDOW means a refresh loop (THREATS 24). */
const LOOP_LIMIT = 3;
const LOOP_WINDOW = 10_000;
const MAX_TIMER = 2 ** 31 - 1;

export interface RefreshOptions {
  tokens: TokenSourceLike;
  onTokenExpiring: ConnectOptions['onTokenExpiring'];
  /** Sends a refreshed token to the embed. */
  send(grant: TokenGrant): void;
  /** The refresh failed for good, or the embed keeps rejecting tokens. */
  fail(error: FrameportError): void;
  /** The source answered `null`. */
  ended(): void;
}

export interface Refresher {
  /** The token the embed holds now. */
  readonly grant: TokenGrant | undefined;
  /** A token for a handshake: valid for `minValidity` ms more (default: enough for its lifetime). */
  obtain(force: boolean, minValidity?: number): Promise<TokenGrant | null>;
  /** Records the token just sent and schedules its refresh. */
  hold(grant: TokenGrant): void;
  /** Obtains a new token (from `onTokenExpiring` first) and sends it. */
  refresh(force: boolean): Promise<void>;
  /** The embed said TOKEN_EXPIRED: refresh, unless it keeps saying so (a loop). */
  expired(): void;
  /** After sleep, bfcache or going back online the clock may have jumped (THREATS 25, 26). */
  wake(): void;
  /** Drops a refresh in flight (a new handshake supersedes it); keeps the token. */
  cancel(): void;
  /** Forgets the token and stops the timer. */
  stop(): void;
}

/** Keeps one embed's token fresh: ahead of expiry, on TOKEN_EXPIRED and on wake-up (THREATS 23-26). */
export function createRefresher(options: RefreshOptions): Refresher {
  const { tokens } = options;
  let grant: TokenGrant | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expiredAt: number[] = [];
  let round = 0;

  const schedule = () => {
    clearTimeout(timer);
    if (grant?.expiresAt === undefined) return;
    const lifetime = grant.expiresAt - Date.now();
    const delay = Math.min(MAX_TIMER, Math.max(1_000, lifetime - refreshLead(lifetime)));
    timer = setTimeout(() => void refresher.refresh(false), delay);
  };

  const refresher: Refresher = {
    get grant() {
      return grant;
    },
    obtain(force, minValidity) {
      if (force && grant) tokens.invalidate?.(grant.token);
      const lead = grant?.expiresAt !== undefined ? refreshLead(grant.expiresAt - Date.now()) : EXPIRY_SKEW;
      minValidity ??= Math.max(EXPIRY_SKEW, lead);
      return tokens.get({ minValidity, force: force && !tokens.invalidate });
    },
    hold(next) {
      grant = next;
      schedule();
    },
    async refresh(force) {
      if (!grant) return;
      const current = ++round;
      let next: TokenGrant | null;
      try {
        const supplied = await options.onTokenExpiring?.();
        // A token from the app gets its expiry read like any other (JWT `exp`, or `expiresAt`).
        next = supplied ? toGrant(supplied) : await refresher.obtain(force);
      } catch (thrown) {
        if (current !== round || !grant) return;
        // While the embed's token is still good, failures stay quiet (token-refresh-failed events
        // tell the app); either way the loop keeps trying through an outage (THREATS 23).
        const remaining = (grant.expiresAt ?? 0) - Date.now();
        if (force || remaining <= 0) options.fail(toFrameportError(thrown));
        clearTimeout(timer);
        timer = setTimeout(() => void refresher.refresh(false), Math.max(1_000, Math.min(30_000, remaining / 2)));
        return;
      }
      if (current !== round || !grant) return; // stopped, or a newer handshake won
      if (next === null) return options.ended();
      options.send(next);
    },
    expired() {
      const now = Date.now();
      expiredAt = [...expiredAt.filter((t) => now - t < LOOP_WINDOW), now];
      if (expiredAt.length > LOOP_LIMIT) {
        clearTimeout(timer);
        return options.fail(
          new FrameportError(ErrorCode.TOKEN_UNAVAILABLE, 'The embed keeps rejecting fresh tokens.', {
            cause: 'refresh-loop',
            hint: 'The tokens may be for another platform, integration or scope than this embed.',
          }),
        );
      }
      void refresher.refresh(true);
    },
    wake() {
      if (!grant?.expiresAt) return; // hidden or not: timers were throttled while asleep either way
      const lifetime = grant.expiresAt - Date.now();
      if (lifetime <= refreshLead(lifetime)) void refresher.refresh(false);
      else schedule();
    },
    cancel() {
      round++;
      clearTimeout(timer);
    },
    stop() {
      refresher.cancel();
      grant = undefined;
    },
  };
  return refresher;
}
