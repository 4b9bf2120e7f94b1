/**
 * Monthly partitions of the access log.
 *
 * `access_log` is range-partitioned on `occurred_at` (drizzle/migrations/0000_initial.sql); the
 * migration creates only `access_log_default`, which catches rows no monthly partition takes. The
 * log writer calls `ensureMonthlyPartitions` at start and whenever the month turns, so rows land in
 * `access_log_YYYY_MM` and retention can drop whole months (registry/log/retention.ts).
 *
 * Months are UTC months: `access_log_2026_05` holds `[2026-05-01T00:00Z, 2026-06-01T00:00Z)`
 * (07:00 WIB on the first of the month). The partition boundary only decides where a row is stored;
 * nothing reads local time from it.
 *
 * Rows of a month that arrived before its partition existed sit in the default partition, and
 * PostgreSQL refuses to create a partition whose range the default partition already holds rows of.
 * Rather than detaching the default partition (which would hide every row in it from readers for
 * the duration), one transaction moves them: copy the month's rows out of `access_log_default` into
 * a temporary table (DELETE … RETURNING), create the partition, insert them back through the parent.
 * Readers see either the old or the new state; the rows keep every column, so their hashes still
 * verify. Concurrent callers (several gateways on one PostgreSQL) take turns on an advisory lock.
 * Works the same on PGlite and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { withDeadline } from '../databaseFaults.ts';

/** One monthly partition: its table name and its range `[from, to)`. */
export interface MonthlyPartition {
  name: string;
  from: Date;
  to: Date;
}

export interface EnsurePartitionsOptions {
  /** Months after the month of `from` to create as well (default 2: this month and the next two). */
  monthsAhead?: number;
  /** Any instant of the first month to ensure (default now). */
  from?: Date;
}

export interface EnsuredPartitions {
  /** Every partition that exists for the requested months, in month order. */
  partitions: MonthlyPartition[];
  /** Names of the partitions this call created. */
  created: string[];
  /** Rows moved out of the default partition into a new one. */
  moved: number;
}

const PARTITION_LOCK_KEY = 4_200_419_101;
const PARTITION_NAME = /^access_log_(\d{4})_(\d{2})$/;

/** The monthly partition holding `instant` (UTC month). */
export function partitionFor(instant: Date): MonthlyPartition {
  return monthPartition(instant.getUTCFullYear(), instant.getUTCMonth());
}

