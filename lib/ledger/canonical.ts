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
