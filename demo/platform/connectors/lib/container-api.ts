/**
 * The connector's side of the Container API (seed 004's `ContainerApi`): append products to the
 * output or feedback file, read the input, send INFO / ERROR / SUCCESS logs. The platform passes the
 * API's URL (loopback, random port) and a bearer token valid for this run only in the environment.
 */
export const OutputFile = { OUTPUT: 'output', FEEDBACK: 'feedback' } as const;
export type OutputFile = (typeof OutputFile)[keyof typeof OutputFile];
export const LogLevel = { INFO: 'INFO', ERROR: 'ERROR', SUCCESS: 'SUCCESS' } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];
export type Product = Record<string, string | number | boolean | null>;

export class ContainerApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ContainerApiError';
  }
}

const BATCH = 1000;

export class ContainerApi {
  readonly #url: string;
  readonly #token: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const url = env.CONTAINER_API_URL;
    const token = env.CONTAINER_API_TOKEN;
    if (!url || !token) throw new ContainerApiError('CONTAINER_API_URL and CONTAINER_API_TOKEN are not set');
    this.#url = url.replace(/\/$/, '');
    this.#token = token;
  }

  async health(): Promise<void> {
    await this.#call('GET', '/v1/health');
  }

  async log(level: LogLevel, message: string): Promise<void> {
    await this.#call('POST', '/v1/log', { level, message });
  }

  /** Appends products in batches; answers how many the file holds now. */
  async appendManyToFile(file: OutputFile, products: Product[]): Promise<number> {
    let total = 0;
    for (let i = 0; i < products.length; i += BATCH) {
      const answer = (await this.#call('POST', `/v1/files/${file}`, { rows: products.slice(i, i + BATCH) })) as {
        total: number;
      };
      total = answer.total;
    }
    return total;
  }

  /** Every row of `input` (the stage's data) or `previous` (the input of this job's last successful run). */
  async readAll(file: 'input' | 'previous'): Promise<Product[]> {
    const rows: Product[] = [];
    for (let page = 0; page < 1000; page++) {
      const answer = (await this.#call('GET', `/v1/files/${file}?offset=${rows.length}&limit=${BATCH}`)) as {
        rows: Product[];
        total: number;
      };
      rows.push(...answer.rows);
      if (!answer.rows.length || rows.length >= answer.total) break;
    }
    return rows;
  }

  async #call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.#url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ContainerApiError(`Container API unreachable: ${error instanceof Error ? error.message : error}`);
    }
    const json = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!response.ok)
      throw new ContainerApiError(
        `Container API ${method} ${path}: ${json.error?.message ?? response.statusText}`,
        response.status,
      );
    return json;
  }
}
