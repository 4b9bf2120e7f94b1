/**
 * The gateway's token-signing keys over time: which key signs now, and which public keys subgraphs
 * must trust. Shared by the rotation command (registry/keys/keyLifecycle.ts), which writes the
 * schedule, and every gateway process (gateway/keyRing.ts), which follows it.
 *
 * The schedule is the key history (`data/keys/history.json`, purpose `gateway-token`): each key has
 * its id (= the JWKS `kid`, the RFC 7638 thumbprint), its public JWK, its private key file, and
 * `validFrom`, the time it starts signing. A rotation writes the new key with `validFrom` = now + the
 * overlap window, and the old key with `retiredAt` = that same time:
 * 1. at once, the new public key is published in the JWKS beside the old one; subgraphs re-read the
 *    JWKS (the file when it changes, a URL at least every few minutes) during the window;
 * 2. at `validFrom`, every gateway process switches to the new key. The switch is decided by the
 *    clock against the shared schedule, not by a message, so several gateway processes switch
 *    together without talking to each other, and a gateway started during the window follows the
 *    same schedule;
 * 3. the old public key stays in the JWKS, marked with `exp` (seconds since the epoch), until the
 *    tokens it signed last have expired (the token lifetime plus `RETIREMENT_MARGIN_SECONDS` for
 *    clocks that differ between hosts); a verifier drops it once `exp` passed.
 * A revoked key leaves the JWKS at once and never signs again, whatever the schedule says.
 */
import type { JSONWebKeySet, JWK } from 'jose';
import type { KeyHistory, KeyRecord } from './ledger/keyHistory.ts';

/** The first gateway key, created at the gateway's first start (the only one until a rotation). */
export const GATEWAY_SIGNING_KEY_FILE = 'gateway-signing-key.pem';
/** The public keys subgraphs verify with (JWKS), beside the signing keys. */
export const GATEWAY_JWKS_FILE = 'gateway-jwks.json';
/** Default overlap window: longer than a subgraph reading the JWKS by URL takes to refresh (5 minutes). */
export const DEFAULT_OVERLAP_SECONDS = 360;
/** Slack for clocks that differ between a gateway and a subgraph host, after the last token's expiry. */
export const RETIREMENT_MARGIN_SECONDS = 60;

/** The gateway keys of the history, oldest first. */
export function gatewayKeysOf(history: KeyHistory | undefined): KeyRecord[] {
  return (history?.keys ?? []).filter((key) => key.purpose === 'gateway-token').sort((a, b) => Date.parse(a.validFrom) - Date.parse(b.validFrom));
}

/** The key that signs at `now`: of the keys not revoked, the one whose `validFrom` is the latest not after `now`. */
export function signingKeyAt(keys: readonly KeyRecord[], now: Date): KeyRecord | undefined {
  let chosen: KeyRecord | undefined;
  for (const key of keys) {
    if (key.state === 'revoked' || Date.parse(key.validFrom) > now.getTime()) continue;
    if (!chosen || Date.parse(key.validFrom) >= Date.parse(chosen.validFrom)) chosen = key;
  }
  return chosen;
}

/** A key waiting for its overlap window to end (published, not signing yet). */
export function pendingKeyAt(keys: readonly KeyRecord[], now: Date): KeyRecord | undefined {
  return keys.find((key) => key.state !== 'revoked' && Date.parse(key.validFrom) > now.getTime());
}

/** Until when (seconds since the epoch) a key retired at `retiredAt` must stay trusted. */
export function trustedUntil(retiredAt: string, tokenTtlSeconds: number): number {
  return Math.floor(Date.parse(retiredAt) / 1000) + tokenTtlSeconds + RETIREMENT_MARGIN_SECONDS;
}

/**
 * The JWKS to publish at `now`: every key not revoked whose tokens may still be valid, a retired one
 * with its `exp`. Keys without a public JWK in the history are left out (see `jwkOf`).
 */
export function publishedJwks(keys: readonly KeyRecord[], now: Date, tokenTtlSeconds: number): JSONWebKeySet {
  const published: JWK[] = [];
  for (const key of keys) {
    if (key.state === 'revoked' || !key.publicJwk) continue;
    if (key.retiredAt === undefined) {
      published.push({ ...key.publicJwk });
      continue;
    }
    const exp = trustedUntil(key.retiredAt, tokenTtlSeconds);
    if (exp * 1000 > now.getTime()) published.push({ ...key.publicJwk, exp } as JWK);
  }
  return { keys: published };
}

/** Keeps only the keys of `jwks` whose `exp` (when they carry one) is still ahead of `now`. */
export function unexpiredKeys(jwks: JSONWebKeySet, now: Date): JSONWebKeySet {
  return { keys: jwks.keys.filter((key) => {
    const exp = expOf(key);
    return exp === undefined || exp * 1000 > now.getTime();
  }) };
}

/** The earliest `exp` of the set (ms), when a key carries one: the set must be read again by then. */
export function nextExpiry(jwks: JSONWebKeySet): number | undefined {
  const times = jwks.keys.map(expOf).filter((exp): exp is number => exp !== undefined);
  return times.length === 0 ? undefined : Math.min(...times) * 1000;
}

/** A published key's `exp` member (not a standard JWK member; ours, see above). */
function expOf(key: JWK): number | undefined {
  const exp = (key as Record<string, unknown>)['exp'];
  return typeof exp === 'number' ? exp : undefined;
}
