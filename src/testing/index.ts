/**
 * Test kit for apps that embed frameport elements: a mock embed that answers the handshake,
 * records what it received and emits any guest message, without the real platform.
 * @packageDocumentation
 */
export { createMockEmbed, MockEmbed, otherOrigin, type MockEmbedOptions } from './mock-embed.js';
export { runMockEmbed } from './mock-embed-page.js';
export { MOCK_KEY, type MockCommand, type MockReport } from './protocol.js';
