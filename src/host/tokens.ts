import { ErrorCode, FrameportError } from '../protocol/index.js';
import { jwtTimes } from './jwt.js';
import type { RetryOptions, TokenEvent, TokenGrant, TokenProvider, TokenSourceLike } from './types.js';

/** How long before expiry a token counts as stale (clock skew and network time). */
export const EXPIRY_SKEW = 5_000;

type Listener = (event: TokenEvent) => void;

/** A TOKEN_UNAVAILABLE error with its cause, and its hint if any. */
export const unavailable = (message: string, cause: string, hint?: string) =>
  new FrameportError(ErrorCode.TOKEN_UNAVAILABLE, message, { cause, hint });

/** Where a token-url answer records the server's clock (its `Date` header), in ms. */
const SERVER_TIME = Symbol('serverTime');

/**
 * By how much the issuer's clock is ahead of ours: from the token endpoint's `Date` header, or
 * from a JWT `iat` in our future (one in the past may just be a token cached by the server, so it
 * proves nothing). Small differences are noise. Expiry is moved onto our clock by this amount, so
 * a slow local clock does not keep a token past its real end (issue 9).
 */
function clockOffset(value: unknown, issuedAt: number | undefined): number {
  const serverTime =
    typeof value === 'object' && value !== null ? (value as { [SERVER_TIME]?: number })[SERVER_TIME] : undefined;
  const offset = serverTime ?? (issuedAt !== undefined && issuedAt > Date.now() ? issuedAt : Date.now());
  const difference = offset - Date.now();
  return Math.abs(difference) > 5_000 ? difference : 0;
}

/** Turns whatever a source answered into a grant, or explains why it is not one. */
export function toGrant(value: unknown): TokenGrant | null {
  if (value === null) return null;
  const token = typeof value === 'string' ? value : (value as { token?: unknown }).token;
  if (typeof token !== 'string' || token === '') {
    throw unavailable(
      'The token source answered something that is not a token.',
      'token-invalid',
      'Return a string or { token, expiresAt }.',
    );
  }
  const given = typeof value === 'object' ? (value as { expiresAt?: unknown }).expiresAt : undefined;
  const times = jwtTimes(token);
  const issuerExpiry = typeof given === 'number' && Number.isFinite(given) ? given : times.exp;
  const expiresAt = issuerExpiry === undefined ? undefined : issuerExpiry - clockOffset(value, times.iat);
  if (expiresAt !== undefined && expiresAt <= Date.now()) {
    throw unavailable(
      'The token source answered an expired token.',
      'token-expired',
      'Check the server clock and the token lifetime.',
    );
  }
  return expiresAt === undefined ? { token } : { token, expiresAt };
}

/** What a thrown value says, without any text a parser may have quoted. */
function describeThrown(thrown: unknown): string {
  if (!(thrown instanceof Error)) return String(thrown).slice(0, 200);
  return thrown.name === 'SyntaxError' ? 'SyntaxError (message withheld)' : thrown.message.slice(0, 200);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(unavailable(`The token source did not answer within ${ms} ms.`, 'token-timeout')),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Bumped by {@link forgetAllTokens} (`signOut()`): a token obtained, or a request started, in an
 * earlier session is never handed out again.
 */
let session = 0;

/** The session has ended: the app signed out (`signOut()`); `hint` says what to do next. */
export const signedOut = (hint: string) =>
  unavailable('The session has ended: the app signed out.', 'session-ended', hint);

const sessionEnded = () => signedOut('Mount the embed again once signed in.');

/** The token provider answered `null`: nobody is signed in any more. */
export const providerEnded = () =>
  unavailable('The session has ended: the token provider answered null.', 'session-ended');

/**
 * A token source with a memory: it hands out the current token while it is fresh,
 * shares one call among concurrent requests (THREATS 21), retries failures with
 * jittered exponential backoff (THREATS 23), and tells subscribers what happened.
 * The token lives in memory only, never in storage (THREATS 15), and only while an embed
 * uses it: when the last subscriber leaves, or on `signOut()`, it is forgotten, so an embed
 * mounted for the next user asks the source again.
 */
export class TokenCache implements TokenSourceLike {
  #current: TokenGrant | undefined;
  #inflight: Promise<TokenGrant | null> | undefined;
  /** Changes whenever the cache forgets: answers to older requests are dropped. */
  #epoch = 0;
  #session = session;
  readonly #listeners = new Set<Listener>();
  readonly #fetch: () => Promise<unknown>;
  readonly #retry: Required<RetryOptions>;

  constructor(fetch: () => Promise<unknown>, retry: RetryOptions = {}) {
    this.#fetch = fetch;
    this.#retry = { attempts: 3, baseDelay: 500, timeout: 10_000, ...retry };
  }

  /** Registers a listener for token events; returns the function that removes it. */
  subscribe(listener: Listener): () => void {
    const entry: Listener = (event) => listener(event); // one entry per subscription
    this.#listeners.add(entry);
    return () => {
      if (this.#listeners.delete(entry) && this.#listeners.size === 0) this.#forget();
    };
  }

  /** Drops the token and any request in flight (the last embed using it went away). */
  #forget(): void {
    this.#current = undefined;
    this.#inflight = undefined;
    this.#epoch++;
  }

  /** Forgets `token` if it is the current one (the embed said it was rejected). */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  get({
    minValidity = EXPIRY_SKEW,
    force = false,
  }: { minValidity?: number; force?: boolean } = {}): Promise<TokenGrant | null> {
    if (this.#session !== session) {
      this.#session = session;
      this.#forget();
    }
    const current = this.#current;
    if (!force && current && (current.expiresAt === undefined || current.expiresAt - Date.now() > minValidity)) {
      return Promise.resolve(current);
    }
    if (!this.#inflight) {
      const inflight = this.#fetchWithRetry().finally(() => {
        if (this.#inflight === inflight) this.#inflight = undefined;
      });
      this.#inflight = inflight;
    }
    return this.#inflight;
  }

  #emit(event: TokenEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  async #fetchWithRetry(): Promise<TokenGrant | null> {
    const { attempts, baseDelay, timeout } = this.#retry;
    const epoch = this.#epoch;
    const started = session;
    const forgotten = () => epoch !== this.#epoch || started !== session;
    for (let attempt = 1; ; attempt++) {
      try {
        // Called in this task (a throw still becomes a rejection): the request starts at once.
        const answer = await withTimeout(new Promise((resolve) => resolve(this.#fetch())), timeout);
        // Signed out (or no embed left) meanwhile: this answer belongs to an ended session.
        if (forgotten()) throw sessionEnded();
        const grant = toGrant(answer);
        this.#current = grant ?? undefined;
        this.#emit(grant ? { type: 'token-refreshed', expiresAt: grant.expiresAt } : { type: 'session-ended' });
        return grant;
      } catch (cause) {
        if (forgotten()) throw sessionEnded(); // no retries, no events for an ended session
        const error =
          cause instanceof FrameportError
            ? cause
            : unavailable(
                // A parser's message quotes its input (a response body, hence maybe a token):
                // a SyntaxError is reported by its name only; other messages are the app's own.
                `The token source failed: ${describeThrown(cause)}`,
                'token-source-failed',
              );
        const last = attempt >= attempts;
        const delay = last ? 0 : baseDelay * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
        this.#emit({
          type: 'token-refresh-failed',
          attempt,
          nextRetryAt: last ? undefined : Date.now() + delay,
          error,
        });
        if (last) throw error;
        await sleep(delay);
      }
    }
  }
}

