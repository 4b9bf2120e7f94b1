/**
 * What the access log keeps of a request's variables.
 *
 * The log must show what was asked without becoming a second copy of the personal data the bus
 * protects (UU PDP 27/2022). Each variable is kept, masked, hashed or dropped by rules; identifiers
 * of people (NIK, 16 digits; NIP, 18 digits) are found by name or by value and masked by default.
 * Everything masked or hashed also yields a lookup hash, `hashForLookup(value, secret)` (HMAC-SHA256
 * with an operator secret), stored beside the record: an evaluator asking "every access that looked
 * up NIK x" hashes x with the same secret and searches for it, without the log holding x in clear.
 * The secret must stay with the operator: anyone holding it can test guesses against the hashes.
 *
 * Rules map a pattern to an action, matched case-insensitively:
 * - a pattern without a dot matches a variable or input field name at any depth (`nik`, `*token*`);
 * - a pattern with dots matches the path from the variables' root (`input.pemohon.nama`); array
 *   positions are not path segments (`items.nik` matches `items[3].nik`); `*` matches within one
 *   segment, a `**` segment matches any number of segments;
 * - path patterns are tried before name patterns; among each, the first in the given order wins;
 * - the action applies to the whole value (an object or list included).
 * Actions: `keep` (verbatim, no identifier detection), `mask` (masked for display, plus lookup
 * hashes), `hash` (replaced by `hmac:<hex>`, plus its lookup hash), `drop` (left out entirely).
 * Values no rule names are kept, except identifiers, which are masked (with lookup hashes), also when
 * embedded in longer text, unless `detectIdentifiers: false`.
 */
import { createHmac } from 'node:crypto';
import { canonicalize } from './canonical.ts';

export type MaskAction = 'mask' | 'hash' | 'drop' | 'keep';
export type MaskRules = Readonly<Record<string, MaskAction>>;

/** Credentials never belong in a log. NIK/NIP detection is built in (see `MaskOptions`). */
export const DEFAULT_MASK_RULES: MaskRules = Object.freeze({
  '*password*': 'drop',
  '*passwd*': 'drop',
  '*sandi*': 'drop',
  '*secret*': 'drop',
  '*token*': 'drop',
  '*apikey*': 'drop',
  '*api_key*': 'drop',
});

export interface MaskOptions {
  /** Key of the lookup HMAC (and of `hash` actions). Same secret for writing and searching. */
  secret: string | Uint8Array;
  /** Replaces the default rules; spread `DEFAULT_MASK_RULES` into yours to extend them. */
  rules?: MaskRules;
  /** Mask values named or shaped like a NIK or NIP where no rule applies (default true). */
  detectIdentifiers?: boolean;
}

export interface MaskedVariables {
  /** What the log shows. */
  variables: Record<string, unknown>;
  /** Lookup hashes (hex HMAC-SHA256) of every masked or hashed value, sorted, without duplicates. */
  lookups: string[];
}

const NIK = /^\d{16}$/;
const NIP = /^\d{18}$/;
const EMBEDDED_IDENTIFIER = /(?<!\d)(?:\d{18}|\d{16})(?!\d)/g;
const HAS_EMBEDDED_IDENTIFIER = /(?<!\d)(?:\d{18}|\d{16})(?!\d)/;
const SEPARATORS = /[\s.-]/g;

/**
 * Lookup hash of a value: hex HMAC-SHA256 under `secret`. Strings are trimmed, and an identifier
 * written with separators (`3301 0123 4567 0001`) hashes as its digits, so the evaluator's search
 * matches however it was typed. Numbers hash as their decimal form; other values as canonical JSON.
 */
export function hashForLookup(value: unknown, secret: string | Uint8Array): string {
  return createHmac('sha256', secret).update(normalizeForLookup(value)).digest('hex');
}

function normalizeForLookup(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') return canonicalize(value);
  const trimmed = value.trim();
  const digits = trimmed.replace(SEPARATORS, '');
  return NIK.test(digits) || NIP.test(digits) ? digits : trimmed;
}

