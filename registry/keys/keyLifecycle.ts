/**
 * Rotating and revoking the installation's keys (`penghubung admin key rotate|revoke`), with their
 * history in `<keys>/history.json` (lib/ledger/keyHistory.ts) and each step in the administrative
 * trail.
 *
 * Operator key (signs checkpoints):
 * 1. a new Ed25519 pair is made;
 * 2. in one transaction: the trail records `key.rotated`, and the trail head that record made is
 *    signed by the new key *and* the old one (a key-transition checkpoint: lib/ledger
 *    `createCheckpoint` with `previousKey`), so the chain of trust passes from one key to the next;
 *    the access log's head gets one too when it moved since its last checkpoint;
 * 3. the old public key is kept in `retired/operator-<id>.pub.pem` (old checkpoints need it for as
 *    long as the log is kept), the new pair replaces `operator-ed25519.*.pem`, and the old private key
 *    is destroyed: nothing may sign with it any more;
 * 4. the history marks the old key retired and the new one active.
 * Running processes pick the new key up at their next checkpoint (registry/log/checkpoints.ts
 * reloads the key file when it changes): no restart.
 *
 * Lookup secret (HMAC of masked NIKs): the current secret moves to `retired/lookup-secret-<id>`,
 * a new one takes `lookup-secret`. Searches hash the value under every secret (`loadLookupSecrets`),
 * so `--value` stays complete across rotations; running gateways hash new records with the new secret
 * from their next check of the keys folder, within seconds, without a restart (gateway/keyRing.ts;
 * records written meanwhile with the old one are found all the same).
 *
 * Gateway token key: registry/keys/gatewayKeyRotation.ts (overlap window, JWKS).
 *
 * Revocation (a key leaked): the key is marked revoked from a time (now, or when the leak began);
 * `log verify` then rejects and reports whatever it signed from that time on. The active operator key
 * cannot be revoked before a new one replaces it: rotate first.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { chainHeads } from '../../drizzle/schema/index.ts';
import { PenghubungError } from '../../lib/errors.ts';
import {
  emptyKeyHistory,
  KEY_HISTORY_FILE,
  loadOrCreateOperatorKey,
  OPERATOR_PRIVATE_KEY_FILE,
  OPERATOR_PUBLIC_KEY_FILE,
  publicKeyId,
  readKeyHistory,
  shortKeyId,
  type Checkpoint,
  type KeyHistory,
  type KeyPurpose,
  type KeyRecord,
} from '../../lib/ledger/index.ts';
import { loadOrCreateSecretFile, newSecret, readPrivateKeyFile, replaceKeyFile } from '../../lib/secretFile.ts';
import { storeCheckpoint } from '../log/checkpoints.ts';
import { GATEWAY_TOKEN_TTL_SECONDS } from '../../lib/gatewayToken.ts';
import { revokeGatewayKey } from './gatewayKeyRotation.ts';
import { afterRegistryTokenKeyRevoked } from './registryTokenKeys.ts';
import { ensureRecorded, writeHistory, type KeyLifecycleContext } from './historyFile.ts';

export type { KeyLifecycleContext } from './historyFile.ts';
import { recordTrail } from '../trail/recordTrail.ts';

export const LOOKUP_SECRET_FILE = 'lookup-secret';
const RETIRED_DIR = 'retired';

export interface OperatorRotation {
  previous: KeyRecord;
  next: KeyRecord;
  /** The key-transition checkpoints signed by both keys (the trail's always; the access log's if its head moved). */
  transitions: Checkpoint[];
}

