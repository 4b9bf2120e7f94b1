/**
 * The registry's token material: the HMAC keys its API tokens' hashes are made with
 * (registry/tokens.ts). The active key is `data/keys/registry-token-secret` (created 0600 on first
 * use); a rotation keeps the old one in `retired/` and in the key history, so tokens hashed under it
 * keep working (and are rewritten under the new key at their next use). A revoked key is no longer
 * used to look tokens up: the tokens still hashed under it stop working, and its file is destroyed.
 * A key's id is derived from the key itself (`rt-` + 16 hex digits of its SHA-256): stored hashes
 * name it, and it is the same whichever process reads the file.
 */
import { createHash } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_HISTORY_FILE, emptyKeyHistory, readKeyHistory, type KeyRecord } from '../../lib/ledger/index.ts';
import { loadOrCreateKeyFile, newSecret, readPrivateKeyFile, replaceKeyFile } from '../../lib/secretFile.ts';
import { UserRepository } from '../repositories/UserRepository.ts';
import type { TokenKey, TokenKeys } from '../tokens.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import { ensureRecorded, writeHistory, type KeyLifecycleContext } from './historyFile.ts';

export const REGISTRY_TOKEN_SECRET_FILE = 'registry-token-secret';

export function tokenKeyId(secret: string): string {
  return `rt-${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16)}`;
}

/** The active token key (created on first use) and every retired one not revoked. */
export function loadRegistryTokenKeys(keyDir: string): TokenKeys {
  const secret = loadOrCreateKeyFile(keyDir, REGISTRY_TOKEN_SECRET_FILE, newSecret).content.trim();
  const active: TokenKey = { id: tokenKeyId(secret), secret };
  const all: TokenKey[] = [active];
  for (const key of readKeyHistory(keyDir)?.keys ?? []) {
    if (key.purpose !== 'registry-token' || key.state !== 'retired' || !key.file) continue;
    const retired = readPrivateKeyFile(join(keyDir, key.file))?.trim();
    if (retired && retired !== secret) all.push({ id: tokenKeyId(retired), secret: retired });
  }
  return { active, all };
}

/**
 * The token keys for a running registry: read again when the secret file or the history changed
 * (checked at most once a second), so a rotation or revocation applies without a restart.
 */
export function registryTokenKeysFrom(keyDir: string): () => TokenKeys {
  let keys = loadRegistryTokenKeys(keyDir);
  let stamp = stampOf(keyDir);
  let checkedAt = Date.now();
  return () => {
    if (Date.now() - checkedAt < 1_000) return keys;
    checkedAt = Date.now();
    const now = stampOf(keyDir);
    if (now !== stamp) {
      try {
        keys = loadRegistryTokenKeys(keyDir);
        stamp = now;
      } catch (error) {
        process.stderr.write(`[penghubung] the registry token keys could not be reloaded; the keys in use stay: ${(error as Error).message}\n`);
      }
    }
    return keys;
  };
}

export interface RegistryTokenRotation {
  previous: KeyRecord;
  next: KeyRecord;
}

/** A new active token key; the old one retired (kept for lookups). No token is invalidated. */
export async function rotateRegistryTokenKey(context: KeyLifecycleContext, reason: string): Promise<RegistryTokenRotation> {
  const { keyDir } = context;
  const at = (context.now ?? (() => new Date()))().toISOString();
  const current = loadOrCreateKeyFile(keyDir, REGISTRY_TOKEN_SECRET_FILE, newSecret).content.trim();
  const history = readKeyHistory(keyDir) ?? emptyKeyHistory();
  const previous = ensureRecorded(history, {
    id: tokenKeyId(current),
    purpose: 'registry-token',
    state: 'active',
    validFrom: statSync(join(keyDir, REGISTRY_TOKEN_SECRET_FILE)).mtime.toISOString(),
    file: REGISTRY_TOKEN_SECRET_FILE,
  });
  const fresh = newSecret();
  const next: KeyRecord = { id: tokenKeyId(fresh.trim()), purpose: 'registry-token', state: 'active', validFrom: at, file: REGISTRY_TOKEN_SECRET_FILE };
  const retiredFile = join('retired', `${REGISTRY_TOKEN_SECRET_FILE}-${previous.id}`);

  await context.database.db.transaction((tx) =>
    recordTrail(tx, {
      actor: context.actor,
      action: 'key.rotated',
      subjectType: 'key',
      subjectId: next.id,
      reason,
      before: { purpose: 'registry-token', id: previous.id },
      after: { purpose: 'registry-token', id: next.id },
    }),
  );
  // The old key first (kept for lookups), then the history, then the new key: at every step every
  // token issued so far is found under some key the history or the file names.
  replaceKeyFile(join(keyDir, retiredFile), `${current}\n`);
  Object.assign(previous, { state: 'retired', retiredAt: at, file: retiredFile });
  history.keys.push(next);
  writeHistory(keyDir, history);
  replaceKeyFile(join(keyDir, REGISTRY_TOKEN_SECRET_FILE), fresh);
  return { previous, next };
}

/** After a registry token key was revoked: how many tokens it leaves invalid, and its file destroyed. */
export async function afterRegistryTokenKeyRevoked(context: KeyLifecycleContext, key: KeyRecord): Promise<number> {
  const affected = await new UserRepository(context.database.db).countTokensHashedUnder(key.id);
  if (key.file && key.file !== REGISTRY_TOKEN_SECRET_FILE) rmSync(join(context.keyDir, key.file), { force: true });
  return affected;
}

function stampOf(keyDir: string): string {
  return [REGISTRY_TOKEN_SECRET_FILE, KEY_HISTORY_FILE]
    .map((name) => {
      try {
        const stat = statSync(join(keyDir, name));
        return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
      } catch {
        return 'missing';
      }
    })
    .join('|');
}
