/**
 * Credentials of a requester's client at the gateway: `phk_<prefix>_<secret>`. The prefix (8 hex
 * characters) is stored in clear so a person can tell keys apart in a list; the secret (32 random
 * bytes, base64url) is shown once. Only the SHA-256 of the whole key is stored, so a stolen database
 * yields no usable key and the lookup at the gateway is one unique-index probe.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'phk';

export interface IssuedApiKey {
  /** The whole key, returned once to the requester. */
  apiKey: string;
  prefix: string;
  secretHash: string;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

export function generateApiKey(): IssuedApiKey {
  const prefix = randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const apiKey = `${API_KEY_PREFIX}_${prefix}_${secret}`;
  return { apiKey, prefix, secretHash: hashApiKey(apiKey) };
}

const API_KEY_SHAPE = /^phk_([0-9a-f]{8})_[A-Za-z0-9_-]{43,128}$/;

/** The prefix and hash of a key, or null when the string does not have a key's shape. */
export function parseApiKey(apiKey: string): { prefix: string; secretHash: string } | null {
  const match = API_KEY_SHAPE.exec(apiKey);
  if (!match) return null;
  return { prefix: match[1] as string, secretHash: hashApiKey(apiKey) };
}
