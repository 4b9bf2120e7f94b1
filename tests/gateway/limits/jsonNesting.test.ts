/**
 * The gateway refuses a request body by its nesting before parsing it (`jsonNestsDeeperThan`, a scan
 * of the text). The scan must agree with the nesting of what `JSON.parse` would build, on generated
 * JSON with strings full of brackets, quotes and escapes, so that it never refuses a body the
 * variables check would accept, nor lets a deeper one through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from '../../../gateway/limits/variables.ts';

/** Nesting of a parsed value: objects and arrays count one level each (the reference). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const members = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...members.map(depthOf));
}

const trickyText = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('[', ']', '{', '}', '"', '\\', '\\"[', '[[[[', '"}]', '\u2028', 'a\\b'),
);

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    trickyText,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('jsonNestsDeeperThan', () => {
  it('agrees with the nesting of the parsed value, brackets inside strings not counted', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 8 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(jsonNestsDeeperThan(text, max)).toBe(depthOf(JSON.parse(text)) > max);
      }),
      { numRuns: 500 },
    );
  });

  it('stops at the first level past the limit, also in text that never closes', () => {
    expect(jsonNestsDeeperThan(`{"variables":{"x":${'['.repeat(200_000)}`, 17)).toBe(true);
    expect(jsonNestsDeeperThan(`{"query":"${'['.repeat(1_000)}"}`, 1)).toBe(false);
  });
});
