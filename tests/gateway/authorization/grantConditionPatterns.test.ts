/**
 * Grant-condition patterns run by a linear-time engine (RE2), without servers: what is refused when
 * conditions are attached (backreferences, lookaround, too long, too complex, not a regular
 * expression), that the patterns which make a backtracking engine run for minutes are answered at
 * once, that a stored pattern which does not compile refuses the field instead of throwing, that
 * the semantics stay those of before (whole value, Unicode code points), and that one request's
 * matching work is bounded.
 */
import { describe, expect, it } from 'vitest';
import {
  attachedConditionsInputSchema,
  attachedConditionsSchema,
  checkArguments,
  checkBeforeResolve,
} from '../../../lib/grantConditions/conditions.ts';
import { PatternBudget, PATTERN_MAX_PROGRAM, PATTERN_VALUE_MAX_LENGTH } from '../../../lib/grantConditions/patterns.ts';

/** `a`s and `b`s in a scrambled order, which keeps RE2's DFA missing on the pattern below (its slowest case). */
function mixed(length: number, seed: number): string {
  let state = seed;
  return Array.from({ length }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % 2 === 0 ? 'a' : 'b';
  }).join('');
}
const SLOWEST = '(?:[ab]*a[ab]{0,480})c';

function attachPattern(source: string) {
  return attachedConditionsInputSchema.safeParse({ fields: { 'Query.penduduk': { arguments: { patterns: { nik: source } } } } });
}

describe('patterns refused when conditions are attached', () => {
  it.each([
    ['a backreference', '(a+)\\1', /tanpa backreference.* \/ the pattern cannot be used; RE2 syntax only.*invalid escape sequence/],
    ['a named backreference', '(?P<n>a)\\k<n>', /hanya sintaks RE2/],
    ['a lookahead', '3501(?=\\d{12})\\d+', /lookaround.*unsupported Perl syntax/],
    ['a negative lookahead', '(?!0000)\\d{4}', /lookaround/],
    ['a lookbehind', '(?<=35)01\\d+', /lookaround/],
    ['a negative lookbehind', '(?<!x)a', /lookaround/],
    ['an unclosed group', '(', /missing closing \)/],
    ['a nested repetition', 'a{2}{2}', /invalid nested repetition/],
    ['a program too large', '.{0,999}', new RegExp(`pola terlalu rumit \\(2000 instruksi RE2, paling banyak ${PATTERN_MAX_PROGRAM}\\).* / the pattern is too complex`)],
    ['a repetition count over RE2s limit', 'a{1001}', /invalid repeat count/],
  ])('refuses %s, naming the pattern in Indonesian and English', (_what, source, message) => {
    const parsed = attachPattern(source);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: ['fields', 'Query.penduduk', 'arguments', 'patterns', 'nik'], message: expect.stringMatching(message) }),
    ]);
  });

  it('refuses a pattern longer than 200 characters, and an empty one', () => {
    expect(attachPattern('a'.repeat(201)).error?.issues).toEqual([expect.objectContaining({ code: 'too_big', maximum: 200 })]);
    expect(attachPattern('').error?.issues[0]).toMatchObject({ code: 'too_small' });
    expect(attachPattern('a'.repeat(200)).success).toBe(true);
  });

  it('names every refused pattern, in `all` and per field', () => {
    const parsed = attachedConditionsInputSchema.safeParse({
      all: { arguments: { patterns: { kode: '(?=x)' } } },
      fields: { 'Query.penduduk': { arguments: { patterns: { nik: '\\d+', nama: '(a)\\1' } } } },
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'all.arguments.patterns.kode',
      'fields.Query.penduduk.arguments.patterns.nama',
    ]);
  });

  it('accepts RE2 syntax, including the patterns a backtracking engine cannot survive (RE2 runs them in linear time)', () => {
    for (const source of ['3501\\d{12}', '(a+)+$', '(x|x)*y', '\\p{L}[\\p{L} .\\x{27}-]{0,99}', '(?i)pacitan|punung', '[[:digit:]]{4}']) {
      expect(attachPattern(source).success, source).toBe(true);
    }
  });

  it('still reads a stored pattern the engine refuses (a row from before), so grants and tokens stay readable', () => {
    const stored = { fields: { 'Query.penduduk': { arguments: { patterns: { nik: '(a+)\\1' } } } } };
    expect(attachedConditionsSchema.safeParse(stored).success).toBe(true);
    expect(attachedConditionsInputSchema.safeParse(stored).success).toBe(false);
  });
});

