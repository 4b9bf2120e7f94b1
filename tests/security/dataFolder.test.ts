/**
 * The embedded database's folder and files are readable by the operator's account only: folders
 * 0700, files 0600, also those PGlite writes after it opened.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../drizzle/database.ts';

async function modes(root: string): Promise<{ path: string; mode: number; folder: boolean }[]> {
  const found: { path: string; mode: number; folder: boolean }[] = [];
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    found.push({ path: folder, mode: (await fs.stat(folder)).mode & 0o777, folder: true });
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) folders.push(full);
      else if (entry.isFile()) found.push({ path: full, mode: (await fs.stat(full)).mode & 0o777, folder: false });
    }
  }
  return found;
}

describe('embedded database folder', () => {
  it('creates folders 0700 and files 0600, and keeps new files private', async () => {
    const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-izin-'));
    const dataDir = path.join(parent, 'data', 'pglite');
    const database = await openDatabase({ url: undefined, dataDir });
    try {
      await database.migrate();
      await database.db.execute('create table banyak as select generate_series(1, 20000) as n');
      await database.db.execute('checkpoint');
    } finally {
      await database.close();
    }
    const found = await modes(path.join(parent, 'data'));
    expect(found.filter((entry) => !entry.folder).length).toBeGreaterThan(10);
    const open = found.filter((entry) => entry.mode & 0o077);
    expect(open).toEqual([]);
    await fs.rm(parent, { recursive: true, force: true });
  }, 120_000);
});
