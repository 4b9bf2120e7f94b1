/**
 * The keys a running gateway process signs and hashes with, followed without a restart.
 *
 * How a rotation reaches the gateways: every gateway process of an installation reads the same keys
 * folder (`$PENGHUBUNG_DATA_DIR/keys`, shared by the processes of one host or mounted on several),
 * and checks it every `checkEveryMs` (default 2 s) by the files' inode, mtime and size:
 * - `history.json` (the key schedule, lib/gatewayKeys.ts): the private key of a new gateway key is
 *   loaded as soon as the rotation wrote it, and the process signs with it from the time the
 *   schedule says (the end of the overlap window): the clock decides, so any number of gateway
 *   processes switch together without a message between them, and a process started during the
 *   window follows the same schedule. A revoked key is dropped at the next check and never signs;
 * - `lookup-secret`: the new secret hashes the records written after the check that saw it;
 * - `gateway-jwks.json`: what `/.well-known/jwks.json` serves (keys past their `exp` left out).
 * Why files and not the control-plane feed: the feed is the database, and private keys do not belong
 * there — whoever can read the database could then sign subgraph tokens. The feed's NOTIFY would only
 * save the two seconds of the check, which the overlap window (minutes) makes irrelevant.
 *
 * A check that fails (a file caught mid-rotation, a key file with a wrong mode) keeps the keys in
 * use and reports the failure; the next check tries again.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { createGatewayJwks, createGatewayTokenSigner, type GatewayTokenSigner } from '../lib/gatewayToken.ts';
import { GATEWAY_JWKS_FILE, gatewayKeysOf, signingKeyAt, trustedUntil, unexpiredKeys } from '../lib/gatewayKeys.ts';
import { GATEWAY_TOKEN_TTL_SECONDS } from '../lib/gatewayToken.ts';
import { KEY_HISTORY_FILE, readKeyHistory, type KeyRecord } from '../lib/ledger/keyHistory.ts';
import { loadOrCreateSecretFile, readPrivateKeyFile } from '../lib/secretFile.ts';
import { loadOrCreateGatewaySigningKey } from './signingKey.ts';

export const LOOKUP_SECRET_FILE = 'lookup-secret';

export interface GatewayKeyRingOptions {
  /** The installation's keys folder (`<data>/keys`). */
  keyDir: string;
  /** PENGHUBUNG_LOOKUP_SECRET when set: then the lookup secret is fixed (it cannot be rotated). */
  configuredLookupSecret?: string | undefined;
  /** Lifetime of each token; GATEWAY_TOKEN_TTL_SECONDS unless told. */
  tokenTtlSeconds?: number;
  /** How often the keys folder is checked for a rotation (default 2,000 ms; 0: only `refresh()`). */
  checkEveryMs?: number;
  onError?: (message: string, error: unknown) => void;
  now?: () => Date;
}

export interface GatewayKeyRing {
  /** Signs each token with the key the schedule names at that moment. */
  readonly signer: GatewayTokenSigner;
  /** The HMAC key of the access log's lookup hashes, now. */
  lookupSecret(): string;
  /** What `/.well-known/jwks.json` serves now. */
  jwks(): JSONWebKeySet;
  /** Checks the keys folder now (the timer does it every `checkEveryMs`). */
  refresh(): Promise<void>;
  close(): void;
}

interface LoadedKey {
  record: KeyRecord;
  signer: GatewayTokenSigner;
}

