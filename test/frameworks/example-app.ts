/**
 * One suite for the four framework examples (demo/host/frameworks/<name>): each test file loads
 * one built app into its page and runs these tests against it. The apps are built by the
 * frameworks' own compilers (`npm run build:frameworks`); what is under test is how Vue, Svelte,
 * Angular and React hand properties and events to the elements, so the built app is the subject.
 *
 * Every app renders the same markup contract: `#notebook` (`<notebook-embed>`), `#execution`
 * (`<execution-details>`), a `#set-region` button that replaces its `params` object, and the
 * events it heard in `#ready`, `#change`, `#run-all`, `#execution-run` and `#closed`.
 */
import { expect } from '@esm-bundle/chai';
import { createMockEmbed, type MockEmbed } from '../../src/testing/index.js';
import type { ExecutionDetails, NotebookEmbed } from '../../src/index.js';

/** What the apps read from `window.__FRAMEPORT_DEMO__` (see demo/host/frameworks/shared/demo.ts). */
interface DemoConfig {
  src: string;
  rawSrc?: string;
  platformUrl: string;
  executionId: string;
  token: string;
}

declare global {
  interface Window {
    __FRAMEPORT_DEMO__?: Partial<DemoConfig>;
  }
}

/** The values the apps start with (demo/host/frameworks/shared/demo.ts). */
export const INITIAL_PARAMS = { region: 'EU', year: 2024 };
export const EXECUTION_SETTINGS = {
  language: 'en',
  modal: false,
  i18nOverrides: { 'frameport.executionTitle': 'Execution (framework example)' },
};

