import { expect } from '@esm-bundle/chai';
import { parseGuestMessage, parseHostMessage } from '../../src/protocol/index.js';

const settings = { type: 'SET_SETTINGS', language: 'en', i18nOverrides: {} };

describe('SET_SETTINGS theme and modal, CLOSE reason', () => {
  it('SET_SETTINGS keeps theme "light" | "dark" and a boolean modal', () => {
    for (const theme of ['light', 'dark']) {
      const parsed = parseHostMessage({ ...settings, theme, modal: true });
      expect(parsed.ok && parsed.message).to.deep.equal({ ...settings, theme, modal: true });
    }
    const plain = parseHostMessage(settings);
    expect(plain.ok && plain.message).to.deep.equal(settings); // both optional
  });

  it('SET_SETTINGS with another theme or a non-boolean modal is dropped', () => {
    expect(parseHostMessage({ ...settings, theme: 'auto' }).ok).to.equal(false);
    expect(parseHostMessage({ ...settings, theme: 'blue' }).ok).to.equal(false);
    expect(parseHostMessage({ ...settings, modal: 'yes' }).ok).to.equal(false);
    expect(parseHostMessage({ ...settings, modal: 1 }).ok).to.equal(false);
  });

  it('CLOSE takes an optional reason "button" | "escape"', () => {
    for (const reason of ['button', 'escape']) {
      const parsed = parseGuestMessage({ type: 'CLOSE', reason });
      expect(parsed.ok && parsed.message).to.deep.equal({ type: 'CLOSE', reason });
    }
    expect(parseGuestMessage({ type: 'CLOSE' }).ok).to.equal(true);
    expect(parseGuestMessage({ type: 'CLOSE', reason: 'backdrop' }).ok).to.equal(false);
    expect(parseGuestMessage({ type: 'CLOSE', reason: 1 }).ok).to.equal(false);
  });
});
