import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LogLevel } from '../model/executions.js';
import { safeEqual } from '../secrets.js';
import { CONTAINER_API_OPENAPI_V1, CONTAINER_API_VERSIONS } from './container-api-openapi.js';

export type ContainerFile = 'output' | 'feedback';
export type Product = Record<string, string | number | boolean | null>;

/** What the platform does with a connector's calls; the server checks the token and the shapes. */
export interface ContainerApiHandlers {
  log(level: LogLevel, message: string): void;
  /** Appends rows; answers the file's new size, or an error text (e.g. the run's row limit). */
  append(file: ContainerFile, rows: Product[]): number | string;
  read(
    file: 'input' | 'previous',
    offset: number,
    limit: number,
  ): { rows: Array<Record<string, unknown>>; total: number };
}

export interface ContainerApiServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const MAX_ROWS_PER_CALL = 5000;
const MAX_COLUMNS = 100;

/**
 * The Container API of one connector run (seed 004): HTTP on 127.0.0.1 only, a random port and a
 * random bearer token for this run, both handed to the connector in its environment. Closed when the
 * run ends, so the token is worthless afterwards.
 */
export async function startContainerApi(handlers: ContainerApiHandlers): Promise<ContainerApiServer> {
  const token = randomBytes(32).toString('base64url');
  const server = createServer((req, res) => {
    handle(req, res, token, handlers).catch(() => send(res, 500, { error: { code: 'INTERNAL', message: 'error' } }));
  });
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  handlers: ContainerApiHandlers,
): Promise<void> {
  const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (!safeEqual(auth, token)) return fail(res, 401, 'INVALID_TOKEN', 'Missing or wrong bearer token');
  const url = new URL(req.url ?? '/', 'http://container');
  const route = `${req.method} ${url.pathname}`;

  if (route === 'GET /v1/health') return send(res, 200, { ok: true });
  if (route === 'GET /versions') return send(res, 200, { data: CONTAINER_API_VERSIONS, latest: 'v1' });
  if (route === 'GET /v1/openapi.json') return send(res, 200, CONTAINER_API_OPENAPI_V1);

  const file = /^\/v1\/files\/([a-z]+)$/.exec(url.pathname)?.[1];
  if (req.method === 'GET' && (file === 'input' || file === 'previous')) {
    const offset = Math.max(0, Math.floor(Number(url.searchParams.get('offset') ?? 0)) || 0);
    const limit = Math.min(1000, Math.max(1, Math.floor(Number(url.searchParams.get('limit') ?? 1000)) || 1000));
    const page = handlers.read(file, offset, limit);
    return send(res, 200, { ...page, offset });
  }

  if (req.method !== 'POST' || (route !== 'POST /v1/log' && file !== 'output' && file !== 'feedback'))
    return fail(res, 404, 'NOT_FOUND', `No route for ${route}`);
  const body = await readBody(req);
  if (body === undefined) return fail(res, 400, 'INVALID_REQUEST', 'The body must be JSON of at most 1 MiB');

  if (route === 'POST /v1/log') {
    const { level, message } = (body ?? {}) as { level?: unknown; message?: unknown };
    if ((level !== 'INFO' && level !== 'ERROR' && level !== 'SUCCESS') || typeof message !== 'string' || !message)
      return fail(res, 400, 'INVALID_REQUEST', 'A log needs level INFO, ERROR or SUCCESS and a message');
    handlers.log(level, message.length > 2000 ? `${message.slice(0, 2000)}…` : message);
    res.writeHead(204).end();
    return;
  }

  const rows = Array.isArray(body) ? body : (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows) || rows.length > MAX_ROWS_PER_CALL || !rows.every(isProduct))
    return fail(
      res,
      400,
      'INVALID_REQUEST',
      `rows must be up to ${MAX_ROWS_PER_CALL} flat objects of at most ${MAX_COLUMNS} columns (text, numbers, booleans, null)`,
    );
  const total = handlers.append(file as ContainerFile, rows);
  if (typeof total === 'string') return fail(res, 413, 'INVALID_REQUEST', total);
  return send(res, 200, { appended: rows.length, total });
}

function isProduct(row: unknown): row is Product {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return false;
  const entries = Object.entries(row);
  return (
    entries.length <= MAX_COLUMNS &&
    entries.every(
      ([key, value]) =>
        key.length > 0 &&
        key.length <= 64 &&
        (value === null || ['string', 'number', 'boolean'].includes(typeof value)) &&
        (typeof value !== 'string' || value.length <= 10_000),
    )
  );
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
function fail(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { error: { code, message } });
}