/** Polls `predicate` until it holds; fails naming `what` after `timeout` ms. */
export async function until(predicate: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The text the app rendered into `#id`. */
export const shown = (id: string): string => document.getElementById(id)?.textContent?.trim() ?? '';

/** Waits until the app shows `text` in `#id`. */
export async function untilShown(id: string, text: string): Promise<void> {
  await until(() => shown(id) === text, `#${id} to show ${JSON.stringify(text)} (shows ${JSON.stringify(shown(id))})`);
}

/** Loads a built example (an ES module) into this page; a clear failure when it was not built. */
export async function loadBuiltApp(url: string): Promise<void> {
  const head = await fetch(url, { method: 'HEAD' });
  if (!head.ok) throw new Error(`${url} is missing (${head.status}): run \`npm run build:frameworks\` first`);
  await import(/* @vite-ignore */ url);
}

/** The mocks the app's two elements talk to. */
export interface ExampleMocks {
  notebook: MockEmbed;
  execution: MockEmbed;
  config: DemoConfig;
}

/** Points the app at two fresh mock embeds (the notebook with RPC) before it loads. */
export function configureExample(framework: string): ExampleMocks {
  const notebook = createMockEmbed({ rpc: true });
  const execution = createMockEmbed();
  // The test server answers `<platform>/embed/executions/<id>` with the mock embed page and keeps
  // the mock's query string (web-test-runner.config.mjs).
  const platform = new URL(execution.url);
  platform.pathname = '/platform';
  const config = { src: notebook.url, platformUrl: platform.href, executionId: 'exec-42', token: `token-${framework}` };
  window.__FRAMEPORT_DEMO__ = config;
  return { notebook, execution, config };
}

/** The tests every example must pass; `load` mounts the app into this page. */
export function describeExample(framework: string, load: () => Promise<void>): void {
  describe(`${framework} example (demo/host/frameworks/${framework.toLowerCase()})`, function () {
    let mocks: ExampleMocks;
    let notebook: NotebookEmbed;
    let execution: ExecutionDetails;

    before(async function () {
      mocks = configureExample(framework.toLowerCase());
      await load();
      await until(
        () => !!document.querySelector('#notebook') && !!document.querySelector('#execution'),
        'the app to render',
      );
      notebook = document.querySelector<NotebookEmbed>('#notebook')!;
      execution = document.querySelector<ExecutionDetails>('#execution')!;
    });

    after(() => {
      mocks.notebook.dispose();
      mocks.execution.dispose();
    });

    it('renders the upgraded elements, not unknown tags', () => {
      expect(notebook).to.be.instanceOf(customElements.get('notebook-embed')!);
      expect(execution).to.be.instanceOf(customElements.get('execution-details')!);
    });

    it('binds the object `params` and the function `tokenProvider` as properties', () => {
      expect(notebook.params).to.deep.equal(INITIAL_PARAMS);
      expect(notebook.tokenProvider).to.be.a('function');
      // Not stringified into attributes on the way ("[object Object]").
      expect(notebook.hasAttribute('params')).to.equal(false);
      expect(notebook.getAttribute('tokenprovider')).to.equal(null);
      expect(execution.settings).to.deep.equal(EXECUTION_SETTINGS);
    });

    it('binds strings: `src`, `language`, `execution-id`, `platform-url`, `access-token`', () => {
      expect(notebook.src).to.equal(mocks.config.src);
      expect(notebook.language).to.equal('de');
      expect(execution.executionId).to.equal('exec-42');
      expect(execution.platformUrl).to.equal(mocks.config.platformUrl);
      expect(execution.accessToken).to.equal(mocks.config.token);
    });

    it("delivers the token from the app's tokenProvider and the app's params to the embed", async () => {
      await mocks.notebook.until(() => mocks.notebook.tokens.includes(mocks.config.token), 10_000, 'the token');
      const set = await mocks.notebook.next('SET_PARAMETERS', 1, 10_000);
      expect(set.params).to.deep.equal(INITIAL_PARAMS);
      const settings = await mocks.notebook.next('SET_SETTINGS', 1, 10_000);
      expect(settings.language).to.equal('de');
    });

    it('delivers the access token and the seed-shaped settings of <execution-details>', async () => {
      await mocks.execution.until(
        () => mocks.execution.tokens.includes(mocks.config.token),
        10_000,
        'the access token',
      );
      const settings = await mocks.execution.next('SET_SETTINGS', 1, 10_000);
      expect(settings.language).to.equal('en');
      expect(settings.i18nOverrides).to.deep.equal(EXECUTION_SETTINGS.i18nOverrides);
      expect(new URL(mocks.execution.href).pathname).to.equal('/platform/embed/executions/exec-42');
    });

    it('`ready` reaches the app', async () => {
      await untilShown('ready', '1');
    });

    it('`parameter-change` and `run-all` reach the app with their details', async () => {
      const params = { region: 'APAC', year: 2024 };
      await mocks.notebook.emit({ type: 'PARAMETER_CHANGED', name: 'region', value: 'APAC', params });
      await untilShown('change', 'region="APAC"');
      await mocks.notebook.emit({ type: 'RUN_ALL', params });
      await untilShown('run-all', JSON.stringify(params));
    });

    it('`execution-run` and `close` reach the app with their details', async () => {
      await mocks.execution.emit({ type: 'EXECUTION_RUN', data: { id: 'rerun-7', status: 'RUNNING' } });
      await untilShown('execution-run', 'rerun-7');
      await mocks.execution.emit({ type: 'CLOSE' });
      await untilShown('closed', 'embed');
    });

    it("a new `params` object from the app's state reaches the element and the embed", async () => {
      const sent = mocks.notebook.all('SET_PARAMETERS').length;
      document.querySelector<HTMLButtonElement>('#set-region')!.click();
      await until(() => (notebook.params as { region?: string } | undefined)?.region === 'US', 'params.region = US');
      expect(notebook.params).to.deep.equal({ ...INITIAL_PARAMS, region: 'US' });
      const set = await mocks.notebook.next('SET_PARAMETERS', sent + 1, 10_000);
      expect(set.params).to.deep.equal({ ...INITIAL_PARAMS, region: 'US' });
    });
  });
}