/** `3301012345670001` → `330101******0001` (region code and last four kept). Other shapes: see `maskIdentifier`. */
export function maskNik(value: string): string {
  const digits = value.replace(SEPARATORS, '');
  if (!NIK.test(digits)) return maskIdentifier(value);
  return `${digits.slice(0, 6)}${'*'.repeat(6)}${digits.slice(12)}`;
}

/**
 * `198501012005011001` → `**************1001`: only the last four kept, as a NIP begins with its
 * holder's birth date.
 */
export function maskNip(value: string): string {
  const digits = value.replace(SEPARATORS, '');
  if (!NIP.test(digits)) return maskIdentifier(value);
  return `${'*'.repeat(14)}${digits.slice(14)}`;
}

/** A NIK or NIP masked as such; any other identifier keeps its last four characters if 10 or longer. */
export function maskIdentifier(value: string): string {
  const digits = value.replace(SEPARATORS, '');
  if (NIK.test(digits)) return maskNik(digits);
  if (NIP.test(digits)) return maskNip(digits);
  const trimmed = value.trim();
  return trimmed.length >= 10
    ? `${'*'.repeat(trimmed.length - 4)}${trimmed.slice(-4)}`
    : '*'.repeat(trimmed.length || 3);
}

/** Display form of a value under `mask` that is not an identifier: its first character at most. */
function maskText(value: string): string {
  return value.length > 3 ? `${value[0]}***` : '***';
}

function looksLikeIdentifier(value: unknown): value is string | number | bigint {
  if (typeof value === 'number')
    return Number.isInteger(value) && (NIK.test(String(value)) || NIP.test(String(value)));
  if (typeof value === 'bigint') return NIK.test(String(value)) || NIP.test(String(value));
  if (typeof value !== 'string') return false;
  const digits = value.replace(SEPARATORS, '');
  return (NIK.test(digits) || NIP.test(digits)) && /^[\d\s.-]+$/.test(value.trim());
}

/** `nikPemohon`, `NIK`, `no_nip` name an identifier; `tanggalNikah` does not. */
function namesIdentifier(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.includes('nik') || words.includes('nip');
}

// ---------------------------------------------------------------------------------------------

type Segment = RegExp | '**';
interface CompiledRule {
  segments: Segment[];
  action: MaskAction;
}

