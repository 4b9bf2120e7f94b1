/**
 * The daily rollups answer exactly as the log does: every aggregate the evaluation routes serve is
 * read with no rollup, with part of the log rolled up, and with all of it rolled up, then again after
 * new rows arrive past the mark; the answers must be identical each time. (stats.test.ts checks the
 * answers themselves against the generated rows.)
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLogRows } from '../support/generateLogRows.ts';
import type { GeneratedLogRow } from '../support/generateLogRows.ts';
import { rebuildRollups, rolledUpSeq, rollUpAccessLog, rollUpAll } from '../../registry/log/rollup.ts';
import { wibMidnight } from '../../registry/evaluation/range.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { query, startEvaluationBench } from './fixture.ts';
import type { EvaluationBench } from './fixture.ts';

let bench: EvaluationBench;

beforeAll(async () => {
  bench = await startEvaluationBench();
});
afterAll(async () => {
  await bench?.close();
});

/** Every aggregate view, over whole days, over a range that cuts days at both ends, and within one day. */
function views(): string[] {
  const whole = { from: '2025-01-06', to: '2025-02-14' };
  const cut = { from: '2025-01-06T10:30:00+07:00', to: '2025-02-03T17:45:00+07:00' };
  const withinOneDay = { from: '2025-02-10T08:00:00+07:00', to: '2025-02-10T20:00:00+07:00' };
  const filters: Record<string, string | readonly string[]>[] = [
    {},
    { clientId: bench.clientId('bansos') },
    { outcome: ['ok', 'partial'], graph: 'kependudukan' },
    // Filters the rollups do not carry: read from the log whatever the mark.
    { agency: 'disdukcapil' },
  ];
  const urls: string[] = [];
  for (const range of [whole, cut]) {
    for (const filter of filters) {
      for (const groupBy of ['day', 'client', 'operation', 'field', 'subgraph', 'agency']) {
        urls.push(`/v1/log/stats${query({ ...range, ...filter, groupBy, limit: 100 })}`);
      }
    }
  }
  urls.push(`/v1/log/stats${query({ ...withinOneDay, groupBy: 'client' })}`);
  urls.push(`/v1/log/signals${query({ from: '2025-02-01', to: '2025-02-14' })}`);
  return urls;
}

async function answers(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const url of views()) {
    const response = await bench.registry.call(bench.evaluator, 'GET', url);
    expect(response.status, `${url}: ${JSON.stringify(response.body)}`).toBe(200);
    out.push({ url, body: response.body });
  }
  return out;
}

/** Copies of `rows` appended to the log after `lastSeq`, as later requests. */
function later(rows: readonly GeneratedLogRow[], lastSeq: number): GeneratedLogRow[] {
  return rows.map((row, i) => ({
    ...row,
    seq: lastSeq + 1 + i,
    requestId: `${row.requestId}-later`,
    hash: (lastSeq + 1 + i).toString(16).padStart(64, '0'),
  }));
}

async function rollupRows(): Promise<number> {
  const [row] = rowsOf<{ n: unknown }>(await bench.registry.database.db.execute(sql`select count(*) as n from access_log_daily`));
  return Number(row?.n);
}

describe('aggregates from the daily rollups', () => {
  it('are identical with no rollup, part of the log rolled up, all of it, and new rows past the mark', async () => {
    const { db } = bench.registry.database;
    expect(await rolledUpSeq(db)).toBe(0);
    const fromLog = await answers();

    const half = Math.floor(bench.rows.length / 2);
    const step = await rollUpAccessLog(bench.registry.database, { maxRows: half });
    expect(step).toMatchObject({ rows: half, skipped: false });
    expect(await rolledUpSeq(db)).toBe(bench.rows[0]!.seq - 1 + half);
    expect(await answers()).toEqual(fromLog);

    await rollUpAll(bench.registry.database, { maxRows: 5_000 });
    expect(await rolledUpSeq(db)).toBe(bench.rows.at(-1)!.seq);
    // Tens of thousands of log rows become far fewer rollup rows.
    expect(await rollupRows()).toBeGreaterThan(0);
    expect(await rollupRows()).toBeLessThan(bench.rows.length / 2);
    expect(await answers()).toEqual(fromLog);

    // New rows past the mark, on days the rollups already hold: counted from the log until rolled up.
    const last = bench.rows.at(-1)!;
    const extra = later(bench.rows.filter((row) => row.occurredAt >= wibMidnight('2025-01-20')).slice(0, 40), last.seq);
    await insertLogRows(db, extra);
    const withExtra = await answers();
    expect(withExtra).not.toEqual(fromLog);
    await rollUpAll(bench.registry.database);
    expect(await answers()).toEqual(withExtra);

    // A rebuild from the log gives the same rollups.
    await rebuildRollups(bench.registry.database);
    expect(await rolledUpSeq(db)).toBe(last.seq + extra.length);
    expect(await answers()).toEqual(withExtra);
  });

  it('two rollups at the same time count each row once', async () => {
    const { db } = bench.registry.database;
    const before = await rolledUpSeq(db);
    const [before30] = await answers();
    await insertLogRows(db, later(bench.rows.filter((row) => row.occurredAt >= wibMidnight('2025-01-21')).slice(0, 30), before));
    const expected = await answers();
    const [a, b] = await Promise.all([rollUpAccessLog(bench.registry.database), rollUpAccessLog(bench.registry.database)]);
    expect(a.rows + b.rows).toBe(30);
    expect(await rolledUpSeq(db)).toBe(before + 30);
    expect(await answers()).toEqual(expected);
    expect(expected[0]).not.toEqual(before30);
  });
});
