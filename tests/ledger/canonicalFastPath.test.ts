/**
 * The canonical encoder has one reference (`canonicalize`) and one fast path inside the same module
 * (`canonicalizePlain`). A hash format has exactly one encoding: wherever the fast path answers, it
 * answers the reference's bytes, on generated values and on generated access-log records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessLogCanonicalForm, prepareAccessLogRecord, type AccessEvent } from '../../lib/accessLog/index.ts';
import { canonicalShape, canonicalize, canonicalizePlain } from '../../lib/ledger/index.ts';

const RUNS = 400;

/** Text with the characters JSON escapes, unicode beyond the BMP, U+0000 and lone surrogates. */
const awkwardText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', '\n\t\r\b\f', '\u0000', '\u001f', '\u2028\u2029', '\ud800', 'a\udfffb', '\ud83c\uddee\ud83c\udde9', '__proto__', 'toJSON', '{"x":1}'),
);

/** Numbers JSON renders in every form: integers, fractions, exponents, -0, the extremes. */
const awkwardNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, -1.5),
);

/** Plain JSON values: what a client's variables and the gateway's subgraph calls are. */
const plainJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    awkwardText,
    awkwardNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(awkwardText, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Anything a caller might hand the encoder, plain or not. */
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plainJson,
    fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, 12n, new Date(0), new Date(Number.NaN), new Map(), { toJSON: () => 'x' }, [1, , 3]), // eslint-disable-line no-sparse-arrays -- a hole
    fc.date(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(awkwardText, tie('value'), { maxKeys: 4 }),
    fc.dictionary(awkwardText, tie('value'), { maxKeys: 4 }).map((record) => Object.assign(Object.create(null) as object, record)),
  ),
})).value;

function referenceOrRefusal(value: unknown): string | 'refused' {
  try {
    return canonicalize(value);
  } catch {
    return 'refused';
  }
}

describe('the canonical encoder fast path', () => {
  it('gives the reference bytes for every plain JSON value', () => {
    fc.assert(
      fc.property(plainJson, (value) => {
        expect(canonicalizePlain(value)).toBe(canonicalize(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('answers either the reference bytes or nothing for any value, and nothing where the reference refuses', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const fast = canonicalizePlain(value);
        if (fast === undefined) return;
        expect(fast).toBe(referenceOrRefusal(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('with a leaf filter, answers the reference bytes or nothing', () => {
    const noSurrogates = (leaf: string | number) => typeof leaf !== 'string' || !/[\ud800-\udfff]/.test(leaf);
    fc.assert(
      fc.property(plainJson, (value) => {
        const fast = canonicalizePlain(value, noSurrogates);
        if (fast !== undefined) expect(fast).toBe(canonicalize(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('encodes records of a fixed shape as the reference does, with members given rendered or not', () => {
    const keys = ['zeta', 'alpha', 'Éclair', 'a', 'A', '\ud800', ''] as const;
    const encode = canonicalShape(keys);
    const records = fc.record(Object.fromEntries(keys.map((key) => [key, fc.option(plainJson, { nil: undefined })])) as Record<(typeof keys)[number], fc.Arbitrary<unknown>>);
    fc.assert(
      fc.property(records, fc.subarray([...keys]), (record, renderedKeys) => {
        const rendered = Object.fromEntries(renderedKeys.filter((key) => record[key] !== undefined).map((key) => [key, canonicalize(record[key])]));
        expect(encode(record, rendered)).toBe(canonicalize(record));
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves values off the fast path that JSON alone cannot say (dates, holes, undefined members, cycles)', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [new Date(0), [1, , 3], { a: undefined }, cycle, 1n, Number.NaN, new Map(), { toJSON: () => 1 }]) { // eslint-disable-line no-sparse-arrays -- a hole
      expect(canonicalizePlain(value)).toBeUndefined();
    }
  });
});

const uuid = fc.uuid();
const subgraphCall = fc.record(
  { subgraph: awkwardText, status: fc.integer({ min: 0, max: 599 }), durationMs: awkwardNumber, error: awkwardText },
  { requiredKeys: ['subgraph', 'status', 'durationMs'] },
);

/** Access events as the gateway hands them to the log, with every field generated. */
const accessEvents: fc.Arbitrary<AccessEvent> = fc.record({
  requestId: awkwardText,
  graph: awkwardText,
  receivedAt: fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }),
  durationMs: awkwardNumber,
  statusCode: fc.integer({ min: 100, max: 599 }),
  clientAddress: awkwardText,
  responseBody: awkwardText,
  authenticationError: fc.option(fc.record({ code: awkwardText }), { nil: null }),
  context: fc.option(
    fc.record(
      {
        requester: fc.option(fc.record({ clientId: uuid, credentialId: uuid }), { nil: null }),
        operation: fc.record({
          name: fc.option(awkwardText, { nil: null }),
          hash: fc.option(awkwardText, { nil: null }),
          document: fc.option(awkwardText, { nil: null }),
          variables: fc.option(fc.dictionary(awkwardText, anyValue, { maxKeys: 5 }), { nil: null }),
          outcome: fc.constantFrom('ok', 'partial', 'denied', 'error', 'unauthenticated' as const),
          errorCode: fc.option(awkwardText, { nil: null }),
          coordinates: fc.array(awkwardText, { maxLength: 6 }),
          deniedCoordinates: fc.array(awkwardText, { maxLength: 3 }),
        }),
        subgraphCalls: fc.array(subgraphCall, { maxLength: 4 }),
      },
      { requiredKeys: ['requester', 'subgraphCalls'] },
    ),
    { nil: null },
  ),
});

describe('access-log records', () => {
  it('carry exactly the canonical form the reference gives for the stored row', () => {
    fc.assert(
      fc.property(accessEvents, (event) => {
        let prepared;
        try {
          prepared = prepareAccessLogRecord(event, { secret: 'rahasia-uji' });
        } catch {
          // Values the log refuses (a function, a Map in the variables) are refused alone, by design.
          return;
        }
        expect(prepared.canonical).toBe(accessLogCanonicalForm(prepared.record));
      }),
      { numRuns: RUNS },
    );
  });
});
