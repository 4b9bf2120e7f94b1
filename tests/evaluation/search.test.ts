import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashForLookup } from '../../lib/ledger/mask.ts';
import { generatedNik, insertLogRows } from '../support/generateLogRows.ts';
import type { GeneratedLogRow } from '../support/generateLogRows.ts';
import { wibMidnight } from '../../registry/evaluation/range.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { END_DAY, FIRST_DAY, SECRET, query, startEvaluationBench } from './fixture.ts';
import type { EvaluationBench } from './fixture.ts';

let bench: EvaluationBench;
const FROM = FIRST_DAY;
const TO = '2025-02-14'; // whole day included: the range ends at 2025-02-15 00:00 WIB

beforeAll(async () => {
  bench = await startEvaluationBench();
});
afterAll(async () => {
  await bench?.close();
});

interface Record {
  seq: number;
  occurredAt: string;
  clientId: string | null;
  clientName: string | null;
  graph: string;
  operationName: string | null;
  operationHash: string | null;
  coordinates: string[];
  subgraphNames: string[];
  outcome: string;
  variables: unknown;
}

/** Every record of a search, following nextCursor. */
async function searchAll(params: { [key: string]: string | number | readonly string[] | undefined }, limit = 500): Promise<Record[]> {
  const records: Record[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const response = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/records${query({ ...params, limit, cursor })}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    records.push(...response.body.records);
    if (response.body.nextCursor === null) return records;
    cursor = response.body.nextCursor;
  }
  throw new Error('too many pages');
}

const inRange = (from: string, to: string) => (row: GeneratedLogRow) =>
  row.occurredAt.getTime() >= wibMidnight(from).getTime() && row.occurredAt.getTime() < wibMidnight(to).getTime();

const newestFirst = (a: GeneratedLogRow, b: GeneratedLogRow) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.seq - a.seq;

async function tableCount(): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await bench.registry.database.db.execute(sql`select count(*) as n from access_log`));
  return Number(row!.n);
}

