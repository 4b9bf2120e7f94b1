/**
 * The daily quota of a client in a graph (the `quotaPerDay` of the requests behind its grants), as the
 * gateway enforces it: a request past the quota is refused before anything is planned.
 *
 * What counts: the client's requests in the graph that reached the agencies (outcome ok, partial or
 * error) on the current WIB day, read from the log itself — the daily rollup plus the rows past its
 * mark, in one statement — so every gateway process sharing the database counts the same traffic.
 * Each process re-reads that count at most every `refreshMs` and adds the requests it admitted since,
 * so the count is not a database round trip per request. The limit is therefore soft: with several
 * gateways, or requests in flight when a refresh starts, a client can pass its quota by about one
 * refresh interval of its own traffic. The count restarts at 00:00 WIB.
 */
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { addDays, wibDate, wibMidnight } from '../evaluation/range.ts';
import { ROLLUP_NAME } from '../log/rollup.ts';
import { rowsOf } from '../repositories/rows.ts';

export type QuotaVerdict =
  | { admitted: true; used: number; quotaPerDay: number }
  | { admitted: false; used: number; quotaPerDay: number; day: string; resetsAt: Date };

export interface QuotaCounterOptions {
  database: Pick<DatabaseHandle, 'db'>;
  /** How long a count read from the database is trusted (default 1,000 ms). */
  refreshMs?: number;
  /** Clients × graphs remembered (default 10,000; the oldest is forgotten first). */
  maxEntries?: number;
  now?: () => Date;
  onError?: (message: string, error: unknown) => void;
}

export interface QuotaCounter {
  /** Admits one request of the client in the graph, or says the day's quota is used up. */
  admit(clientId: string, graph: string, quotaPerDay: number): Promise<QuotaVerdict>;
}

interface Entry {
  day: string;
  /** Requests counted in the database at the last refresh. */
  counted: number;
  /** Requests this process admitted since that refresh began. */
  admitted: number;
  refreshedAt: number;
  refreshing: Promise<void> | undefined;
}

export function createQuotaCounter(options: QuotaCounterOptions): QuotaCounter {
  const refreshMs = options.refreshMs ?? 1_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? (() => new Date());
  const onError =
    options.onError ??
    ((message: string, error: unknown) =>
      process.stderr.write(`[penghubung] ${message}: ${error instanceof Error ? error.message : String(error)}\n`));
  const entries = new Map<string, Entry>();

  const refresh = (entry: Entry, clientId: string, graph: string): Promise<void> => {
    entry.refreshing ??= (async () => {
      const startedAt = now().getTime();
      const admittedBefore = entry.admitted;
      try {
        entry.counted = await requestsOfDay(options.database.db, clientId, graph, entry.day);
        // The requests admitted before this read are in the count now, or about to be.
        entry.admitted -= admittedBefore;
        entry.refreshedAt = startedAt;
      } finally {
        entry.refreshing = undefined;
      }
    })();
    return entry.refreshing;
  };

  return {
    async admit(clientId, graph, quotaPerDay) {
      const at = now();
      const day = wibDate(at);
      const key = `${clientId}\u0000${graph}`;
      let entry = entries.get(key);
      if (!entry || entry.day !== day) {
        entry = { day, counted: 0, admitted: 0, refreshedAt: 0, refreshing: undefined };
        entries.delete(key);
        entries.set(key, entry);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
        await refresh(entry, clientId, graph);
      } else if (at.getTime() - entry.refreshedAt >= refreshMs && !entry.refreshing) {
        refresh(entry, clientId, graph).catch((error: unknown) => onError('quota count could not be refreshed', error));
      }
      const used = entry.counted + entry.admitted;
      if (used >= quotaPerDay) {
        return { admitted: false, used, quotaPerDay, day, resetsAt: wibMidnight(addDays(day, 1)) };
      }
      entry.admitted += 1;
      return { admitted: true, used: used + 1, quotaPerDay };
    },
  };
}

/** The client's requests in the graph that reached the agencies on a WIB day: rollup plus the rows past its mark. */
export async function requestsOfDay(db: Executor, clientId: string, graph: string, day: string): Promise<number> {
  const start = wibMidnight(day);
  const end = wibMidnight(addDays(day, 1));
  const [row] = rowsOf<{ used: unknown }>(
    await db.execute(sql`
      with mark as (
        select coalesce(max(rolled_up_seq), 0) as seq from access_log_rollup_state where name = ${ROLLUP_NAME}
      )
      select
        coalesce((
          select sum(d.requests) from access_log_daily d
          where d.day = ${day}::date and d.client_id = ${clientId}::uuid and d.graph = ${graph}
            and d.outcome in ('ok', 'partial', 'error')
        ), 0)
        + (
          select count(*) from access_log l
          where l.client_id = ${clientId}::uuid and l.graph = ${graph}
            and l.occurred_at >= ${start.toISOString()}::timestamptz and l.occurred_at < ${end.toISOString()}::timestamptz
            and l.outcome in ('ok', 'partial', 'error') and l.seq > (select seq from mark)
        ) as used`),
  );
  return Number(row?.used ?? 0);
}
