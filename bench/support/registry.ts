/**
 * A real registry for the publish and reload benchmarks: a fresh database (a new PostgreSQL database
 * on a server, created here and dropped at the end, or an on-disk PGlite folder as `npm start` uses),
 * the bootstrap (themes, graphs, administrator), and `buildRegistry` listening on 127.0.0.1 port 0,
 * spoken to over HTTP like any client.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../../drizzle/database.ts';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { ensureBootstrap } from '../../registry/bootstrap.ts';
import { buildRegistryWithDeps } from '../../registry/buildRegistry.ts';

export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export type DatabaseKind = 'postgres' | 'pglite';

export interface BenchDatabase {
  kind: DatabaseKind;
  handle: DatabaseHandle;
  /** The PostgreSQL URL of the fresh database (for gateway processes); null on PGlite. */
  url: string | null;
  /** Closes the handle and drops the database (removes the PGlite folder). */
  drop(): Promise<void>;
}

/** A fresh, migrated database: on the PostgreSQL server `serverUrl`, or PGlite in a temporary folder. */
export async function createBenchDatabase(
  kind: DatabaseKind,
  serverUrl = DEFAULT_SERVER,
): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-bench-'));
    const handle = await openDatabase({ url: undefined, dataDir: dir });
    await handle.migrate();
    return {
      kind,
      handle,
      url: null,
      async drop() {
        await handle.close().catch(() => {});
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `penghubung_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const dropDatabase = async () => {
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ url: url.href, dataDir: '' });
    await handle.migrate();
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  return {
    kind,
    handle,
    url: url.href,
    async drop() {
      await handle.close().catch(() => {});
      await dropDatabase();
    },
  };
}

/** True when a PostgreSQL server answers at `serverUrl`. */
export async function postgresReachable(serverUrl = DEFAULT_SERVER): Promise<boolean> {
  const client = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

export interface BenchRegistry {
  url: string;
  database: DatabaseHandle;
  adminToken: string;
  adminId: string;
  /** One HTTP call; throws unless the answer has status `expected` (a number or a list). */
  // Bodies are loose JSON here, as in the tests' registry harness.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  must<T = any>(
    token: string,
    method: string,
    route: string,
    body: unknown,
    expected: number | number[],
  ): Promise<T>;
  /** Creates an agency and its publisher; resolves to the publisher's registry token. */
  publisher(slug: string, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchRegistry(
  database: DatabaseHandle,
  options: { themes?: string[]; maxSchemaBytes?: number } = {},
): Promise<BenchRegistry> {
  const bootstrap = await ensureBootstrap(database, {
    adminName: 'Admin Bench',
    adminEmail: 'admin@bench.test',
    ...(options.themes ? { themes: options.themes } : {}),
  });
  if (!bootstrap.adminToken) throw new Error('bootstrap did not create the administrator');
  const adminToken = bootstrap.adminToken;
  const { app } = await buildRegistryWithDeps({
    database,
    config: {
      maxSchemaBytes: options.maxSchemaBytes ?? 1_048_576,
      trafficWindowDays: 30,
      logLevel: 'silent',
    },
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  const must = async <T>(
    token: string,
    method: string,
    route: string,
    body: unknown,
    expected: number | number[],
  ): Promise<T> => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (!allowed.includes(response.status)) {
      throw new Error(
        `${method} ${route}: expected ${allowed.join('/')}, got ${response.status} ${text.slice(0, 2000)}`,
      );
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };

  const me = await must<{ userId: string }>(adminToken, 'GET', '/v1/me', undefined, 200);
  return {
    url,
    database,
    adminToken,
    adminId: me.userId,
    must,
    async publisher(slug, name) {
      await must(adminToken, 'POST', '/v1/admin/agencies', { slug, name }, 201);
      const created = await must<{ token: { token: string } }>(
        adminToken,
        'POST',
        '/v1/admin/users',
        { name: `Publisher ${slug}`, email: `publisher@${slug}.test`, role: 'publisher', agency: slug },
        201,
      );
      return created.token.token;
    },
    close: () => app.close(),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
