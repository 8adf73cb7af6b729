import { expect } from '@esm-bundle/chai';
import { connect, staticToken } from '../../src/host/index.js';
import { frame, mockEmbed, onCleanup, sleep, watchErrors } from '../helpers.js';

const deep = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
};
const protoKey = JSON.parse('{"__proto__": {"polluted": true}}') as object;

/** 40 kinds of malformed guest messages: none may throw, fire an event, or pollute a prototype. */
export const MALFORMED: Array<[string, unknown]> = [
  ['a string', 'READY_FOR_TOKEN'],
  ['a number', 42],
  ['null', null],
  ['undefined', undefined],
  ['true', true],
  ['an array', ['PARAMETER_CHANGED']],
  ['an empty object', {}],
  ['a numeric type', { type: 7 }],
  ['an unknown type', { type: 'HACK' }],
  ['a lower-case type', { type: 'parameter_changed', name: 'a', value: 1, params: {} }],
  ['a type with spaces', { type: ' CLOSE ' }],
  ['a type of 100k characters', { type: 'X'.repeat(100_000) }],
  ['PARAMETER_CHANGED without name', { type: 'PARAMETER_CHANGED', value: 1, params: {} }],
  ['PARAMETER_CHANGED with a numeric name', { type: 'PARAMETER_CHANGED', name: 1, value: 1, params: {} }],
  ['PARAMETER_CHANGED without params', { type: 'PARAMETER_CHANGED', name: 'a', value: 1 }],
  ['PARAMETER_CHANGED with array params', { type: 'PARAMETER_CHANGED', name: 'a', value: 1, params: [1] }],
  ['PARAMETER_CHANGED with null params', { type: 'PARAMETER_CHANGED', name: 'a', value: 1, params: null }],
  ['PARAMETER_CHANGED with a __proto__ key', { type: 'PARAMETER_CHANGED', name: 'a', value: 1, params: protoKey }],
  [
    'PARAMETER_CHANGED with a constructor key',
    { type: 'PARAMETER_CHANGED', name: 'a', value: { constructor: { prototype: { polluted: true } } }, params: {} },
  ],
  [
    'PARAMETER_CHANGED with a prototype key',
    { type: 'PARAMETER_CHANGED', name: 'prototype', value: 1, params: { prototype: 1 } },
  ],
  // Browsers refuse to clone ~10k-deep values at all (RangeError in postMessage), so 1,000 is what can arrive.
  ['PARAMETER_CHANGED nested 1,000 deep', { type: 'PARAMETER_CHANGED', name: 'a', value: deep(1_000), params: {} }],
  [
    'PARAMETER_CHANGED with a 5 MB string',
    { type: 'PARAMETER_CHANGED', name: 'a', value: 'x'.repeat(5_000_000), params: {} },
  ],
  [
    'PARAMETER_CHANGED with 20,000 keys',
    {
      type: 'PARAMETER_CHANGED',
      name: 'a',
      value: 1,
      params: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])),
    },
  ],
  ['RUN_ALL with string params', { type: 'RUN_ALL', params: 'all' }],
  ['RUN_ALL with a Date as params', { type: 'RUN_ALL', params: new Date() }],
  ['EXECUTION_RUN without data', { type: 'EXECUTION_RUN' }],
  ['EXECUTION_RUN with a numeric id', { type: 'EXECUTION_RUN', data: { id: 5 } }],
  ['EXECUTION_RUN with data as a string', { type: 'EXECUTION_RUN', data: 'e1' }],
  [
    'EXECUTION_RUN with a __proto__ key in data',
    { type: 'EXECUTION_RUN', data: JSON.parse('{"id":"x","__proto__":{"polluted":true}}') as object },
  ],
  ['RESIZE with a zero height', { type: 'RESIZE', height: 0 }],
  ['RESIZE with a negative height', { type: 'RESIZE', height: -10 }],
  ['RESIZE with NaN', { type: 'RESIZE', height: Number.NaN }],
  ['RESIZE with Infinity', { type: 'RESIZE', height: Number.POSITIVE_INFINITY }],
  ['RESIZE with a string height', { type: 'RESIZE', height: '100px' }],
  ['ERROR without code', { type: 'ERROR', message: 'x' }],
  ['ERROR with an object message', { type: 'ERROR', code: 'X', message: { html: '<img src=x onerror=alert(1)>' } }],
  ['READY_FOR_TOKEN with string features', { type: 'READY_FOR_TOKEN', features: 'rpc' }],
  [
    'READY_FOR_TOKEN with 10,000 features',
    { type: 'READY_FOR_TOKEN', features: Array.from({ length: 10_000 }, () => 'rpc') },
  ],
  ['READY_FOR_TOKEN with a string protocol', { type: 'READY_FOR_TOKEN', protocol: 'one' }],
  ['a Map', new Map([['type', 'CLOSE']])],
];

describe('malformed messages (THREATS 30-35)', () => {
  it('has 40 kinds of malformed messages', () => {
    expect(MALFORMED).to.have.length(40);
  });

  it('drops every one: no exception, no event, no state change, no pollution', async () => {
    const embed = mockEmbed();
    const errors = watchErrors();
    const effects: string[] = [];
    const connection = connect(frame(), {
      url: embed.url,
      tokenSource: staticToken('t'),
      onEvent: (e) => effects.push(e.type),
      onError: (e) => effects.push(`error:${e.code}`),
    });
    onCleanup(() => connection.close());
    await connection.ready;
    // The embed's report of the first SET_TOKEN may still be on its way on a busy machine.
    await embed.until(() => embed.all('SET_TOKEN').length > 0, 20_000, 'the first SET_TOKEN');
    await sleep(100);
    effects.length = 0;
    const tokensBefore = embed.all('SET_TOKEN').length;
    for (const [, message] of MALFORMED) await embed.emit(message);
    await embed.emit({ type: 'CLOSE' }); // a valid message after the flood still works
    const start = performance.now();
    while (!effects.includes('CLOSE') && performance.now() - start < 5_000) await sleep(10);
    expect(effects).to.deep.equal(['CLOSE']);
    expect(errors).to.deep.equal([]);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.prototype).to.not.have.property('polluted');
    expect(embed.all('SET_TOKEN')).to.have.length(tokensBefore);
    expect(connection.state).to.equal('ready');
  });
});
