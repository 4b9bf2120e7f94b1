import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The drizzle database both drivers give: repositories are written once against this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;

export type NotificationHandler = (payload: string) => void;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: the PGlite folder or the server URL without its password. */
  location: string;
  /** LISTEN on a channel. PGlite delivers notifications only inside this process. */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** Applies the generated migrations, idempotently. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** A startup failure a person can act on: printed as one line, never as a stack trace. */
export class DatabaseStartupError extends Error {
  override readonly name = 'DatabaseStartupError';
}

/** Where the database is (lib/config.ts reads it from the environment). */
export interface DatabaseConfig {
  /** A PostgreSQL URL; when absent, an embedded PGlite database lives in `dataDir`. */
  url: string | undefined;
  dataDir: string;
}

/** Advisory-lock key that serialises migrations of processes starting together on one server. */
const MIGRATION_LOCK_KEY = 4_200_419_001;

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.url ? openPostgres(config.url) : openPglite(config.dataDir);
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

function parsePostgresUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseStartupError(
      'DATABASE_URL tidak valid: harus berbentuk postgres://pengguna@host:5432/nama_db ' +
        '(DATABASE_URL is malformed; expected postgres://user@host:5432/dbname)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DatabaseStartupError(
      `DATABASE_URL memakai skema "${url.protocol}", seharusnya postgres:// ` +
        `(DATABASE_URL uses scheme "${url.protocol}"; expected postgres://)`,
    );
  }
  if (!url.hostname || url.pathname.length <= 1) {
    throw new DatabaseStartupError(
      'DATABASE_URL harus menyebut host dan nama basis data (DATABASE_URL must name a host and a database)',
    );
  }
  return url;
}

async function openPostgres(raw: string): Promise<DatabaseHandle> {
  const url = parsePostgresUrl(raw);
  const client = postgres(url.href, {
    max: 10,
    onnotice: () => {},
    connect_timeout: 10,
    // Reconnect after a failure within 0.1–2 s (postgres.js's default grows to 20 s after a few
    // failures in a row), so that after an outage the gateway serves again within seconds.
    backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 2),
    // Times are stored as timestamptz; keep the session in UTC so text output is unambiguous.
    connection: { TimeZone: 'UTC' },
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartupError(
      `Tidak dapat terhubung ke PostgreSQL di ${redact(url)}: ${reason}. Periksa DATABASE_URL dan pastikan server berjalan ` +
        `(cannot connect to PostgreSQL; check DATABASE_URL and that the server is running)`,
    );
  }
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    location: redact(url),
    async listen(channel, handler) {
      const subscription = await client.listen(channel, handler);
      return () => subscription.unlisten();
    },
    async notify(channel, payload) {
      await client.notify(channel, payload);
    },
    async migrate() {
      // Processes that start together (several gateways on one database) take turns: a session-level
      // advisory lock held on one reserved connection while the migrator runs on the pool.
      const lockConnection = await client.reserve();
      try {
        await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(client), { migrationsFolder });
      } finally {
        await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
        lockConnection.release();
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * Creates the missing folders of `dir` one level at a time. `mkdir({ recursive: true })` is avoided:
 * on Node 20 it spins forever under pseudo file systems such as /proc instead of failing.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    try {
      await fs.stat(current);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.unshift(current);
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const folder of missing) {
    // Only the operator's account reads the data folder: it holds the access log and the keys.
    await fs.mkdir(folder, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

async function ensureWritableFolder(dir: string): Promise<void> {
  try {
    await makeFolders(dir);
    await fs.access(dir, fsConstants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new DatabaseStartupError(
      `Folder data ${dir} tidak dapat ditulisi (${reason}). Atur PENGHUBUNG_DATA_DIR ke folder yang dapat ditulisi ` +
        `(data folder is not writable; set PENGHUBUNG_DATA_DIR to a writable folder)`,
    );
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is single-process: two processes opening one folder corrupt it. A lock file with the
 * owner's pid refuses the second one with a clear message, and a stale lock (dead pid) is taken over.
 */
async function lockDataFolder(dir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dir, 'penghubung.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await fs.writeFile(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await fs.readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processIsAlive(owner)) {
        throw new DatabaseStartupError(
          `Folder data ${dir} sedang dipakai proses ${owner}. PGlite hanya melayani satu proses; hentikan proses itu ` +
            `atau pakai DATABASE_URL untuk beberapa proses (data folder in use by process ${owner}; ` +
            `use DATABASE_URL for several processes)`,
        );
      }
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new DatabaseStartupError(`Tidak dapat mengunci folder data ${dir} (cannot lock the data folder)`);
}

/**
 * The embedded database's folders 0700 and files 0600: PGlite creates them with the process's
 * umask (0755/0666 by default), and they hold the access log and every table in clear. The umask of
 * the process is narrowed too, so the files PGlite creates later are private from the start.
 * Iterative walk, no recursion.
 */
async function restrictToOwner(dir: string): Promise<void> {
  process.umask(0o077);
  const folders = [dir];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    await fs.chmod(folder, 0o700);
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) folders.push(full);
      else if (entry.isFile()) await fs.chmod(full, 0o600);
    }
  }
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  await ensureWritableFolder(dataDir);
  const unlock = await lockDataFolder(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir);
  } catch (error) {
    await unlock();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartupError(
      `Basis data tertanam di ${dataDir} tidak dapat dibuka: ${reason} (cannot open the embedded database)`,
    );
  }
  await restrictToOwner(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    async listen(channel, handler) {
      const unlisten = await client.listen(channel, handler);
      return unlisten;
    },
    async notify(channel, payload) {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async close() {
      await client.close();
      await unlock();
    },
  };
}

/** An in-memory PGlite database, for tests and benchmarks that need no folder. */
export async function openMemoryDatabase(): Promise<DatabaseHandle> {
  const client = await PGlite.create();
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    location: 'memory://',
    async listen(channel, handler) {
      return client.listen(channel, handler);
    },
    async notify(channel, payload) {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async close() {
      await client.close();
    },
  };
}
