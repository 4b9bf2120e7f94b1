/**
 * The time range every evaluator query is bounded by. `from` and `to` are required: each query names
 * a range, so PostgreSQL prunes the monthly partitions of `access_log` and no request can scan the
 * whole log. The range is half-open, `[from, to)`, at most `MAX_RANGE_DAYS` long.
 *
 * A value is either an instant with its offset (`2025-03-01T00:00:00+07:00`, `…Z`) or a calendar date
 * (`2025-03-01`), read in WIB (Asia/Jakarta, UTC+7, no daylight saving): `from=2025-03-01` starts at
 * 00:00 WIB that day and `to=2025-03-31` ends at the end of 31 March WIB (the whole day included).
 */
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { addDays, DAY_MS, wibDate } from '../../lib/wibCalendar.ts';

// The WIB calendar lives in lib/ (the gateway's quota counts by it too); evaluation code reads it here.
import { parseDateInput } from '../../lib/validation/dateInput.ts';
export { addDays, DAY_MS, WIB_OFFSET_MS, wibDate, wibMidnight } from '../../lib/wibCalendar.ts';

export const MAX_RANGE_DAYS = 366;

export interface TimeRange {
  from: Date;
  to: Date;
}


/** The instant a `from`/`to` value names; `end` reads a date as the end of that day (WIB). */
export function parseInstant(value: string, end: boolean): Date {
  // One reading of typed dates for the whole registry; an impossible date (2026-02-30) is invalid.
  return parseDateInput(value, end ? 'end' : 'start') ?? new Date(Number.NaN);
}

export function parseRange(fromText: string, toText: string): Result<TimeRange> {
  const from = parseInstant(fromText, false);
  const to = parseInstant(toText, true);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    return fail(ErrorCode.BAD_REQUEST, {
      id: 'Rentang waktu tidak valid: pakai tanggal (2025-03-01) atau waktu ISO 8601 dengan zona (2025-03-01T08:00:00+07:00).',
      en: 'Invalid time range: use a date (2025-03-01) or an ISO 8601 instant with its offset (2025-03-01T08:00:00+07:00).',
    });
  }
  if (to.getTime() <= from.getTime()) {
    return fail(
      ErrorCode.BAD_REQUEST,
      {
        id: `Rentang waktu terbalik atau kosong: "from" (${fromText}) harus sebelum "to" (${toText}).`,
        en: `The time range is inverted or empty: "from" (${fromText}) must come before "to" (${toText}).`,
      },
      { from: from.toISOString(), to: to.toISOString() },
    );
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    return fail(
      ErrorCode.BAD_REQUEST,
      {
        id: `Rentang waktu paling lama ${MAX_RANGE_DAYS} hari; persempit "from" dan "to".`,
        en: `The time range may be at most ${MAX_RANGE_DAYS} days; narrow "from" and "to".`,
      },
      { maxDays: MAX_RANGE_DAYS },
    );
  }
  return ok({ from, to });
}

/** Every WIB date from the one holding `from` to the one holding the last instant before `to`. */
export function wibDays(range: TimeRange): string[] {
  const days: string[] = [];
  const last = wibDate(new Date(range.to.getTime() - 1));
  for (let day = wibDate(range.from); day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}
