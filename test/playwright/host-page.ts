// The host app's bundle in test/playwright/mock-embed.test.mjs: the elements, and the mock embed's
// controller for the test to drive from Playwright (`page.evaluate`).
import '../../src/index.js';
import { createMockEmbed } from '../../src/testing/index.js';

declare global {
  interface Window {
    createMockEmbed: typeof createMockEmbed;
  }
}
window.createMockEmbed = createMockEmbed;
