/**
 * Gateway signing keys made in memory for tests (a running gateway loads or creates its key file:
 * gateway/signingKey.ts). Extractable, so a test can also export them.
 */
import { generateKeyPair } from 'jose';
import type { CryptoKey } from 'jose';
import { GATEWAY_TOKEN_ALGORITHM } from '../../lib/gatewayToken.ts';

/** An Ed25519 key pair for signing gateway tokens. */
export async function generateGatewayKeyPair(): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  return generateKeyPair(GATEWAY_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
}
