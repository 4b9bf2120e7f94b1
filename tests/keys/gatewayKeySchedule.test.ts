/** The gateway key schedule every gateway process follows (lib/gatewayKeys.ts), at chosen times. */
import { describe, expect, it } from 'vitest';
import { publishedJwks, signingKeyAt, unexpiredKeys, RETIREMENT_MARGIN_SECONDS } from '../../lib/gatewayKeys.ts';
import type { KeyRecord } from '../../lib/ledger/index.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 8, 0, seconds));
const jwk = (kid: string) => ({ kty: 'OKP', crv: 'Ed25519', x: kid.repeat(4), kid, alg: 'EdDSA', use: 'sig' });
const TTL = 10;

describe('gateway key schedule', () => {
  // Rotated at 0 s with a 30 s overlap window.
  const keys: KeyRecord[] = [
    { id: 'lama', purpose: 'gateway-token', state: 'retired', validFrom: at(-3600).toISOString(), retiredAt: at(30).toISOString(), publicJwk: jwk('lama') },
    { id: 'baru', purpose: 'gateway-token', state: 'active', validFrom: at(30).toISOString(), publicJwk: jwk('baru') },
  ];

  it('the old key signs until the end of the window, the new one from then on', () => {
    expect(signingKeyAt(keys, at(0))?.id).toBe('lama');
    expect(signingKeyAt(keys, at(29))?.id).toBe('lama');
    expect(signingKeyAt(keys, at(30))?.id).toBe('baru');
  });

  it('both keys are published from the rotation; the old one until its last token expired, then verifiers drop it', () => {
    const exp = Math.floor(at(30).getTime() / 1000) + TTL + RETIREMENT_MARGIN_SECONDS;
    const during = publishedJwks(keys, at(1), TTL);
    expect(during.keys.map((key) => [key.kid, (key as { exp?: number }).exp])).toEqual([
      ['lama', exp],
      ['baru', undefined],
    ]);
    expect(unexpiredKeys(during, new Date(exp * 1000 - 1)).keys).toHaveLength(2);
    expect(unexpiredKeys(during, new Date(exp * 1000)).keys.map((key) => key.kid)).toEqual(['baru']);
    expect(publishedJwks(keys, new Date(exp * 1000), TTL).keys.map((key) => key.kid)).toEqual(['baru']);
  });

  it('a revoked key is never published and never signs, whatever the schedule says', () => {
    const revoked = keys.map((key) => (key.id === 'lama' ? { ...key, state: 'revoked' as const, revokedAt: at(5).toISOString() } : key));
    expect(publishedJwks(revoked, at(6), TTL).keys.map((key) => key.kid)).toEqual(['baru']);
    expect(signingKeyAt(revoked, at(6))).toBeUndefined();
  });
});
