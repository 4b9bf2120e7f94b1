/**
 * The evaluator's queries at production scale: fills a fresh PostgreSQL database with generated
 * access-log rows (registry/evaluation/generateLogRows.ts: realistic clients, operations, outcomes,
 * durations over `--months` months; synthetic chain columns, see that file), ANALYZEs, then times each
 * query the evaluation routes run — through the same repository, on the same SQL — and prints its
 * timing and an EXPLAIN (ANALYZE, BUFFERS) summary. The database is dropped at the end (`--keep` keeps it).
 *
 *   npx tsx bench/evaluation.bench.ts                       # 10,000,000 rows over 12 months
 *   npx tsx bench/evaluation.bench.ts --rows 1000000 --months 6
 *   npx tsx bench/evaluation.bench.ts --server postgres://postgres@127.0.0.1:5432/postgres --runs 5
 *   npx tsx bench/evaluation.bench.ts --tail 200000         # rows past the rollup mark (default 100,000)
 *   npx tsx bench/evaluation.bench.ts --without-rollups     # also time every query with no rollup (slow)
 *
 * Loading: monthly partitions first (lib/accessLog/partitions.ts), the migration's secondary indexes
 * dropped, COPY … FROM STDIN, then the very same index definitions recreated (faster than maintaining
 * three GIN indexes row by row; the queries then run on exactly the migration's indexes). Then the
 * daily rollups are built as the gateways' rollup worker builds them (registry/log/rollup.ts), up to
 * `--tail` rows before the head: those rows past the mark are read from the log by every aggregate,
 * as after a busy few minutes in production.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../drizzle/database.ts';
import type { DatabaseHandle } from '../drizzle/database.ts';
import { hashForLookup } from '../lib/ledger/mask.ts';
import { AGGREGATE_SETTINGS, AccessLogRepository, searchSql, countUpToSql } from '../registry/repositories/AccessLogRepository.ts';
import { dailyClientActivitySql, groupSql, quotaOverrunsSql, totalsSql } from '../registry/evaluation/aggregateSql.ts';
import type { LogFilter } from '../registry/repositories/AccessLogRepository.ts';
import type { GroupBy } from '../registry/evaluation/aggregateSql.ts';
import { DEFAULT_WORLD, advanceAccessHead, copyLogRows, generateLogRows, generatedNik, seedLogWorld } from '../tests/support/generateLogRows.ts';
import { DEFAULT_SIGNAL_THRESHOLDS } from '../registry/evaluation/options.ts';
import { DAY_MS, wibDays, wibMidnight } from '../registry/evaluation/range.ts';
import { detectSignals } from '../registry/evaluation/signals.ts';
import { ensureMonthlyPartitions } from '../lib/accessLog/index.ts';
import { rollUpAll } from '../registry/log/rollup.ts';
import { rowsOf } from '../drizzle/rows.ts';

interface Args {
  rows: number;
  months: number;
  server: string;
  runs: number;
  keep: boolean;
  withoutRollups: boolean;
  tail: number;
  firstDay: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    rows: 10_000_000,
    months: 12,
    server: 'postgres://postgres@127.0.0.1:5432/postgres',
    runs: 3,
    keep: false,
    withoutRollups: false,
    tail: 100_000,
    firstDay: '2025-01-01',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--rows') args.rows = Number(value().replaceAll('_', ''));
    else if (flag === '--months') args.months = Number(value());
    else if (flag === '--server') args.server = value();
    else if (flag === '--runs') args.runs = Number(value());
    else if (flag === '--first-day') args.firstDay = value();
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--without-rollups') args.withoutRollups = true;
    else if (flag === '--tail') args.tail = Number(value().replaceAll('_', ''));
    else throw new Error(`unknown flag ${flag}`);
  }
  if (!Number.isInteger(args.rows) || args.rows < 1) throw new Error('--rows must be a positive integer');
  return args;
}

const SECRET = 'bench-lookup-secret';

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Workers Launched'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function summarizePlan(root: { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }): string {
  const scans = new Map<string, number>();
  const nodes = new Set<string>();
  let workers = 0;
  const walk = (node: PlanNode) => {
    nodes.add(node['Node Type']);
    if (node['Workers Launched']) workers = Math.max(workers, node['Workers Launched']);
    if (node['Relation Name'] && node['Relation Name'].startsWith('access_log')) {
      const how = node['Index Name'] ? `${node['Node Type']} ${node['Index Name'].replace(/^access_log_\d{4}_\d{2}_/, '*_').replace(/^access_log_default_/, '*_')}` : node['Node Type'];
      scans.set(how, (scans.get(how) ?? 0) + 1);
    } else if (node['Index Name'] && node['Node Type'].includes('Bitmap Index')) {
      const how = `Bitmap Index Scan ${node['Index Name'].replace(/^access_log_\d{4}_\d{2}_/, '*_').replace(/^access_log_default_/, '*_')}`;
      scans.set(how, (scans.get(how) ?? 0) + 1);
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root.Plan);
  const top = root.Plan;
  const buffers = `buffers hit ${top['Shared Hit Blocks'] ?? 0} read ${top['Shared Read Blocks'] ?? 0}`;
  const scanText = [...scans.entries()].map(([how, count]) => `${how} ×${count}`).join('; ');
  return `      plan: ${top['Node Type']} (planning ${root['Planning Time'].toFixed(1)} ms, execution ${root['Execution Time'].toFixed(1)} ms, ${buffers}${workers ? `, ${workers} workers` : ''})\n      scans: ${scanText}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const name = `penghubung_bench_eval_${randomBytes(4).toString('hex')}`;
  const admin = postgres(args.server, { max: 1, onnotice: () => {} });
  const url = new URL(args.server);
  url.pathname = `/${name}`;
  const from = wibMidnight(args.firstDay);
  const lastDay = new Date(Date.UTC(Number(args.firstDay.slice(0, 4)), Number(args.firstDay.slice(5, 7)) - 1 + args.months, Number(args.firstDay.slice(8, 10))));
  const to = wibMidnight(lastDay.toISOString().slice(0, 10));
  console.log(`evaluation bench: ${args.rows.toLocaleString('en')} rows, ${args.firstDay} .. ${lastDay.toISOString().slice(0, 10)} (WIB), database ${name}`);
  const serverVersion = (await admin`show server_version`)[0]!['server_version'] as string;
  console.log(`PostgreSQL ${serverVersion}`);

  await admin.unsafe(`create database ${name}`);
  let handle: DatabaseHandle | undefined;
  let loader: postgres.Sql | undefined;
  try {
    handle = await openDatabase({ url: url.href, dataDir: '' });
    await handle.migrate();
    const { db } = handle;
    const partitions = await ensureMonthlyPartitions(handle, { from, monthsAhead: args.months + 1 });
    console.log(`partitions: ${partitions.created.length} monthly (${partitions.created[0]} .. ${partitions.created[partitions.created.length - 1]})`);
    const world = await seedLogWorld(db, DEFAULT_WORLD, { from, to });

    // Load: drop the secondary indexes, COPY, recreate them as the migration defines them.
    loader = postgres(url.href, { max: 1, onnotice: () => {} });
    const indexes = (await loader`
      select indexname, indexdef from pg_indexes
      where tablename = 'access_log' and indexname <> 'access_log_pk' order by indexname`) as unknown as { indexname: string; indexdef: string }[];
    for (const index of indexes) await loader.unsafe(`drop index ${index.indexname}`);
    let started = performance.now();
    const written = await copyLogRows(
      loader,
      generateLogRows({ world, from, to, rows: args.rows, secret: SECRET, seed: 2025, identifierPool: 200_000 }),
      (count) => process.stdout.write(`  copied ${count.toLocaleString('en')} rows (${((count / (performance.now() - started)) * 1000).toFixed(0)} rows/s)\r`),
    );
    const copyMs = performance.now() - started;
    console.log(`\nCOPY: ${written.toLocaleString('en')} rows in ${fmtMs(copyMs)} (${((written / copyMs) * 1000).toFixed(0)} rows/s)`);
    await loader`set maintenance_work_mem = '1GB'`;
    await loader`set max_parallel_maintenance_workers = 2`;
    for (const index of indexes) {
      started = performance.now();
      // pg_indexes shows a partitioned table's index as `ON ONLY access_log`; without ONLY it is built
      // on every partition, as the migration's CREATE INDEX did.
      await loader.unsafe(index.indexdef.replace(' ON ONLY ', ' ON '));
      console.log(`  index ${index.indexname}: ${fmtMs(performance.now() - started)}`);
    }
    started = performance.now();
    // VACUUM too: an append-only log gets its visibility map from autovacuum soon after loading, and
    // index-only scans need it; ANALYZE on the parent gathers the partitioned table's statistics.
    for (const partition of partitions.partitions) await loader.unsafe(`vacuum (analyze) ${partition.name}`);
    await loader`analyze access_log`;
    console.log(`VACUUM ANALYZE: ${fmtMs(performance.now() - started)}`);
    const [size] = (await loader`select pg_size_pretty(pg_total_relation_size('access_log')) as total,
      (select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) from pg_inherits where inhparent = 'access_log'::regclass) as partitions`) as unknown as { total: string; partitions: string }[];
    console.log(`size: ${size?.partitions ?? '?'} (table, partitions and indexes)`);

    // The head as the writer leaves it, then the rollups as the worker builds them, minus the tail.
    const [last] = (await loader`select seq, hash from access_log order by seq desc limit 1`) as unknown as { seq: string; hash: string }[];
    const headSeq = Number(last!.seq);
    await advanceAccessHead(db, headSeq, last!.hash);
    const rollupUntil = Math.max(0, headSeq - args.tail);
    const timeRollup = async () => {
      started = performance.now();
      const rolled = await rollUpAll(handle!, { untilSeq: rollupUntil });
      const rollupMs = performance.now() - started;
      const [rollupSize] = (await loader!`select (select count(*) from access_log_daily) as daily, (select count(*) from access_log_daily_field) as field,
        (select count(*) from access_log_daily_subgraph) as subgraph`) as unknown as { daily: string; field: string; subgraph: string }[];
      console.log(
        `rollup: ${rolled.toLocaleString('en')} rows in ${fmtMs(rollupMs)} (${((rolled / rollupMs) * 1000).toFixed(0)} rows/s); ` +
          `rollup rows: daily ${rollupSize!.daily}, field ${rollupSize!.field}, subgraph ${rollupSize!.subgraph}; ` +
          `${(headSeq - rollupUntil).toLocaleString('en')} rows past the mark\n`,
      );
      await loader!`analyze access_log_daily`;
      await loader!`analyze access_log_daily_field`;
      await loader!`analyze access_log_daily_subgraph`;
    };

    const repository = new AccessLogRepository(db);
    const monthFrom = wibMidnight(new Date(to.getTime() - 40 * DAY_MS).toISOString().slice(0, 10));
    const month: LogFilter['range'] = { from: monthFrom, to: new Date(monthFrom.getTime() + 30 * DAY_MS) };
    const quarter: LogFilter['range'] = { from: new Date(month.to.getTime() - 90 * DAY_MS), to: month.to };
    const year: LogFilter['range'] = { from, to: new Date(Math.min(to.getTime(), from.getTime() + 366 * DAY_MS)) };
    const busiest = world.clients[0]!;
    const quiet = world.clients.find((client) => client.key === 'simpeg')!;
    const nik = generatedNik(4242);
    const nikHash = hashForLookup(nik, SECRET);

    // A cursor deep into a client's month: the 2,000th record.
    const deep = await repository.search({ range: month, clientId: busiest.id }, 500, null);
    let cursorRows = deep.rows;
    for (let page = 0; page < 3 && cursorRows.length > 0; page += 1) {
      const last = cursorRows[cursorRows.length - 1]!;
      cursorRows = (await repository.search({ range: month, clientId: busiest.id }, 500, { at: last.cursorAt, seq: last.seq })).rows;
    }
    const deepCursor = cursorRows.length > 0 ? { at: cursorRows[cursorRows.length - 1]!.cursorAt, seq: cursorRows[cursorRows.length - 1]!.seq } : null;

    const signalDays = wibDays(month);
    const signalHistory = { from: new Date(month.from.getTime() - DEFAULT_SIGNAL_THRESHOLDS.historyDays * DAY_MS), to: month.to };

    interface Case {
      name: string;
      run: () => Promise<unknown>;
      /** The SQL the case runs, given the rollup mark. */
      explain: (mark: number) => SQL[];
    }
    const search = (name: string, filter: LogFilter, limit: number, after: Parameters<typeof searchSql>[2] = null): Case => ({
      name,
      run: () => repository.search(filter, limit, after),
      explain: () => [searchSql(filter, limit, after)],
    });
    const group = (name: string, by: GroupBy, filter: LogFilter): Case => ({
      name,
      run: () => repository.groups(by, filter, 100),
      explain: (mark) => [groupSql(by, filter, 100, mark)],
    });
    const cases: Case[] = [
      search('search by client (busiest), 30 days, first page of 50', { range: month, clientId: busiest.id }, 50),
      search('search by client, 30 days, page after 2,000 records', { range: month, clientId: busiest.id }, 50, deepCursor),
      search('search by client (quiet), 366 days, first page of 500', { range: year, clientId: quiet.id }, 500),
      search('search by coordinate (Izin.pemohon), 30 days, first page', { range: month, coordinates: ['Izin.pemohon'] }, 50),
      search('search by coordinate (Pegawai.gaji, denied only), 366 days', { range: year, coordinates: ['Pegawai.gaji'] }, 50),
      search('search by NIK lookup hash, 366 days', { range: year, lookupHash: nikHash }, 500),
      search('search by agency (dinkes subgraphs), 30 days, first page', { range: month, subgraphs: ['kesehatan'] }, 50),
      search('search denied, 90 days, first page', { range: quarter, outcomes: ['denied'] }, 50),
      search('search by graph (kesehatan), 366 days, first page', { range: year, graph: 'kesehatan' }, 50),
      {
        name: 'export row-cap count (≤ 1,000,000), 30 days',
        run: () => repository.countUpTo({ range: month }, 1_000_000),
        explain: () => [countUpToSql({ range: month }, 1_000_000)],
      },
      { name: 'stats totals + percentiles, 30 days', run: () => repository.totals({ range: month }), explain: (mark) => [totalsSql({ range: month }, mark)] },
      { name: 'stats totals + percentiles, 366 days', run: () => repository.totals({ range: year }), explain: (mark) => [totalsSql({ range: year }, mark)] },
      {
        name: 'stats totals, one client, denied only, 366 days',
        run: () => repository.totals({ range: year, clientId: quiet.id, outcomes: ['denied'] }),
        explain: (mark) => [totalsSql({ range: year, clientId: quiet.id, outcomes: ['denied'] }, mark)],
      },
      ...(['day', 'client', 'operation', 'field', 'agency', 'subgraph'] as const).flatMap((by) => [
        group(`stats per ${by}, 30 days`, by, { range: month }),
        group(`stats per ${by}, 366 days`, by, { range: year }),
      ]),
      group('stats per client, one client, 366 days', 'client', { range: year, clientId: quiet.id }),
      group('stats per day, one graph, 366 days', 'day', { range: year, graph: 'kependudukan' }),
      group('stats per day, agency filter (from the log), 30 days', 'day', { range: month, subgraphs: ['kesehatan'] }),
      group('stats per client, coordinate filter (from the log), 30 days', 'client', { range: month, coordinates: ['Pegawai.gaji'] }),
      {
        name: 'signals, 30 days (+30 days history) incl. quota overruns',
        run: async () =>
          detectSignals(await repository.dailyClientActivity(signalHistory), await repository.quotaOverruns(month), signalDays, DEFAULT_SIGNAL_THRESHOLDS),
        explain: (mark) => [dailyClientActivitySql({ range: signalHistory }, mark), quotaOverrunsSql(month, mark)],
      },
    ];

    const runAll = async (label: string) => {
      const mark = await repository.rolledUpSeq();
      console.log(`== ${label} (rollup mark ${mark.toLocaleString('en')}, head ${headSeq.toLocaleString('en')}) ==`);
      const results: { name: string; median: number }[] = [];
      for (const entry of cases) {
        const times: number[] = [];
        for (let run = 0; run < args.runs; run += 1) {
          const t0 = performance.now();
          await entry.run();
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)]!;
        results.push({ name: entry.name, median });
        console.log(`${median > 1000 ? '!!' : '  '} ${entry.name}: median ${fmtMs(median)} (runs: ${times.map(fmtMs).join(', ')})`);
        for (const query of entry.explain(mark)) {
          // As the repository runs its aggregates: with its settings (AccessLogRepository.aggregate).
          const [row] = await db.transaction(async (tx) => {
            for (const setting of AGGREGATE_SETTINGS) await tx.execute(sql.raw(setting));
            return rowsOf<{ 'QUERY PLAN': unknown }>(await tx.execute(sql`explain (analyze, buffers, format json) ${query}`));
          });
          const plan = row?.['QUERY PLAN'];
          const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }[];
          console.log(summarizePlan(parsed[0]!));
        }
      }
      const slow = results.filter((entry) => entry.median > 1000);
      console.log(`${slow.length === 0 ? 'every query under 1 s' : `${slow.length} queries over 1 s: ${slow.map((entry) => entry.name).join('; ')}`}\n`);
      return results;
    };

    if (args.withoutRollups) {
      const before = await runAll('from the log alone, no rollup');
      await timeRollup();
      const after = await runAll('with the daily rollups');
      console.log('== comparison (median) ==');
      for (const [index, entry] of before.entries()) console.log(`  ${entry.name}: ${fmtMs(entry.median)} -> ${fmtMs(after[index]!.median)}`);
    } else {
      await timeRollup();
      await runAll('with the daily rollups');
    }
    console.log(`NIK used for the lookup search: ${nik.slice(0, 6)}******${nik.slice(12)}`);
  } finally {
    await loader?.end({ timeout: 5 }).catch(() => {});
    await handle?.close().catch(() => {});
    if (args.keep) console.log(`kept database ${name}`);
    else {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      console.log(`dropped database ${name}`);
    }
    await admin.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