export async function createGatewayKeyRing(options: GatewayKeyRingOptions): Promise<GatewayKeyRing> {
  const { keyDir } = options;
  const ttlSeconds = options.tokenTtlSeconds ?? GATEWAY_TOKEN_TTL_SECONDS;
  const now = options.now ?? (() => new Date());
  const onError =
    options.onError ??
    ((message: string, error: unknown) => process.stderr.write(`[penghubung] ${message}: ${error instanceof Error ? error.message : String(error)}\n`));
  // Before any rotation, the first key (and the JWKS that publishes it) is created at the first start.
  // After one, the history names every key: the first key's file may be destroyed by then.
  const first = gatewayKeysOf(readKeyHistory(keyDir)).length === 0 ? await loadOrCreateGatewaySigningKey(keyDir) : undefined;
  let lookupSecret = options.configuredLookupSecret ?? (await loadOrCreateSecretFile(keyDir, LOOKUP_SECRET_FILE));
  let keys: LoadedKey[] = [];
  let jwks: JSONWebKeySet = first ? await createGatewayJwks([first.publicKey]) : { keys: [] };
  const privateKeys = new Map<string, KeyObject>();
  const stamps = new Map<string, string>();

  const loadKeys = (): void => {
    const records = gatewayKeysOf(readKeyHistory(keyDir));
    if (records.length === 0) {
      if (!first) throw new Error('the key history lost its gateway keys');
      // No rotation yet: the first key alone, under its thumbprint.
      const signer = createGatewayTokenSigner(first.privateKey, { ttlSeconds });
      keys = [{ record: { id: signer.kid, purpose: 'gateway-token', state: 'active', validFrom: new Date(0).toISOString() }, signer }];
      return;
    }
    const at = now().getTime();
    const loaded: LoadedKey[] = [];
    for (const record of records) {
      if (record.state === 'revoked' || !record.file || record.destroyedAt) continue;
      // A retired key is kept until its last tokens expired; past that no process needs it.
      if (record.retiredAt && trustedUntil(record.retiredAt, ttlSeconds) * 1000 <= at) continue;
      let privateKey = privateKeys.get(record.id);
      if (!privateKey) {
        const pem = readPrivateKeyFile(path.join(keyDir, record.file));
        if (pem === undefined) throw new Error(`the private key of gateway key ${record.id} (${record.file}) is missing`);
        privateKey = createPrivateKey(pem);
        privateKeys.set(record.id, privateKey);
      }
      loaded.push({ record, signer: createGatewayTokenSigner(privateKey, { kid: record.id, ttlSeconds }) });
    }
    if (loaded.length === 0) throw new Error('the key history names no usable gateway key');
    keys = loaded;
  };
  const loadJwks = async (): Promise<void> => {
    const parsed = JSON.parse(await readFile(path.join(keyDir, GATEWAY_JWKS_FILE), 'utf8')) as JSONWebKeySet;
    if (!Array.isArray(parsed.keys)) throw new Error(`${GATEWAY_JWKS_FILE} is not a JWKS`);
    jwks = parsed;
  };

  const changed = (name: string): boolean => {
    const stamp = fileStamp(path.join(keyDir, name));
    if (stamps.get(name) === stamp) return false;
    stamps.set(name, stamp);
    return true;
  };
  const refresh = async (): Promise<void> => {
    const steps: [string, () => void | Promise<void>][] = [
      [KEY_HISTORY_FILE, loadKeys],
      [GATEWAY_JWKS_FILE, loadJwks],
      [
        LOOKUP_SECRET_FILE,
        () => {
          if (options.configuredLookupSecret !== undefined) return;
          const secret = readPrivateKeyFile(path.join(keyDir, LOOKUP_SECRET_FILE));
          if (secret !== undefined && secret.trim() !== '') lookupSecret = secret.trim();
        },
      ],
    ];
    for (const [name, load] of steps) {
      if (!changed(name)) continue;
      try {
        await load();
      } catch (error) {
        stamps.delete(name); // try again at the next check
        onError(`the gateway keys could not be reloaded from ${name}; the keys in use stay`, error);
      }
    }
  };
  await refresh();

  const current = (): GatewayTokenSigner => {
    const record = signingKeyAt(
      keys.map((key) => key.record),
      now(),
    );
    return (keys.find((key) => key.record === record) ?? keys[0]!).signer;
  };
  const checkEveryMs = options.checkEveryMs ?? 2_000;
  const timer =
    checkEveryMs > 0
      ? setInterval(() => {
          refresh().catch((error: unknown) => onError('the gateway keys check failed', error));
        }, checkEveryMs)
      : undefined;
  timer?.unref();

  return {
    signer: {
      get kid() {
        return current().kid;
      },
      sign: (claims) => current().sign(claims),
    },
    lookupSecret: () => lookupSecret,
    jwks: () => unexpiredKeys(jwks, now()),
    refresh,
    close: () => clearInterval(timer),
  };
}

function fileStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}