function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${source}$`, 'i');
}

function compile(rules: MaskRules): { paths: CompiledRule[]; names: CompiledRule[] } {
  const paths: CompiledRule[] = [];
  const names: CompiledRule[] = [];
  for (const [pattern, action] of Object.entries(rules)) {
    const parts = pattern.split('.');
    const segments = parts.map((part): Segment => (part === '**' ? '**' : globToRegExp(part)));
    (parts.length > 1 ? paths : names).push({ segments, action });
  }
  return { paths, names };
}

function matchPath(segments: readonly Segment[], path: readonly string[], i = 0, j = 0): boolean {
  if (i === segments.length) return j === path.length;
  const segment = segments[i]!;
  if (segment === '**') {
    for (let k = j; k <= path.length; k++) if (matchPath(segments, path, i + 1, k)) return true;
    return false;
  }
  return j < path.length && segment.test(path[j]!) && matchPath(segments, path, i + 1, j + 1);
}

/**
 * A rule set, compiled, with what it decided for each path and key name seen so far: variable names
 * come from a small set (the operations' own), and the log masks every request's variables, so the
 * regular expressions run once per name rather than once per request. Bounded: cleared when full.
 */
interface CompiledRules {
  paths: CompiledRule[];
  names: CompiledRule[];
  /** Decisions for a variable at the root (by its name) and deeper (by its path as JSON). */
  keyActions: Map<string, MaskAction | null>;
  pathActions: Map<string, MaskAction | null>;
  identifierNames: Map<string, boolean>;
}

const DECISIONS_LIMIT = 4_096;
const compiledCache = new WeakMap<MaskRules, CompiledRules>();

function compiledRules(rules: MaskRules): CompiledRules {
  let compiled = compiledCache.get(rules);
  if (!compiled) {
    compiled = { ...compile(rules), keyActions: new Map(), pathActions: new Map(), identifierNames: new Map() };
    compiledCache.set(rules, compiled);
  }
  return compiled;
}

/** One call's state: the module-level functions below take it instead of closing over it. */
interface Masking {
  rules: CompiledRules;
  detect: boolean;
  secret: string | Uint8Array;
  lookups: Set<string>;
}

function actionFor(rules: CompiledRules, path: readonly string[]): MaskAction | undefined {
  // A key name alone, or the path as JSON: unambiguous whatever characters the keys hold.
  const cacheKey = path.length === 1 ? path[0]! : JSON.stringify(path);
  const decisions = path.length === 1 ? rules.keyActions : rules.pathActions;
  const cached = decisions.get(cacheKey);
  if (cached !== undefined) return cached ?? undefined;
  const action = uncachedActionFor(rules, path);
  if (decisions.size >= DECISIONS_LIMIT) decisions.clear();
  decisions.set(cacheKey, action ?? null);
  return action;
}

function uncachedActionFor(rules: CompiledRules, path: readonly string[]): MaskAction | undefined {
  for (const rule of rules.paths) if (matchPath(rule.segments, path)) return rule.action;
  const name = path[path.length - 1]!;
  for (const rule of rules.names) if (rule.segments[0] !== '**' && (rule.segments[0] as RegExp).test(name)) return rule.action;
  return undefined;
}

function namesIdentifierCached(rules: CompiledRules, key: string): boolean {
  let names = rules.identifierNames.get(key);
  if (names === undefined) {
    names = namesIdentifier(key);
    if (rules.identifierNames.size >= DECISIONS_LIMIT) rules.identifierNames.clear();
    rules.identifierNames.set(key, names);
  }
  return names;
}

function lookup(masking: Masking, value: unknown): void {
  masking.lookups.add(hashForLookup(value, masking.secret));
}

/** `mask` applied to a whole value: every leaf masked, every non-null leaf looked up. */
function maskAll(masking: Masking, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => maskAll(masking, item));
  if (typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, maskAll(masking, member)]));
  }
  lookup(masking, value);
  if (looksLikeIdentifier(value)) return maskIdentifier(String(value));
  return typeof value === 'string' ? maskText(value) : '***';
}

/** No rule for this value: recurse into structures, mask identifiers. */
function visit(masking: Masking, value: unknown, path: string[], identifierName: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => visit(masking, item, path, identifierName));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return visitObject(masking, value, path);
  if (!masking.detect || value === null || value === undefined) return value;
  if (identifierName && (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint')) {
    lookup(masking, value);
    return maskIdentifier(String(value));
  }
  if (looksLikeIdentifier(value)) {
    lookup(masking, value);
    return maskIdentifier(String(value));
  }
  if (typeof value === 'string' && HAS_EMBEDDED_IDENTIFIER.test(value)) {
    return value.replace(EMBEDDED_IDENTIFIER, (digits) => {
      lookup(masking, digits);
      return maskIdentifier(digits);
    });
  }
  return value;
}

function visitObject(masking: Masking, object: object, path: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const childPath = [...path, key];
    switch (actionFor(masking.rules, childPath)) {
      case 'drop':
        break;
      case 'keep':
        out[key] = value;
        break;
      case 'mask':
        out[key] = maskAll(masking, value);
        break;
      case 'hash':
        if (value === null || value === undefined) out[key] = value;
        else {
          const digest = hashForLookup(value, masking.secret);
          masking.lookups.add(digest);
          out[key] = `hmac:${digest}`;
        }
        break;
      case undefined:
        out[key] = visit(masking, value, childPath, masking.detect && namesIdentifierCached(masking.rules, key));
        break;
    }
  }
  return out;
}

export function maskVariables(
  variables: Record<string, unknown> | null | undefined,
  options: MaskOptions,
): MaskedVariables {
  const masking: Masking = {
    rules: compiledRules(options.rules ?? DEFAULT_MASK_RULES),
    detect: options.detectIdentifiers ?? true,
    secret: options.secret,
    lookups: new Set<string>(),
  };
  const masked = variables ? visitObject(masking, variables, []) : {};
  return { variables: masked, lookups: [...masking.lookups].sort() };
}
