/**
 * Masking the variables of the access log never throws, whatever a client sends: it walks without
 * recursion and within bounds, so a request whose variables are built to break it still gets its
 * record (DESIGN.md: no request without its record).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MASK_DEPTH, MAX_MASK_NODES, TOO_DEEP_MARKER, TRUNCATED_MARKER, hashForLookup, maskVariables } from '../../lib/ledger/mask.ts';

const secret = 'rahasia-uji-penyamaran-variabel-0001';

function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('masking bounded variables', () => {
  it('masks a 200,000-deep array without throwing, cut at the depth bound, the NIK beside it still masked and looked up', () => {
    const nik = '3501040509830001';
    const masked = maskVariables({ nik, unused: nestedArray(200_000) }, { secret });
    expect(masked.variables['nik']).toBe('350104******0001');
    expect(masked.lookups).toEqual([hashForLookup(nik, secret)]);
    let cursor: unknown = masked.variables['unused'];
    let depth = 1;
    while (Array.isArray(cursor)) {
      cursor = cursor[0];
      depth += 1;
    }
    expect(cursor).toBe(TOO_DEEP_MARKER);
    expect(depth).toBe(MAX_MASK_DEPTH);
  });

  it('masks deep objects under mask, hash and keep rules without throwing', () => {
    let deep: unknown = { nik: '3501040509830001' };
    for (let level = 0; level < 100_000; level += 1) deep = { lapisan: deep };
    const masked = maskVariables({ a: deep, b: deep, c: deep }, { secret, rules: { a: 'mask', b: 'hash', c: 'keep' } });
    expect(masked.variables['b']).toBe(TOO_DEEP_MARKER);
    expect(masked.variables['c']).toBe(TOO_DEEP_MARKER);
    expect(JSON.stringify(masked.variables['a'])).toContain(TOO_DEEP_MARKER);
  });

  it('stops after the node bound, marking the rest', () => {
    const wide = Array.from({ length: MAX_MASK_NODES + 500 }, (_, index) => index);
    const masked = maskVariables({ wide }, { secret });
    const out = masked.variables['wide'] as unknown[];
    expect(out).toHaveLength(wide.length);
    expect(out[0]).toBe(0);
    expect(out[out.length - 1]).toBe(TRUNCATED_MARKER);
  });

  it('masks an object of 300,000 keys without throwing', () => {
    const wide = Object.fromEntries(Array.from({ length: 300_000 }, (_, index) => [`k${index}`, index]));
    const masked = maskVariables({ wide }, { secret });
    expect(Object.values(masked.variables['wide'] as object).at(-1)).toBe(TRUNCATED_MARKER);
  });

  it('keeps the order of keys and the shape of ordinary variables', () => {
    const masked = maskVariables({ z: 1, a: { y: [1, { x: 'teks' }], b: null }, nik: '3501040509830001' }, { secret });
    expect(masked.variables).toEqual({ z: 1, a: { y: [1, { x: 'teks' }], b: null }, nik: '350104******0001' });
    expect(Object.keys(masked.variables)).toEqual(['z', 'a', 'nik']);
  });

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 8 })), (variables) => {
        expect(() => maskVariables(variables, { secret })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
