/**
 * The one interface the gateway writes the access log through. The writer (`createAccessLogWriter`)
 * implements it; the gateway knows nothing else of how or where records are stored.
 */
import type { GroupCommitStats } from '../ledger/index.ts';
import type { AccessEvent } from './record.ts';

export interface AccessLogAppenderStats extends GroupCommitStats {
  failMode: 'closed' | 'open';
  /** Records whose failure was swallowed in fail-open mode (lost from the log). */
  failedOpen: number;
  /** The head after the last batch this writer committed. */
  head: { seq: number; hash: string } | null;
}

export interface AccessLogAppender {
  /**
   * Stores the request's row; resolves after commit. Fail closed (the default): rejects with a
   * `PenghubungError` UNAVAILABLE when the record could not be stored, and the gateway answers 503.
   */
  record(event: AccessEvent): Promise<void>;
  /** Refuses new records, flushes the pending ones, resolves when done. Does not close the database. */
  close(): Promise<void>;
  stats(): AccessLogAppenderStats;
}
