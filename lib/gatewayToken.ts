/**
 * The identity token the gateway sends with every subgraph call.
 *
 * The gateway signs one short-lived EdDSA (Ed25519) JWT per subgraph fetch, naming that subgraph as
 * its audience, the requester, the graph, the request id and the field coordinates (`Type.field`) of
 * that fetch alone (its part of the query plan, key and `@requires` fields included). A subgraph
 * verifies it with the gateway's public keys (a key, a JWK, a JWKS document, a JWKS loader, or the URL
 * of the gateway's `/.well-known/jwks.json`; the key is picked by the header's `kid`), requires its own
 * name as audience, and lets its resolvers run only for those fields: agencies are reached through the
 * bus, never point to point (Perwali Baubau 32/2024 Pasal 5a), a token captured at one subgraph opens
 * no other, and a subgraph does not have to trust the network it sits on.
 *
 * Claims: `iss` = `penghubung-gateway`, `sub` = requester (client id), `aud` (the subgraph name),
 * `graph`, `requestId`, `fields`, `iat`, `exp` (GATEWAY_TOKEN_TTL_SECONDS after `iat`), and
 * `conditions` when some of those fields carry grant conditions (`lib/grantConditions`): the subgraph
 * enforces them again on the real arguments and results.
 */
import { KeyObject as NodeKeyObject, type JsonWebKey as NodeJsonWebKey, createHash, createPrivateKey, createPublicKey, sign as cryptoSign } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  calculateJwkThumbprint,
  decodeProtectedHeader,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  exportJWK,
  exportPKCS8,
  importJWK,
  importPKCS8,
  importSPKI,
  jwtVerify,
} from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK, JWTVerifyGetKey, KeyObject } from 'jose';
import { bearerHeaderValue, bearerToken } from './bearer.ts';
import { ErrorCode, PenghubungError, isPenghubungError } from './errors.ts';
import type { Message } from './errors.ts';
import { z } from 'zod';
import { coordinateConditionsSchema, type FieldConditions } from './grantConditions/conditions.ts';
import { nextExpiry, unexpiredKeys } from './gatewayKeys.ts';

export const GATEWAY_TOKEN_ISSUER = 'penghubung-gateway';
export const GATEWAY_TOKEN_ALGORITHM = 'EdDSA';
/** Lifetime of a token: one subgraph fetch needs seconds; a captured token must not outlive them. */
export const GATEWAY_TOKEN_TTL_SECONDS = 10;
/** The token travels as `Authorization: Bearer <token>` on the gateway → subgraph call. */
export const GATEWAY_TOKEN_HEADER = 'authorization';

/** A key the signer or verifier accepts: a Web Crypto key, a Node `KeyObject`, or a JWK. */
export type GatewayKey = CryptoKey | KeyObject | JWK;

/** What the gateway states about one request when it calls a subgraph. */
export interface GatewayTokenClaims {
  /** The requester's client id. */
  requester: string;
  /** The graph (gateway instance) the request came through. */
  graph: string;
  requestId: string;
  /** Field coordinates (`Type.field`) this subgraph fetch selects: its part of the query plan. */
  fields: readonly string[];
  /**
   * The grant conditions of those fields that have some (period, hours, arguments, list size), so the
   * subgraph enforces them on the real arguments and results too; omitted when there are none.
   */
  conditions?: Readonly<Record<string, FieldConditions>>;
  /** The subgraph the token is meant for (`aud`). */
  audience: string;
}

