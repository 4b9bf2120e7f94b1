import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../lib/ledger/canonical.ts';
import { PenghubungError } from '../../lib/errors.ts';

describe('canonicalize', () => {
  it('sorts keys, so insertion order does not change the form', () => {
    expect(canonicalize({ b: 1, a: 2, c: { z: 1, y: [3, { q: 1, p: 2 }] } })).toBe(
      '{"a":2,"b":1,"c":{"y":[3,{"p":2,"q":1}],"z":1}}',
    );
    expect(canonicalize({ a: 2, c: { y: [3, { p: 2, q: 1 }], z: 1 }, b: 1 })).toBe(
      canonicalize({ b: 1, a: 2, c: { z: 1, y: [3, { q: 1, p: 2 }] } }),
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    // RFC 8785 §3.2.3 example keys: "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"
    const value = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    const keys = Object.keys(JSON.parse(canonicalize(value)) as object);
    expect(keys).toEqual(['1', '\r', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    // Object.keys puts integer-like keys first; the canonical text must not depend on that.
    expect(canonicalize(value).startsWith('{"\\r":2,"1":4,')).toBe(true);
  });

  it('writes no whitespace and renders numbers in the shortest round-trip form', () => {
    expect(canonicalize([1.0, 1e21, 1e-7, -0, 0.1 + 0.2, 123456789012345680000])).toBe(
      '[1,1e+21,1e-7,0,0.30000000000000004,123456789012345680000]',
    );
  });

  it('renders dates as ISO strings, bigints as strings, and drops undefined members', () => {
    const at = new Date(Date.UTC(2024, 6, 1, 2, 3, 4, 5));
    expect(canonicalize({ at, seq: 9007199254740993n, gone: undefined, list: [undefined, null] })).toBe(
      '{"at":"2024-07-01T02:03:04.005Z","list":[null,null],"seq":"9007199254740993"}',
    );
  });

  it('is stable across nested structures built in different orders', () => {
    const a = { user: { nik: '3301012345670001', roles: ['publisher'] }, at: new Date(0) };
    const b = JSON.parse(
      JSON.stringify({ at: new Date(0), user: { roles: ['publisher'], nik: '3301012345670001' } }),
    );
    expect(canonicalize(a)).toBe(canonicalize({ ...b, at: new Date(b.at as string) }));
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalize({ s: 'baris\nbaru "kutip" \u0007 é' })).toBe(
      '{"s":"baris\\nbaru \\"kutip\\" \\u0007 é"}',
    );
  });

  it('refuses values it would otherwise hash away', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [
      NaN,
      Infinity,
      new Map(),
      new Set([1]),
      new Date('nope'),
      cyclic,
      { f: () => 1 },
      Symbol('x'),
    ]) {
      expect(() => canonicalize(bad)).toThrow(PenghubungError);
    }
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(canonicalize({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});
