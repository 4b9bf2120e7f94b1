/**
 * Credentials of a requester's client at the gateway: `phk_<prefix>_<secret>` (lib/opaqueToken.ts).
 * Only the SHA-256 of the whole key is stored, so a stolen database yields no usable key and the
 * lookup at the gateway is one unique-index probe.
 */
import { generateOpaqueToken, parseOpaqueToken } from './opaqueToken.ts';
import type { OpaqueTokenKind } from './opaqueToken.ts';

export const API_KEY_PREFIX = 'phk';

/** Keys issued so far are stored as the hash of the whole key: that stays. */
const API_KEY: OpaqueTokenKind = { marker: API_KEY_PREFIX, minSecretLength: 43, hashes: 'whole' };

export interface IssuedApiKey {
  /** The whole key, returned once to the requester. */
  apiKey: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): IssuedApiKey {
  const { token, prefix, secretHash } = generateOpaqueToken(API_KEY);
  return { apiKey: token, prefix, secretHash };
}

/** The prefix and hash of a key, or null when the string does not have a key's shape. */
export function parseApiKey(apiKey: string): { prefix: string; secretHash: string } | null {
  return parseOpaqueToken(API_KEY, apiKey);
}