export async function rotateOperatorKey(context: KeyLifecycleContext, reason: string): Promise<OperatorRotation> {
  const { keyDir } = context;
  const now = context.now ?? (() => new Date());
  const old = loadOrCreateOperatorKey(keyDir);
  const history = readKeyHistory(keyDir) ?? emptyKeyHistory();
  const previous = ensureRecorded(history, {
    id: old.keyId,
    purpose: 'operator',
    state: 'active',
    validFrom: statSync(old.publicKeyPath).mtime.toISOString(),
    file: OPERATOR_PUBLIC_KEY_FILE,
  });
  const fresh = generateKeyPairSync('ed25519');
  const nextId = publicKeyId(fresh.publicKey);

  const transitions: Checkpoint[] = [];
  await context.database.db.transaction(async (tx) => {
    await recordTrail(tx, {
      actor: context.actor,
      action: 'key.rotated',
      subjectType: 'key',
      subjectId: nextId,
      reason,
      before: { purpose: 'operator', id: old.keyId },
      after: { purpose: 'operator', id: nextId },
    });
    // The trail head is locked by this transaction until it commits: no other signer can take it.
    for (const chain of ['trail', 'access']) {
      const [head] = await tx.select({ seq: chainHeads.seq, hash: chainHeads.hash }).from(chainHeads).where(eq(chainHeads.chain, chain));
      if (!head || head.seq <= 0) continue;
      const stored = await storeCheckpoint(tx, { chain, seq: BigInt(head.seq), headHash: head.hash, createdAt: now() }, fresh.privateKey, {
        previousKey: old.privateKey,
      });
      if (stored.created) transitions.push(stored.checkpoint);
    }
  });

  const at = now().toISOString();
  mkdirSync(join(keyDir, RETIRED_DIR), { recursive: true, mode: 0o700 });
  const retiredPublic = join(RETIRED_DIR, `operator-${old.keyId}.pub.pem`);
  writeFileSync(join(keyDir, retiredPublic), old.publicKeyPem, { mode: 0o644 });
  replaceKeyFile(join(keyDir, OPERATOR_PUBLIC_KEY_FILE), fresh.publicKey.export({ type: 'spki', format: 'pem' }) as string, 0o644);
  replaceKeyFile(join(keyDir, OPERATOR_PRIVATE_KEY_FILE), fresh.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);

  Object.assign(previous, { state: 'retired', retiredAt: at, file: retiredPublic });
  const next: KeyRecord = { id: nextId, purpose: 'operator', state: 'active', validFrom: at, file: OPERATOR_PUBLIC_KEY_FILE };
  history.keys.push(next);
  writeHistory(keyDir, history);
  return { previous, next, transitions };
}

export interface SecretRotation {
  previous: KeyRecord;
  next: KeyRecord;
}

export async function rotateLookupSecret(context: KeyLifecycleContext, reason: string, configuredSecret: string | undefined): Promise<SecretRotation> {
  if (configuredSecret !== undefined) {
    throw new PenghubungError('CONFLICT', {
      id:
        'Kunci pencarian log diatur lewat PENGHUBUNG_LOOKUP_SECRET, sehingga tidak dapat dirotasi di sini. ' +
        `Pindahkan nilainya ke ${join(context.keyDir, LOOKUP_SECRET_FILE)} dan hapus variabel itu, lalu ulangi.`,
      en:
        'The log lookup secret is set through PENGHUBUNG_LOOKUP_SECRET, so it cannot be rotated here. ' +
        `Move its value to ${join(context.keyDir, LOOKUP_SECRET_FILE)}, unset the variable, and try again.`,
    });
  }
  const { keyDir } = context;
  const now = context.now ?? (() => new Date());
  const current = await loadOrCreateSecretFile(keyDir, LOOKUP_SECRET_FILE);
  const history = readKeyHistory(keyDir) ?? emptyKeyHistory();
  const active = history.keys.find((key) => key.purpose === 'lookup-secret' && key.state === 'active');
  const previous =
    active ??
    ensureRecorded(history, {
      id: secretId(),
      purpose: 'lookup-secret',
      state: 'active',
      validFrom: statSync(join(keyDir, LOOKUP_SECRET_FILE)).mtime.toISOString(),
      file: LOOKUP_SECRET_FILE,
    });
  const next: KeyRecord = { id: secretId(), purpose: 'lookup-secret', state: 'active', validFrom: now().toISOString(), file: LOOKUP_SECRET_FILE };

  await context.database.db.transaction((tx) =>
    recordTrail(tx, {
      actor: context.actor,
      action: 'key.rotated',
      subjectType: 'key',
      subjectId: next.id,
      reason,
      before: { purpose: 'lookup-secret', id: previous.id },
      after: { purpose: 'lookup-secret', id: next.id },
    }),
  );
  mkdirSync(join(keyDir, RETIRED_DIR), { recursive: true, mode: 0o700 });
  const retiredFile = join(RETIRED_DIR, `lookup-secret-${previous.id}`);
  replaceKeyFile(join(keyDir, retiredFile), `${current}\n`);
  replaceKeyFile(join(keyDir, LOOKUP_SECRET_FILE), newSecret(), 0o600);
  Object.assign(previous, { state: 'retired', retiredAt: next.validFrom, file: retiredFile });
  history.keys.push(next);
  writeHistory(keyDir, history);
  return { previous, next };
}

export interface Revocation {
  key: KeyRecord;
  /** A registry token key: the tokens still hashed under it, invalid from now on. */
  affectedTokens?: number;
}

/**
 * Marks key `id` (a full id or an unambiguous prefix of at least 8 characters) revoked from `since`
 * (default now). A gateway key also leaves the JWKS at once (registry/keys/gatewayKeyRotation.ts);
 * `tokenTtlSeconds` is the gateways' token lifetime, for the retired keys still published.
 */
