/**
 * A throwaway database per test file. With `TEST_DATABASE_URL` (a PostgreSQL server URL, e.g.
 * postgres://postgres@127.0.0.1:5432/postgres), a fresh database `penghubung_test_<random>` is created
 * on that server, migrated, and dropped in teardown; otherwise an in-memory PGlite, migrated.
 *
 * The test harness reads TEST_DATABASE_URL itself: it chooses where tests run, it is not part of the
 * configuration of any Penghubung part (lib/config.ts).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { openDatabase, openMemoryDatabase } from '../../drizzle/database.ts';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import {
  adminTrail,
  fieldMetadata,
  schemaVersions,
  subgraphs,
  supergraphs,
} from '../../drizzle/schema/index.ts';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** 'pglite' or the name of the PostgreSQL database made for this file. */
  name: string;
  /**
   * The PostgreSQL URL of that database, for processes started beside the test (e.g. gateway
   * processes given it as DATABASE_URL); null on PGlite, which serves one process only.
   */
  url: string | null;
  /** Closes the handle and, on PostgreSQL, drops the database. */
  drop(): Promise<void>;
}

export function testDatabaseUrl(): string | undefined {
  const url = process.env['TEST_DATABASE_URL']?.trim();
  return url ? url : undefined;
}

/**
 * The URL of database `name` on the TEST_DATABASE_URL server (same user, password and host). For a
 * test that has only a handle (e.g. from startTestRegistry), the name is the last path segment of
 * `handle.location`, which carries no password.
 */
export function testDatabaseUrlFor(name: string, serverUrl = testDatabaseUrl()): string {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set: PGlite has no URL');
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testDatabaseUrl();
  if (!serverUrl) {
    const handle = await openMemoryDatabase();
    await handle.migrate();
    return { handle, name: 'pglite', url: null, drop: () => handle.close() };
  }

  const name = `penghubung_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 1 });
    throw error;
  }
  const url = testDatabaseUrlFor(name, serverUrl);
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ url, dataDir: '' });
    await handle.migrate();
  } catch (error) {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end({ timeout: 1 });
    throw error;
  }
  return {
    handle,
    name,
    url,
    async drop() {
      await handle.close().catch(() => {});
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/** Row counts of the tables a publish writes: compared before and after to prove nothing was stored. */
export interface RegistryRowCounts {
  subgraphs: number;
  schemaVersions: number;
  fieldMetadata: number;
  supergraphs: number;
  adminTrail: number;
}

export async function countRegistryRows(handle: DatabaseHandle): Promise<RegistryRowCounts> {
  const count = async (table: PgTable): Promise<number> => {
    const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(table);
    return Number(row?.n ?? 0);
  };
  return {
    subgraphs: await count(subgraphs),
    schemaVersions: await count(schemaVersions),
    fieldMetadata: await count(fieldMetadata),
    supergraphs: await count(supergraphs),
    adminTrail: await count(adminTrail),
  };
}
