/**
 * Dates people type: a calendar date (`2026-12-01`, read in WIB, Asia/Jakarta, UTC+7 all year) or an
 * ISO 8601 instant with its offset (`2026-12-01T08:00:00+07:00`, `…Z`). A start date means 00:00 WIB
 * of that day; an end date includes its whole day (up to 00:00 WIB of the next). Impossible dates
 * (`2026-02-30`) are refused rather than rolled over into the next month.
 */
import { z } from 'zod';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** The instant a typed date names, or null when it is not a date, or not a real one. */
export function parseDateInput(value: string, edge: 'start' | 'end'): Date | null {
  const date = DATE_ONLY.exec(value);
  if (date) {
    const [, year, month, day] = date.map(Number) as [number, number, number, number];
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
    const start = Date.parse(`${value}T00:00:00+07:00`);
    return new Date(edge === 'end' ? start + DAY_MS : start);
  }
  if (!INSTANT.test(value)) return null;
  const [day] = value.split('T') as [string];
  if (parseDateInput(day, 'start') === null) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

const dateMessage =
  'Tanggal tidak valid: pakai 2026-12-01 (WIB) atau waktu ISO 8601 dengan zona, mis. 2026-12-01T08:00:00+07:00 ' +
  '(invalid date: use 2026-12-01 or an ISO 8601 instant with its offset)';

/** A date or instant as an API field: validated, and passed on as the ISO instant it names. */
export function dateInput(edge: 'start' | 'end') {
  return z
    .string()
    .trim()
    .refine((value) => parseDateInput(value, edge) !== null, { message: dateMessage })
    .transform((value) => parseDateInput(value, edge)!.toISOString())
    .meta({
      description:
        edge === 'start'
          ? 'Tanggal (2026-12-01 = 00.00 WIB) atau waktu ISO 8601 dengan zona'
          : 'Tanggal (2026-12-31 = sampai akhir hari itu WIB) atau waktu ISO 8601 dengan zona',
    });
}
