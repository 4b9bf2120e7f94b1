import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../lib/config.ts';
import { loadOrCreateSecretFile } from '../lib/secretFile.ts';
import { createGatewayKeyRing, type GatewayKeyRing } from './keyRing.ts';
import { loadOrCreateGatewaySigningKey } from './signingKey.ts';

/**
 * The keys a gateway process holds. The operator's checkpoint-signing key is not among them: it
 * stays with the registry process (registry/log/workers.ts), so a compromised internet-facing
 * gateway cannot sign a rewritten log.
 */
export interface GatewayKeys {
  /** Signs the identity tokens subgraphs verify. */
  signingKey: { privateKey: KeyObject; publicKey: KeyObject };
  /** HMAC key of the access log's lookup hashes, shared by the gateways and the registry. */
  lookupSecret: string;
}

/** The gateway's keys, from `<dataDir>/keys` (created on first start, mode 0600). */
export async function loadGatewayKeys(config: Pick<Config, 'dataDir' | 'lookupSecret'>): Promise<GatewayKeys> {
  const keyDir = path.join(config.dataDir, 'keys');
  return {
    signingKey: await loadOrCreateGatewaySigningKey(keyDir),
    lookupSecret: config.lookupSecret ?? (await loadOrCreateSecretFile(keyDir, 'lookup-secret')),
  };
}

/**
 * The gateway's keys as a ring that follows rotations without a restart (gateway/keyRing.ts): what
 * a running gateway process uses.
 */
export function openGatewayKeyRing(config: Pick<Config, 'dataDir' | 'lookupSecret' | 'gatewayTokenTtlSeconds'>): Promise<GatewayKeyRing> {
  return createGatewayKeyRing({
    keyDir: path.join(config.dataDir, 'keys'),
    configuredLookupSecret: config.lookupSecret,
    ...(config.gatewayTokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: config.gatewayTokenTtlSeconds }),
  });
}
