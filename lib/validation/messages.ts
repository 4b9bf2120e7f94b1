/**
 * Validation messages people read, from zod issues: plain Indonesian first, English beside it. The
 * registry's error handler and the configuration loader both describe zod's issues through here, so
 * there is one wording for "too short" or "must be a number" across the whole system. A message a
 * schema wrote itself (a refinement's own words) is kept as written.
 */

/** What the error handler and the configuration loader receive from zod for each problem. */
export interface ValidationIssue {
  code: string;
  message?: string | undefined;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
  format?: unknown;
  pattern?: unknown;
  values?: unknown;
  keys?: unknown;
}

export interface BilingualMessage {
  id: string;
  en: string;
}

const TYPE_NAMES: Record<string, BilingualMessage> = {
  string: { id: 'teks', en: 'a string' },
  number: { id: 'angka', en: 'a number' },
  int: { id: 'bilangan bulat', en: 'an integer' },
  boolean: { id: 'true atau false', en: 'true or false' },
  array: { id: 'daftar', en: 'a list' },
  object: { id: 'objek', en: 'an object' },
  date: { id: 'tanggal', en: 'a date' },
};

const FORMATS: Record<string, BilingualMessage> = {
  email: { id: 'alamat surel tidak valid', en: 'not a valid e-mail address' },
  uuid: { id: 'harus berupa UUID, mis. 0f8fad5b-d9cb-469f-a165-70867728950e', en: 'must be a UUID' },
  guid: { id: 'harus berupa UUID', en: 'must be a UUID' },
  url: { id: 'URL tidak valid', en: 'not a valid URL' },
  datetime: {
    id: 'waktu harus ISO 8601 dengan zona, mis. 2026-12-01T08:00:00+07:00',
    en: 'must be an ISO 8601 instant with its offset, e.g. 2026-12-01T08:00:00+07:00',
  },
  date: { id: 'tanggal harus berbentuk 2026-12-01', en: 'must be a date like 2026-12-01' },
};

/** zod's own English wording starts like this; anything else was written by a schema and is kept. */
const ZOD_DEFAULT = /^(Invalid|Too small|Too big|Unrecognized|Expected)/;

const size = (origin: unknown): BilingualMessage | null =>
  origin === 'string'
    ? { id: 'karakter', en: 'characters' }
    : origin === 'array' || origin === 'set'
      ? { id: 'item', en: 'items' }
      : null;

export function describeIssue(issue: ValidationIssue): BilingualMessage {
  const own = issue.message ?? '';
  if (issue.code === 'custom' || (own !== '' && !ZOD_DEFAULT.test(own))) return { id: own, en: own };

  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(own)) return { id: 'wajib diisi', en: 'is required' };
      const name = TYPE_NAMES[String(issue.expected)] ?? { id: String(issue.expected), en: String(issue.expected) };
      return { id: `harus berupa ${name.id}`, en: `must be ${name.en}` };
    }
    case 'too_small': {
      const unit = size(issue.origin);
      const minimum = String(issue.minimum);
      if (unit) {
        return issue.minimum === 1 && unit.en === 'characters'
          ? { id: 'tidak boleh kosong', en: 'must not be empty' }
          : { id: `paling sedikit ${minimum} ${unit.id}`, en: `at least ${minimum} ${unit.en}` };
      }
      return issue.inclusive === false
        ? { id: `harus lebih dari ${minimum}`, en: `must be more than ${minimum}` }
        : { id: `paling kecil ${minimum}`, en: `at least ${minimum}` };
    }
    case 'too_big': {
      const unit = size(issue.origin);
      const maximum = String(issue.maximum);
      if (unit) return { id: `paling banyak ${maximum} ${unit.id}`, en: `at most ${maximum} ${unit.en}` };
      return issue.inclusive === false
        ? { id: `harus kurang dari ${maximum}`, en: `must be less than ${maximum}` }
        : { id: `paling besar ${maximum}`, en: `at most ${maximum}` };
    }
    case 'invalid_format': {
      const known = FORMATS[String(issue.format)];
      if (known) return known;
      return issue.format === 'regex'
        ? { id: `bentuknya tidak sesuai (pola ${String(issue.pattern)})`, en: `does not match the pattern ${String(issue.pattern)}` }
        : { id: `format ${String(issue.format)} tidak valid`, en: `not a valid ${String(issue.format)}` };
    }
    case 'invalid_value': {
      const values = Array.isArray(issue.values) ? issue.values.map(String).join(', ') : '';
      return { id: `harus salah satu dari: ${values}`, en: `must be one of: ${values}` };
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(issue.keys) ? issue.keys.map(String).join(', ') : '';
      return { id: `field tidak dikenal: ${keys}`, en: `unknown field(s): ${keys}` };
    }
    case 'not_multiple_of':
      return { id: 'bukan kelipatan yang diminta', en: 'not a multiple of the required step' };
    default:
      return { id: 'tidak valid', en: 'invalid' };
  }
}
