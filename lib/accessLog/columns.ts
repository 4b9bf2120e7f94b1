/** The columns of `access_log` as both storage paths insert them, and the interface they share. */
import type { ChainHead } from '../ledger/index.ts';
import type { AccessLogEntry, OperationDocument, PreparedAccessLogRecord } from './record.ts';

/** Columns of `access_log` in insert order: column, SQL type, key in the JSON of a row. */
export const INSERT_COLUMNS: readonly (readonly [string, string, keyof AccessLogEntry | 'seq' | 'prevHash' | 'hash'])[] = [
  ['seq', 'bigint', 'seq'],
  ['occurred_at', 'timestamptz', 'occurredAt'],
  ['request_id', 'text', 'requestId'],
  ['client_id', 'uuid', 'clientId'],
  ['credential_id', 'uuid', 'credentialId'],
  ['graph', 'text', 'graph'],
  ['operation_name', 'text', 'operationName'],
  ['operation_hash', 'text', 'operationHash'],
  ['variables', 'jsonb', 'variables'],
  ['lookup_hashes', 'text[]', 'lookupHashes'],
  ['coordinates', 'text[]', 'coordinates'],
  ['denied_coordinates', 'text[]', 'deniedCoordinates'],
  ['subgraph_names', 'text[]', 'subgraphNames'],
  ['subgraph_calls', 'jsonb', 'subgraphCalls'],
  ['outcome', 'access_outcome', 'outcome'],
  ['error_code', 'text', 'errorCode'],
  ['duration_ms', 'integer', 'durationMs'],
  ['response_bytes', 'integer', 'responseBytes'],
  ['client_address', 'text', 'clientAddress'],
  ['client_request_id', 'text', 'clientRequestId'],
  ['prev_hash', 'text', 'prevHash'],
  ['hash', 'text', 'hash'],
];

/** `(columns…) select "keys"…`: the target of an insert from a record set of the rows' JSON. */
export const INSERT_TARGET_TEXT = `(${INSERT_COLUMNS.map(([column]) => column).join(', ')}) select ${INSERT_COLUMNS.map(([, , key]) => `"${key}"`).join(', ')}`;
/** `("key" type, …)`: the record type of a row's JSON. */
export const JSON_ROWS_TYPE = `(${INSERT_COLUMNS.map(([, type, key]) => `"${key}" ${type}`).join(', ')})`;

/** Where a batch is stored: the PostgreSQL path (postgresPath.ts) or the drizzle/PGlite one (pglitePath.ts). */
export interface BatchStore {
  /** Links `batch` after the chain head and stores it with `documents` in one transaction; resolves with the new head once committed. */
  append(batch: readonly PreparedAccessLogRecord[], documents: readonly OperationDocument[]): Promise<ChainHead>;
  /** Closes what the store opened (after the last append). */
  close(): Promise<void>;
  /** Drops a connection that may be stuck (after a flush missed its deadline); the next append opens a new one. */
  reset(): void;
}
