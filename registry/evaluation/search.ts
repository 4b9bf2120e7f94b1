/** What `GET /v1/log/records` answers: one page of the access log matching a filter, newest first. */
import { ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { AccessLogRepository } from '../repositories/AccessLogRepository.ts';
import type { LogRow } from '../repositories/AccessLogRepository.ts';
import type { EvaluationDeps } from './deps.ts';
import { decodeCursor, encodeCursor, toLogFilter } from './filters.ts';
import type { SearchQuery } from './schemas.ts';

export interface LogRecordView extends Omit<LogRow, 'occurredAt' | 'cursorAt'> {
  occurredAt: string;
}

export interface LogPage {
  records: LogRecordView[];
  nextCursor: string | null;
  limit: number;
}

export function toRecordView(row: LogRow): LogRecordView {
  const { cursorAt: _cursorAt, occurredAt, ...rest } = row;
  return { ...rest, occurredAt: occurredAt.toISOString() };
}

export async function findLogRecords(deps: EvaluationDeps, query: SearchQuery): Promise<Result<LogPage>> {
  const repository = new AccessLogRepository(deps.database.db, { queryTimeoutMs: deps.evaluation.queryTimeoutMs });
  const filter = await toLogFilter(repository, query, deps.evaluation);
  if (!filter.ok) return filter;
  let after = null;
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    if (!cursor.ok) return cursor;
    after = cursor.value;
  }
  const { rows, more } = await repository.search(filter.value, query.limit, after);
  const last = rows[rows.length - 1];
  return ok({
    records: rows.map(toRecordView),
    nextCursor: more && last ? encodeCursor({ at: last.cursorAt, seq: last.seq }) : null,
    limit: query.limit,
  });
}
