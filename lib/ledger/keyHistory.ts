/**
 * The history of an installation's keys and secrets, per purpose: each has an id, a validity period
 * and a state. The active key signs (or, for the lookup secret, hashes new records); a retired key
 * still verifies what it signed during its period; a revoked key (it leaked) is trusted only for
 * what it signed before its revocation time.
 *
 * Kept as `history.json` in the keys folder (`data/keys/`), beside the key files; retired and
 * revoked operator public keys stay in `retired/` so that old checkpoints can be verified for as
 * long as the log is kept. Only public halves and ids are in the manifest: an evaluator can be given
 * the manifest and `retired/` without any secret (see registry/keys/keyLifecycle.ts, which writes it).
 *
 * A retired operator key is accepted for `RETIREMENT_GRACE_MS` after its retirement: a process that
 * loaded the key just before the rotation may still sign one more checkpoint with it. A revoked key
 * has no grace: whatever it signed at or after the revocation time is rejected.
 */
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { join } from 'node:path';
import type { Checkpoint } from './checkpoint.ts';

export const KEY_PURPOSES = ['operator', 'lookup-secret', 'gateway-token', 'registry-token'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];
export const KEY_STATES = ['active', 'retired', 'revoked'] as const;
export type KeyState = (typeof KEY_STATES)[number];

export const KEY_HISTORY_FILE = 'history.json';
export const KEY_HISTORY_FORMAT = 'penghubung-key-history/v1';
export const RETIREMENT_GRACE_MS = 5 * 60_000;

export interface KeyRecord {
  /** Operator key: hex SHA-256 of its SPKI DER (`publicKeyId`); secrets: a random id. */
  id: string;
  purpose: KeyPurpose;
  state: KeyState;
  /**
   * When it became active. A gateway key's may lie ahead: published in the JWKS at once, it signs
   * from this time on (the overlap window, lib/gatewayKeys.ts).
   */
  validFrom: string;
  /** When it stopped being the active one (rotation), if it did. */
  retiredAt?: string;
  /** When it was revoked, and why. */
  revokedAt?: string;
  revocationReason?: string;
  /**
   * Relative to the keys folder: the public key (operator), the secret file (lookup secret, registry
   * token secret) or the private key file (gateway key, removed once its tokens expired).
   */
  file?: string;
  /** Gateway key: its public JWK, as published in the JWKS. */
  publicJwk?: JWK;
  /** When the private key file was destroyed (a gateway key, once no gateway needs it). */
  destroyedAt?: string;
}

export interface KeyHistory {
  format: typeof KEY_HISTORY_FORMAT;
  keys: KeyRecord[];
}

export function emptyKeyHistory(): KeyHistory {
  return { format: KEY_HISTORY_FORMAT, keys: [] };
}

/** The history in `dir`, or `undefined` when the folder has none (an installation that never rotated). */
export function readKeyHistory(dir: string): KeyHistory | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, KEY_HISTORY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as KeyHistory;
  if (parsed.format !== KEY_HISTORY_FORMAT || !Array.isArray(parsed.keys)) {
    throw new Error(`${join(dir, KEY_HISTORY_FILE)} is not a key history (${KEY_HISTORY_FORMAT})`);
  }
  return parsed;
}

export function keysOf(history: KeyHistory | undefined, purpose: KeyPurpose): KeyRecord[] {
  return (history?.keys ?? []).filter((key) => key.purpose === purpose);
}

/**
 * Why the key that signed `cp` may not vouch for it at `cp.createdAt`, or `undefined` if it may.
 * Keys the history does not list are left to the signature check (it knows which keys it was given).
 * A key transition's previous key is checked the same way.
 */
export function keyPeriodProblem(
  cp: Pick<Checkpoint, 'keyId' | 'createdAt' | 'previousKeyId'>,
  history: KeyHistory | undefined,
): { kind: 'revoked-key' | 'retired-key'; detail: string } | undefined {
  if (!history) return undefined;
  const at = cp.createdAt.getTime();
  for (const id of [cp.keyId, cp.previousKeyId]) {
    const key = history.keys.find((candidate) => candidate.purpose === 'operator' && candidate.id === id);
    if (!key) continue;
    if (key.revokedAt !== undefined && at >= Date.parse(key.revokedAt)) {
      return {
        kind: 'revoked-key',
        detail:
          `signed at ${cp.createdAt.toISOString()} by key ${short(key.id)}, revoked at ${key.revokedAt}` +
          (key.revocationReason ? ` (${key.revocationReason})` : ''),
      };
    }
    if (key.retiredAt !== undefined && key.state === 'retired' && at > Date.parse(key.retiredAt) + RETIREMENT_GRACE_MS) {
      return {
        kind: 'retired-key',
        detail: `signed at ${cp.createdAt.toISOString()} by key ${short(key.id)}, retired at ${key.retiredAt}: outside its period`,
      };
    }
  }
  return undefined;
}

export interface KeyRange {
  keyId: string;
  fromPosition: bigint;
  toPosition: bigint;
  fromSeq: bigint;
  toSeq: bigint;
  /** Checkpoints in the range. */
  count: number;
  /** From the history, when it lists the key. */
  state?: KeyState;
}

/** Which key signed which stretch of a series (in position order; unchained checkpoints first, by seq). */
export function keyRanges(checkpoints: readonly Checkpoint[], history?: KeyHistory): KeyRange[] {
  const ordered = [...checkpoints].sort((a, b) => {
    const pa = a.position ?? 0n;
    const pb = b.position ?? 0n;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
  });
  const ranges: KeyRange[] = [];
  for (const cp of ordered) {
    const last = ranges[ranges.length - 1];
    const position = cp.position ?? 0n;
    if (last && last.keyId === cp.keyId) {
      last.toPosition = position;
      last.toSeq = cp.seq;
      last.count += 1;
      continue;
    }
    const state = history?.keys.find((key) => key.purpose === 'operator' && key.id === cp.keyId)?.state;
    ranges.push({ keyId: cp.keyId, fromPosition: position, toPosition: position, fromSeq: cp.seq, toSeq: cp.seq, count: 1, ...(state ? { state } : {}) });
  }
  return ranges;
}

/** The first 12 hex digits of a key id: enough to tell keys apart in a message. */
export function short(id: string): string {
  return id.slice(0, 12);
}
