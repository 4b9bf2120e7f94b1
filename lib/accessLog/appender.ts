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

/** What readiness reports of the log: whether records are being written now. */
export interface AccessLogHealth {
  /** False while the database is unreachable and records are refused (the circuit is open or probing). */
  writing: boolean;
  circuit: 'closed' | 'open' | 'half-open';
  /** The last flush that failed because the database did not answer, while it is not answering. */
  lastFailure?: { at: string; message: string };
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
  health(): AccessLogHealth;
}
