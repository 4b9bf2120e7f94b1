import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedLogRow } from '../support/generateLogRows.ts';
import { wibDate, wibMidnight } from '../../registry/evaluation/range.ts';
import { END_DAY, FIRST_DAY, nearPercentile, query, startEvaluationBench } from './fixture.ts';
import type { EvaluationBench } from './fixture.ts';
import { testDatabaseUrl } from '../support/database.ts';

let bench: EvaluationBench;
let inRange: GeneratedLogRow[];
const FROM = '2025-01-06';
const TO = '2025-02-14'; // to the end of 14 February WIB

beforeAll(async () => {
  bench = await startEvaluationBench();
  inRange = bench.rows.filter((row) => row.occurredAt >= wibMidnight(FROM) && row.occurredAt < wibMidnight(END_DAY));
});
afterAll(async () => {
  await bench?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function stats(params: { [key: string]: string | number | readonly string[] | undefined }): Promise<any> {
  const response = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/stats${query({ from: FROM, to: TO, ...params })}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

const served = (row: GeneratedLogRow) => row.outcome === 'ok' || row.outcome === 'partial';

function expectedFigures(rows: readonly GeneratedLogRow[]) {
  const durations = rows.map((row) => row.durationMs);
  return {
    requests: rows.length,
    fieldAccesses: rows.filter(served).reduce((sum, row) => sum + row.coordinates.length, 0),
    denied: rows.filter((row) => row.outcome === 'denied').length,
    errors: rows.filter((row) => row.outcome === 'error').length,
    p50Ms: nearPercentile(durations, 0.5),
    p95Ms: nearPercentile(durations, 0.95),
    p99Ms: nearPercentile(durations, 0.99),
  };
}

function groupBy<K>(rows: readonly GeneratedLogRow[], key: (row: GeneratedLogRow) => K): Map<K, GeneratedLogRow[]> {
  const groups = new Map<K, GeneratedLogRow[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

describe('GET /v1/log/stats', () => {
  it('totals match counts and percentiles computed from the generated rows', async () => {
    const body = await stats({ groupBy: 'day' });
    const expected = expectedFigures(inRange);
    expect(body.totals).toMatchObject({
      ...expected,
      partial: inRange.filter((row) => row.outcome === 'partial').length,
      unauthenticated: inRange.filter((row) => row.outcome === 'unauthenticated').length,
      clients: bench.world.clients.length,
    });
    expect(body.from).toBe(wibMidnight(FROM).toISOString());
    expect(body.to).toBe(wibMidnight(END_DAY).toISOString());
  });

  it('per WIB day: every day of the range with its own requests, denied and errors', async () => {
    const body = await stats({ groupBy: 'day' });
    const days = groupBy(inRange, (row) => wibDate(row.occurredAt));
    expect(body.rows.map((row: { key: string }) => row.key)).toEqual([...days.keys()].sort());
    for (const row of body.rows) expect(row, row.key).toMatchObject({ key: row.key, ...expectedFigures(days.get(row.key)!) });
  });

  it('per client: requests, field accesses, denied attempts, errors and latency percentiles', async () => {
    const body = await stats({ groupBy: 'client' });
    const clients = groupBy(inRange, (row) => row.clientId);
    expect(body.rows).toHaveLength(clients.size);
    for (const [clientId, rows] of clients) {
      const row = body.rows.find((candidate: { key: string | null }) => candidate.key === clientId);
      expect(row, String(clientId)).toMatchObject(expectedFigures(rows));
    }
    const named = body.rows.find((row: { key: string | null }) => row.key === bench.clientId('lonjakan'));
    expect(named.label).toBe('Aplikasi Bansos (Dinas Sosial)');
    // Requests without a valid credential are one group of their own.
    expect(body.rows.some((row: { key: string | null }) => row.key === null)).toBe(true);
  });

  it('per operation, most requested first', async () => {
    const body = await stats({ groupBy: 'operation', limit: 3 });
    const operations = [...groupBy(inRange, (row) => row.operationHash).entries()].sort((a, b) => b[1].length - a[1].length);
    expect(body.rows).toHaveLength(3);
    for (const [index, [hash, rows]] of operations.slice(0, 3).entries()) {
      expect(body.rows[index]).toMatchObject({ key: hash, label: rows[0]!.operationName, ...expectedFigures(rows) });
    }
  });

  it('per subgraph: calls, failed calls and error rate from subgraph_calls, and call latency', async () => {
    const body = await stats({ groupBy: 'subgraph' });
    const calls = inRange.flatMap((row) => row.subgraphCalls);
    const bySubgraph = new Map<string, typeof calls>();
    for (const call of calls) bySubgraph.set(call.subgraph, [...(bySubgraph.get(call.subgraph) ?? []), call]);
    expect(body.rows).toHaveLength(bySubgraph.size);
    for (const [subgraph, list] of bySubgraph) {
      const errors = list.filter((call) => call.status >= 400 || call.error !== undefined).length;
      expect(errors).toBeGreaterThan(0);
      const row = body.rows.find((candidate: { key: string }) => candidate.key === subgraph);
      expect(row, subgraph).toMatchObject({
        requests: list.length,
        errors,
        errorRate: Math.round((errors / list.length) * 10_000) / 10_000,
        p50Ms: nearPercentile(list.map((call) => call.durationMs), 0.5),
        p99Ms: nearPercentile(list.map((call) => call.durationMs), 0.99),
      });
    }
  });

  it('per agency: requests that called its subgraphs, its fields served, refused accesses to its fields', async () => {
    const body = await stats({ groupBy: 'agency' });
    const agency = bench.world.spec.agencies.find((candidate) => candidate.slug === 'disdukcapil')!;
    const own = new Set(agency.fields.map((field) => field.coordinate));
    const called = inRange.filter((row) => row.subgraphNames.includes(agency.subgraph));
    const row = body.rows.find((candidate: { key: string }) => candidate.key === 'disdukcapil');
    expect(row).toMatchObject({
      label: agency.name,
      requests: called.length,
      errors: called.filter((candidate) => candidate.outcome === 'error').length,
      fieldAccesses: inRange.filter(served).reduce((sum, candidate) => sum + candidate.coordinates.filter((c) => own.has(c)).length, 0),
      // Refused field accesses: each of the agency's coordinates a refused request named.
      denied: inRange.reduce((sum, candidate) => sum + candidate.deniedCoordinates.filter((c) => own.has(c)).length, 0),
      p50Ms: nearPercentile(called.map((candidate) => candidate.durationMs), 0.5),
    });
    expect(body.rows.map((candidate: { key: string }) => candidate.key).sort()).toEqual(['bkpsdm', 'dinkes', 'disdukcapil', 'dpmptsp']);
  });

  it('per field: served and refused requests, owner, classification and personal-data flag', async () => {
    const body = await stats({ groupBy: 'field', limit: 1000 });
    const served_ = inRange.filter(served);
    for (const coordinate of ['Query.penduduk', 'Penduduk.tanggalLahir', 'Pegawai.gaji', 'Izin.nomor']) {
      const row = body.rows.find((candidate: { key: string }) => candidate.key === coordinate);
      expect(row, coordinate).toMatchObject({
        requests: served_.filter((candidate) => candidate.coordinates.includes(coordinate)).length,
        denied: inRange.filter((candidate) => candidate.deniedCoordinates.includes(coordinate)).length,
      });
    }
    const nik = body.rows.find((candidate: { key: string }) => candidate.key === 'Penduduk.nik');
    expect(nik).toMatchObject({ agency: 'disdukcapil', personalData: true, classification: 'rahasia' });
    // Never served to anyone in this data, only refused:
    const refusedOnly = body.rows.find((candidate: { key: string }) => candidate.key === 'Pegawai.gaji');
    expect(refusedOnly.requests).toBe(0);
    expect(refusedOnly.denied).toBeGreaterThan(60);
  });

  it('takes the search filters too', async () => {
    const clientId = bench.clientId('malam');
    const body = await stats({ groupBy: 'day', clientId, outcome: ['ok', 'partial'] });
    const rows = inRange.filter((row) => row.clientId === clientId && served(row));
    expect(body.totals).toMatchObject(expectedFigures(rows));
  });

  it('refuses an unknown grouping, an unknown key and an unbounded range', async () => {
    const get = (params: Record<string, string>) => bench.registry.call(bench.evaluator, 'GET', `/v1/log/stats${query(params)}`);
    expect((await get({ from: FROM, to: TO, groupBy: 'kecamatan' })).status).toBe(400);
    expect((await get({ from: FROM, to: TO, group: 'client' })).status).toBe(400);
    expect((await get({ from: FIRST_DAY })).status).toBe(400);
    expect((await get({ from: '2023-01-01', to: TO })).status).toBe(400);
  });
});

// PGlite runs in this process and does not enforce statement_timeout; on PostgreSQL it is what keeps
// a heavy view from stalling the server.
describe.runIf(testDatabaseUrl())('an evaluator query past its time limit (PostgreSQL)', () => {
  let slow: EvaluationBench;
  beforeAll(async () => {
    slow = await startEvaluationBench({ evaluation: { queryTimeoutMs: 1 } });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it('answers 503 with a message saying how to narrow it, and the database stays usable', async () => {
    for (const path of ['/v1/log/stats?from=2025-01-01&to=2025-02-14&groupBy=agency', '/v1/log/records?from=2025-01-01&to=2025-02-14&coordinate=Query.penduduk']) {
      const response = await slow.registry.call(slow.evaluator, 'GET', path);
      expect(response.status, JSON.stringify(response.body)).toBe(503);
      expect(response.body).toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/melebihi batas waktu .*persempit rentang waktu/),
        messageEn: expect.stringMatching(/narrow the time range/),
      });
    }
    // The same registry keeps answering what needs no heavy query.
    const themes = await slow.registry.call(slow.evaluator, 'GET', '/v1/themes');
    expect(themes.status).toBe(200);
  });
});
