/**
 * Console sign-in passwords: hashed with argon2id (@node-rs/argon2, a prebuilt binding of the reference
 * implementation) at its defaults (19 MiB memory, 2 passes, 1 lane: OWASP's minimum for argon2id),
 * stored as the PHC string, which carries its own parameters and salt, so stronger parameters later
 * still verify older hashes.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; beyond this a body is an attempt to make hashing expensive. */
export const PASSWORD_MAX_LENGTH = 256;

/** A new password as an administrator or the user sets it. */
export const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export function hashPassword(password: string): Promise<string> {
  // argon2id is the library's default algorithm (its `Algorithm` is a const enum, which isolated modules
  // cannot import); the tests check the stored string says `$argon2id$`.
  return hash(password);
}

/** True when `password` matches `stored`; false as well for a stored value that is not a valid hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time of one verification against a hash nobody's password matches: a sign-in with an
 * unknown address, or of an account without a password, then takes as long as a wrong password and
 * does not tell which addresses exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * A temporary password for a reset: 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I),
 * about 114 bits, easy to read aloud or type from a printout.
 */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function generatePassword(length = 20): string {
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely (256 is not a multiple of the alphabet).
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out.push(ALPHABET[byte % ALPHABET.length]!);
    }
  }
  return out.join('');
}
