/**
 * The gateway token carries the grant conditions of its fields so that the subgraph enforces them
 * again: they round-trip through signing and verification, a token without them verifies with none,
 * and a token whose conditions claim is malformed is refused like any other bad claim.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  GATEWAY_TOKEN_ISSUER,
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
} from '../../lib/gatewayToken.ts';
import { generateGatewayKeyPair } from '../support/gatewayKeys.ts';
import type { FieldConditions } from '../../lib/grantConditions/conditions.ts';

const conditions: Record<string, FieldConditions> = {
  'Query.penduduk': [
    {
      period: { startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-31T00:00:00.000Z' },
      sets: [{ hours: { from: '07:00', until: '16:00', days: [1, 2, 3, 4, 5] } }, { arguments: { patterns: { nik: '3501\\d{12}' } } }],
    },
  ],
};
const claims = { audience: 'disdukcapil', requester: 'klien-1', graph: 'semua', requestId: 'r-1', fields: ['Query.penduduk'] };

describe('grant conditions in the gateway token', () => {
  it('round-trips, and is empty when the token has none', async () => {
    const { privateKey, publicKey } = await generateGatewayKeyPair();
    const signer = createGatewayTokenSigner(privateKey);
    const verifier = createGatewayTokenVerifier(publicKey);
    expect((await verifier.verify(signer.sign({ ...claims, conditions }), { audience: 'disdukcapil' })).conditions).toEqual(conditions);
    expect((await verifier.verify(signer.sign(claims), { audience: 'disdukcapil' })).conditions).toEqual({});
  });

  it('refuses a token whose conditions claim is malformed', async () => {
    const { privateKey, publicKey } = await generateGatewayKeyPair();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ graph: 'semua', requestId: 'r-1', fields: ['Query.penduduk'], conditions: { 'Query.penduduk': [{ sets: [{ hours: { from: 'pagi' } }] }] } })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setSubject('klien-1')
      .setAudience('disdukcapil')
      .setIssuedAt(now)
      .setExpirationTime(now + 30)
      .sign(privateKey);
    await expect(createGatewayTokenVerifier(publicKey).verify(token, { audience: 'disdukcapil' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'claims' },
    });
  });
});