describe('GET /v1/log/records: filters', () => {
  it('returns a client’s records, newest first, and only theirs', async () => {
    const clientId = bench.clientId('penjajak');
    const records = await searchAll({ from: '2025-02-01', to: '2025-02-14', clientId });
    const expected = bench.rows.filter(inRange('2025-02-01', '2025-02-15')).filter((row) => row.clientId === clientId).sort(newestFirst);
    expect(expected.length).toBeGreaterThan(300);
    expect(records.map((record) => record.seq)).toEqual(expected.map((row) => row.seq));
    expect(records[0]!.clientName).toBe('SIMPEG Inspektorat');
  });

  it('filters by agency through the subgraphs the gateway called', async () => {
    const records = await searchAll({ from: FROM, to: TO, agency: 'dinkes' });
    const expected = bench.rows.filter(inRange(FROM, END_DAY)).filter((row) => row.subgraphNames.includes('kesehatan'));
    expect(records.length).toBe(expected.length);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((record) => record.subgraphNames.includes('kesehatan'))).toBe(true);
  });

  it('finds nothing for an agency that does not exist', async () => {
    expect(await searchAll({ from: FROM, to: TO, agency: 'tidak-ada' })).toEqual([]);
  });

  it('filters by graph, by every one of several coordinates, by any of several outcomes', async () => {
    const byGraph = await searchAll({ from: '2025-02-01', to: TO, graph: 'perizinan' });
    expect(byGraph.length).toBeGreaterThan(0);
    expect(byGraph.length).toBe(bench.rows.filter(inRange('2025-02-01', END_DAY)).filter((row) => row.graph === 'perizinan').length);

    const coordinates = ['Query.izin', 'Izin.pemohon'];
    const byCoordinates = await searchAll({ from: FROM, to: TO, coordinate: coordinates });
    const expectedCoordinates = bench.rows.filter(inRange(FROM, END_DAY)).filter((row) => coordinates.every((c) => row.coordinates.includes(c)));
    expect(byCoordinates.length).toBe(expectedCoordinates.length);
    expect(byCoordinates.length).toBeGreaterThan(0);

    const byOutcome = await searchAll({ from: FROM, to: TO, outcome: ['denied', 'error'] });
    expect(byOutcome.length).toBe(bench.rows.filter(inRange(FROM, END_DAY)).filter((row) => row.outcome === 'denied' || row.outcome === 'error').length);
    expect(new Set(byOutcome.map((record) => record.outcome))).toEqual(new Set(['denied', 'error']));
  });

  it('filters by operation name and by operation hash', async () => {
    const byName = await searchAll({ from: FROM, to: TO, operationName: 'DataPegawai' });
    const expected = bench.rows.filter(inRange(FROM, END_DAY)).filter((row) => row.operationName === 'DataPegawai');
    expect(byName.length).toBe(expected.length);
    expect(byName.length).toBeGreaterThan(0);
    const byHash = await searchAll({ from: FROM, to: TO, operationHash: expected[0]!.operationHash! });
    expect(byHash.length).toBe(expected.length);
  });

  it('finds every access that looked up one NIK, however it is typed, without the NIK in the log', async () => {
    // The most looked-up NIK of the generated data.
    const counts = new Map<string, number>();
    for (const row of bench.rows) for (const hash of row.lookupHashes) counts.set(hash, (counts.get(hash) ?? 0) + 1);
    let nik = '';
    for (let i = 0; i < 300 && nik === ''; i += 1) {
      const candidate = generatedNik(i);
      if ((counts.get(hashForLookup(candidate, SECRET)) ?? 0) >= 3) nik = candidate;
    }
    expect(nik).not.toBe('');
    const hash = hashForLookup(nik, SECRET);
    const expected = bench.rows.filter(inRange(FROM, END_DAY)).filter((row) => row.lookupHashes.includes(hash));

    const records = await searchAll({ from: FROM, to: TO, value: nik });
    expect(records.length).toBe(expected.length);
    const spaced = `${nik.slice(0, 4)} ${nik.slice(4, 8)} ${nik.slice(8, 12)} ${nik.slice(12)}`;
    expect((await searchAll({ from: FROM, to: TO, value: spaced })).length).toBe(expected.length);
    expect(JSON.stringify(records)).not.toContain(nik);
  });
});

describe('GET /v1/log/records: pagination', () => {
  it('pages through a view without gaps or repeats, in (occurred_at, seq) order', async () => {
    const records = await searchAll({ from: '2025-02-03', to: '2025-02-05' }, 37);
    const expected = bench.rows.filter(inRange('2025-02-03', '2025-02-06')).sort(newestFirst);
    expect(expected.length).toBeGreaterThan(37 * 3);
    expect(records.map((record) => record.seq)).toEqual(expected.map((row) => row.seq));
  });

  it('keeps records that share one instant on the right pages', async () => {
    const client = bench.rows.find((row) => row.clientId !== null)!;
    // Three records at the very same millisecond, after the generated data.
    const base = { ...client, occurredAt: new Date('2025-02-20T03:00:00.123Z'), variables: null, lookupHashes: [] };
    await insertLogRows(bench.registry.database.db, [900_001, 900_002, 900_003].map((seq) => ({ ...base, seq })));
    const records = await searchAll({ from: '2025-02-20', to: '2025-02-20' }, 1);
    expect(records.map((record) => record.seq)).toEqual([900_003, 900_002, 900_001]);
  });
});