function monthPartition(year: number, monthIndex: number): MonthlyPartition {
  const from = new Date(Date.UTC(year, monthIndex, 1));
  const to = new Date(Date.UTC(year, monthIndex + 1, 1));
  const name = `access_log_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
  return { name, from, to };
}

/** The partition named `access_log_YYYY_MM`, or undefined for any other name. */
export function partitionNamed(name: string): MonthlyPartition | undefined {
  const match = PARTITION_NAME.exec(name);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return monthPartition(Number(match[1]), month - 1);
}

/** `db.execute` gives rows as an array (postgres.js) or as `{ rows }` (PGlite). */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

function timestampLiteral(instant: Date): string {
  // Generated from a Date we built: safe to inline (DDL takes no bind parameters).
  return `'${instant.toISOString()}'`;
}

/** The monthly partitions of `access_log` that exist now, oldest first. */
export async function listMonthlyPartitions(db: Executor): Promise<MonthlyPartition[]> {
  const result = await db.execute(sql`
    select child.relname as name
    from pg_inherits
    join pg_class child on child.oid = pg_inherits.inhrelid
    where pg_inherits.inhparent = 'access_log'::regclass`);
  return rowsOf<{ name: string }>(result)
    .map((row) => partitionNamed(row.name))
    .filter((partition): partition is MonthlyPartition => partition !== undefined)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Creates the monthly partitions of the month of `from` and the `monthsAhead` months after it, if
 * missing, moving rows of those months out of the default partition (see the file comment).
 * Idempotent: partitions that exist are left alone.
 */
export async function ensureMonthlyPartitions(
  database: Pick<DatabaseHandle, 'db'>,
  options: EnsurePartitionsOptions = {},
): Promise<EnsuredPartitions> {
  const monthsAhead = options.monthsAhead ?? 2;
  if (!Number.isInteger(monthsAhead) || monthsAhead < 0) throw new RangeError('monthsAhead must be an integer >= 0');
  const start = options.from ?? new Date();
  const wanted: MonthlyPartition[] = [];
  for (let offset = 0; offset <= monthsAhead; offset += 1) {
    wanted.push(monthPartition(start.getUTCFullYear(), start.getUTCMonth() + offset));
  }
  const existing = new Set((await listMonthlyPartitions(database.db)).map((partition) => partition.name));
  const created: string[] = [];
  let moved = 0;
  for (const partition of wanted) {
    if (existing.has(partition.name)) continue;
    const outcome = await createPartition(database.db, partition);
    if (outcome.created) created.push(partition.name);
    moved += outcome.moved;
  }
  return { partitions: wanted, created, moved };
}

async function createPartition(db: Executor, partition: MonthlyPartition): Promise<{ created: boolean; moved: number }> {
  const from = timestampLiteral(partition.from);
  const to = timestampLiteral(partition.to);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK_KEY})`);
    const [found] = rowsOf<{ exists: boolean }>(
      await tx.execute(sql`select to_regclass(${partition.name}) is not null as "exists"`),
    );
    if (found?.exists) return { created: false, moved: 0 };

    const [counted] = rowsOf<{ count: number | string }>(
      await tx.execute(
        sql.raw(`select count(*) as count from access_log_default where occurred_at >= ${from} and occurred_at < ${to}`),
      ),
    );
    const moved = Number(counted?.count ?? 0);
    if (moved > 0) {
      await tx.execute(sql.raw('create temporary table access_log_moving (like access_log) on commit drop'));
      await tx.execute(
        sql.raw(
          `with moved as (delete from access_log_default where occurred_at >= ${from} and occurred_at < ${to} returning *) ` +
            'insert into access_log_moving select * from moved',
        ),
      );
    }
    await tx.execute(
      sql.raw(`create table ${partition.name} partition of access_log for values from (${from}) to (${to})`),
    );
    if (moved > 0) {
      await tx.execute(sql.raw('insert into access_log select * from access_log_moving'));
    }
    return { created: true, moved };
  });
}

const PARTITION_RETRY_MS = 60_000;
const PARTITION_DEADLINE_MS = 10_000;

/**
 * Keeps the partitions of the current month and `monthsAhead` after it, for the writer: `ensure()`
 * creates them at start and again whenever the month of `now()` changes. A failure is reported and
 * retried a minute later; rows meanwhile land in the default partition, as durable as anywhere.
 */
export function createPartitionKeeper(
  database: Pick<DatabaseHandle, 'db'>,
  options: { monthsAhead: number | undefined; now: () => Date; onError: (message: string, error: unknown) => void },
): { ensure(): Promise<void> } {
  const { monthsAhead, now, onError } = options;
  let month: string | undefined;
  let retryAt = 0;
  let work: Promise<void> | undefined;
  return {
    ensure() {
      if (monthsAhead === undefined) return Promise.resolve();
      const at = now();
      const wanted = partitionFor(at).name;
      if (wanted === month || at.getTime() < retryAt) return work ?? Promise.resolve();
      // A deadline, so that a pool connection stuck on a dead server does not hold every flush.
      work = withDeadline(ensureMonthlyPartitions(database, { monthsAhead, from: at }), PARTITION_DEADLINE_MS, 'creating access log partitions').then(
        () => {
          month = wanted;
        },
        (error: unknown) => {
          retryAt = at.getTime() + PARTITION_RETRY_MS;
          onError('access log partitions could not be created (rows go to access_log_default)', error);
        },
      );
      return work;
    },
  };
}
