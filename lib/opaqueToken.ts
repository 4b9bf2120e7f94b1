/**
 * Opaque bearer secrets of the form `<marker>_<prefix>_<secret>`: the gateway's API keys (`phk_`,
 * lib/apiKeys.ts) and the registry's API tokens (`phr_`, registry/tokens.ts). The prefix (8 hex
 * characters) is stored in clear so a person can tell them apart in a list; the secret (32 random
 * bytes, base64url) is shown once. Only a SHA-256 is stored, so a stolen database yields nothing
 * usable, and a presented secret is found by one unique-index probe on that hash (an equality on a
 * hash the caller cannot steer, so no timing comparison of secrets happens in our code).
 *
 * What is hashed differs per kind and must stay so: API keys were always stored as the hash of the
 * whole key, registry tokens as the hash of the secret part only. Changing either would lock out every
 * key or token already issued, so it is part of the kind (`hashes`).
 */
import { createHash, randomBytes } from 'node:crypto';

export interface OpaqueTokenKind {
  /** What comes before the first `_` and tells the kinds apart: `phk`, `phr`. */
  marker: string;
  /** Shortest secret part `parse` accepts (the generator always makes 43 characters). */
  minSecretLength: number;
  /** What the stored SHA-256 covers: the whole token, or only its secret part. */
  hashes: 'whole' | 'secret';
}

export interface IssuedOpaqueToken {
  /** The whole token, returned once to the person or client it was issued to. */
  token: string;
  prefix: string;
  /** The hex SHA-256 to store (of the whole token or of its secret, as the kind says). */
  secretHash: string;
}

/** The hex SHA-256 of a text: of a whole token or of its secret part, as the kind says. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function storedHash(kind: OpaqueTokenKind, token: string, secret: string): string {
  return sha256Hex(kind.hashes === 'whole' ? token : secret);
}

export function generateOpaqueToken(kind: OpaqueTokenKind): IssuedOpaqueToken {
  const prefix = randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const token = `${kind.marker}_${prefix}_${secret}`;
  return { token, prefix, secretHash: storedHash(kind, token, secret) };
}

const shapes = new WeakMap<OpaqueTokenKind, RegExp>();

/**
 * The prefix and stored hash of a presented token, or null when it does not have the kind's shape.
 * Base64url may contain `_`, so the split is on the first two only.
 */
export function parseOpaqueToken(kind: OpaqueTokenKind, token: string): { prefix: string; secretHash: string } | null {
  let shape = shapes.get(kind);
  if (!shape) {
    shape = new RegExp(`^${kind.marker}_([0-9a-f]{8})_([A-Za-z0-9_-]{${kind.minSecretLength},128})$`);
    shapes.set(kind, shape);
  }
  const match = shape.exec(token);
  if (!match) return null;
  return { prefix: match[1] as string, secretHash: storedHash(kind, token, match[2] as string) };
}
