import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { watchErrors } from '../helpers.js';
import { mockEmbed, mount, oneEvent, TOKEN } from './helpers.js';

describe('a plain Error from app code ends in an error event (issue 13)', () => {
  it('a tokenProvider rejecting with a plain Error', async () => {
    const thrown = watchErrors();
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.tokenProvider = () => Promise.reject(new Error('backend down'));
    });
    const error = await oneEvent<CustomEvent>(el, 'error');
    expect(error.detail.code).to.equal('TOKEN_UNAVAILABLE');
    expect(el.state).to.equal('error');
    expect(thrown).to.deep.equal([]);
  });

  it('respondWith() given a promise that rejects with a plain Error, on TOKEN_EXPIRED', async () => {
    const thrown = watchErrors();
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    el.addEventListener('token-expiring', (event) =>
      event.detail.respondWith(Promise.reject(new Error('app refresh failed'))),
    );
    await embed.emit({ type: 'TOKEN_EXPIRED' });
    const error = await oneEvent<CustomEvent>(el, 'error');
    expect(error.detail).to.include({ message: 'app refresh failed', cause: 'unexpected' });
    expect(thrown).to.deep.equal([]);
  });

  it('a token given with respondWith() gets its expiry read like any other (JWT exp)', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
    const shortLived = `${encode({ alg: 'none' })}.${encode({ exp: Math.floor((Date.now() + 2_500) / 1000) })}.x`;
    let supplied = 0;
    el.addEventListener('token-expiring', (event) => {
      supplied++;
      event.detail.respondWith(supplied === 1 ? shortLived : 'later');
    });
    await embed.emit({ type: 'TOKEN_EXPIRED' });
    // The short-lived token must be refreshed before it expires: a second token-expiring comes.
    await embed.until(() => embed.tokens.includes('later'), 20_000, 'refresh of the supplied token');
  });
});
