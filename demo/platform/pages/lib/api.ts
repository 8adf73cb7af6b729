/** An error answered by the platform API, with its `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Calls the platform's JSON API with the token the host handed over. On 401 it drops the token,
 * asks the host for a fresh one (`onExpired` -> TOKEN_EXPIRED) and retries once when it arrives,
 * so an expired token is replaced without the user noticing.
 */
export class ApiClient {
  #token: string | undefined;
  #waiters = new Set<(token: string) => void>();

  constructor(
    private readonly onExpired: () => void,
    private readonly tokenWaitMs = 30_000,
  ) {}

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  setToken(token: string): void {
    this.#token = token;
    for (const wake of this.#waiters) wake(token);
    this.#waiters.clear();
  }

  async request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
    let token = this.#token ?? (await this.#nextToken());
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      if (response.status === 401 && attempt === 0) {
        // Only the first caller to see this token fail asks for a new one; the others wait for it.
        if (this.#token === token) {
          this.#token = undefined;
          this.onExpired();
        }
        token = this.#token ?? (await this.#nextToken());
        continue;
      }
      const json = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      if (!response.ok)
        throw new ApiError(
          response.status,
          json.error?.code ?? `HTTP_${response.status}`,
          json.error?.message ?? response.statusText,
        );
      return json as T;
    }
  }

  #nextToken(): Promise<string> {
    return new Promise((resolve, reject) => {
      const wake = (token: string) => {
        clearTimeout(timer);
        resolve(token);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        reject(new ApiError(401, 'TOKEN_UNAVAILABLE', 'No valid token arrived from the host application'));
      }, this.tokenWaitMs);
      this.#waiters.add(wake);
    });
  }
}

/** A code and message for any failure, to show and to post as ERROR. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: 'EMBED_ERROR', message: error instanceof Error ? error.message : String(error) };
}
