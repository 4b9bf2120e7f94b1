/**
 * From a validated query to a `LogFilter`: the time range checked (see range.ts), the agency's slug
 * turned into its subgraphs, the searched variable value turned into its lookup hash, and the page
 * cursor decoded. Shared by search, stats and export, so one filter means the same rows everywhere.
 */
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { hashForLookup } from '../../lib/ledger/mask.ts';
import type { AccessLogRepository, Cursor, LogFilter } from '../repositories/AccessLogRepository.ts';
import type { ResolvedEvaluationOptions } from './options.ts';
import { parseRange } from './range.ts';
import type { FilterQuery } from './schemas.ts';

export async function toLogFilter(
  repository: AccessLogRepository,
  query: FilterQuery,
  options: Pick<ResolvedEvaluationOptions, 'logLookupSecret' | 'logLookupSecrets'>,
): Promise<Result<LogFilter>> {
  const range = parseRange(query.from, query.to);
  if (!range.ok) return range;
  const filter: LogFilter = { range: range.value };
  if (query.clientId !== undefined) filter.clientId = query.clientId;
  if (query.graph !== undefined) filter.graph = query.graph;
  if (query.coordinate !== undefined) filter.coordinates = query.coordinate;
  if (query.outcome !== undefined) filter.outcomes = query.outcome;
  if (query.operationName !== undefined) filter.operationName = query.operationName;
  if (query.operationHash !== undefined) filter.operationHash = query.operationHash;
  if (query.value !== undefined) {
    if (options.logLookupSecret === null) {
      return fail(ErrorCode.UNAVAILABLE, {
        id: 'Pencarian berdasarkan nilai variabel belum tersedia: kunci hash pencarian log (logLookupSecret) belum dikonfigurasi di registry.',
        en: 'Searching by a variable value is unavailable: the log lookup secret (logLookupSecret) is not configured in the registry.',
      });
    }
    // Every secret the installation used (rotations keep the retired ones), so the search stays complete.
    const secrets = options.logLookupSecrets?.() ?? [options.logLookupSecret];
    const value = query.value;
    filter.lookupHashes = [...new Set([options.logLookupSecret, ...secrets])].map((secret) => hashForLookup(value, secret));
  }
  if (query.agency !== undefined) filter.subgraphs = await repository.subgraphsOfAgency(query.agency);
  return ok(filter);
}

/** Opaque to clients: base64url of `<occurred_at in UTC, microseconds>|<seq>`. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.seq}`, 'utf8').toString('base64url');
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,18})$/;

export function decodeCursor(text: string): Result<Cursor> {
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) {
    return fail(ErrorCode.BAD_REQUEST, {
      id: 'Kursor halaman tidak valid: pakai nilai nextCursor dari halaman sebelumnya apa adanya.',
      en: 'Invalid page cursor: pass the previous page’s nextCursor unchanged.',
    });
  }
  return ok({ at: match[1]!, seq: Number(match[2]) });
}
