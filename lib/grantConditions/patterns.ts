/**
 * The regular expressions of grant conditions (`arguments.patterns`), run by a linear-time engine.
 *
 * Whoever grants access sets these patterns, and the gateway runs them against every requester's
 * argument values on its one event loop. A backtracking engine (JavaScript's `RegExp`) takes
 * exponential time on patterns such as `(a+)+$` or `(x|x)*y`: one request would stop the whole bus
 * for minutes. RE2 (here its pure-JavaScript port `re2js`, no native build) matches in time linear
 * in the value, and refuses what cannot be matched that way: backreferences (`\1`) and lookaround
 * (`(?=`, `(?!`, `(?<=`, `(?<!`).
 *
 * Bounds, so that linear stays small:
 * - a pattern is at most `PATTERN_MAX_LENGTH` characters and compiles to at most
 *   `PATTERN_MAX_PROGRAM` RE2 instructions (a counted repetition such as `.{0,999}` multiplies the
 *   program, and the matching cost per character grows with it);
 * - a value longer than `PATTERN_VALUE_MAX_LENGTH` characters is refused, not matched;
 * - one request's matching work (characters × instructions, over every alias, list element and
 *   pattern) is bounded by a `PatternBudget`: linear per value is still too much when a request
 *   repeats a 500-character value under 30 aliases, or lists thousands of them. Past the budget,
 *   the field is refused.
 *
 * Semantics: the whole value must match (anchored at both ends), over Unicode code points; RE2
 * syntax (https://github.com/google/re2/wiki/Syntax), no flags.
 */
import { RE2JS } from 're2js';
import type { Message } from '../errors.ts';

export const PATTERN_MAX_LENGTH = 200;
export const PATTERN_MAX_PROGRAM = 1_000;
export const PATTERN_VALUE_MAX_LENGTH = 500;
/**
 * Matching work one request may cause, in characters × RE2 instructions: about half a second at the
 * slowest (a program of 1000 instructions whose DFA keeps missing runs at ~60 ns per unit), while
 * 30 aliases of a 100-element list of NIKs checked against `3501\d{12}` (18 instructions) use
 * under a tenth of it.
 */
export const PATTERN_WORK_PER_REQUEST = 10_000_000;

/** The matching work left to one request (gateway: one authorization; subgraph: one operation). */
export class PatternBudget {
  #remaining: number;

  constructor(units = PATTERN_WORK_PER_REQUEST) {
    this.#remaining = units;
  }

  /** Takes the work of matching `value` with `regex`; false (nothing taken) when it is not left. */
  take(regex: RE2JS, value: string): boolean {
    const units = Math.max(1, value.length) * regex.programSize();
    if (units > this.#remaining) return false;
    this.#remaining -= units;
    return true;
  }
}

export type CompiledPattern = { readonly ok: true; readonly regex: RE2JS } | { readonly ok: false; readonly problem: Message };

/** Compiles a pattern, or says why it cannot be used; never throws. */
function compile(source: string): CompiledPattern {
  if (source.length === 0 || source.length > PATTERN_MAX_LENGTH) {
    return {
      ok: false,
      problem: {
        id: `pola harus 1–${PATTERN_MAX_LENGTH} karakter`,
        en: `a pattern must be 1–${PATTERN_MAX_LENGTH} characters`,
      },
    };
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: {
        id: `pola tidak dapat dipakai; hanya sintaks RE2, tanpa backreference (\\1) dan lookaround ((?=, (?!, (?<=, (?<!): ${detail}`,
        en: `the pattern cannot be used; RE2 syntax only, without backreferences (\\1) and lookaround ((?=, (?!, (?<=, (?<!): ${detail}`,
      },
    };
  }
  if (regex.programSize() > PATTERN_MAX_PROGRAM) {
    return {
      ok: false,
      problem: {
        id: `pola terlalu rumit (${regex.programSize()} instruksi RE2, paling banyak ${PATTERN_MAX_PROGRAM}); perkecil pengulangan berbilang seperti {0,999}`,
        en: `the pattern is too complex (${regex.programSize()} RE2 instructions, at most ${PATTERN_MAX_PROGRAM}); reduce counted repetitions such as {0,999}`,
      },
    };
  }
  return { ok: true, regex };
}

const compiled = new Map<string, CompiledPattern>();

/** The compiled pattern (or why it cannot be used), cached by source: patterns are few, values many. */
export function compilePattern(source: string): CompiledPattern {
  let entry = compiled.get(source);
  if (!entry) {
    entry = compile(source);
    if (compiled.size >= 1_000) compiled.clear();
    compiled.set(source, entry);
  }
  return entry;
}

/** Why a pattern would be refused when conditions are attached; null when it can be used. */
export function patternProblem(source: string): Message | null {
  const entry = compilePattern(source);
  return entry.ok ? null : entry.problem;
}

/** Whether the whole of `value` matches; a value over `PATTERN_VALUE_MAX_LENGTH` never does. */
export function matchesWhole(regex: RE2JS, value: string): boolean {
  return value.length <= PATTERN_VALUE_MAX_LENGTH && regex.testExact(value);
}
