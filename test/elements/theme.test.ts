import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import type { EmbedElement } from '../../src/elements/embed-element.js';
import { fixture, mockEmbed, mount, oneEvent, part, TOKEN, until } from './helpers.js';

const sent = (el: EmbedElement, type: string) =>
  el.timeline.filter((e) => e.direction === 'out' && e.type === type).map((e) => e.detail as Record<string, unknown>);
const received = (el: EmbedElement, type: string) => el.timeline.filter((e) => e.direction === 'in' && e.type === type);

/** The theme in the last SET_SETTINGS, once it is `expected`. */
async function lastTheme(el: EmbedElement, expected: string) {
  await until(() => sent(el, 'SET_SETTINGS').at(-1)?.['theme'] === expected, `SET_SETTINGS theme ${expected}`);
}

describe('theme', () => {
  afterEach(() => {
    document.documentElement.style.removeProperty('color-scheme');
  });

  it('theme and language change live: SET_SETTINGS only, no new handshake, same iframe', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN), (el.theme = 'light')));
    await oneEvent(el, 'ready');
    await lastTheme(el, 'light');
    const iframe = el.shadowRoot!.querySelector('iframe');

    el.theme = 'dark';
    await lastTheme(el, 'dark');
    el.language = 'de';
    await until(() => sent(el, 'SET_SETTINGS').at(-1)?.['language'] === 'de', 'language de');
    expect(sent(el, 'SET_SETTINGS').at(-1)).to.deep.include({ theme: 'dark', language: 'de' });
    // The embed saw them too (a round trip: the mock answers every command in order).
    await embed.emit({ type: 'RESIZE', height: 300 });
    expect(embed.all('SET_SETTINGS').at(-1)).to.deep.include({ theme: 'dark', language: 'de' });

    expect(received(el, 'READY_FOR_TOKEN')).to.have.length(1);
    expect(sent(el, 'SET_TOKEN')).to.have.length(1);
    expect(embed.loads).to.equal(1);
    expect(el.shadowRoot!.querySelector('iframe')).to.equal(iframe);
    expect(el.getAttribute('theme')).to.equal('dark');
  });

  it("auto follows the host page's color-scheme, live", async () => {
    document.documentElement.style.setProperty('color-scheme', 'dark');
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    await lastTheme(el, 'dark');
    document.documentElement.style.setProperty('color-scheme', 'light');
    await lastTheme(el, 'light');
    expect(received(el, 'READY_FOR_TOKEN')).to.have.length(1);
  });

  it('<embed-provider theme> applies to the embeds inside; their own attribute wins', async () => {
    const embed = mockEmbed();
    const provider = fixture<HTMLElement>('<embed-provider theme="dark"></embed-provider>');
    const inside = document.createElement('notebook-embed');
    inside.src = embed.url;
    inside.accessToken = TOKEN;
    provider.append(inside);
    await oneEvent(inside, 'ready');
    await lastTheme(inside, 'dark');
    inside.theme = 'light';
    await lastTheme(inside, 'light');
  });

  it('the host-rendered UI takes the dark theme too', async () => {
    const el = mount('notebook-embed', (el) => ((el.src = 'not a url'), (el.theme = 'dark')));
    await oneEvent(el, 'error');
    await el.updateComplete;
    const panel = part(el, 'error')!;
    expect(getComputedStyle(panel).backgroundColor).to.equal('rgb(23, 26, 33)');
  });
});

describe('error panel', () => {
  it('is sized to its content: title, a sentence for people and Retry in view, details behind a disclosure', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    await embed.emit({ type: 'RESIZE', height: 40 }); // a tiny frame
    await embed.emit({ type: 'ERROR', code: 'E_BROKEN', message: 'token-url answered HTTP 500' });
    await until(() => el.state === 'error', 'error state');
    await el.updateComplete;
    const panel = part(el, 'error')!;
    const retry = part(el, 'retry-button')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    expect(retry.bottom).to.be.at.most(box.bottom);
    expect(retry.height).to.be.greaterThan(20);
    expect(panel.scrollHeight).to.be.at.most(panel.clientHeight + 1);
    const details = part<HTMLDetailsElement>(el, 'error-details')!;
    expect(details.open).to.equal(false);
    expect(details.contains(part(el, 'error-message'))).to.equal(true);
    expect(part(el, 'error-summary')!.textContent).to.not.contain('HTTP 500');
  });

  it('speaks German with language="de"', async () => {
    const el = mount('notebook-embed', (el) => ((el.src = 'not a url'), (el.language = 'de')));
    await oneEvent(el, 'error');
    await el.updateComplete;
    expect(part(el, 'error-title')!.textContent).to.equal('Diese Ansicht konnte nicht geladen werden');
    expect(part(el, 'retry-button')!.textContent!.trim()).to.equal('Erneut versuchen');
  });
});
