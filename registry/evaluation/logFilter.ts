/**
 * What a view of the access log is narrowed by, and its conditions on `access_log l`. Every value
 * travels as a bind parameter.
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { AccessOutcome } from '../../drizzle/schema/log.ts';
import { textArray } from '../../lib/logSql.ts';
import type { TimeRange } from './range.ts';

/** What a view of the log is narrowed by. Every field but the range is optional. */
export interface LogFilter {
  range: TimeRange;
  clientId?: string;
  /** The subgraphs of the asked agency (`subgraph_names && …`); empty: the agency has none, nothing matches. */
  subgraphs?: readonly string[];
  graph?: string;
  /** Every one must be among the record's coordinates. */
  coordinates?: readonly string[];
  /** Any of these. */
  outcomes?: readonly AccessOutcome[];
  operationName?: string;
  operationHash?: string;
  /** A lookup hash (`hashForLookup`) the record's `lookup_hashes` must hold. */
  lookupHash?: string;
  /** Lookup hashes of one value under each lookup secret of the installation (any of them matches). */
  lookupHashes?: readonly string[];
}


/** The conditions of a filter on `access_log l`, always starting with the time range. */
export function whereOf(filter: LogFilter): SQL {
  const conditions: SQL[] = [
    sql`l.occurred_at >= ${filter.range.from.toISOString()}::timestamptz`,
    sql`l.occurred_at < ${filter.range.to.toISOString()}::timestamptz`,
  ];
  if (filter.clientId !== undefined) conditions.push(sql`l.client_id = ${filter.clientId}::uuid`);
  if (filter.subgraphs !== undefined) {
    conditions.push(filter.subgraphs.length === 0 ? sql`false` : sql`l.subgraph_names && ${textArray(filter.subgraphs)}`);
  }
  if (filter.graph !== undefined) conditions.push(sql`l.graph = ${filter.graph}`);
  if (filter.coordinates !== undefined && filter.coordinates.length > 0) {
    conditions.push(sql`l.coordinates @> ${textArray(filter.coordinates)}`);
  }
  if (filter.outcomes !== undefined && filter.outcomes.length > 0) {
    conditions.push(sql`l.outcome in (${sql.join(
      filter.outcomes.map((outcome) => sql`${outcome}::access_outcome`),
      sql`, `,
    )})`);
  }
  if (filter.operationName !== undefined) conditions.push(sql`l.operation_name = ${filter.operationName}`);
  if (filter.operationHash !== undefined) conditions.push(sql`l.operation_hash = ${filter.operationHash}`);
  if (filter.lookupHash !== undefined) conditions.push(sql`l.lookup_hashes @> ${textArray([filter.lookupHash])}`);
  if (filter.lookupHashes !== undefined) conditions.push(sql`l.lookup_hashes && ${textArray([...filter.lookupHashes])}`);
  return sql.join(conditions, sql` and `);
}
