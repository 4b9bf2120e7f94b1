import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { PenghubungError } from '../lib/errors.ts';
import { GATEWAY_JWKS_FILE, GATEWAY_SIGNING_KEY_FILE } from '../lib/gatewayKeys.ts';
import { exportGatewayPublicJwk } from '../lib/gatewayToken.ts';
import { loadOrCreateKeyFile, replaceKeyFile } from '../lib/secretFile.ts';

export { GATEWAY_JWKS_FILE, GATEWAY_SIGNING_KEY_FILE } from '../lib/gatewayKeys.ts';

/**
 * The gateway's Ed25519 key for the identity tokens subgraphs verify. Kept as PKCS#8 PEM (mode 0600)
 * in the data folder so that every gateway process of one installation signs with the same key and
 * subgraphs keep trusting it across restarts; its public half is served at /.well-known/jwks.json and
 * written to `gateway-jwks.json` beside it, which subgraphs of the installation read.
 */
export async function loadOrCreateGatewaySigningKey(keyDir: string): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  const pair = await loadOrCreateKeyPair(keyDir);
  await publishPublicKey(keyDir, pair.publicKey);
  return pair;
}

/**
 * Adds the key to `<keyDir>/gateway-jwks.json` when it is not there yet, keeping the keys already
 * published (a subgraph still verifies tokens of a key being retired while the JWKS holds it).
 */
async function publishPublicKey(keyDir: string, publicKey: KeyObject): Promise<void> {
  const file = path.join(keyDir, GATEWAY_JWKS_FILE);
  const jwk = await exportGatewayPublicJwk(publicKey);
  let published: JSONWebKeySet = { keys: [] };
  try {
    published = JSON.parse(await fs.readFile(file, 'utf8')) as JSONWebKeySet;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(file, error);
  }
  if (published.keys.some((key) => key.kid === jwk.kid)) return;
  const next = `${JSON.stringify({ keys: [...published.keys, jwk] }, null, 2)}\n`;
  // Written whole, then renamed: a subgraph reading it never sees half a file.
  replaceKeyFile(file, next, 0o644);
}

function unreadable(file: string, error: unknown): PenghubungError {
  return new PenghubungError('INTERNAL', {
    id: `Berkas ${file} tidak dapat dibaca: ${(error as Error).message}`,
    en: `${file} cannot be read: ${(error as Error).message}`,
  });
}

async function loadOrCreateKeyPair(keyDir: string): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  // The one key-file loader (lib/secretFile.ts): created 0600 on first start, refused when others may read it.
  const file = loadOrCreateKeyFile(keyDir, GATEWAY_SIGNING_KEY_FILE, () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  try {
    const privateKey = createPrivateKey(file.content);
    return { privateKey, publicKey: createPublicKey(privateKey) };
  } catch (error) {
    throw new PenghubungError('INTERNAL', {
      id: `Kunci penandatangan gateway di ${file.path} tidak dapat dibaca: ${(error as Error).message}`,
      en: `The gateway signing key at ${file.path} cannot be read: ${(error as Error).message}`,
    });
  }
}
