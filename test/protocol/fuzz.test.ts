import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { parseGuestMessage, parseHostMessage, type GuestMessage, type HostMessage } from '../../src/protocol/index.js';

const RUNS = 10_000;
const GUEST_TYPES = [
  'READY_FOR_TOKEN',
  'PARAMETER_CHANGED',
  'RUN_ALL',
  'EXECUTION_RUN',
  'CLOSE',
  'RESIZE',
  'TOKEN_EXPIRED',
  'ERROR',
];
const HOST_TYPES = ['SET_TOKEN', 'SET_PARAMETERS', 'SET_SETTINGS'];
const DANGEROUS = ['__proto__', 'constructor', 'prototype', 'toString', 'type', 'params', 'data', 'token'];

/** Hostile values: random JSON-like trees with dangerous keys, odd numbers and long strings. */
const hostile = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, undefined, true, false, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, -0),
    fc.double(),
    fc.string(),
    fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.repeat(5_000)),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...DANGEROUS), fc.string()), tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** Messages that look like ours: a known type with hostile fields. */
const lookalike = (types: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...types),
      fc.dictionary(fc.oneof(fc.constantFrom(...DANGEROUS), fc.string()), hostile, { maxKeys: 5 }),
    )
    .map(([type, fields]) => {
      // JSON.parse makes "__proto__" an own key, as a structured clone would.
      const message = JSON.parse(JSON.stringify({ ...fields })) as Record<string, unknown>;
      message.type = type;
      return message;
    });

/** Deep nesting up to 10,000 levels. */
const nested = fc.integer({ min: 1, max: 10_000 }).map((depth) => {
  let value: unknown = { type: 'CLOSE' };
  for (let i = 0; i < depth; i++) value = { type: 'PARAMETER_CHANGED', name: 'a', value, params: {} };
  return value;
});

function check(parse: (data: unknown) => { ok: boolean; message?: { type: string } }, types: string[], input: unknown) {
  const result = parse(input);
  if (result.ok) expect(types).to.include(result.message!.type);
  expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  for (const key of Object.getOwnPropertyNames(Object.prototype)) {
    expect([
      'constructor',
      '__proto__',
      'toString',
      'toLocaleString',
      'valueOf',
      'hasOwnProperty',
      'isPrototypeOf',
      'propertyIsEnumerable',
      '__defineGetter__',
      '__defineSetter__',
      '__lookupGetter__',
      '__lookupSetter__',
    ]).to.include(key);
  }
}

describe(`protocol fuzzing (fast-check, ${RUNS} messages per direction)`, function () {
  this.timeout(120_000);

  it('parseGuestMessage never throws, never pollutes, and only accepts known types', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, lookalike(GUEST_TYPES), nested), (input) =>
        check(parseGuestMessage, GUEST_TYPES, input),
      ),
      { numRuns: RUNS },
    );
  });

  it('parseHostMessage never throws, never pollutes, and only accepts known types', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, lookalike(HOST_TYPES), nested), (input) =>
        check(parseHostMessage, HOST_TYPES, input),
      ),
      { numRuns: RUNS },
    );
  });

  it('rejects every message holding a __proto__, constructor or prototype key at any depth', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.integer({ min: 0, max: 5 }),
        (key, depth) => {
          let inner: unknown = JSON.parse(`{"${key}": {"polluted": true}}`);
          for (let i = 0; i < depth; i++) inner = { nested: inner };
          expect(parseGuestMessage({ type: 'RUN_ALL', params: { x: inner } }).ok).to.equal(false);
          expect(parseHostMessage({ type: 'SET_PARAMETERS', params: { x: inner } }).ok).to.equal(false);
        },
      ),
    );
  });

  it('positive control: valid messages of every type are accepted as they are', () => {
    const guest: GuestMessage[] = [
      { type: 'READY_FOR_TOKEN', features: ['rpc'], protocol: 1 },
      { type: 'PARAMETER_CHANGED', name: 'a', value: [1, { b: 2 }], params: { a: 1 } },
      { type: 'RUN_ALL', params: { a: 1 } },
      { type: 'RUN_ALL' },
      { type: 'EXECUTION_RUN', data: { id: 'e1', status: 'RUNNING', rows: 3 } },
      { type: 'CLOSE' },
      { type: 'RESIZE', height: 480 },
      { type: 'TOKEN_EXPIRED' },
      { type: 'ERROR', code: 'NOT_FOUND', message: 'missing' },
    ];
    const host: HostMessage[] = [
      { type: 'SET_TOKEN', token: 'abc' },
      { type: 'SET_PARAMETERS', params: { a: 1 } },
      { type: 'SET_SETTINGS', language: 'en', i18nOverrides: { title: 'T' } },
    ];
    for (const message of guest) expect(parseGuestMessage(message)).to.deep.equal({ ok: true, message });
    for (const message of host) expect(parseHostMessage(message)).to.deep.equal({ ok: true, message });
  });
});
