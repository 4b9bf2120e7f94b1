/**
 * The daily quota of a client in a graph (the `quotaPerDay` of the requests behind its grants), as the
 * gateway enforces it: a request past the quota is refused before anything is planned.
 *
 * What counts: the client's requests in the graph that reached an agency (called a subgraph) on the
 * current WIB day. The count comes from the log itself — the daily rollup plus the rows past its
 * mark, in one statement — so every gateway process sharing the database counts the same traffic.
 * Each process re-reads it at most every `refreshMs` and adds what the log cannot hold yet: the
 * requests it admitted that are still running, and those whose record was committed after the last
 * read began (until the next read; counting them twice for a moment errs on the safe side). The gateway
 * reports each admitted request's end through `release()`, after its record is committed.
 *
 * The limit is soft across processes: another gateway's requests are seen at its next read, so with
 * several gateways a client can pass its quota by about one refresh interval of its own traffic. The
 * count restarts at 00:00 WIB. Without a readable count the request is refused (503), never waved
 * through.
 */
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { ROLLUP_NAME } from '../../drizzle/schema/index.ts';
import { ErrorCode, PenghubungError } from '../errors.ts';
import { reachedAgency } from '../logSql.ts';
import { addDays, wibDate, wibMidnight } from '../wibCalendar.ts';

export type QuotaVerdict =
  | {
      admitted: true;
      used: number;
      quotaPerDay: number;
      /** Call once the request's log record is committed (or the request ended without one). */
      release: () => void;
    }
  | { admitted: false; used: number; quotaPerDay: number; day: string; resetsAt: Date };

export interface QuotaCounterOptions {
  database: Pick<DatabaseHandle, 'db'>;
  /** How long a count read from the database is trusted (default 1,000 ms). */
  refreshMs?: number;
  /** Clients × graphs remembered (default 10,000; the least recently used is forgotten first). */
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
  /** Requests counted in the database at the last read. */
  counted: number;
  /** Admitted requests whose record is not committed yet. */
  running: number;
  /** Admitted requests whose record was committed after the last read began. */
  committedSince: number;
  /** When the last successful read began (0: never). */
  readAt: number;
  reading: Promise<void> | undefined;
}

export function createQuotaCounter(options: QuotaCounterOptions): QuotaCounter {
  const refreshMs = options.refreshMs ?? 1_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? (() => new Date());
  const onError =
    options.onError ??
    ((message: string, error: unknown) =>
      process.stderr.write(`[penghubung] ${message}: ${error instanceof Error ? error.message : String(error)}\n`));
  // Clients × graphs, the least recently used forgotten first.
  const entries = new LRUCache<string, Entry>({ max: maxEntries });

  const read = (entry: Entry, clientId: string, graph: string): Promise<void> => {
    entry.reading ??= (async () => {
      const startedAt = now().getTime();
      const committedBefore = entry.committedSince;
      try {
        entry.counted = await requestsOfDay(options.database.db, clientId, graph, entry.day);
        // Records committed before this read began are in its count now.
        entry.committedSince -= committedBefore;
        entry.readAt = startedAt;
      } finally {
        entry.reading = undefined;
      }
    })();
    return entry.reading;
  };

  const entryFor = (key: string, day: string): Entry => {
    let entry = entries.get(key);
    if (entry && entry.day === day) return entry;
    entry = { day, counted: 0, running: 0, committedSince: 0, readAt: 0, reading: undefined };
    entries.set(key, entry);
    return entry;
  };

  return {
    async admit(clientId, graph, quotaPerDay) {
      const at = now();
      const day = wibDate(at);
      const key = `${clientId}\u0000${graph}`;
      const entry = entryFor(key, day);
      if (entry.readAt === 0) {
        // No count yet: every request waits for the first read (a burst must not pass on a zero).
        try {
          await read(entry, clientId, graph);
        } catch (error) {
          onError('quota count could not be read', error);
          throw new PenghubungError(ErrorCode.UNAVAILABLE, {
            id: 'Kuota harian aplikasi ini tidak dapat diperiksa karena basis data tidak terjangkau; coba lagi sebentar lagi.',
            en: "This application's daily quota cannot be checked because the database is unreachable; try again shortly.",
          });
        }
      } else if (at.getTime() - entry.readAt >= refreshMs && !entry.reading) {
        read(entry, clientId, graph).catch((error: unknown) => onError('quota count could not be refreshed', error));
      }
      const used = entry.counted + entry.running + entry.committedSince;
      if (used >= quotaPerDay) {
        return { admitted: false, used, quotaPerDay, day, resetsAt: wibMidnight(addDays(day, 1)) };
      }
      entry.running += 1;
      let released = false;
      return {
        admitted: true,
        used: used + 1,
        quotaPerDay,
        release: () => {
          if (released) return;
          released = true;
          entry.running -= 1;
          entry.committedSince += 1;
        },
      };
    },
  };
}

/** The client's requests in the graph that reached an agency on a WIB day: rollup plus the rows past its mark. */
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
          select sum(d.agency_requests) from access_log_daily d
          where d.day = ${day}::date and d.client_id = ${clientId}::uuid and d.graph = ${graph}
        ), 0)
        + (
          select count(*) from access_log l
          where l.client_id = ${clientId}::uuid and l.graph = ${graph}
            and l.occurred_at >= ${start.toISOString()}::timestamptz and l.occurred_at < ${end.toISOString()}::timestamptz
            and ${reachedAgency} and l.seq > (select seq from mark)
        ) as used`),
  );
  return Number(row?.used ?? 0);
}
