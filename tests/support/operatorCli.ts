/**
 * For tests of the operator's commands (`penghubung log …`, `penghubung admin key …`), which open the
 * database themselves: the real CLI entry point with its output captured, and the database of a test
 * either as the PostgreSQL test database or as a PGlite data folder opened only for the work at hand
 * (the command opens it itself, and PGlite serves one process).
 */
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../drizzle/database.ts';
import { runCli } from '../../registry/cli/main.ts';
import type { TestDatabase } from './database.ts';

export async function runCliCaptured(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'penghubung', ...args], {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    env: {},
  });
  return { code, stdout, stderr };
}

/** Runs `work` on the PostgreSQL test database when there is one, else on the PGlite folder `<folder>/pglite`. */
export async function withFolderDatabase<T>(test: TestDatabase | undefined, folder: string, work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  if (test) return work(test.handle);
  const database = await openDatabase({ url: undefined, dataDir: join(folder, 'pglite') });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
