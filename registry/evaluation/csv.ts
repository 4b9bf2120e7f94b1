/**
 * RFC 4180 CSV for spreadsheets. Requesters choose some of what the log holds (operation names,
 * variables), so a text cell that a spreadsheet would read as a formula (starting with = + - @, a tab
 * or a carriage return) is prefixed with an apostrophe (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

/**
 * `,` by default; `;` for spreadsheets set up for Indonesian (and most European) regional settings,
 * where the comma is the decimal separator and a comma-separated file opens as one column.
 */
export type CsvSeparator = ',' | ';';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly unknown[], separator: CsvSeparator = ','): string {
  return `${values.map(csvCell).join(separator)}\r\n`;
}
