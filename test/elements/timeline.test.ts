import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { mockEmbed, mount, oneEvent, until } from './helpers.js';

describe('element.timeline (issue 9)', () => {
  it('lists every message in and out, with the token redacted, as a copy', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.src = embed.url;
      el.accessToken = 'secret-timeline-token';
      el.params = { region: 'EU' };
    });
    await oneEvent(el, 'ready');
    await embed.emit({ type: 'PARAMETER_CHANGED', name: 'region', value: 'US', params: { region: 'US' } });
    await until(
      () => el.timeline.some((entry) => entry.type === 'PARAMETER_CHANGED'),
      'PARAMETER_CHANGED in the timeline',
    );
    const sequence = el.timeline.filter((e) => e.type !== 'RESIZE').map((e) => `${e.direction} ${e.type}`);
    expect(sequence.slice(0, 4)).to.deep.equal([
      'in READY_FOR_TOKEN',
      'out SET_TOKEN',
      'out SET_PARAMETERS',
      'out SET_SETTINGS',
    ]);
    expect(sequence).to.include('in PARAMETER_CHANGED');
    expect(JSON.stringify(el.timeline)).to.not.contain('secret-timeline-token');
    (el.timeline as unknown[]).length = 0;
    expect(el.timeline.length).to.be.greaterThan(0);
  });
});
