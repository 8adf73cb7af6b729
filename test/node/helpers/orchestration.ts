import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Execution } from '../../../demo/platform/model/executions.js';
import { LICENSE_KEY, type TestPlatform } from './platform.js';

/** Calls the platform with the license key (organisation-level configuration). */
export function admin(platform: TestPlatform, path: string, init: RequestInit & { json?: unknown } = {}) {
  return platform.request(path, { ...init, headers: { 'x-license-key': LICENSE_KEY, ...init.headers } });
}

/** The JSON of a response that must have `status`. */
export async function expectJson<T>(response: Response | Promise<Response>, status: number): Promise<T> {
  const r = await response;
  const text = await r.text();
  if (r.status !== status) throw new Error(`expected HTTP ${status}, got ${r.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Reads an execution with the license key's view (a USER token). */
export async function executionOf(platform: TestPlatform, id: string, token: string): Promise<Execution> {
  return expectJson<Execution>(platform.request(`/dp/api/v1/executions/${id}`, { token }), 200);
}

/** Polls until `check` answers a value (bounded: `timeoutMs`, 100 ms apart). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let i = 0; Date.now() < deadline && i < 10_000; i++) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Waits until an execution has ended (SUCCESS, FAILED or CANCELLED) and answers it. */
export function finished(platform: TestPlatform, id: string, token: string, timeoutMs = 90_000): Promise<Execution> {
  return eventually(
    `execution ${id} to end`,
    async () => {
      const e = await executionOf(platform, id, token);
      return e.status === 'SUCCESS' || e.status === 'FAILED' || e.status === 'CANCELLED' ? e : undefined;
    },
    timeoutMs,
  );
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 (loopback only). It records every request and answers with the
 * next status of the path's script (the last one repeats), 200 by default.
 */
export async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  script(path: string, statuses: number[]): void;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const statuses = scripts.get(path) ?? [200];
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A Wednesday, 03:00 UTC: inside "between 00:00 and 08:00 on weekdays". */
export const WEDNESDAY_3AM = Date.UTC(2025, 0, 15, 3, 0, 0);

/** A clock that starts at `start` and runs at real speed (so durations and retries still pass). */
export function clockFrom(start: number): () => number {
  const offset = start - Date.now();
  return () => Date.now() + offset;
}
