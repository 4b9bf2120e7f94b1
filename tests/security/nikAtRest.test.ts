/**
 * No NIK in clear at rest, and every access to a NIK found by the evaluator's search by value, over
 * the running bus (registry, gateway, the demo agencies' subgraphs and REST backends, a fresh
 * database): a mix of requests carries demo residents' NIKs in every way a client can send them
 * (variables, literals in the query text, in aliased fields, in fragments, in lists and input
 * objects, as a variable's default, in names and the client's request id, through GET, in requests
 * refused or failing to validate or to parse). Then every table of the database is read whole, each
 * row as text, and every file of the data folder (checkpoints, keys, the demo's journal): none of
 * the NIKs may appear. `penghubung log search --value <NIK>` must find every request that carried it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../registry/cli/main.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';

/** The rows of `db.execute` (postgres.js gives an array, PGlite an object with `rows`). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

interface Sent {
  nik: string;
  requestId: string;
  status: number;
}

describe('no NIK in clear at rest, every access found by value', () => {
  let bus: TestBus;
  let apiKey: string;
  const sent: Sent[] = [];
  // Residents other than the demo's sample (its NIK is in the demo's journal by design).
  let niks: string[] = [];

  beforeAll(async () => {
    bus = await startTestBus('penghubung-nik-');
    apiKey = bus.system.demo!.apiKey;
    const residents = JSON.parse(await readFile(new URL('../../subgraphs/disdukcapil/data/penduduk.json', import.meta.url), 'utf8')) as { nik: string }[];
    niks = residents.map((resident) => resident.nik).filter((nik) => nik !== bus.system.demo!.sampleNik).slice(0, 16);
  }, 180_000);

  afterAll(async () => {
    await bus?.close();
  });

  async function ask(nik: string | string[], query: string, options: { variables?: Record<string, unknown>; headers?: Record<string, string>; operationName?: string } = {}) {
    const response = await postGraphQL(bus.gatewayUrl, query, { ...options, headers: { authorization: `Bearer ${apiKey}`, ...options.headers } });
    for (const one of [nik].flat()) sent.push({ nik: one, requestId: response.headers.get('x-request-id')!, status: response.status });
    return response;
  }

  /** Every row of every table (partitions included), as text, that contains `needle`. */
  async function rowsContaining(needles: readonly string[]): Promise<{ table: string; nik: string; row: string }[]> {
    const { db } = bus.database.handle;
    const list = rowsOf<{ table_schema: string; table_name: string }>(
      await db.execute(sql`
        select table_schema, table_name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`),
    );
    expect(list.map((table) => table.table_name)).toEqual(expect.arrayContaining(['access_log', 'operations', 'admin_trail']));
    const found: { table: string; nik: string; row: string }[] = [];
    for (const { table_schema: schema, table_name: name } of list) {
      const rows = rowsOf<{ row: string }>(await db.execute(sql`select t::text as row from ${sql.identifier(schema)}.${sql.identifier(name)} t`));
      for (const { row } of rows) for (const nik of needles) if (row.includes(nik)) found.push({ table: `${schema}.${name}`, nik, row: row.slice(0, 300) });
    }
    return found;
  }

  async function filesContaining(needles: readonly string[]): Promise<{ file: string; nik: string }[]> {
    const found: { file: string; nik: string }[] = [];
    const entries = await readdir(bus.dataDir, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const text = (await readFile(file)).toString('latin1');
      for (const nik of needles) if (text.includes(nik)) found.push({ file, nik });
    }
    return found;
  }

  it('stores none of the NIKs in clear after a realistic mix of requests, and the search by value finds every request', async () => {
    expect(niks.length).toBe(16);
    const [n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12, n13, n14, n15] = niks.map(String) as [string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string];
    expect(await rowsContaining(niks)).toEqual([]);

    // In a variable, the usual way.
    expect((await ask(n0, 'query Warga($nik: String!) { penduduk(nik: $nik) { nama } }', { variables: { nik: n0 } })).status).toBe(200);
    // Written in the query text.
    const literal = await ask(n1, `{ penduduk(nik: "${n1}") { nama alamat { desa } } }`);
    expect(literal.status).toBe(200);
    expect((literal.body.data as { penduduk: { nama: string } }).penduduk.nama).toBeTruthy();
    // Two aliased fields in one request, joined across agencies.
    expect((await ask([n2, n3], `{ a: penduduk(nik: "${n2}") { nama izinUsaha { nomor } } b: penduduk(nik: "${n3}") { nama jaminanKesehatan { status } } }`)).status).toBe(200);
    // Inside a fragment, and in an inline fragment.
    expect((await ask([n4, n5], `query { ...Warga ... on Query { kedua: penduduk(nik: "${n5}") { nama } } } fragment Warga on Query { penduduk(nik: "${n4}") { nama } }`)).status).toBe(200);
    // As a variable's default value.
    expect((await ask(n6, `query Bawaan($nik: String! = "${n6}") { penduduk(nik: $nik) { nama } }`)).status).toBe(200);
    // In a list and in an input object: the schema takes neither, the request fails validation.
    expect((await ask(n7, `{ penduduk(nik: ["${n7}", "lain"]) { nama } }`)).body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await ask(n8, `{ penduduk(nik: { nilai: "${n8}", ulang: [${n8}] }) { nama } }`)).body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    // Refused: a field the requester was not granted, with the NIK as a literal and as a variable.
    const refused = await ask(n9, `{ penduduk(nik: "${n9}") { golonganDarah } }`);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');
    expect((await ask(n10, 'query Darah($nik: String!) { penduduk(nik: $nik) { golonganDarah } }', { variables: { nik: n10 } })).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');
    // A document that does not parse.
    expect((await ask(n11, `{ penduduk(nik: "${n11}") { nama `)).body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    // An unknown field, with a comment naming the resident.
    expect((await ask(n12, `# warga ${n12}\n{ penduduk(nik: "${n12}") { namaa } }`)).body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    // In names: the operation's, an alias, and the client's own request id.
    expect((await ask(n13, `query cari${n13} { p${n13}: penduduk(nik: "${n13}") { nama } }`, { operationName: `cari${n13}`, headers: { 'x-request-id': `klien-${n13}` } })).status).toBe(200);
    // Through GET, the NIK in the URL.
    const url = new URL(bus.gatewayUrl);
    url.searchParams.set('query', `{ penduduk(nik: "${n14}") { nama } }`);
    const viaGet = await fetch(url, { headers: { authorization: `Bearer ${apiKey}`, 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(200);
    sent.push({ nik: n14, requestId: viaGet.headers.get('x-request-id')!, status: viaGet.status });
    // A variable that is not used, of an operation that is.
    expect((await ask(n15, 'query Warga($nik: String!) { penduduk(nik: $nik) { nama } }', { variables: { nik: n0, cadangan: n15 } })).status).toBe(200);

    // The evaluator searches by each value, through the CLI.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const nik of niks) {
      let stdout = '';
      const code = await runCli(
        ['node', 'penghubung', '--registry', bus.registryUrl, '--token', bus.system.demo!.evaluatorToken, '--json', 'log', 'search', '--from', day(-1), '--to', day(1), '--value', nik, '--all'],
        { stdout: (text) => (stdout += `${text}\n`), stderr: () => {}, env: {} },
      );
      expect(code).toBe(0);
      const found = (JSON.parse(stdout) as { records: { requestId: string }[] }).records.map((record) => record.requestId);
      const expected = sent.filter((item) => item.nik === nik).map((item) => item.requestId);
      expect(found.sort(), `search --value ${nik}`).toEqual(expect.arrayContaining(expected));
      expect(expected.length).toBeGreaterThan(0);
    }

    // Everything stored, searched and signed by now: no NIK anywhere in clear.
    expect(await rowsContaining(niks)).toEqual([]);
    expect(await filesContaining(niks)).toEqual([]);
    // The records are there, with the NIKs masked: all but the document that did not parse (kept as a lookup hash only).
    const masked = rowsOf<{ request_id: string }>(
      await bus.database.handle.db.execute(sql`select request_id from access_log where variables::text like '%******%' or operation_name like '%\_\_\_\_\_\_%'`),
    );
    const maskedIds = masked.map((row) => row.request_id);
    const parsedIds = sent.filter((item) => item.nik !== n11).map((item) => item.requestId);
    expect(maskedIds).toEqual(expect.arrayContaining(parsedIds));
  });
});
