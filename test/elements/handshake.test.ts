import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { FRAME_DEFAULTS } from '../../src/elements/embed-element.js';
import { frame, mockEmbed, mount, oneEvent, part, platformFor, record, TOKEN, whenState } from './helpers.js';

describe('<notebook-embed> handshake', () => {
  it('loads src with lang, answers READY_FOR_TOKEN with SET_TOKEN, then params and settings', async () => {
    const embed = mockEmbed({ rpc: true });
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.accessToken = TOKEN;
      el.params = { region: 'eu' };
      el.language = 'de';
      el.i18nOverrides = { 'run.label': 'Los' };
    });
    const ready = await oneEvent<CustomEvent>(el, 'ready');
    expect(ready.bubbles).to.equal(false);
    expect(ready.detail.features).to.include('rpc');
    expect(ready.detail).not.to.have.property('token');

    const src = new URL(frame(el).src);
    expect(src.origin).to.equal(embed.origin);
    expect(src.searchParams.get('lang')).to.equal('de');
    expect(src.searchParams.has('token')).to.equal(false);

    await embed.next('SET_SETTINGS', 1);
    const types = embed.received.map((m) => m.type);
    expect(types.slice(0, 3)).to.deep.equal(['SET_TOKEN', 'SET_PARAMETERS', 'SET_SETTINGS']);
    expect(embed.all('SET_TOKEN')[0]!.token).to.equal(TOKEN);
    expect(embed.all('SET_PARAMETERS')[0]!.params).to.deep.equal({ region: 'eu' });
    expect(embed.all('SET_SETTINGS')[0]).to.deep.include({ language: 'de', i18nOverrides: { 'run.label': 'Los' } });
    expect(el.state).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
  });

  it('renders the iframe with a title, part and safe defaults', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await el.updateComplete;
    const iframe = frame(el);
    expect(iframe.title).to.equal('Notebook');
    expect(iframe.getAttribute('part')).to.equal('frame');
    expect(iframe.getAttribute('sandbox')).to.equal(FRAME_DEFAULTS.sandbox);
    expect(iframe.getAttribute('allow')).to.equal(FRAME_DEFAULTS.allow);
    expect(iframe.getAttribute('referrerpolicy')).to.equal('strict-origin-when-cross-origin');
    expect(iframe.hasAttribute('style')).to.equal(false);
  });

  it('applies sandbox, allow, referrerpolicy and frame-title overrides', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.accessToken = TOKEN;
      el.sandbox = 'allow-scripts allow-same-origin';
      el.allow = 'fullscreen';
      el.referrerPolicy = 'origin';
      el.frameTitle = 'Sales notebook';
    });
    await oneEvent(el, 'ready');
    const iframe = frame(el);
    expect(iframe.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin');
    expect(iframe.getAttribute('allow')).to.equal('fullscreen');
    expect(iframe.getAttribute('referrerpolicy')).to.equal('origin');
    expect(iframe.title).to.equal('Sales notebook');
  });

  it('with token-delivery="url" puts the token in the URL, with no-referrer', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.accessToken = TOKEN;
      el.tokenDelivery = 'url';
      el.referrerPolicy = 'unsafe-url'; // never with a token in the URL (THREATS 13)
    });
    await oneEvent(el, 'ready');
    const iframe = frame(el);
    expect(new URL(iframe.src).searchParams.get('token')).to.equal(TOKEN);
    expect(iframe.getAttribute('referrerpolicy')).to.equal('no-referrer');
  });

  it('re-dispatches parameter-change and run-all as non-bubbling events', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    const seen = record(el, 'parameter-change', 'run-all');
    const bubbled = record(document.body, 'parameter-change', 'run-all');
    await embed.emit({ type: 'PARAMETER_CHANGED', name: 'region', value: 'us', params: { region: 'us', limit: 3 } });
    await embed.emit({ type: 'RUN_ALL', params: { region: 'us' } });
    await embed.emit({ type: 'RUN_ALL' });
    expect(seen.map((e) => [e.type, e.detail])).to.deep.equal([
      ['parameter-change', { name: 'region', value: 'us', params: { region: 'us', limit: 3 } }],
      ['run-all', { params: { region: 'us' } }],
      ['run-all', { params: {} }],
    ]);
    expect(bubbled).to.have.length(0);
  });

  it('follows RESIZE unless auto-resize is false', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    await embed.emit({ type: 'RESIZE', height: 321 });
    expect(frame(el).style.height).to.equal('321px');
    el.autoResize = false;
    await el.updateComplete;
    expect(frame(el).style.height).to.equal('');
    await embed.emit({ type: 'RESIZE', height: 400 });
    expect(frame(el).style.height).to.equal('');
    el.autoResize = true;
    await el.updateComplete;
    expect(frame(el).style.height).to.equal('400px');
  });

  it('logs messages with debug, tokens redacted', async () => {
    const logged: unknown[][] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => void logged.push(args);
    try {
      const embed = mockEmbed();
      const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN), (el.debug = true)));
      await oneEvent(el, 'ready');
    } finally {
      console.debug = original;
    }
    expect(logged.length).to.be.greaterThan(0);
    expect(JSON.stringify(logged)).not.to.contain(TOKEN);
  });

  it('shows a loading overlay until ready', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await el.updateComplete;
    const loading = part(el, 'loading')!;
    expect(loading.hidden).to.equal(false);
    expect(loading.textContent).to.contain('Loading');
    await whenState(el, 'ready');
    await el.updateComplete;
    expect(loading.hidden).to.equal(true);
  });
});

describe('<execution-details> handshake', () => {
  it('loads ${platformUrl}/embed/executions/${id} with the id encoded and lang', async () => {
    const embed = mockEmbed({ rpc: true });
    const el = mount('execution-details', (el) => {
      el.platformUrl = platformFor(embed);
      el.executionId = 'run 7/b';
      el.accessToken = TOKEN;
    });
    const ready = await oneEvent<CustomEvent>(el, 'ready');
    expect(ready.detail.features).to.include('rpc:rerun');
    const src = new URL(frame(el).src);
    expect(src.pathname).to.equal('/platform/embed/executions/run%207%2Fb');
    expect(src.searchParams.get('lang')).to.equal('en');
    expect(frame(el).title).to.equal('Execution details');
    expect((await embed.next('SET_TOKEN', 1)).token).to.equal(TOKEN);
  });

  it('re-dispatches execution-run with the execution data', async () => {
    const embed = mockEmbed();
    const el = mount('execution-details', (el) => {
      el.platformUrl = platformFor(embed);
      el.executionId = 'ex-1';
      el.accessToken = TOKEN;
    });
    await oneEvent(el, 'ready');
    const run = oneEvent<CustomEvent>(el, 'execution-run');
    await embed.emit({ type: 'EXECUTION_RUN', data: { id: 'ex-2', status: 'RUNNING' } });
    expect((await run).detail).to.deep.equal({ data: { id: 'ex-2', status: 'RUNNING' } });
  });
});
