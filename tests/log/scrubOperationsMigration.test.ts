/**
 * Migration 0009 scrubs the operation documents stored before literals were normalized out: the
 * statements of the migration file, run over documents as clients sent them, leave no NIK or other
 * literal in clear, keep each document's hash (its key, named by hash-chained log rows) and its
 * shape (fields, aliases, enum values, variables).
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../drizzle/schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const NIK = '3501040509830001';
const NIP = '198501012005011001';

const SENT = {
  literal: `query Warga { penduduk(nik: "${NIK}") { nama } }`,
  escaped: `{ cari(teks: "kata \\"${NIK}\\" lagi", batas: 10, skala: -1.5e3) { id } }`,
  block: `{ cari(teks: """\nwarga "${NIK}"\n""") { id } }`,
  comment: `# warga ${NIK} "kutip\n{ penduduk(nik: $nik) { nama status: statusPerkawinan } }`,
  list: `{ cari(daftar: [${NIK}, "${NIP}"], filter: { nik: "${NIK}", jenis: PEREMPUAN }) { id } }`,
  names: `query cari${NIK} { p${NIP}: penduduk(nik: "x") { nama } }`,
  unparsable: `{ penduduk(nik: "${NIK}`,
};

describe('migration 0009: stored operation documents scrubbed of literals', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('leaves no NIK or literal in clear, keeps hashes and the documents\u2019 shape', async () => {
    const { db } = test.handle;
    for (const [key, document] of Object.entries(SENT)) {
      await db.insert(operations).values({ hash: key, operationName: key === 'names' ? `cari${NIK}` : null, document });
    }
    const migration = await readFile(new URL('../../drizzle/migrations/0009_scrub_operation_literals.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await db.execute(sql.raw(statement));

    const stored = Object.fromEntries((await db.select().from(operations)).map((row) => [row.hash, row]));
    expect(Object.keys(stored).sort()).toEqual(Object.keys(SENT).sort());
    for (const row of Object.values(stored)) {
      expect(`${row.document} ${row.operationName ?? ''}`, row.hash).not.toMatch(new RegExp(`${NIK}|${NIP}|kata|warga|kutip`));
    }
    expect(stored['literal']!.document).toBe('query Warga { penduduk(nik: "") { nama } }');
    expect(stored['escaped']!.document).toBe('{ cari(teks: "", batas: 0, skala: 0) { id } }');
    expect(stored['block']!.document).toBe('{ cari(teks: "") { id } }');
    expect(stored['comment']!.document).toBe('\n{ penduduk(nik: $nik) { nama status: statusPerkawinan } }');
    expect(stored['list']!.document).toBe('{ cari(daftar: [0, ""], filter: { nik: "", jenis: PEREMPUAN }) { id } }');
    expect(stored['names']!.document).toBe('query cari350104______0001 { p______________1001: penduduk(nik: "") { nama } }');
    expect(stored['names']!.operationName).toBe('cari350104______0001');
    for (const key of ['literal', 'escaped', 'block', 'comment', 'list', 'names']) expect(() => parse(stored[key]!.document), key).not.toThrow();
    expect(stored['unparsable']!.document).toBe('{ penduduk(nik: "0');
  });
});