describe('GET /v1/log/records: refusals', () => {
  const get = (who: Parameters<typeof bench.registry.call>[0], search: string) => bench.registry.call(who, 'GET', `/v1/log/records${search}`);

  it('refuses an unknown filter key instead of ignoring it', async () => {
    const response = await get(bench.evaluator, query({ from: FROM, to: TO, clientid: bench.clientId('tetap') }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('BAD_REQUEST');
  });

  it('refuses an inverted, empty, missing or over-long range', async () => {
    const inverted = await get(bench.evaluator, query({ from: '2025-02-10', to: '2025-02-01' }));
    expect(inverted.status).toBe(400);
    expect(inverted.body.message).toContain('terbalik');
    expect((await get(bench.evaluator, query({ from: '2025-02-10T00:00:00Z', to: '2025-02-10T00:00:00Z' }))).status).toBe(400);
    expect((await get(bench.evaluator, query({ to: TO }))).status).toBe(400);
    const long = await get(bench.evaluator, query({ from: '2024-01-01', to: '2025-01-31' }));
    expect(long.status).toBe(400);
    expect(long.body.messageEn).toContain('366 days');
    expect((await get(bench.evaluator, query({ from: 'kemarin', to: TO }))).status).toBe(400);
  });

  it('refuses a page size of a million (the largest page is 500) and a forged cursor', async () => {
    expect((await get(bench.evaluator, query({ from: FROM, to: TO, limit: 1_000_000 }))).status).toBe(400);
    expect((await get(bench.evaluator, query({ from: FROM, to: TO, limit: 0 }))).status).toBe(400);
    expect((await get(bench.evaluator, query({ from: FROM, to: TO, limit: 500 }))).status).toBe(200);
    expect((await get(bench.evaluator, query({ from: FROM, to: TO, cursor: "x' or 1=1 --" }))).status).toBe(400);
  });

  it('refuses text filters longer than their limit', async () => {
    expect((await get(bench.evaluator, query({ from: FROM, to: TO, operationName: 'a'.repeat(201) }))).status).toBe(400);
    expect((await get(bench.evaluator, query({ from: FROM, to: TO, value: '1'.repeat(201) }))).status).toBe(400);
  });

  it('treats SQL and script text in every text filter as a string that matches nothing', async () => {
    const before = await tableCount();
    const hostile = [
      "'; drop table access_log; --",
      "x' or '1'='1",
      '<script>alert(1)</script>',
      "Query.penduduk'] || array['x",
      '$1) or true --',
    ];
    for (const text of hostile) {
      for (const key of ['agency', 'graph', 'coordinate', 'operationName', 'operationHash', 'value']) {
        const records = await get(bench.evaluator, query({ from: FROM, to: TO, [key]: text }));
        expect(records.status, `${key}=${text}`).toBe(200);
        expect(records.body.records, `${key}=${text}`).toEqual([]);
        const stats = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/stats${query({ from: FROM, to: TO, groupBy: 'client', [key]: text })}`);
        expect(stats.status).toBe(200);
        expect(stats.body.totals.requests).toBe(0);
      }
      // A client id must be a UUID: anything else is refused, not run.
      expect((await get(bench.evaluator, query({ from: FROM, to: TO, clientId: text }))).status).toBe(400);
    }
    expect(await tableCount()).toBe(before);
  });

  it('answers only evaluators and administrators', async () => {
    const search = query({ from: FROM, to: TO });
    expect((await get(bench.requester, search)).status).toBe(403);
    expect((await get(bench.publisher, search)).status).toBe(403);
    // The role is checked before the query: a requester learns nothing from validation messages.
    expect((await get(bench.requester, query({ from: FROM, to: TO, nope: 1 }))).status).toBe(403);
    expect((await get(null, search)).status).toBe(401);
    expect((await get(bench.registry.admin, search)).status).toBe(200);
    for (const path of ['/v1/log/stats', '/v1/log/signals', '/v1/log/export.csv', '/v1/log/report']) {
      expect((await bench.registry.call(bench.requester, 'GET', `${path}${search}`)).status, path).toBe(403);
      expect((await bench.registry.call(bench.publisher, 'GET', `${path}${search}`)).status, path).toBe(403);
    }
  });

  it('documents the routes in the OpenAPI document', async () => {
    const response = await bench.registry.call(null, 'GET', '/openapi.json');
    expect(response.status).toBe(200);
    for (const path of ['/v1/log/records', '/v1/log/stats', '/v1/log/signals', '/v1/log/export.csv', '/v1/log/report']) {
      expect(Object.keys(response.body.paths)).toContain(path);
    }
  });
});
