/**
 * Registry API tokens: `phr_<prefix>_<secret>`. The prefix (8 hex characters) is stored in clear so
 * a person can tell tokens apart in a list; the secret (32 random bytes, base64url) is shown once and
 * only its SHA-256 is stored. Base64url may contain `_`, so parsing splits on the first two only.
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'phr';

export interface IssuedToken {
  /** The whole token, shown once to the person it was issued to. */
  token: string;
  prefix: string;
  secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateToken(): IssuedToken {
  const prefix = randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `${TOKEN_PREFIX}_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

const TOKEN_SHAPE = /^phr_([0-9a-f]{8})_([A-Za-z0-9_-]{20,128})$/;

/** The prefix and secret hash of a token, or null when it does not have the token's shape. */
export function parseToken(token: string): { prefix: string; secretHash: string } | null {
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return null;
  return { prefix: match[1] as string, secretHash: hashSecret(match[2] as string) };
}