/** A fixed token. It cannot be refreshed: once its `exp` has passed, asking again fails. */
export function staticToken(token: string): TokenSourceLike {
  return {
    // An executor that throws rejects the promise: both failures below become rejections.
    get: ({ force = false } = {}) =>
      new Promise((resolve) => {
        if (force) {
          throw unavailable(
            'The access token was rejected and a static token cannot be refreshed.',
            'static-token',
            'Use tokenProvider or token-url for fresh tokens.',
          );
        }
        resolve(toGrant(token));
      }),
  };
}

/** Calls the app's `tokenProvider` function. */
export const providerToken = (provider: TokenProvider, retry?: RetryOptions): TokenCache =>
  new TokenCache(async () => provider(), retry);

/** POSTs to the app's own endpoint (same-origin credentials) and reads `{ token, expiresAt? }`. */
export const urlToken = (url: string, retry?: RetryOptions): TokenCache =>
  new TokenCache(async () => {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) {
      throw unavailable(
        `token-url answered HTTP ${response.status}.`,
        `token-url-status-${response.status}`,
        response.status === 401 || response.status === 403
          ? 'The user is not signed in to the host app, or may not see this embed.'
          : 'Check the token endpoint of your server.',
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch {
      // The parser's message quotes the body: a bare token answered as text/plain would leak.
      throw unavailable(
        'token-url did not answer JSON.',
        'token-url-not-json',
        'Answer { "token": "…", "expiresAt": … } as application/json.',
      );
    }
    const serverTime = Date.parse(response.headers.get('date') ?? '');
    return typeof body === 'object' && body !== null && Number.isFinite(serverTime)
      ? { ...body, [SERVER_TIME]: serverTime }
      : body;
  }, retry);

let providers = new WeakMap<TokenProvider, TokenCache>();
let urls = new Map<string, TokenCache>();

/**
 * Forgets every cached token and pending request of this copy of the SDK (`signOut()`).
 * Caches still held by live embeds start over with their next request.
 */
export function forgetAllTokens(): void {
  session++;
  providers = new WeakMap();
  urls = new Map();
}

/**
 * The shared source for one token setting: every element using the same `tokenProvider`
 * function or `token-url` at the same time shares one cache, so one refresh is in flight per
 * source; the token is forgotten when the last of them goes away.
 * Precedence: provider, then URL, then static token.
 */
export function tokenSourceFor(
  input: { token?: string | undefined; provider?: TokenProvider | undefined; url?: string | undefined },
  retry?: RetryOptions,
): TokenSourceLike | undefined {
  if (input.provider) {
    let cache = providers.get(input.provider);
    if (!cache) providers.set(input.provider, (cache = providerToken(input.provider, retry)));
    return cache;
  }
  if (input.url) {
    const key = new URL(input.url, document.baseURI).href;
    let cache = urls.get(key);
    if (!cache) urls.set(key, (cache = urlToken(key, retry)));
    return cache;
  }
  return input.token ? staticToken(input.token) : undefined;
}
