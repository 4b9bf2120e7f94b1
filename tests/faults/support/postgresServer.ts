/**
 * A PostgreSQL server of the test's own, so that the test can stop it, start it again and kill its
 * backends: `initdb` into a temporary folder, `pg_ctl start` on a free port. initdb refuses to run as
 * root, so as root the server runs as the `postgres` user (runuser). Needs the PostgreSQL server
 * binaries (`initdb`, `pg_ctl`); `findServerBinaries()` says whether they are here.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);

/** The folder holding initdb and pg_ctl, newest PostgreSQL first; undefined when there is none. */
export function findServerBinaries(): string | undefined {
  const candidates: string[] = [];
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  }
  candidates.push('/usr/local/bin', '/usr/bin', '/usr/local/pgsql/bin');
  return candidates.find((folder) => existsSync(path.join(folder, 'initdb')) && existsSync(path.join(folder, 'pg_ctl')));
}

export interface PostgresServer {
  url: string;
  port: number;
  /** `pg_ctl stop -m immediate`: the server dies without closing its connections cleanly. */
  stopImmediately(): Promise<void>;
  start(): Promise<void>;
  /** Terminates the backends of connections named `applicationName`; resolves with how many. */
  terminate(applicationName: string): Promise<number>;
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresServer(binaries: string): Promise<PostgresServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('chown', ['-R', 'postgres', dir]);
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(binaries, tool), ...args]) : run(path.join(binaries, tool), args);

  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  };
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    start,
    async stopImmediately() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    async terminate(applicationName) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const rows = await sql<{ pid: number }[]>`
          select pg_terminate_backend(pid) as terminated, pid from pg_stat_activity where application_name = ${applicationName}`;
        return rows.length;
      } finally {
        await sql.end({ timeout: 1 });
      }
    },
    async destroy() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
