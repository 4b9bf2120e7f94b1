import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../lib/config.ts';
import { loadOrCreateOperatorKey, type OperatorKey } from '../lib/ledger/index.ts';
import { loadOrCreateSecretFile } from '../lib/secretFile.ts';
import { loadOrCreateGatewaySigningKey } from './signingKey.ts';

export interface InstallationKeys {
  /** Signs the identity tokens subgraphs verify. */
  signingKey: { privateKey: KeyObject; publicKey: KeyObject };
  /** Signs the access-log and trail checkpoints (the operator's non-repudiation key). */
  operatorKey: OperatorKey;
  /** HMAC key of the access log's lookup hashes, shared by the gateways and the registry. */
  lookupSecret: string;
}

/** The keys of an installation, from `<dataDir>/keys` (created on first start, mode 0600). */
export async function loadInstallationKeys(config: Pick<Config, 'dataDir' | 'lookupSecret'>): Promise<InstallationKeys> {
  const keyDir = path.join(config.dataDir, 'keys');
  return {
    signingKey: await loadOrCreateGatewaySigningKey(keyDir),
    operatorKey: loadOrCreateOperatorKey(keyDir),
    lookupSecret: config.lookupSecret ?? (await loadOrCreateSecretFile(keyDir, 'lookup-secret')),
  };
}
