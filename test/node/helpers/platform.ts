import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type Platform, type PlatformOptions } from '../../../demo/platform/server.js';

export const LICENSE_KEY = 'demo-license-key';
export const TEST_SECRET = 'test-signing-secret';
export const HOST_ORIGIN = 'http://localhost:4000';

export interface TestPlatform extends Platform {
  dir: string;
  dbPath: string;
  /** fetch relative to the platform URL. */
  request(path: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<Response>;
  /** An access token from the real token endpoint. */
  accessToken(identifier: string, type: 'USER' | 'SUB_ORG'): Promise<string>;
  /** Closes the platform and deletes its database directory. */
  dispose(): Promise<void>;
}

/** Starts the real platform on a random port with a fresh SQLite file in a temp directory. */
export async function startTestPlatform(options: PlatformOptions & { dir?: string } = {}): Promise<TestPlatform> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'frameport-platform-'));
  const dbPath = options.dbPath ?? join(dir, 'platform.db');
  let platform: Platform;
  try {
    platform = await startPlatform({
      port: 0,
      quiet: true,
      secret: TEST_SECRET,
      allowedOrigins: [HOST_ORIGIN],
      // The demo connector runs spawn processes in the background; tests that want them ask for them.
      demoRuns: false,
      // Imports run step by step in the background; short steps keep tests quick (tests that watch a
      // run in progress ask for longer ones).
      importStepMs: 20,
      ...options,
      dbPath,
    });
  } catch (error) {
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const request: TestPlatform['request'] = (path, init = {}) => {
    const { json, token, headers, ...rest } = init;
    const h = new Headers(headers);
    if (json !== undefined) h.set('content-type', 'application/json');
    if (token) h.set('authorization', `Bearer ${token}`);
    return fetch(`${platform.url}${path}`, {
      ...rest,
      headers: h,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
  return Object.assign(platform, {
    dir,
    dbPath,
    request,
    async accessToken(identifier: string, type: 'USER' | 'SUB_ORG') {
      const response = await request('/dp/api/v1/access/token', {
        method: 'POST',
        json: { license_key: LICENSE_KEY, auth: { identifier, type } },
      });
      if (response.status !== 200) throw new Error(`token for ${identifier}: HTTP ${response.status}`);
      return ((await response.json()) as { access_token: string }).access_token;
    },
    async dispose() {
      await platform.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** The JSON error body every platform endpoint answers with. */
export async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error?: { code: string; message: string } };
  if (!body.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  return body.error;
}

/** Decodes a JWT's payload without verifying it (the platform's API does the verifying). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
