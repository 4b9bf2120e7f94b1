/**
 * Plain names for what the log records as coordinates (`Penduduk.golonganDarah`): the report for the
 * head of region names a field by the directory's description of it ("Golongan darah"), and says whose
 * data it is ("data Penduduk"); a field without a description gets its name split into words.
 */
import type { Message } from '../../../lib/errors.ts';

/** The longest label kept from a description. */
const MAX_LABEL = 60;

/** Abbreviations of Indonesian public administration, written in capitals whatever the field name says. */
const ACRONYMS = new Set(['nik', 'nip', 'kk', 'npwp', 'nib', 'jkn', 'bpjs', 'kis', 'ktp', 'rt', 'rw', 'pns', 'pppk', 'sdm', 'id', 'url']);

/** `golonganDarah` → `Golongan darah`; `nomorKTP` → `Nomor KTP`; `nik` → `NIK`. */
export function wordsOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter((word) => word !== '')
    .map((word, index) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : index > 0 && /^[A-Z][a-z]/.test(word) ? word.toLowerCase() : word));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A field's name for people: the description's first clause (up to `:`, `;`, `,`, `(` or a full stop),
 * else the field's name in words. `Golongan darah: data kesehatan, …` → `Golongan darah`.
 */
export function fieldLabel(field: { key: string | null; description?: string }): Message {
  const coordinate = field.key ?? '';
  const fieldName = coordinate.split('.')[1] ?? coordinate;
  const clause = (field.description ?? '').split(/[:;,(]|\.(?:\s|$)/)[0]!.replace(/`/g, '').trim();
  const label = clause.length >= 3 ? (clause.length > MAX_LABEL ? `${clause.slice(0, MAX_LABEL - 1).trimEnd()}…` : clause) : wordsOf(fieldName);
  return { id: label, en: label };
}

/** Whose data the field is: `data Penduduk`; a root field is a search. */
export function fieldOwnerType(coordinate: string | null): Message {
  const type = (coordinate ?? '').split('.')[0] ?? '';
  if (type === 'Query') return { id: 'pencarian data', en: 'data lookup' };
  if (type === 'Mutation') return { id: 'perubahan data', en: 'data change' };
  return { id: `data ${wordsOf(type)}`, en: `${wordsOf(type)} data` };
}
