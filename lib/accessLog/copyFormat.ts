/**
 * PostgreSQL's COPY text format for an access-log row (lib/accessLog/postgresPath.ts sends it):
 * columns separated by tabs, `\N` for NULL, and in values backslash, newline, carriage return and
 * tab escaped with a backslash. Arrays are array literals ({"a","b"}) whose elements are quoted,
 * with `"` and `\` escaped inside the quotes, before the COPY escaping.
 */
import type { AccessLogEntry } from './record.ts';

/** A built row with the JSON text of its JSON and array columns at hand. */
export interface RowTexts {
  entry: AccessLogEntry;
  /** Canonical JSON of `entry.variables` and `entry.subgraphCalls`: also their jsonb text. */
  variablesJson: string;
  callsJson: string;
  /** JSON of the string arrays. */
  lookupHashesJson: string;
  coordinatesJson: string;
  deniedCoordinatesJson: string;
  subgraphNamesJson: string;
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const ARRAY_ELEMENT_SPECIALS = /["\\]/g;

function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (character) => COPY_ESCAPES[character]!) : value;
}

function copyNullable(value: string | null): string {
  return value === null ? '\\N' : copyText(value);
}

// In JSON.stringify's output of a string array, an escape other than \" and \\ (a control character, a
// lone surrogate) means the JSON cannot serve as the array literal.
const JSON_ESCAPE_BEYOND_ARRAY_LITERAL = /\\[^"\\]/;

/** The COPY text of a text[] value, from its JSON when that is also its array literal (`["a"]` → `{"a"}`). */
function copyArray(values: readonly string[], valuesJson: string): string {
  if (values.length === 0) return '{}';
  if (!JSON_ESCAPE_BEYOND_ARRAY_LITERAL.test(valuesJson)) return copyText(`{${valuesJson.slice(1, -1)}}`);
  let literal = '{';
  for (let index = 0; index < values.length; index += 1) {
    literal += `${index === 0 ? '' : ','}"${values[index]!.replace(ARRAY_ELEMENT_SPECIALS, '\\$&')}"`;
  }
  return copyText(`${literal}}`);
}

/** The COPY text of the columns `occurred_at` … `client_address` (the insert columns without `seq`, `prev_hash`, `hash`). */
export function copyColumnsOf(row: RowTexts): string {
  const { entry } = row;
  return (
    `${entry.occurredAt.toISOString()}\t${copyText(entry.requestId)}\t${copyNullable(entry.clientId)}` +
    `\t${copyNullable(entry.credentialId)}\t${copyText(entry.graph)}\t${copyNullable(entry.operationName)}` +
    `\t${copyNullable(entry.operationHash)}\t${entry.variables === null ? '\\N' : copyText(row.variablesJson)}` +
    `\t${copyArray(entry.lookupHashes, row.lookupHashesJson)}\t${copyArray(entry.coordinates, row.coordinatesJson)}` +
    `\t${copyArray(entry.deniedCoordinates, row.deniedCoordinatesJson)}\t${copyArray(entry.subgraphNames, row.subgraphNamesJson)}` +
    `\t${copyText(row.callsJson)}\t${entry.outcome}\t${copyNullable(entry.errorCode)}` +
    `\t${entry.durationMs}\t${entry.responseBytes}\t${copyText(entry.clientAddress)}`
  );
}
