/**
 * Rotating and revoking the gateway's token-signing key (`penghubung admin key rotate gateway`),
 * with an overlap window (lib/gatewayKeys.ts has the schedule every gateway process follows):
 * 1. a new Ed25519 key is made, its private key stored 0600 beside the others;
 * 2. at once, the JWKS (`gateway-jwks.json`, and what gateways serve at /.well-known/jwks.json)
 *    publishes it beside the current key; subgraphs re-read it during the window;
 * 3. the history schedules the switch at now + the window: every gateway signs with the new key from
 *    then on, without a restart (gateway/keyRing.ts) and without any subgraph restarted;
 * 4. the old key stays published, with its `exp`, until the tokens it signed last have expired; the
 *    next key command (rotate, revoke) drops it from the JWKS and destroys its private key file.
 * Order on disk: the new private key, then the JWKS, then the trail, then the history — the history
 * is what gateways act on, so it is written last; a step that fails undoes the ones before it.
 *
 * Revocation (the key leaked): the key leaves the JWKS at once, its private key file is destroyed,
 * and gateways stop signing with it at their next check (2 s); a key that was still signing during
 * its overlap window hands over to its successor at once.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PenghubungError } from '../../lib/errors.ts';
import {
  GATEWAY_JWKS_FILE,
  GATEWAY_SIGNING_KEY_FILE,
  gatewayKeysOf,
  pendingKeyAt,
  publishedJwks,
  signingKeyAt,
  trustedUntil,
} from '../../lib/gatewayKeys.ts';
import { createGatewayTokenSigner, exportGatewayPublicJwk } from '../../lib/gatewayToken.ts';
import { emptyKeyHistory, readKeyHistory, shortKeyId, type KeyHistory, type KeyRecord } from '../../lib/ledger/index.ts';
import { createKeyFile, readPrivateKeyFile, replaceKeyFile } from '../../lib/secretFile.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import { ensureRecorded, writeHistory, type KeyLifecycleContext } from './historyFile.ts';

export interface GatewayKeyOptions {
  /** Seconds between publishing the new key and signing with it. */
  overlapSeconds: number;
  /** The gateways' token lifetime (PENGHUBUNG_GATEWAY_TOKEN_TTL_SECONDS): how long the old key stays published. */
  tokenTtlSeconds: number;
}

export interface GatewayRotation {
  previous: KeyRecord;
  next: KeyRecord;
  /** When the gateways switch to the new key (the end of the overlap window). */
  switchAt: string;
  /** Until when the old key stays in the JWKS. */
  previousPublishedUntil: string;
}

