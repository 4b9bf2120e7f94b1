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

/**
 * Bounds of one masking: the log must record every request, also one whose variables are built to
 * break it, so masking walks with an explicit stack (no recursion to overflow) and stops descending
 * past `MAX_MASK_DEPTH` levels or after `MAX_MASK_NODES` values, putting a marker in their place.
 * (The gateway refuses such variables before this, see gateway/limits/; this is the last line.)
 */
export const MAX_MASK_DEPTH = 64;
export const MAX_MASK_NODES = 20_000;
/** What stands in the log for a value deeper than `MAX_MASK_DEPTH`. */
export const TOO_DEEP_MARKER = '[terlalu dalam / too deep]';
/** What stands in the log for the values after the first `MAX_MASK_NODES`. */
export const TRUNCATED_MARKER = '[terpotong / truncated]';

type Container = Record<string, unknown> | unknown[];

/** One value to mask and where its result goes (`container[key]`). */
interface Task {
  value: unknown;
  container: Container;
  key: string | number;
  path: readonly string[];
  depth: number;
  /** Masking under a `mask` rule: every leaf masked. */
  all: boolean;
  /** The value sits under a key that names an identifier (`nik`, `nipPegawai`). */
  identifierName: boolean;
}

function isStructure(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !(value instanceof Date);
}

/** Whether `value` nests deeper than `limit`, found without recursion. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (!isStructure(current)) continue;
    if (depth >= limit || (seen += 1) > MAX_MASK_NODES) return true;
    for (const member of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: member, depth: depth + 1 });
  }
  return false;
}

/** A leaf under `mask`: masked for display, looked up. */
function maskLeaf(masking: Masking, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  lookup(masking, value);
  if (looksLikeIdentifier(value)) return maskIdentifier(String(value));
  return typeof value === 'string' ? maskText(value) : '***';
}

/** A leaf no rule names: identifiers masked (with lookups), the rest kept. */
function visitLeaf(masking: Masking, value: unknown, identifierName: boolean): unknown {
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

/** The entries of an object no rule covers as a whole: each by its own rule (see the file comment). */
function pushEntries(masking: Masking, stack: Task[], object: object, out: Record<string, unknown>, path: readonly string[], depth: number): void {
  const entries = Object.entries(object);
  // Keys are set in the input's order; their tasks are pushed in reverse so they are taken in order.
  const first = stack.length;
  for (const [key, value] of entries) {
    const childPath = [...path, key];
    switch (actionFor(masking.rules, childPath)) {
      case 'drop':
        break;
      case 'keep':
        // Kept verbatim, but never deeper than the log can hold.
        out[key] = nestsDeeperThan(value, MAX_MASK_DEPTH - depth) ? TOO_DEEP_MARKER : value;
        break;
      case 'mask':
        out[key] = undefined;
        stack.push({ value, container: out, key, path: childPath, depth: depth + 1, all: true, identifierName: false });
        break;
      case 'hash':
        if (value === null || value === undefined) out[key] = value;
        else if (nestsDeeperThan(value, MAX_MASK_DEPTH - depth)) out[key] = TOO_DEEP_MARKER;
        else {
          const digest = hashForLookup(value, masking.secret);
          masking.lookups.add(digest);
          out[key] = `hmac:${digest}`;
        }
        break;
      case undefined:
        out[key] = undefined;
        stack.push({
          value,
          container: out,
          key,
          path: childPath,
          depth: depth + 1,
          all: false,
          identifierName: masking.detect && namesIdentifierCached(masking.rules, key),
        });
        break;
    }
  }
  // Keys of dropped entries were never set; a key set to undefined above is filled by its task.
  for (let low = first, high = stack.length - 1; low < high; low += 1, high -= 1) {
    const swap = stack[low]!;
    stack[low] = stack[high]!;
    stack[high] = swap;
  }
}

/** Masks `root`'s entries into a new object, iteratively and within the bounds above. Never throws on input shape. */
function maskObject(masking: Masking, root: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const stack: Task[] = [];
  pushEntries(masking, stack, root, result, [], 0);
  let nodes = 0;
  while (stack.length > 0) {
    const task = stack.pop()!;
    nodes += 1;
    const { value, container, key } = task;
    if (nodes > MAX_MASK_NODES) {
      (container as Record<string | number, unknown>)[key] = TRUNCATED_MARKER;
      continue;
    }
    if (isStructure(value) && task.depth >= MAX_MASK_DEPTH) {
      (container as Record<string | number, unknown>)[key] = TOO_DEEP_MARKER;
      continue;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = new Array<unknown>(value.length);
      (container as Record<string | number, unknown>)[key] = out;
      for (let index = value.length - 1; index >= 0; index -= 1) {
        stack.push({ ...task, value: value[index], container: out, key: index, depth: task.depth + 1 });
      }
    } else if (isStructure(value)) {
      const out: Record<string, unknown> = {};
      (container as Record<string | number, unknown>)[key] = out;
      if (task.all) {
        const entries = Object.entries(value);
        for (const [member] of entries) out[member] = undefined;
        for (let index = entries.length - 1; index >= 0; index -= 1) {
          const [member, memberValue] = entries[index]!;
          stack.push({ ...task, value: memberValue, container: out, key: member, depth: task.depth + 1 });
        }
      } else {
        pushEntries(masking, stack, value, out, task.path, task.depth);
      }
    } else {
      (container as Record<string | number, unknown>)[key] = task.all ? maskLeaf(masking, value) : visitLeaf(masking, value, task.identifierName);
    }
  }
  return result;
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
  const masked = variables ? maskObject(masking, variables) : {};
  return { variables: masked, lookups: [...masking.lookups].sort() };
}

/**
 * `text` with every NIK- or NIP-shaped run of digits in it replaced by `replace(digits)` (default
 * `maskIdentifier`), each run's lookup hash added to `lookups`. For text that is not a variable but
 * can carry one: an operation name, a name inside a document, a client's request id, a log line.
 */
export function maskEmbeddedIdentifiers(
  text: string,
  secret: string | Uint8Array,
  lookups: Set<string>,
  replace: (digits: string) => string = maskIdentifier,
): string {
  if (!HAS_EMBEDDED_IDENTIFIER.test(text)) return text;
  return text.replace(EMBEDDED_IDENTIFIER, (digits) => {
    lookups.add(hashForLookup(digits, secret));
    return replace(digits);
  });
}
