/**
 * Registry API tokens: `phr_<prefix>_<secret>` (lib/opaqueToken.ts). Only the SHA-256 of the secret
 * part is stored.
 */
import { generateOpaqueToken, parseOpaqueToken } from '../lib/opaqueToken.ts';
import type { IssuedOpaqueToken, OpaqueTokenKind } from '../lib/opaqueToken.ts';

export const TOKEN_PREFIX = 'phr';

/** Tokens issued so far are stored as the hash of their secret part: that stays. */
const REGISTRY_TOKEN: OpaqueTokenKind = { marker: TOKEN_PREFIX, minSecretLength: 20, hashes: 'secret' };

export type IssuedToken = IssuedOpaqueToken;

export function generateToken(): IssuedToken {
  return generateOpaqueToken(REGISTRY_TOKEN);
}

/** The prefix and secret hash of a token, or null when it does not have the token's shape. */
export function parseToken(token: string): { prefix: string; secretHash: string } | null {
  return parseOpaqueToken(REGISTRY_TOKEN, token);
}
