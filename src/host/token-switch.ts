import { ErrorCode, FrameportError } from '../protocol/errors.js';
import type { TokenEvent, TokenGrant, TokenSourceLike } from './types.js';

/**
 * The token source an element hands to `connect()`: it forwards to whichever source the
 * element's settings name *now* (`tokenProvider`, `token-url`, `access-token`, or those of an
 * `<embed-provider>`). Changing the token source at run time therefore keeps the iframe and
 * its connection; the element only asks the connection to send a fresh SET_TOKEN.
 */
export class SwitchableTokenSource implements TokenSourceLike {
  #inner: TokenSourceLike | undefined;
  /** The current source has not been asked yet: a forced refresh means nothing to it. */
  #fresh = false;
  #listener: ((event: TokenEvent) => void) | undefined;
  #unsubscribe: (() => void) | undefined;

  /** Switches to `inner`; true when it is another source than before. */
  use(inner: TokenSourceLike | undefined): boolean {
    if (inner === this.#inner) return false;
    this.#inner = inner;
    this.#fresh = true;
    this.#resubscribe();
    return true;
  }

  /**
   * Present exactly when the current source has it, because `connect()` decides from its
   * presence whether a forced refresh must bypass the cache (a static token has no cache).
   */
  get invalidate(): ((token: string) => void) | undefined {
    const inner = this.#inner;
    if (!inner?.invalidate || this.#fresh) return undefined;
    return (token: string) => inner.invalidate?.(token);
  }

  async get(options: { minValidity?: number; force?: boolean } = {}): Promise<TokenGrant | null> {
    for (;;) {
      const inner = this.#inner;
      if (!inner) {
        throw new FrameportError(ErrorCode.TOKEN_UNAVAILABLE, 'No token source is set.', {
          cause: 'no-token-source',
          hint: 'Set access-token, token-url or tokenProvider on the element or on an <embed-provider>.',
        });
      }
      const force = this.#fresh ? false : options.force;
      this.#fresh = false;
      const grant = await inner.get({ ...options, force: force ?? false });
      // The source changed while this one was answering: the new one's token is wanted.
      if (inner === this.#inner) return grant;
    }
  }

  subscribe(listener: (event: TokenEvent) => void): () => void {
    this.#listener = listener;
    this.#resubscribe();
    return () => {
      if (this.#listener !== listener) return;
      this.#listener = undefined;
      this.#resubscribe();
    };
  }

  #resubscribe(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const listener = this.#listener;
    if (listener && this.#inner?.subscribe) this.#unsubscribe = this.#inner.subscribe(listener);
  }
}
