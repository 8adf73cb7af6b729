import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import type { EmbedProvider } from '../../src/elements/embed-provider.component.js';
import type { ExecutionDetails } from '../../src/elements/execution-details.component.js';
import { fixture, frame, mockEmbed, oneEvent, part, platformFor, TOKEN } from './helpers.js';

/** `<embed-provider>` around one `<execution-details>`, both from markup. */
function providerWith(providerAttributes: string, embedAttributes: string) {
  const provider = fixture<EmbedProvider>(
    `<embed-provider ${providerAttributes}><execution-details execution-id="ex-1" ${embedAttributes}></execution-details></embed-provider>`,
  );
  return { provider, el: provider.querySelector('execution-details') as ExecutionDetails };
}

describe('<embed-provider>', () => {
  it('provides platform-url, token-url, language and i18nOverrides', async () => {
    const embed = mockEmbed();
    const { el } = providerWith(
      `platform-url="${platformFor(embed)}" token-url="/test-api/token?name=provider" language="de" i18n-overrides='{"frameport.close":"Zu","x":"y"}'`,
      '',
    );
    await oneEvent(el, 'ready');
    const src = new URL(frame(el).src);
    expect(src.pathname).to.equal('/platform/embed/executions/ex-1');
    expect(src.searchParams.get('lang')).to.equal('de');
    expect((await embed.next('SET_TOKEN', 1)).token).to.match(/^url-token-provider-/);
    expect((await embed.next('SET_SETTINGS', 1)).i18nOverrides).to.deep.equal({ 'frameport.close': 'Zu', x: 'y' });
    expect(part(el, 'close-button')!.getAttribute('aria-label')).to.equal('Zu');
    expect(el.language).to.equal('de');
  });

  it('provides a tokenProvider function', async () => {
    const embed = mockEmbed();
    const { provider, el } = providerWith(`platform-url="${platformFor(embed)}"`, '');
    provider.tokenProvider = async () => 'from-provider-function';
    await oneEvent(el, 'ready');
    expect((await embed.next('SET_TOKEN', 1)).token).to.equal('from-provider-function');
  });

  it("lets the embed's own settings win", async () => {
    const mine = mockEmbed();
    const theirs = mockEmbed();
    const { el } = providerWith(
      `platform-url="${platformFor(theirs)}" token-url="/test-api/token?name=ignored" language="de" i18n-overrides='{"frameport.close":"Zu","x":"provider"}'`,
      `platform-url="${platformFor(mine)}" access-token="${TOKEN}" language="fr" i18n-overrides='{"x":"mine"}'`,
    );
    await oneEvent(el, 'ready');
    expect(new URL(frame(el).src).searchParams.get('mockId')).to.equal(new URL(mine.url).searchParams.get('mockId'));
    expect(new URL(frame(el).src).searchParams.get('lang')).to.equal('fr');
    expect((await mine.next('SET_TOKEN', 1)).token).to.equal(TOKEN);
    // Overrides merge key by key, the embed's own winning.
    expect((await mine.next('SET_SETTINGS', 1)).i18nOverrides).to.deep.equal({ 'frameport.close': 'Zu', x: 'mine' });
    expect(theirs.received).to.have.length(0);
  });

  it('passes later changes down: a new language reaches the embed with SET_SETTINGS', async () => {
    const embed = mockEmbed();
    const { provider, el } = providerWith(
      `platform-url="${platformFor(embed)}" language="de"`,
      `access-token="${TOKEN}"`,
    );
    await oneEvent(el, 'ready');
    await embed.next('SET_SETTINGS', 1);
    provider.language = 'it';
    expect((await embed.next('SET_SETTINGS', 2)).language).to.equal('it');
    expect(embed.loads).to.equal(1);
  });

  it('renders its children as they are (display: contents)', async () => {
    const { provider } = providerWith('', '');
    await provider.updateComplete;
    expect(getComputedStyle(provider).display).to.equal('contents');
    expect(provider.shadowRoot!.querySelector('slot')).to.not.equal(null);
  });
});
