import { expect } from '@esm-bundle/chai';
import { measure, withinControl } from './stall.js';

/** A flood from the embed's own frame (see stall.ts for how stalls are measured). */
describe('a flooding embed cannot freeze the host (THREATS 35)', function () {
  this.timeout(300_000);

  for (const kind of ['flood-resize', 'flood-parameter']) {
    it(`${kind}: a flood of 100,000 messages stalls the host at most 1.5x a plain listener`, async () => {
      const result = await measure(kind, 100_000, 150, 3);
      expect(result.events.filter((type) => type === 'CLOSE')).to.have.length(1);
      expect(result.events.length + result.heights.length).to.equal(100_001);
      withinControl(result);
    });
  }
});