export async function rotateGatewayKey(context: KeyLifecycleContext, reason: string, options: GatewayKeyOptions): Promise<GatewayRotation> {
  const { keyDir } = context;
  const now = (context.now ?? (() => new Date()))();
  if (!Number.isFinite(options.overlapSeconds) || options.overlapSeconds < 0 || options.overlapSeconds > 7 * 86_400) {
    throw new PenghubungError('BAD_REQUEST', {
      id: `Jendela tumpang tindih (--overlap) harus 0 sampai 604800 detik, bukan ${options.overlapSeconds}.`,
      en: `The overlap window (--overlap) must be 0 to 604800 seconds, not ${options.overlapSeconds}.`,
    });
  }
  const history = readKeyHistory(keyDir) ?? emptyKeyHistory();
  await recordFirstKey(keyDir, history);
  const keys = gatewayKeysOf(history);
  const pending = pendingKeyAt(keys, now);
  if (pending) {
    throw new PenghubungError('CONFLICT', {
      id: `Rotasi kunci gateway sebelumnya belum selesai: kunci ${shortKeyId(pending.id)} mulai menandatangani pada ${pending.validFrom}. Tunggu sampai saat itu, lalu ulangi.`,
      en: `The previous gateway key rotation is not finished: key ${shortKeyId(pending.id)} starts signing at ${pending.validFrom}. Wait until then and try again.`,
    });
  }
  const previous = signingKeyAt(keys, now);
  if (!previous) throw noGatewayKey(keyDir);
  const destroyed = pruneRetiredGatewayKeys(history, now, options.tokenTtlSeconds);

  const fresh = generateKeyPairSync('ed25519');
  const kid = createGatewayTokenSigner(fresh.privateKey).kid;
  const file = `gateway-signing-key-${kid.slice(0, 16)}.pem`;
  const switchAt = new Date(now.getTime() + options.overlapSeconds * 1000).toISOString();
  const next: KeyRecord = {
    id: kid,
    purpose: 'gateway-token',
    state: 'active',
    validFrom: switchAt,
    file,
    publicJwk: await exportGatewayPublicJwk(fresh.publicKey),
  };
  Object.assign(previous, { state: 'retired', retiredAt: switchAt });
  history.keys.push(next);

  const jwksPath = join(keyDir, GATEWAY_JWKS_FILE);
  const jwksBefore = readIfPresent(jwksPath);
  createKeyFile(join(keyDir, file), fresh.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  try {
    writeJwks(keyDir, history, now, options.tokenTtlSeconds);
    await context.database.db.transaction((tx) =>
      recordTrail(tx, {
        actor: context.actor,
        action: 'key.rotated',
        subjectType: 'key',
        subjectId: kid,
        reason,
        before: { purpose: 'gateway-token', id: previous.id },
        after: { purpose: 'gateway-token', id: kid, signsFrom: switchAt, overlapSeconds: options.overlapSeconds },
      }),
    );
    writeHistory(keyDir, history);
  } catch (error) {
    // Nothing half-done: the gateways never saw the new key (the history is written last).
    if (jwksBefore !== undefined) replaceKeyFile(jwksPath, jwksBefore, 0o644);
    rmSync(join(keyDir, file), { force: true });
    throw error;
  }
  destroyFiles(keyDir, destroyed);
  return {
    previous,
    next,
    switchAt,
    previousPublishedUntil: new Date(trustedUntil(switchAt, options.tokenTtlSeconds) * 1000).toISOString(),
  };
}

/**
 * After a gateway key was marked revoked in `history` (not yet written): its successor, if it was
 * waiting for the overlap window, signs from now; the JWKS drops the key at once. Returns what to do
 * once the history is written (destroy the private key file).
 */
export function revokeGatewayKey(keyDir: string, history: KeyHistory, key: KeyRecord, now: Date, tokenTtlSeconds: number): () => void {
  const at = now.toISOString();
  if (Date.parse(key.validFrom) > now.getTime()) {
    // A key still waiting for its window (a rotation undone): the key it was to replace stays in use.
    const replaced = gatewayKeysOf(history).find((other) => other.state === 'retired' && other.retiredAt === key.validFrom);
    if (replaced) {
      replaced.state = 'active';
      delete replaced.retiredAt;
    }
  } else {
    const successor = pendingKeyAt(gatewayKeysOf(history), now);
    if (successor && successor !== key) successor.validFrom = at;
    if (key.retiredAt && Date.parse(key.retiredAt) > now.getTime()) key.retiredAt = at;
  }
  const destroyed = pruneRetiredGatewayKeys(history, now, tokenTtlSeconds);
  if (key.file && !key.destroyedAt) {
    destroyed.push(key.file);
    key.destroyedAt = at;
  }
  writeJwks(keyDir, history, now, tokenTtlSeconds);
  return () => destroyFiles(keyDir, destroyed);
}

/** The gateway key in use before the first rotation, recorded with its public JWK. */
async function recordFirstKey(keyDir: string, history: KeyHistory): Promise<void> {
  if (gatewayKeysOf(history).length > 0) return;
  const path = join(keyDir, GATEWAY_SIGNING_KEY_FILE);
  const pem = readPrivateKeyFile(path);
  if (pem === undefined) throw noGatewayKey(keyDir);
  const privateKey = createPrivateKey(pem);
  ensureRecorded(history, {
    id: createGatewayTokenSigner(privateKey).kid,
    purpose: 'gateway-token',
    state: 'active',
    validFrom: statSync(path).mtime.toISOString(),
    file: GATEWAY_SIGNING_KEY_FILE,
    publicJwk: await exportGatewayPublicJwk(createPublicKey(privateKey)),
  });
}

/** Retired gateway keys whose last tokens expired: marked destroyed; returns their private key files. */
function pruneRetiredGatewayKeys(history: KeyHistory, now: Date, tokenTtlSeconds: number): string[] {
  const files: string[] = [];
  for (const key of gatewayKeysOf(history)) {
    if (key.destroyedAt || !key.file || !key.retiredAt) continue;
    if (trustedUntil(key.retiredAt, tokenTtlSeconds) * 1000 > now.getTime()) continue;
    files.push(key.file);
    key.destroyedAt = now.toISOString();
  }
  return files;
}

function destroyFiles(keyDir: string, files: readonly string[]): void {
  for (const file of files) rmSync(join(keyDir, file), { force: true });
}

function writeJwks(keyDir: string, history: KeyHistory, now: Date, tokenTtlSeconds: number): void {
  const jwks = publishedJwks(gatewayKeysOf(history), now, tokenTtlSeconds);
  replaceKeyFile(join(keyDir, GATEWAY_JWKS_FILE), `${JSON.stringify(jwks, null, 2)}\n`, 0o644);
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function noGatewayKey(keyDir: string): PenghubungError {
  return new PenghubungError('CONFLICT', {
    id: `Belum ada kunci token gateway di ${keyDir}: jalankan gateway sekali (kunci dibuat saat mulai pertama), lalu ulangi.`,
    en: `There is no gateway token key in ${keyDir} yet: start the gateway once (the key is made at its first start), then try again.`,
  });
}
