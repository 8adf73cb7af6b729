/**
 * `frameport/testing` in Vitest browser mode, written as a host app's test would be: the app puts
 * a `<notebook-embed>` on the page, and the mock embed (the real guest runtime on the other
 * loopback origin) answers the handshake, records what it receives and sends what the test asks.
 */
import { afterEach, expect, it } from 'vitest';
import '../../src/index.js';
import { createMockEmbed, type MockEmbed } from '../../src/testing/index.js';

let embed: MockEmbed | undefined;
afterEach(() => {
  embed?.dispose();
  document.body.replaceChildren();
});

it('hands the token and params to the embed, and hears the user change a parameter', async () => {
  embed = createMockEmbed({ rpc: true });
  expect(new URL(embed.url).origin).not.toBe(location.origin);

  // What the host app does.
  const notebook = document.createElement('notebook-embed');
  notebook.src = embed.url;
  notebook.tokenProvider = async () => 'test-token';
  notebook.params = { region: 'EMEA' };
  const changes: unknown[] = [];
  notebook.addEventListener('parameter-change', (event) => changes.push(event.detail.params));
  document.body.append(notebook);

  await embed.next('SET_TOKEN', 1, 20_000); // the handshake happened
  await embed.until(() => embed!.tokens.includes('test-token'), 20_000, 'the token');
  expect((await embed.next('SET_PARAMETERS', 1, 20_000)).params).toEqual({ region: 'EMEA' });

  await embed.emit({ type: 'PARAMETER_CHANGED', name: 'region', value: 'APAC', params: { region: 'APAC' } });
  await expect.poll(() => changes).toEqual([{ region: 'APAC' }]);

  // RPC, served by the mock; the timeline never shows the token.
  expect(await notebook.getParameters()).toEqual({ region: 'EMEA' });
  expect(JSON.stringify(notebook.timeline)).not.toContain('test-token');
});

it('an embed that never answers gives the app an error event with a code', async () => {
  embed = createMockEmbed({ silent: true });
  const notebook = document.createElement('notebook-embed');
  notebook.src = embed.url;
  notebook.handshakeTimeout = 500;
  notebook.tokenProvider = async () => 'test-token';
  const error = new Promise<CustomEvent<{ code: string }>>((resolve) =>
    notebook.addEventListener('error', (event) => resolve(event), { once: true }),
  );
  document.body.append(notebook);
  expect((await error).detail.code).toBe('HANDSHAKE_TIMEOUT');
  expect(notebook.state).toBe('error');
});