export async function revokeKey(
  context: KeyLifecycleContext,
  id: string,
  reason: string,
  since?: Date,
  options: { tokenTtlSeconds?: number } = {},
): Promise<Revocation> {
  const { keyDir } = context;
  const now = context.now ?? (() => new Date());
  if (reason.trim().length === 0) {
    throw new PenghubungError('BAD_REQUEST', { id: 'Alasan pencabutan wajib diisi (--reason).', en: 'A revocation needs a reason (--reason).' });
  }
  const history = readKeyHistory(keyDir) ?? emptyKeyHistory();
  const matches = id.length >= 8 ? history.keys.filter((key) => key.id.startsWith(id)) : [];
  if (matches.length !== 1) {
    throw new PenghubungError(matches.length === 0 ? 'NOT_FOUND' : 'BAD_REQUEST', {
      id: matches.length === 0 ? `Kunci ${id} tidak ada dalam riwayat kunci (${KEY_HISTORY_FILE}).` : `Id ${id} cocok dengan lebih dari satu kunci: sebutkan lebih lengkap.`,
      en: matches.length === 0 ? `Key ${id} is not in the key history (${KEY_HISTORY_FILE}).` : `Id ${id} matches more than one key: give more of it.`,
    });
  }
  const key = matches[0]!;
  const waiting = key.purpose === 'gateway-token' && Date.parse(key.validFrom) > now().getTime();
  if (key.state === 'active' && !waiting) {
    throw new PenghubungError('CONFLICT', {
      id: `Kunci ${shortKeyId(key.id)} (${key.purpose}) masih aktif: rotasi dulu (penghubung admin key rotate ${key.purpose}), lalu cabut kunci lama.`,
      en: `Key ${shortKeyId(key.id)} (${key.purpose}) is still active: rotate first (penghubung admin key rotate ${key.purpose}), then revoke the old key.`,
    });
  }
  if (key.state === 'revoked') {
    throw new PenghubungError('CONFLICT', {
      id: `Kunci ${shortKeyId(key.id)} sudah dicabut sejak ${key.revokedAt}.`,
      en: `Key ${shortKeyId(key.id)} was revoked already, at ${key.revokedAt}.`,
    });
  }
  const revokedAt = (since ?? now()).toISOString();
  await context.database.db.transaction((tx) =>
    recordTrail(tx, {
      actor: context.actor,
      action: 'key.revoked',
      subjectType: 'key',
      subjectId: key.id,
      reason,
      before: { purpose: key.purpose, state: key.state },
      after: { purpose: key.purpose, state: 'revoked', revokedAt },
    }),
  );
  Object.assign(key, { state: 'revoked', revokedAt, revocationReason: reason });
  const afterwards =
    key.purpose === 'gateway-token' ? revokeGatewayKey(keyDir, history, key, now(), options.tokenTtlSeconds ?? GATEWAY_TOKEN_TTL_SECONDS) : undefined;
  writeHistory(keyDir, history);
  afterwards?.();
  if (key.purpose === 'registry-token') return { key, affectedTokens: await afterRegistryTokenKeyRevoked(context, key) };
  return { key };
}

/** Every lookup secret of the installation, the active one first (a configured one stands alone as active). */
export function loadLookupSecrets(keyDir: string, configuredSecret?: string): string[] {
  const secrets = new Set<string>();
  if (configuredSecret !== undefined) secrets.add(configuredSecret);
  const active = join(keyDir, LOOKUP_SECRET_FILE);
  const current = readPrivateKeyFile(active);
  if (current !== undefined) secrets.add(current.trim());
  for (const key of readKeyHistory(keyDir)?.keys ?? []) {
    if (key.purpose !== 'lookup-secret' || !key.file || key.state === 'active') continue;
    const retired = readPrivateKeyFile(join(keyDir, key.file));
    if (retired !== undefined) secrets.add(retired.trim());
  }
  return [...secrets];
}

/** The operator public keys to verify checkpoints with (active and every retired or revoked one), and the history. */
export function loadOperatorPublicKeys(keyDir: string): { publicKeys: string[]; history: KeyHistory | undefined } {
  const history = readKeyHistory(keyDir);
  const publicKeys: string[] = [];
  const active = join(keyDir, OPERATOR_PUBLIC_KEY_FILE);
  if (existsSync(active)) publicKeys.push(readFileSync(active, 'utf8'));
  for (const key of history?.keys ?? []) {
    if (key.purpose !== 'operator' || !key.file || key.file === OPERATOR_PUBLIC_KEY_FILE) continue;
    publicKeys.push(readFileSync(join(keyDir, key.file), 'utf8'));
  }
  return { publicKeys, history };
}

export function parsePurpose(value: string): KeyPurpose | undefined {
  if (value === 'gateway') return 'gateway-token';
  return value === 'operator' || value === 'lookup-secret' || value === 'gateway-token' || value === 'registry-token' ? value : undefined;
}

function secretId(): string {
  return `ls-${randomBytes(8).toString('hex')}`;
}
