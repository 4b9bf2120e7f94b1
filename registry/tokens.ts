/**
 * Registry API tokens: `phr_<prefix>_<secret>` (lib/opaqueToken.ts). Only a hash of the secret part
 * is stored.
 *
 * With the registry's token material (`data/keys/registry-token-secret`, registry/keys/
 * registryTokenKeys.ts) the hash is keyed: `hmac:<key id>:<HMAC-SHA256(key, secret)>`. The key lives
 * outside the database, so someone able to write the database cannot mint a token by inserting the
 * hash of a secret they chose. Tokens hashed before (plain SHA-256) stay valid.
 *
 * Rotating the key invalidates no token: a presented token is looked up under every key not revoked
 * and under the plain hash (one unique-index probe over those few hashes), and when it was found under
 * an older hash it is rewritten under the active key at that use. Revoking a key invalidates the
 * tokens still hashed under it, those not used since the rotation (the revoke command counts them).
 */
import { createHmac } from 'node:crypto';
import { generateOpaqueToken, parseOpaqueToken } from '../lib/opaqueToken.ts';
import type { IssuedOpaqueToken, OpaqueTokenKind } from '../lib/opaqueToken.ts';

export const TOKEN_PREFIX = 'phr';

/** Tokens issued so far are stored as the hash of their secret part: that stays. */
const REGISTRY_TOKEN: OpaqueTokenKind = { marker: TOKEN_PREFIX, minSecretLength: 20, hashes: 'secret' };

export type IssuedToken = IssuedOpaqueToken;

/** One registry token key: its id (derived from the secret) and the secret. */
export interface TokenKey {
  id: string;
  secret: string;
}

/** The active key (new hashes) and every key not revoked (lookups). */
export interface TokenKeys {
  active: TokenKey;
  all: readonly TokenKey[];
}

/** A new token, its secret hashed under `key` (plain SHA-256 without one). */
export function generateToken(key?: TokenKey): IssuedToken {
  const issued = generateOpaqueToken(REGISTRY_TOKEN);
  return key ? { ...issued, secretHash: keyedHash(secretOf(issued.token), key) } : issued;
}

/** `hmac:<key id>:<hex>`: the stored hash of a token secret under a token key. */
export function keyedHash(secret: string, key: TokenKey): string {
  return `hmac:${key.id}:${createHmac('sha256', key.secret).update(secret, 'utf8').digest('hex')}`;
}

/** The key id a stored hash names (`undefined` for a plain SHA-256). */
export function hashKeyId(secretHash: string): string | undefined {
  return secretHash.startsWith('hmac:') ? secretHash.split(':')[1] : undefined;
}

/**
 * Every hash a presented token may be stored under (each key's, and the plain one), and the one it
 * should be stored under now; null when it does not have the token's shape.
 */
export function tokenHashes(token: string, keys?: TokenKeys): { prefix: string; candidates: string[]; preferredHash: string } | null {
  const parsed = parseToken(token);
  if (!parsed) return null;
  if (!keys) return { prefix: parsed.prefix, candidates: [parsed.secretHash], preferredHash: parsed.secretHash };
  const secret = secretOf(token);
  const preferredHash = keyedHash(secret, keys.active);
  return { prefix: parsed.prefix, candidates: [...new Set([preferredHash, ...keys.all.map((key) => keyedHash(secret, key)), parsed.secretHash])], preferredHash };
}

function secretOf(token: string): string {
  return token.slice(TOKEN_PREFIX.length + 10);
}

/** The prefix and secret hash of a token, or null when it does not have the token's shape. */
export function parseToken(token: string): { prefix: string; secretHash: string } | null {
  return parseOpaqueToken(REGISTRY_TOKEN, token);
}
