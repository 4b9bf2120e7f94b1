import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PenghubungError } from '../lib/errors.ts';

export const GATEWAY_SIGNING_KEY_FILE = 'gateway-signing-key.pem';

/**
 * The gateway's Ed25519 key for the identity tokens subgraphs verify. Kept as PKCS#8 PEM (mode 0600)
 * in the data folder so that every gateway process of one installation signs with the same key and
 * subgraphs keep trusting it across restarts; its public half is served at /.well-known/jwks.json.
 */
export async function loadOrCreateGatewaySigningKey(keyDir: string): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  const file = path.join(keyDir, GATEWAY_SIGNING_KEY_FILE);
  try {
    const pem = await fs.readFile(file, 'utf8');
    const privateKey = createPrivateKey(pem);
    return { privateKey, publicKey: createPublicKey(privateKey) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new PenghubungError('INTERNAL', {
        id: `Kunci penandatangan gateway di ${file} tidak dapat dibaca: ${(error as Error).message}`,
        en: `The gateway signing key at ${file} cannot be read: ${(error as Error).message}`,
      });
    }
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    await fs.mkdir(keyDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateGatewaySigningKey(keyDir);
    throw new PenghubungError('INTERNAL', {
      id: `Kunci penandatangan gateway tidak dapat disimpan di ${file}: ${(error as Error).message}`,
      en: `The gateway signing key cannot be stored at ${file}: ${(error as Error).message}`,
    });
  }
  return { privateKey, publicKey };
}
