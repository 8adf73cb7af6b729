import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import type { EmbedElement } from '../../src/elements/embed-element.js';
import { fixture, mount } from './helpers.js';

type Row = { attribute: string; property: string; text: string; value: unknown; tags?: string[] };

/** Every attribute of the contract, the property it sets, and the value it reads as. */
const ATTRIBUTES: Row[] = [
  { attribute: 'access-token', property: 'accessToken', text: 'abc', value: 'abc' },
  { attribute: 'token-url', property: 'tokenUrl', text: '/token', value: '/token' },
  { attribute: 'token-delivery', property: 'tokenDelivery', text: 'url', value: 'url' },
  { attribute: 'language', property: 'language', text: 'de', value: 'de' },
  {
    attribute: 'i18n-overrides',
    property: 'i18nOverrides',
    text: '{"frameport.close":"Schließen"}',
    value: { 'frameport.close': 'Schließen' },
  },
  { attribute: 'modal', property: 'modal', text: '', value: true },
  { attribute: 'open', property: 'open', text: '', value: true },
  { attribute: 'handshake-timeout', property: 'handshakeTimeout', text: '2500', value: 2500 },
  { attribute: 'debug', property: 'debug', text: '', value: true },
  { attribute: 'auto-resize', property: 'autoResize', text: 'false', value: false },
  { attribute: 'allow-insecure', property: 'allowInsecure', text: '', value: true },
  {
    attribute: 'sandbox',
    property: 'sandbox',
    text: 'allow-scripts allow-same-origin',
    value: 'allow-scripts allow-same-origin',
  },
  { attribute: 'allow', property: 'allow', text: 'fullscreen', value: 'fullscreen' },
  { attribute: 'referrerpolicy', property: 'referrerPolicy', text: 'no-referrer', value: 'no-referrer' },
  { attribute: 'frame-title', property: 'frameTitle', text: 'Run 42', value: 'Run 42' },
  {
    attribute: 'src',
    property: 'src',
    text: 'https://platform.test/nb/1',
    value: 'https://platform.test/nb/1',
    tags: ['notebook-embed'],
  },
  {
    attribute: 'params',
    property: 'params',
    text: '{"region":"eu","limit":3}',
    value: { region: 'eu', limit: 3 },
    tags: ['notebook-embed'],
  },
  { attribute: 'execution-id', property: 'executionId', text: 'ex-1', value: 'ex-1', tags: ['execution-details'] },
  {
    attribute: 'platform-url',
    property: 'platformUrl',
    text: 'https://platform.test',
    value: 'https://platform.test',
    tags: ['execution-details'],
  },
];

const DEFAULTS: Record<string, unknown> = {
  accessToken: undefined,
  tokenProvider: undefined,
  tokenUrl: undefined,
  tokenDelivery: 'message',
  language: 'en',
  i18nOverrides: undefined,
  modal: false,
  open: false,
  handshakeTimeout: 10000,
  debug: false,
  autoResize: true,
  allowInsecure: false,
  state: 'idle',
};

/** Properties whose value is written back to the attribute, as `iframe.src = x` does. */
const REFLECTED: Array<[property: string, value: unknown, text: string | null]> = [
  ['tokenUrl', '/t', '/t'],
  ['tokenDelivery', 'url', 'url'],
  ['language', 'fr', 'fr'],
  ['modal', true, ''],
  ['open', true, ''],
  ['handshakeTimeout', 3000, '3000'],
  ['debug', true, ''],
  ['autoResize', false, 'false'],
  ['allowInsecure', true, ''],
  ['sandbox', 'allow-scripts allow-same-origin', 'allow-scripts allow-same-origin'],
  ['referrerPolicy', 'origin', 'origin'],
];

for (const tag of ['notebook-embed', 'execution-details'] as const) {
  describe(`<${tag}> attributes and properties`, () => {
    for (const row of ATTRIBUTES.filter((r) => !r.tags || r.tags.includes(tag))) {
      it(`${row.attribute} sets ${row.property}`, async () => {
        const el = fixture<EmbedElement>(`<${tag} ${row.attribute}='${row.text}'></${tag}>`);
        await el.updateComplete;
        expect((el as unknown as Record<string, unknown>)[row.property]).to.deep.equal(row.value);
      });
    }

    it('has the documented defaults', async () => {
      const el = mount(tag);
      await el.updateComplete;
      for (const [property, value] of Object.entries(DEFAULTS)) {
        expect((el as unknown as Record<string, unknown>)[property], property).to.deep.equal(value);
      }
    });

    for (const [property, value, text] of REFLECTED) {
      it(`reflects ${property} to its attribute`, async () => {
        const el = mount(tag);
        (el as unknown as Record<string, unknown>)[property] = value;
        await el.updateComplete;
        const attribute = ATTRIBUTES.find((r) => r.property === property)!.attribute;
        expect(el.getAttribute(attribute)).to.equal(text);
      });
    }

    it('never writes a token set as a property into the DOM', async () => {
      const el = mount(tag, (el) => (el.accessToken = 'secret-token'));
      await el.updateComplete;
      expect(el.hasAttribute('access-token')).to.equal(false);
      expect(el.outerHTML).not.to.contain('secret-token');
    });

    it('treats auto-resize as a boolean that defaults to true', async () => {
      const el = fixture<EmbedElement>(`<${tag} auto-resize></${tag}>`);
      expect(el.autoResize).to.equal(true);
      el.setAttribute('auto-resize', 'false');
      expect(el.autoResize).to.equal(false);
      el.removeAttribute('auto-resize');
      expect(el.autoResize).to.equal(true);
    });

    it('falls back to the default when an attribute is removed', async () => {
      const el = fixture<EmbedElement>(`<${tag} language="de"></${tag}>`);
      el.removeAttribute('language');
      expect(el.language).to.equal('en');
      el.language = 'it';
      expect(el.getAttribute('language')).to.equal('it');
    });

    it('reflects a read-only state attribute', async () => {
      const el = mount(tag);
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('idle');
      expect(() => ((el as unknown as { state: string }).state = 'ready')).to.throw(TypeError);
      expect(el.state).to.equal('idle');
    });

    it('reads a JSON attribute that is not an object as unset', async () => {
      const el = fixture<EmbedElement>(`<${tag} i18n-overrides="not json"></${tag}>`);
      expect(el.i18nOverrides).to.equal(undefined);
    });
  });
}

describe('<execution-details> settings', () => {
  it('takes language, i18nOverrides and modal from settings where no attribute is set', async () => {
    const el = mount(
      'execution-details',
      (el) => (el.settings = { language: 'de', modal: true, i18nOverrides: { 'frameport.close': 'Zu' } }),
    );
    await el.updateComplete;
    expect(el.language).to.equal('de');
    expect(el.modal).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="close-button"]')!.getAttribute('aria-label')).to.equal('Zu');
  });

  it('lets individual attributes win over settings', async () => {
    const el = fixture<HTMLElementTagNameMap['execution-details']>(
      `<execution-details language="fr" i18n-overrides='{"frameport.close":"Fermer"}'></execution-details>`,
    );
    el.settings = { language: 'de', modal: true, i18nOverrides: { 'frameport.close': 'Zu' } };
    el.modal = false;
    await el.updateComplete;
    expect(el.language).to.equal('fr');
    expect(el.modal).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="close-button"]')!.getAttribute('aria-label')).to.equal('Fermer');
  });
});