describe('pattern evaluation', () => {
  it('answers catastrophic-backtracking patterns against hostile values at once (seconds of bound, not minutes)', () => {
    const started = Date.now();
    const hostile = `${'a'.repeat(PATTERN_VALUE_MAX_LENGTH - 1)}!`;
    expect(checkArguments({ patterns: { nik: '(a+)+$' } }, { nik: hostile })).toMatchObject({ condition: 'arguments', argument: 'nik' });
    expect(checkArguments({ patterns: { nik: '(a|a)*b' } }, { nik: hostile })).toMatchObject({ argument: 'nik' });
    expect(checkArguments({ patterns: { nik: '(x|x)*y' } }, { nik: 'x'.repeat(PATTERN_VALUE_MAX_LENGTH) })).toMatchObject({ argument: 'nik' });
    expect(checkArguments({ patterns: { nik: '(a+)+$' } }, { nik: 'a'.repeat(PATTERN_VALUE_MAX_LENGTH) })).toBeNull();
    // A backtracking engine takes longer than the age of the universe on these; RE2, milliseconds.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('refuses a value longer than the bound without matching it, and checks one at the bound', () => {
    const longest = '1'.repeat(PATTERN_VALUE_MAX_LENGTH);
    expect(checkArguments({ patterns: { kode: '\\d+' } }, { kode: longest })).toBeNull();
    const refused = checkArguments({ patterns: { kode: '\\d+' } }, { kode: `${longest}1` });
    expect(refused).toMatchObject({ argument: 'kode' });
    expect(refused?.message.id).toBe(`Nilai argumen "kode" lebih dari ${PATTERN_VALUE_MAX_LENGTH} karakter, terlalu panjang untuk diperiksa dengan pola syarat pemberian akses.`);
    expect(refused?.message.en).toMatch(/too long to check against the grant's pattern/);
    // Every element of a list is bounded.
    expect(checkArguments({ patterns: { kode: '\\d+' } }, { kode: ['1', `${longest}1`] })).toMatchObject({ argument: 'kode' });
  });

  it('fails closed on a stored pattern that does not compile: the field is refused with the usual failure, nothing thrown', () => {
    for (const source of ['(a+)\\1', '3501(?=\\d)\\d*', '.{0,999}']) {
      const failure = checkBeforeResolve([{ sets: [{ arguments: { patterns: { nik: source } } }] }], new Date(), { nik: 'aa' });
      expect(failure, source).toMatchObject({ condition: 'arguments', argument: 'nik' });
      expect(failure?.message.id).toMatch(/^Pola argumen "nik" dalam syarat pemberian akses tidak dapat diterapkan/);
      expect(failure?.message.en).toMatch(/cannot be applied .*access is refused until the grantor fixes it/);
    }
    // Another alternative (another request granting the field) may still allow it.
    expect(
      checkBeforeResolve(
        [{ sets: [{ arguments: { patterns: { nik: '(a+)\\1' } } }] }, { sets: [{ arguments: { patterns: { nik: 'a+' } } }] }],
        new Date(),
        { nik: 'aa' },
      ),
    ).toBeNull();
    // An argument not given is not checked, as before.
    expect(checkArguments({ patterns: { nik: '(a+)\\1' } }, {})).toBeNull();
  });

  it('keeps the semantics: the whole value must match, over Unicode code points; non-strings are refused', () => {
    expect(checkArguments({ patterns: { x: 'a|b' } }, { x: 'a' })).toBeNull();
    expect(checkArguments({ patterns: { x: 'a|b' } }, { x: 'ab' })).toMatchObject({ argument: 'x' });
    expect(checkArguments({ patterns: { x: '3501\\d{12}' } }, { x: 'x3501040509830001' })).toMatchObject({ argument: 'x' });
    expect(checkArguments({ patterns: { x: '3501\\d{12}' } }, { x: '3501040509830001\n' })).toMatchObject({ argument: 'x' });
    expect(checkArguments({ patterns: { x: '\\p{L}+' } }, { x: 'Ñandú' })).toBeNull();
    expect(checkArguments({ patterns: { x: '.' } }, { x: '😀' })).toBeNull();
    expect(checkArguments({ patterns: { x: '\\d+' } }, { x: 12 })).toMatchObject({ argument: 'x' });
  });
});

describe("one request's pattern-matching budget", () => {
  it('lets a heavy lawful request through: 30 aliases of 100 NIKs each', () => {
    const budget = new PatternBudget();
    const niks = Array.from({ length: 100 }, (_, index) => `350104050983${String(index).padStart(4, '0')}`);
    for (let alias = 0; alias < 30; alias += 1) {
      expect(checkArguments({ patterns: { nik: '3501\\d{12}' } }, { nik: niks }, budget)).toBeNull();
    }
  });

  it('refuses, failing closed, once the request has used its budget on the slowest pattern, within seconds', () => {
    expect(attachPattern(SLOWEST).success).toBe(true);
    const budget = new PatternBudget();
    const started = Date.now();
    let refusal = null;
    let checked = 0;
    for (; checked < 100 && refusal === null; checked += 1) {
      // Each value matches (an `a` shortly before the final `c`): only the budget can refuse.
      refusal = checkArguments({ patterns: { kode: SLOWEST } }, { kode: `${mixed(PATTERN_VALUE_MAX_LENGTH - 2, checked + 1)}ac` }, budget);
    }
    // 10,000,000 units over 500 characters × ~970 instructions: about 20 values, not 100.
    expect(checked).toBeGreaterThan(10);
    expect(checked).toBeLessThan(30);
    expect(refusal).toMatchObject({ condition: 'arguments', argument: 'kode' });
    expect(refusal?.message.id).toMatch(/^Permintaan ini meminta terlalu banyak pemeriksaan pola syarat pemberian akses \(argumen "kode"\)/);
    expect(refusal?.message.en).toMatch(/too much checking against the grant's patterns/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('is shared by every evaluation given the same budget, and each call without one gets its own', () => {
    const conditions = [{ sets: [{ arguments: { patterns: { kode: '\\d+' } } }] }];
    const value = '1'.repeat(100);
    // `\d+` is a few instructions: a budget of 1000 units holds a couple of these values, not ten.
    const small = new PatternBudget(1_000);
    const outcomes = Array.from({ length: 10 }, () => checkBeforeResolve(conditions, new Date(), { kode: value }, small));
    expect(outcomes[0]).toBeNull();
    expect(outcomes.at(-1)).toMatchObject({ argument: 'kode', message: { id: expect.stringMatching(/terlalu banyak pemeriksaan pola/) } });
    for (let call = 0; call < 10; call += 1) expect(checkBeforeResolve(conditions, new Date(), { kode: value })).toBeNull();
  });
});
