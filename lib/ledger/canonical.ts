/**
 * Canonical JSON for hashing, in the style of RFC 8785 (JSON Canonicalization Scheme):
 * object keys sorted by UTF-16 code units, no whitespace, numbers in the ECMAScript shortest
 * round-trip form (what `JSON.stringify` emits, `-0` as `0`), strings escaped as `JSON.stringify`
 * does. The same value always gives the same string, on every platform and Node version, so a
 * hash over it can be recomputed years later by an evaluator.
 *
 * Extensions beyond JSON, chosen so that the records we log can be hashed as they are:
 * - `Date` → its ISO 8601 string (`toISOString()`, millisecond precision, UTC);
 * - `bigint` → its decimal digits as a JSON string (`12n` → `"12"`);
 * - `undefined` object members are dropped (as JSON does); `undefined` in an array becomes `null`
 *   (as JSON does; dropping it would shift the positions after it);
 * - an object with a `toJSON()` method (e.g. `Buffer`) is rendered from what `toJSON()` returns.
 *
 * Refused, with a `PenghubungError`, rather than silently rendered as `{}` or `null` (which would
 * hash away the data a record was meant to keep): non-finite numbers, functions, symbols, invalid
 * dates, cycles, and instances of other classes (`Map`, `Set`, typed arrays, …).
 *
 * Deviation from RFC 8785: a lone UTF-16 surrogate in a string is not an error; it is escaped as
 * `\udXXX`, as ES2019 `JSON.stringify` does. Variables sent by a client may contain one, and the
 * access log must still record that request.
 */
import { PenghubungError } from '../errors.ts';

export function canonicalize(value: unknown): string {
  const ancestors: object[] = [];
  try {
    return render(value, ancestors);
  } catch (error) {
    if (error instanceof Refusal) {
      throw new PenghubungError('INTERNAL', {
        id: `Nilai tidak dapat dikanonisasi di $${error.path}: ${error.what}.`,
        en: `Value cannot be canonicalized at $${error.path}: ${error.what}.`,
      });
    }
    throw error;
  }
}

/** Thrown inside the walk; the path is assembled only on the way out, so the hot path builds none. */
class Refusal {
  path = '';
  constructor(readonly what: string) {}
  under(segment: string): Refusal {
    this.path = segment + this.path;
    return this;
  }
}

function render(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Refusal(`non-finite number ${String(value)}`);
      // JSON.stringify uses Number::toString, the form RFC 8785 prescribes; -0 renders as 0.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'undefined':
      return 'null'; // only reached for array elements and the top level; members are dropped below
    case 'function':
    case 'symbol':
      throw new Refusal(typeof value);
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const object = value as object;

  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new Refusal('invalid Date');
    return `"${object.toISOString()}"`;
  }
  // Depth is small in practice, so a linear scan of the ancestors beats a Set.
  if (ancestors.includes(object)) throw new Refusal('cycle');

  ancestors.push(object);
  try {
    if (Array.isArray(object)) {
      let out = '[';
      for (let index = 0; index < object.length; index++) {
        if (index > 0) out += ',';
        try {
          out += render(object[index], ancestors);
        } catch (error) {
          throw error instanceof Refusal ? error.under(`[${index}]`) : error;
        }
      }
      return `${out}]`;
    }
    const toJSON = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      return render((toJSON as () => unknown).call(object), ancestors);
    }
    const prototype = Object.getPrototypeOf(object) as object | null;
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
      throw new Refusal(`instance of ${name}`);
    }
    const record = object as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is the order RFC 8785 requires.
    const keys = Object.keys(record).sort();
    let out = '{';
    let first = true;
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      let rendered: string;
      try {
        rendered = render(member, ancestors);
      } catch (error) {
        throw error instanceof Refusal ? error.under(`.${key}`) : error;
      }
      out += `${first ? '' : ','}${JSON.stringify(key)}:${rendered}`;
      first = false;
    }
    return `${out}}`;
  } finally {
    ancestors.pop();
  }
}

