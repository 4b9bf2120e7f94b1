/**
 * The access-log package: the record type, the appender interface the gateway writes through, the
 * writer that implements it (group commit, hash chain, PostgreSQL or PGlite storage), row building
 * and the monthly partitions.
 */
export type { AccessLogAppender, AccessLogAppenderStats, AccessLogHealth } from './appender.ts';
export type { AccessLogWriterOptions } from './options.ts';
export { createAccessLogWriter, type AccessLogWriter } from './writer.ts';
export {
  ACCESS_CHAIN,
  accessLogCanonicalForm,
  type AccessEvent,
  type AccessLogEntry,
  type AccessOperation,
  type AccessRequester,
  type AccessSubgraphCall,
  type OperationDocument,
  type PreparedAccessLogRecord,
} from './record.ts';
export { buildAccessLogEntry, operationHashOf, prepareAccessLogRecord, storable } from './rows.ts';
export {
  ensureMonthlyPartitions,
  listMonthlyPartitions,
  partitionFor,
  partitionNamed,
  type EnsuredPartitions,
  type MonthlyPartition,
} from './partitions.ts';
