/**
 * Calendar days in WIB (Asia/Jakarta, UTC+7, no daylight saving): the day the daily quota, the
 * rollups and the evaluators' reports count by.
 */

/** WIB is UTC+7 all year. */
export const WIB_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The WIB calendar date (`YYYY-MM-DD`) of an instant. */
export function wibDate(instant: Date): string {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 WIB of a `YYYY-MM-DD` date. */
export function wibMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+07:00`));
}

export function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
}
