/**
 * The key history file and what every key command shares: the context they run in, and the one
 * writer of `history.json` (atomic: a reader, or a crash, sees the old history or the new one whole).
 */
import { join } from 'node:path';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { KEY_HISTORY_FILE, type KeyHistory, type KeyRecord } from '../../lib/ledger/index.ts';
import { replaceKeyFile } from '../../lib/secretFile.ts';
import type { Actor } from '../http/actor.ts';

export interface KeyLifecycleContext {
  database: Pick<DatabaseHandle, 'db'>;
  /** The keys folder (`<data>/keys`). */
  keyDir: string;
  actor: Actor;
  now?: () => Date;
}

/** The record of `record.id` in the history, added when missing. */
export function ensureRecorded(history: KeyHistory, record: KeyRecord): KeyRecord {
  const existing = history.keys.find((key) => key.purpose === record.purpose && key.id === record.id);
  if (existing) return existing;
  history.keys.push(record);
  return record;
}

export function writeHistory(keyDir: string, history: KeyHistory): void {
  replaceKeyFile(join(keyDir, KEY_HISTORY_FILE), `${JSON.stringify(history, null, 2)}\n`, 0o644);
}
