import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { mockEmbed, mount, record, until } from './helpers.js';

/**
 * A token endpoint's answer is a secret: when it is not what we expect, no part of it may reach
 * an error message, an event detail or the rendered error panel (issue 12, finding 5). V8's
 * JSON.parse error quotes its input, so a bare token answered as text/plain used to leak.
 */
describe('no response body text in errors, events or the panel', () => {
  const leaked = (el: HTMLElement, events: CustomEvent[], secret: string) => {
    const texts = [
      ...events.map((event) => JSON.stringify(event.detail)),
      el.shadowRoot?.textContent ?? '',
      el.textContent ?? '',
    ];
    return texts.filter((text) => text.includes(secret));
  };

  it('token-url answering a bare token as text/plain: TOKEN_UNAVAILABLE token-url-not-json, no token text', async () => {
    const name = `plain-${Math.random().toString(36).slice(2)}`;
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.tokenUrl = `/test-api/token?name=${name}&format=text`;
    });
    const events = record(el, 'error', 'token-refresh-failed');
    await until(() => events.some((event) => event.type === 'error'), 'the error event', 30_000);
    const error = events.find((event) => event.type === 'error')!;
    expect(error.detail).to.include({ code: 'TOKEN_UNAVAILABLE', cause: 'token-url-not-json' });
    expect(events.filter((event) => event.type === 'token-refresh-failed').length).to.be.greaterThan(0);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent, 'the error panel is rendered').to.contain('token');
    expect(leaked(el, events, `url-token-${name}`)).to.deep.equal([]);
  });

  it('a tokenProvider that throws the parser error itself: only its name is kept', async () => {
    const secret = 'eyJsecret.provider.token';
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.tokenProvider = async () => JSON.parse(secret) as string; // SyntaxError quoting the body
    });
    const events = record(el, 'error', 'token-refresh-failed');
    await until(() => events.some((event) => event.type === 'error'), 'the error event', 30_000);
    const error = events.find((event) => event.type === 'error')!;
    expect(error.detail).to.include({ code: 'TOKEN_UNAVAILABLE', cause: 'token-source-failed' });
    expect(error.detail.message).to.contain('SyntaxError');
    expect(error.detail.message).to.not.contain('eyJ');
    await el.updateComplete;
    expect(leaked(el, events, 'eyJsecret')).to.deep.equal([]);
  });

  it("positive control: the browser's own parser error does quote the body", () => {
    try {
      JSON.parse('eyJsecret.provider.token');
    } catch (error) {
      // V8 and SpiderMonkey differ in wording; V8 quotes the input.
      if (!/eyJsecret/.test((error as Error).message)) return;
      expect((error as Error).message).to.contain('eyJsecret');
    }
  });
});