export interface VerifiedGatewayToken {
  requester: string;
  graph: string;
  requestId: string;
  fields: readonly string[];
  /** Grant conditions per field (see `GatewayTokenClaims.conditions`); empty when the token has none. */
  conditions: Readonly<Record<string, FieldConditions>>;
  audience: string | null;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

export interface GatewayTokenSigner {
  /** The key id every token names in its header (the RFC 7638 thumbprint unless given). */
  readonly kid: string;
  sign(claims: GatewayTokenClaims): string;
}

export interface GatewayTokenSignerOptions {
  /** Key id written in the JWT header; defaults to the RFC 7638 thumbprint of the key. */
  kid?: string;
  /** Lifetime of a token; GATEWAY_TOKEN_TTL_SECONDS unless told. */
  ttlSeconds?: number;
}

export interface GatewayTokenVerifier {
  /**
   * Resolves to the verified claims; rejects with a `PenghubungError` (`UNAUTHENTICATED`). With an
   * audience (here or in the options) the token's `aud` must equal it: a subgraph passes its own name.
   */
  verify(token: string | null | undefined, expected?: { audience?: string }): Promise<VerifiedGatewayToken>;
}

export interface GatewayTokenVerifierOptions {
  /** When set, the token's `aud` must equal it (the subgraph's name). */
  audience?: string;
  /** Allowed clock skew between gateway and subgraph; 5 s unless told. */
  clockToleranceSeconds?: number;
  /** Tokens older than this are refused even if `exp` says otherwise; three lifetimes unless told. */
  maxTokenAgeSeconds?: number;
  /** A URL or loader key source is read again at most this often for an unknown key id; 10 s unless told. */
  jwksCooldownMs?: number;
  /** A URL or loader key source is read again when older than this; 5 minutes unless told. */
  jwksMaxAgeMs?: number;
}

export type GatewayTokenFailure =
  'missing' | 'malformed' | 'signature' | 'expired' | 'claims' | 'unknown-key';

/**
 * The public JWK of the gateway, ready for `/.well-known/jwks.json`: `kid` is the RFC 7638
 * thumbprint unless given. Only public members are kept, even when handed a private key or JWK.
 */
export async function exportGatewayPublicJwk(key: CryptoKey | KeyObject | JWK, kid?: string): Promise<JWK> {
  const { kty, crv, x } = isJwk(key) ? key : await exportJWK(key);
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') throw invalidKey();
  const publicJwk: JWK = { kty, crv, x };
  return {
    ...publicJwk,
    kid: kid ?? (await calculateJwkThumbprint(publicJwk)),
    alg: GATEWAY_TOKEN_ALGORITHM,
    use: 'sig',
  };
}

/** The JWKS document (`{ keys: [...] }`) for one or more public keys (more than one while rotating). */
export async function createGatewayJwks(
  publicKeys: readonly (CryptoKey | KeyObject | JWK)[],
): Promise<JSONWebKeySet> {
  return { keys: await Promise.all(publicKeys.map((key) => exportGatewayPublicJwk(key))) };
}

/** Reads a stored key: a PEM (PKCS#8 private or SPKI public) or a JWK. */
export async function importGatewayKey(material: string | JWK, use: 'sign' | 'verify'): Promise<CryptoKey> {
  if (typeof material !== 'string') {
    const key = await importJWK(material, GATEWAY_TOKEN_ALGORITHM, { extractable: true });
    if (key instanceof Uint8Array) throw invalidKey();
    return key;
  }
  return use === 'sign'
    ? importPKCS8(material, GATEWAY_TOKEN_ALGORITHM, { extractable: true })
    : importSPKI(material, GATEWAY_TOKEN_ALGORITHM, { extractable: true });
}

/** PKCS#8 PEM of a private key, to store it (file with mode 0600, secret store). */
export async function exportGatewayPrivateKeyPem(privateKey: CryptoKey | KeyObject): Promise<string> {
  return exportPKCS8(privateKey);
}

/**
 * Signs with `node:crypto` directly: the gateway signs one token per subgraph fetch, and a compact
 * JWS built here costs about half of jose's `SignJWT` for the same Ed25519 signature (measured in
 * bench/README.md, "Token per subgraph fetch"). The result is a standard JWT any JOSE library verifies.
 */
export function createGatewayTokenSigner(
  privateKey: GatewayKey,
  options: GatewayTokenSignerOptions = {},
): GatewayTokenSigner {
  const ttlSeconds = options.ttlSeconds ?? GATEWAY_TOKEN_TTL_SECONDS;
  const key = privateKeyObject(privateKey);
  const kid = options.kid ?? thumbprintOfPrivateKey(key);
  const header = base64url(JSON.stringify({ alg: GATEWAY_TOKEN_ALGORITHM, typ: 'JWT', kid }));

  return {
    kid,
    sign(claims) {
      const now = Math.floor(Date.now() / 1000);
      const payload = base64url(
        JSON.stringify({
          iss: GATEWAY_TOKEN_ISSUER,
          sub: claims.requester,
          aud: claims.audience,
          graph: claims.graph,
          requestId: claims.requestId,
          fields: claims.fields,
          ...(claims.conditions && Object.keys(claims.conditions).length > 0 ? { conditions: claims.conditions } : {}),
          iat: now,
          exp: now + ttlSeconds,
        }),
      );
      const signingInput = `${header}.${payload}`;
      return `${signingInput}.${cryptoSign(null, Buffer.from(signingInput), key).toString('base64url')}`;
    },
  };
}

/**
 * Where a verifier finds the gateway's public keys: one key (Web Crypto, `KeyObject` or JWK), a JWKS
 * document, the URL of the gateway's `/.well-known/jwks.json`, or a function that loads a JWKS
 * (a file in the data folder). A URL or a loader is read again when a token names a key id it does not
 * hold (at most once per cooldown) and when the copy is older than its maximum age, so a new key
 * is picked up without a restart.
 */
export type GatewayKeySource = GatewayKey | JSONWebKeySet | URL | JwksLoader;
/**
 * Loads a JWKS. With `stamp` (a cheap fingerprint of the source, e.g. a file's inode, mtime and
 * size), the verifier compares it at most once a second and reloads when it changed: a rotation's
 * new key, or a revoked key's removal, is seen within a second.
 */
export type JwksLoader = (() => Promise<JSONWebKeySet>) & { stamp?: () => string };

/** A loader reading a JWKS file (the installation's `keys/gateway-jwks.json`), re-read when the file changes. */
export function jwksFile(file: string): JwksLoader {
  const load = async () => {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (!isJwks(parsed)) throw invalidKey();
    return parsed;
  };
  return Object.assign(load, {
    stamp: () => {
      try {
        const stat = statSync(file);
        return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
      } catch {
        return 'missing';
      }
    },
  });
}

export function createGatewayTokenVerifier(
  key: GatewayKeySource,
  options: GatewayTokenVerifierOptions = {},
): GatewayTokenVerifier {
  const keyInput: GatewayKey | JWTVerifyGetKey =
    key instanceof URL
      ? createRemoteJWKSet(key, { cooldownDuration: options.jwksCooldownMs ?? 10_000, cacheMaxAge: options.jwksMaxAgeMs ?? 300_000 })
      : typeof key === 'function'
        ? createRefreshingJwks(key, { cooldownMs: options.jwksCooldownMs ?? 10_000, maxAgeMs: options.jwksMaxAgeMs ?? 300_000 })
        : isJwks(key)
          ? createLocalJWKSet(key)
          : key;
  // With a key set the token must say which key signed it: no guessing among several keys.
  const needsKid = typeof keyInput === 'function';
  const baseOptions = {
    issuer: GATEWAY_TOKEN_ISSUER,
    algorithms: [GATEWAY_TOKEN_ALGORITHM, 'Ed25519'],
    clockTolerance: options.clockToleranceSeconds ?? 5,
    maxTokenAge: options.maxTokenAgeSeconds ?? 3 * GATEWAY_TOKEN_TTL_SECONDS,
    requiredClaims: ['iat', 'exp', 'sub'],
  };

  return {
    async verify(token, expected = {}) {
      if (!token) throw refusal('missing');
      const audience = expected.audience ?? options.audience;
      const verifyOptions = audience === undefined ? baseOptions : { ...baseOptions, audience };
      let payload: Record<string, unknown>;
      try {
        if (needsKid && typeof decodeProtectedHeader(token).kid !== 'string') throw refusal('unknown-key');
        // The overloads of jwtVerify differ for a key and a key getter; both are handled at run time.
        const result =
          typeof keyInput === 'function'
            ? await jwtVerify(token, keyInput, verifyOptions)
            : await jwtVerify(token, keyInput, verifyOptions);
        payload = result.payload;
      } catch (error) {
        if (isPenghubungError(error)) throw error;
        throw refusal(failureOf(error), error);
      }
      const { sub, graph, requestId, fields, aud, iat, exp } = payload;
      const conditions = conditionsClaim.safeParse(payload['conditions'] ?? {});
      if (
        typeof sub !== 'string' ||
        typeof graph !== 'string' ||
        typeof requestId !== 'string' ||
        !Array.isArray(fields) ||
        !fields.every((field): field is string => typeof field === 'string') ||
        typeof iat !== 'number' ||
        typeof exp !== 'number' ||
        !conditions.success
      ) {
        throw refusal('claims');
      }
      return {
        requester: sub,
        graph,
        requestId,
        fields,
        conditions: conditions.data,
        audience: typeof aud === 'string' ? aud : null,
        issuedAt: iat,
        expiresAt: exp,
      };
    },
  };
}

const conditionsClaim = z.record(z.string(), z.array(coordinateConditionsSchema).max(50));

/**
 * A key getter over a JWKS read by `load`: reloaded when a token names an unknown key id (at most once
 * per `cooldownMs`), when older than `maxAgeMs`, when the loader's `stamp` changed (checked at most
 * once a second), and when a key's `exp` passed (a retired gateway key, lib/gatewayKeys.ts: it is
 * dropped then). A failed reload keeps the keys it had.
 */
function createRefreshingJwks(load: JwksLoader, options: { cooldownMs: number; maxAgeMs: number }): JWTVerifyGetKey {
  let current: { getKey: JWTVerifyGetKey; loadedAt: number; staleAt: number; stamp: string | undefined } | undefined;
  let loading: Promise<void> | undefined;
  let lastAttempt = 0;
  let stampCheckedAt = 0;
  const reload = (): Promise<void> => {
    lastAttempt = Date.now();
    const stamp = load.stamp?.();
    loading ??= load()
      .then((jwks) => {
        const now = new Date();
        const kept = unexpiredKeys(jwks, now);
        const loadedAt = now.getTime();
        current = { getKey: createLocalJWKSet(kept), loadedAt, staleAt: Math.min(loadedAt + options.maxAgeMs, nextExpiry(kept) ?? Infinity), stamp };
      })
      .catch((error: unknown) => {
        if (!current) throw error;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  const changed = (): boolean => {
    if (!load.stamp || !current) return false;
    const now = Date.now();
    if (now - stampCheckedAt < 1_000) return false;
    stampCheckedAt = now;
    return load.stamp() !== current.stamp;
  };
  return async (header, token) => {
    if (!current || Date.now() >= current.staleAt || changed()) await reload();
    try {
      return await (current as { getKey: JWTVerifyGetKey }).getKey(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey) || Date.now() - lastAttempt < options.cooldownMs) throw error;
      await reload();
      return (current as { getKey: JWTVerifyGetKey }).getKey(header, token);
    }
  };
}

/** Reads the token from an `Authorization: Bearer …` header value; null when absent or another scheme. */
export function gatewayTokenFromHeader(value: string | string[] | undefined): string | null {
  return bearerToken(value);
}

/** The header value the gateway sets: `Bearer <token>`. */
export function gatewayTokenHeaderValue(token: string): string {
  return bearerHeaderValue(token);
}

const refusalMessages: Record<GatewayTokenFailure, Message> = {
  missing: {
    id: 'Token gateway tidak ada: subgraph hanya dapat dipanggil melalui gateway Penghubung',
    en: 'Gateway token missing: this subgraph can only be called through the Penghubung gateway',
  },
  malformed: {
    id: 'Token gateway tidak berformat JWT yang sah',
    en: 'Gateway token is not a well-formed JWT',
  },
  signature: { id: 'Tanda tangan token gateway tidak sah', en: 'Gateway token signature is invalid' },
  expired: { id: 'Token gateway sudah kedaluwarsa', en: 'Gateway token has expired' },
  claims: { id: 'Klaim token gateway tidak sah', en: 'Gateway token claims are invalid' },
  'unknown-key': {
    id: 'Token gateway ditandatangani kunci yang tidak dikenal',
    en: 'Gateway token is signed with an unknown key',
  },
};

function refusal(reason: GatewayTokenFailure, cause?: unknown): PenghubungError {
  const claim = cause instanceof joseErrors.JWTClaimValidationFailed ? cause.claim : undefined;
  return new PenghubungError(ErrorCode.UNAUTHENTICATED, refusalMessages[reason], {
    reason,
    ...optional('claim', claim),
  });
}

function failureOf(error: unknown): GatewayTokenFailure {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return 'claims';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return 'unknown-key';
  }
  // A token signed with another algorithm (HS256 with the public key as secret, `none`) is a forgery.
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported)
    return 'signature';
  return 'malformed';
}

/** A Node `KeyObject` for a private key given as a Web Crypto key, a `KeyObject` or a private JWK. */
function privateKeyObject(key: GatewayKey): NodeKeyObject {
  const object =
    key instanceof NodeKeyObject
      ? key
      : isJwk(key)
        ? createPrivateKey({ key: key as NodeJsonWebKey, format: 'jwk' })
        : NodeKeyObject.from(key as Parameters<typeof NodeKeyObject.from>[0]);
  if (object.type !== 'private' || object.asymmetricKeyType !== 'ed25519') throw invalidKey();
  return object;
}

/** RFC 7638 thumbprint of the public half of an Ed25519 private key (the JWKS's `kid`). */
function thumbprintOfPrivateKey(privateKey: NodeKeyObject): string {
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function isJwks(value: unknown): value is JSONWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

function isJwk(value: unknown): value is JWK {
  return typeof value === 'object' && value !== null && typeof (value as { kty?: unknown }).kty === 'string';
}

function invalidKey(): PenghubungError {
  return new PenghubungError(ErrorCode.BAD_REQUEST, {
    id: 'Kunci gateway tidak dapat dibaca sebagai kunci Ed25519',
    en: 'The gateway key cannot be read as an Ed25519 key',
  });
}

function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}
