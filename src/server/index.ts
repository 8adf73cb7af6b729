/**
 * Server-side token endpoints for frameport's `token-url`, written against the Fetch API only
 * (`Request` in, `Response` out), so they run on Node, Deno, Bun, Cloudflare Workers and in any
 * framework that speaks Fetch (Hono, Next.js route handlers) or through a small adapter (Express,
 * `node:http`; see docs/SERVER.md).
 *
 * The platform credentials (license key, API secret) stay on your server: the browser only ever sees
 * `{ "token", "expiresAt" }`. Every request gets a fresh token from the platform.
 *
 * @packageDocumentation
 */
export { createAccessTokenHandler, type AccessTokenHandlerOptions, type AccessTokenIdentity } from './access-token.js';
export { createNotebookTokenHandler, type NotebookTokenHandlerOptions } from './notebook-token.js';
export { TokenErrorCode, type TokenResponseBody } from './responses.js';