const MAX_PLAIN_DEPTH = 64;

/**
 * The fast path of `canonicalize`, for values that are plain JSON: strings, finite numbers,
 * booleans, null, arrays without holes, and plain objects (prototype `Object` or
 * null) without `toJSON` and without undefined members, nested at most 64 deep, no cycles (a cycle
 * is deeper than 64). For such a value it returns exactly `canonicalize(value)`, without the
 * reference's bookkeeping (ancestor list, error paths); for anything else it returns undefined and
 * the caller takes `canonicalize` or a general path of its own. tests/ledger/canonicalFastPath.test.ts
 * holds the two to the same bytes on generated values.
 *
 * `accept`, when given, sees every string (values and keys) and every number; returning false sends
 * the whole value off the fast path (the access log uses it to send text PostgreSQL cannot store,
 * and -0, which jsonb gives back as 0, to its cleaning path).
 */
export function canonicalizePlain(value: unknown, accept?: (leaf: string | number) => boolean): string | undefined {
  return plain(value, 0, accept);
}

function plain(value: unknown, depth: number, accept: ((leaf: string | number) => boolean) | undefined): string | undefined {
  switch (typeof value) {
    case 'string':
      return accept && !accept(value) ? undefined : JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value) || (accept && !accept(value))) return undefined;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (depth >= MAX_PLAIN_DEPTH) return undefined;
  if (Array.isArray(value)) {
    if (allStrings(value, accept)) return JSON.stringify(value); // the same bytes, in one native call
    let out = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (!(index in value)) return undefined; // a hole: the reference renders it, but as undefined → null
      const member = plain(value[index], depth + 1, accept);
      if (member === undefined) return undefined;
      out += index === 0 ? member : `,${member}`;
    }
    return `${out}]`;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    if (accept && !accept(key)) return undefined;
    const member = plain(record[key], depth + 1, accept);
    if (member === undefined) return undefined;
    out += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${member}`;
  }
  return `${out}}`;
}

/** Whether every element of `array` is a string `accept` takes (then JSON.stringify(array) is its canonical JSON). */
function allStrings(array: readonly unknown[], accept: ((leaf: string | number) => boolean) | undefined): boolean {
  for (let index = 0; index < array.length; index += 1) {
    const element = array[index];
    if (typeof element !== 'string' || (accept && !accept(element))) return false;
  }
  return true;
}

/**
 * A fast path for records of one fixed shape (the access log's rows): the keys are sorted and quoted
 * once, not per record. `encode(record, rendered)` gives `canonicalize(record)` for a record whose
 * own keys are exactly `keys` (an undefined member is dropped, as the reference drops it), taking the
 * canonical JSON of some members from `rendered` when the caller has it at hand already (it must be
 * what `canonicalize` gives for that member), and the rest from the plain fast path (with `accept`
 * as in `canonicalizePlain`); undefined when a member is not plain JSON. tests/ledger/canonicalFastPath.test.ts holds it to the reference.
 */
export function canonicalShape<K extends string>(
  keys: readonly K[],
  accept?: (leaf: string | number) => boolean,
): (record: Readonly<Partial<Record<K, unknown>>>, rendered?: Readonly<Partial<Record<K, string>>>) => string | undefined {
  const sorted = [...keys].sort();
  const prefixes = sorted.map((key) => `${JSON.stringify(key)}:`);
  return (record, rendered) => {
    let out = '{';
    let first = true;
    for (let index = 0; index < sorted.length; index += 1) {
      const key = sorted[index]!;
      const value = record[key];
      if (value === undefined) continue;
      const member = rendered?.[key] ?? plain(value, 1, accept);
      if (member === undefined) return undefined;
      out += first ? prefixes[index]! + member : `,${prefixes[index]!}${member}`;
      first = false;
    }
    return `${out}}`;
  };
}
