/**
 * `GET /v1/log/export.csv`: every record of a filtered view as CSV, newest first, streamed page by
 * page (keyset pages of `EXPORT_BATCH`, so memory stays flat and it works on both drivers). The
 * view is counted first up to the row cap: a view larger than the cap is refused with a message
 * saying to narrow it, instead of a file silently cut short.
 */
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { AccessLogRepository } from '../repositories/AccessLogRepository.ts';
import type { Cursor, LogFilter, LogRow } from '../repositories/AccessLogRepository.ts';
import { csvLine, type CsvSeparator } from './csv.ts';
import type { EvaluationDeps } from './deps.ts';
import { toLogFilter } from './filters.ts';
import { WIB_OFFSET_MS, wibDate } from './range.ts';
import type { FilterQuery } from './schemas.ts';

export const EXPORT_BATCH = 2000;

export const CSV_COLUMNS = [
  'seq',
  'occurred_at',
  'occurred_at_wib',
  'request_id',
  'client_id',
  'client_name',
  'credential_id',
  'graph',
  'operation_name',
  'operation_hash',
  'outcome',
  'error_code',
  'duration_ms',
  'response_bytes',
  'client_address',
  'coordinates',
  'denied_coordinates',
  'subgraph_names',
  'subgraph_calls',
  'variables_masked',
  'hash',
] as const;

/** The same columns as an Indonesian reader names them (the default header; `lang=en` gives CSV_COLUMNS). */
export const CSV_COLUMNS_ID: Record<(typeof CSV_COLUMNS)[number], string> = {
  seq: 'nomor_urut',
  occurred_at: 'waktu_utc',
  occurred_at_wib: 'waktu_wib',
  request_id: 'id_permintaan',
  client_id: 'id_aplikasi',
  client_name: 'nama_aplikasi',
  credential_id: 'id_kunci_api',
  graph: 'graf',
  operation_name: 'nama_operasi',
  operation_hash: 'hash_operasi',
  outcome: 'hasil',
  error_code: 'kode_galat',
  duration_ms: 'durasi_ms',
  response_bytes: 'ukuran_jawaban_bita',
  client_address: 'alamat_klien',
  coordinates: 'field_diakses',
  denied_coordinates: 'field_ditolak',
  subgraph_names: 'subgraph',
  subgraph_calls: 'panggilan_subgraph',
  variables_masked: 'variabel_disamarkan',
  hash: 'hash',
};

export interface CsvOptions {
  separator: CsvSeparator;
  lang: 'id' | 'en';
}

export interface CsvExport {
  filename: string;
  rows: number;
  lines: AsyncGenerator<string>;
}

function wibText(instant: Date): string {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().replace('T', ' ').replace('Z', ' WIB');
}

function lineOf(row: LogRow, separator: CsvSeparator): string {
  return csvLine([
    row.seq,
    row.occurredAt.toISOString(),
    wibText(row.occurredAt),
    row.requestId,
    row.clientId,
    row.clientName,
    row.credentialId,
    row.graph,
    row.operationName,
    row.operationHash,
    row.outcome,
    row.errorCode,
    row.durationMs,
    row.responseBytes,
    row.clientAddress,
    row.coordinates.join(' '),
    row.deniedCoordinates.join(' '),
    row.subgraphNames.join(' '),
    row.subgraphCalls,
    row.variables,
    row.hash,
  ], separator);
}

async function* linesOf(repository: AccessLogRepository, filter: LogFilter, cap: number, options: CsvOptions): AsyncGenerator<string> {
  yield csvLine(options.lang === 'en' ? CSV_COLUMNS : CSV_COLUMNS.map((column) => CSV_COLUMNS_ID[column]), options.separator);
  let after: Cursor | null = null;
  let written = 0;
  while (written < cap) {
    const { rows, more } = await repository.search(filter, Math.min(EXPORT_BATCH, cap - written), after);
    for (const row of rows) yield lineOf(row, options.separator);
    written += rows.length;
    const last = rows[rows.length - 1];
    if (!more || !last) return;
    after = { at: last.cursorAt, seq: last.seq };
  }
}

export async function logCsv(
  deps: EvaluationDeps,
  query: FilterQuery,
  options: CsvOptions = { separator: ',', lang: 'id' },
): Promise<Result<CsvExport>> {
  const repository = new AccessLogRepository(deps.database.db, { queryTimeoutMs: deps.evaluation.queryTimeoutMs });
  const filter = await toLogFilter(repository, query, deps.evaluation);
  if (!filter.ok) return filter;
  const cap = deps.evaluation.exportRowCap;
  const count = await repository.countUpTo(filter.value, cap);
  if (count > cap) {
    const capText = cap.toLocaleString('id-ID');
    return fail(
      ErrorCode.BAD_REQUEST,
      {
        id: `Ekspor dibatasi ${capText} baris dan tampilan ini lebih besar. Persempit rentang waktu atau tambahkan filter (clientId, agency, graph, coordinate, outcome, …), lalu ekspor per bagian.`,
        en: `Exports are limited to ${cap} rows and this view is larger. Narrow the time range or add filters (clientId, agency, graph, coordinate, outcome, …) and export it in parts.`,
      },
      { rowCap: cap },
    );
  }
  const { from, to } = filter.value.range;
  return ok({
    filename: `log-akses_${wibDate(from)}_${wibDate(new Date(to.getTime() - 1))}.csv`,
    rows: count,
    lines: linesOf(repository, filter.value, cap, options),
  });
}
