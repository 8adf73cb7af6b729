import { expect } from '@esm-bundle/chai';
import { parseGuestMessage, parseHostMessage } from '../../src/protocol/index.js';

describe('protocol schemas', () => {
  it('drop fields they do not know: a payload cannot smuggle its own origin (THREATS 6)', () => {
    const result = parseGuestMessage({ type: 'CLOSE', origin: 'https://evil.test', source: 'parent' });
    expect(result).to.deep.equal({ ok: true, message: { type: 'CLOSE' } });
  });

  it('keep the whole execution object of EXECUTION_RUN, which needs a string id', () => {
    const data = { id: 'e2', status: 'RUNNING', rows: [{ a: 1 }] };
    expect(parseGuestMessage({ type: 'EXECUTION_RUN', data })).to.deep.equal({
      ok: true,
      message: { type: 'EXECUTION_RUN', data },
    });
    expect(parseGuestMessage({ type: 'EXECUTION_RUN', data: { status: 'RUNNING' } }).ok).to.equal(false);
  });

  it('accept optional fields when absent and refuse them when malformed', () => {
    expect(parseGuestMessage({ type: 'READY_FOR_TOKEN' }).ok).to.equal(true);
    expect(parseGuestMessage({ type: 'READY_FOR_TOKEN', features: [] }).ok).to.equal(true);
    expect(parseGuestMessage({ type: 'READY_FOR_TOKEN', features: [1] }).ok).to.equal(false);
    expect(parseGuestMessage({ type: 'READY_FOR_TOKEN', protocol: '1' }).ok).to.equal(false);
  });

  it('accept only plain objects: no class instances, arrays or inherited types', () => {
    expect(parseGuestMessage(Object.create({ type: 'CLOSE' })).ok).to.equal(false);
    expect(parseGuestMessage({ type: 'RUN_ALL', params: new Date() }).ok).to.equal(false);
    expect(parseGuestMessage({ type: 'toString' }).ok).to.equal(false);
    expect(parseHostMessage({ type: 'hasOwnProperty' }).ok).to.equal(false);
  });

  it('check each direction separately: a host message is not a guest message', () => {
    expect(parseGuestMessage({ type: 'SET_TOKEN', token: 't' }).ok).to.equal(false);
    expect(parseHostMessage({ type: 'READY_FOR_TOKEN' }).ok).to.equal(false);
    expect(parseHostMessage({ type: 'SET_TOKEN', token: '' }).ok).to.equal(false);
    expect(parseHostMessage({ type: 'SET_SETTINGS', language: 'en', i18nOverrides: { a: 1 } }).ok).to.equal(false);
  });
});
