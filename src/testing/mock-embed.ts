import { MOCK_KEY, type MockCommand, type MockReport } from './protocol.js';

export interface MockEmbedOptions {
  /** URL of a page that calls `runMockEmbed()`, on another origin than the test page. */
  page?: string;
  /** Features to announce in READY_FOR_TOKEN. */
  features?: string[];
  /** Expose the notebook API (getParameters, setParameters, runAll, rerun) over RPC. */
  rpc?: boolean;
  /** Never send READY_FOR_TOKEN (a frame that loads but never speaks). */
  silent?: boolean;
  /** The parameters the mock starts with. */
  params?: Record<string, unknown>;
  /** Origins the embed's guest runtime accepts tokens from (default: the test page's). */
  allowedOrigins?: string[];
  /** Extra query parameters for the page. */
  query?: Record<string, string>;
}

type Received = { type: string; [key: string]: unknown };
type CommandBody = MockCommand extends infer C ? (C extends MockCommand ? Omit<C, 'id'> : never) : never;

/** The other loopback name on the same port: a different origin served by the same server. */
export function otherOrigin(origin = location.origin): string {
  const url = new URL(origin);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
}

let counter = 0;

/** Controls one mock embed from the test page: what it received, and what it should send. */
export class MockEmbed {
  /** The URL to give the element (`src`, or the base of `platform-url`). */
  readonly url: string;
  readonly origin: string;
  /** Every protocol message the embed received, in order (tokens included: this is a test kit). */
  readonly received: Received[] = [];
  /** Tokens the guest runtime accepted (SET_TOKEN that passed its checks, or `?token=`). */
  readonly tokens: string[] = [];
  /** The page URL as the embed saw it after start (the runtime strips `?token=`). */
  href = '';
  /** RPC calls the embed served. */
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  /** How many times the page loaded (each load reports itself). */
  loads = 0;
  #window: MessageEventSource | null = null;
  #nextId = 0;
  readonly #id: string;
  readonly #waiters = new Set<() => void>();
  readonly #replies = new Map<number, () => void>();

  constructor(options: MockEmbedOptions = {}) {
    this.#id = `mock-${++counter}-${Math.random().toString(36).slice(2)}`;
    const page = new URL(options.page ?? `${otherOrigin()}/test/fixtures/mock-embed.html`);
    const query = page.searchParams;
    query.set('host', location.origin);
    query.set('mockId', this.#id);
    if (options.features?.length) query.set('features', options.features.join(','));
    if (options.rpc) query.set('rpc', '1');
    if (options.silent) query.set('silent', '1');
    if (options.allowedOrigins) query.set('allowed', options.allowedOrigins.join(','));
    if (options.params) query.set('params', JSON.stringify(options.params));
    for (const [key, value] of Object.entries(options.query ?? {})) query.set(key, value);
    this.url = page.href;
    this.origin = page.origin;
    window.addEventListener('message', this.#onReport);
  }

  #onReport = (event: MessageEvent) => {
    const data = event.data as Record<string, unknown> | null;
    if (event.origin !== this.origin || !data || typeof data !== 'object' || !(MOCK_KEY in data)) return;
    const report = data[MOCK_KEY] as MockReport & { mockId?: string };
    if (report.mockId !== this.#id) return;
    this.#window = event.source;
    if (report.kind === 'loaded') {
      this.loads += 1;
      this.href = report.href;
    }
    if (report.kind === 'token') this.tokens.push(report.token);
    if (report.kind === 'received') this.received.push(report.message);
    if (report.kind === 'rpc') this.calls.push({ method: report.method, args: report.args });
    if (report.kind === 'reply') this.#replies.get(report.id)?.();
    for (const wake of [...this.#waiters]) wake();
  };

  /** Messages of one type received so far. */
  all(type: string): Received[] {
    return this.received.filter((message) => message.type === type);
  }

  /** Waits until `predicate` holds (checked on every report), or rejects after `timeout` ms. */
  until(predicate: () => boolean, timeout = 15_000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`mock embed: timed out waiting for ${what}`));
      }, timeout);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }

  /** Waits for the `count`-th message of `type` and answers it. */
  async next(type: string, count = this.all(type).length + 1, timeout?: number): Promise<Received> {
    await this.until(() => this.all(type).length >= count, timeout, `${type} #${count}`);
    return this.all(type)[count - 1]!;
  }

  async #command(command: CommandBody): Promise<void> {
    await this.loaded();
    const target = this.#window as Window;
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      this.#replies.set(id, () => (this.#replies.delete(id), resolve()));
      target.postMessage({ [MOCK_KEY]: { ...command, id } }, this.origin);
    });
  }

  /** Waits until the page has loaded (at least `loads` times). */
  loaded(loads = 1, timeout?: number): Promise<void> {
    return this.until(() => this.loads >= loads, timeout, `load #${loads}`);
  }

  /** Makes the embed post any message to the host, valid or not. */
  emit(message: unknown): Promise<void> {
    return this.#command({ kind: 'post', message });
  }

  /** Makes the embed post `message` `count` times in a tight loop. */
  flood(message: unknown, count: number): Promise<void> {
    return this.#command({ kind: 'flood', message, count });
  }

  /** Makes the embed announce READY_FOR_TOKEN again. */
  ready(): Promise<void> {
    return this.#command({ kind: 'ready' });
  }

  reload(): Promise<void> {
    return this.#command({ kind: 'reload' });
  }

  navigate(url: string): Promise<void> {
    return this.#command({ kind: 'navigate', url });
  }

  /** Loads `url` in a frame inside the embed (a grandchild of the host page). */
  spawnChild(url: string): Promise<void> {
    return this.#command({ kind: 'spawn-child', url });
  }

  /** Stops listening. */
  dispose(): void {
    window.removeEventListener('message', this.#onReport);
    this.#waiters.clear();
  }
}

/** Creates a mock embed for a host-app test; give `embed.url` to the element. */
export const createMockEmbed = (options?: MockEmbedOptions): MockEmbed => new MockEmbed(options);
