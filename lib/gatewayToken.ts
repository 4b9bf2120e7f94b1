/**
 * The identity token the gateway sends with every subgraph call.
 *
 * The gateway signs, per request, a short-lived EdDSA (Ed25519) JWT naming the requester, the graph,
 * the request id and the field coordinates (`Type.field`) the operation was authorized for. A subgraph
 * verifies it with the gateway's public key (a key, a JWK, a JWKS document, or the URL of the
 * gateway's `/.well-known/jwks.json`) and lets its resolvers run only for those fields: agencies are
 * reached through the bus, never point to point (Perwali Baubau 32/2024 Pasal 5a), and a subgraph
 * does not have to trust the network it sits on.
 *
 * Claims: `iss` = `penghubung-gateway`, `sub` = requester (client id), `graph`, `requestId`, `fields`,
 * `iat`, `exp` (60 s after `iat`), and `aud` (the subgraph name) when the signer is given one.
 */
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  importSPKI,
  jwtVerify,
} from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK, JWTVerifyGetKey, KeyObject } from 'jose';
import { ErrorCode, PenghubungError } from './errors.ts';
import type { Message } from './errors.ts';

export const GATEWAY_TOKEN_ISSUER = 'penghubung-gateway';
export const GATEWAY_TOKEN_ALGORITHM = 'EdDSA';
export const GATEWAY_TOKEN_TTL_SECONDS = 60;
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
  /** Field coordinates (`Type.field`) the operation was authorized for. */
  fields: readonly string[];
  /** The subgraph the token is meant for (`aud`); optional. */
  audience?: string;
}

export interface VerifiedGatewayToken {
  requester: string;
  graph: string;
  requestId: string;
  fields: readonly string[];
  audience: string | null;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

export interface GatewayTokenSigner {
  sign(claims: GatewayTokenClaims): Promise<string>;
}

export interface GatewayTokenSignerOptions {
  /** Key id written in the JWT header; defaults to the RFC 7638 thumbprint when the key allows it. */
  kid?: string;
  /** Lifetime of a token; 60 s unless told. */
  ttlSeconds?: number;
}

export interface GatewayTokenVerifier {
  /** Resolves to the verified claims; rejects with a `PenghubungError` (`UNAUTHENTICATED`). */
  verify(token: string | null | undefined): Promise<VerifiedGatewayToken>;
}

export interface GatewayTokenVerifierOptions {
  /** When set, the token's `aud` must equal it (the subgraph's name). */
  audience?: string;
  /** Allowed clock skew between gateway and subgraph; 5 s unless told. */
  clockToleranceSeconds?: number;
  /** Tokens older than this are refused even if `exp` says otherwise; 120 s unless told. */
  maxTokenAgeSeconds?: number;
}

export type GatewayTokenFailure =
  'missing' | 'malformed' | 'signature' | 'expired' | 'claims' | 'unknown-key';

/** An Ed25519 key pair for signing gateway tokens. The private key is extractable so it can be stored. */
export async function generateGatewayKeyPair(): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  return generateKeyPair(GATEWAY_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
}

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

export function createGatewayTokenSigner(
  privateKey: GatewayKey,
  options: GatewayTokenSignerOptions = {},
): GatewayTokenSigner {
  const ttlSeconds = options.ttlSeconds ?? GATEWAY_TOKEN_TTL_SECONDS;
  // The kid lets a subgraph holding a JWKS pick the key; computed once, lazily (it is async).
  let kid: Promise<string | undefined> | undefined;
  const keyId = (): Promise<string | undefined> =>
    (kid ??= options.kid ? Promise.resolve(options.kid) : thumbprintOf(privateKey));

  return {
    async sign(claims) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({
        graph: claims.graph,
        requestId: claims.requestId,
        fields: [...claims.fields],
      })
        .setProtectedHeader({ alg: GATEWAY_TOKEN_ALGORITHM, typ: 'JWT', ...optional('kid', await keyId()) })
        .setIssuer(GATEWAY_TOKEN_ISSUER)
        .setSubject(claims.requester)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds);
      if (claims.audience !== undefined) jwt.setAudience(claims.audience);
      return jwt.sign(privateKey);
    },
  };
}

export function createGatewayTokenVerifier(
  key: GatewayKey | JSONWebKeySet | URL,
  options: GatewayTokenVerifierOptions = {},
): GatewayTokenVerifier {
  const keyInput: GatewayKey | JWTVerifyGetKey =
    key instanceof URL ? createRemoteJWKSet(key) : isJwks(key) ? createLocalJWKSet(key) : key;
  const verifyOptions = {
    issuer: GATEWAY_TOKEN_ISSUER,
    algorithms: [GATEWAY_TOKEN_ALGORITHM, 'Ed25519'],
    clockTolerance: options.clockToleranceSeconds ?? 5,
    maxTokenAge: options.maxTokenAgeSeconds ?? 2 * GATEWAY_TOKEN_TTL_SECONDS,
    requiredClaims: ['iat', 'exp', 'sub'],
    ...optional('audience', options.audience),
  };

  return {
    async verify(token) {
      if (!token) throw refusal('missing');
      let payload: Record<string, unknown>;
      try {
        // The overloads of jwtVerify differ for a key and a key getter; both are handled at run time.
        const result =
          typeof keyInput === 'function'
            ? await jwtVerify(token, keyInput, verifyOptions)
            : await jwtVerify(token, keyInput, verifyOptions);
        payload = result.payload;
      } catch (error) {
        throw refusal(failureOf(error), error);
      }
      const { sub, graph, requestId, fields, aud, iat, exp } = payload;
      if (
        typeof sub !== 'string' ||
        typeof graph !== 'string' ||
        typeof requestId !== 'string' ||
        !Array.isArray(fields) ||
        !fields.every((field): field is string => typeof field === 'string') ||
        typeof iat !== 'number' ||
        typeof exp !== 'number'
      ) {
        throw refusal('claims');
      }
      return {
        requester: sub,
        graph,
        requestId,
        fields,
        audience: typeof aud === 'string' ? aud : null,
        issuedAt: iat,
        expiresAt: exp,
      };
    },
  };
}

/** Reads the token from an `Authorization: Bearer …` header value; null when absent or another scheme. */
export function gatewayTokenFromHeader(value: string | string[] | undefined): string | null {
  const header = Array.isArray(value) ? value[0] : value;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** The header value the gateway sets: `Bearer <token>`. */
export function gatewayTokenHeaderValue(token: string): string {
  return `Bearer ${token}`;
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

async function thumbprintOf(key: GatewayKey): Promise<string | undefined> {
  try {
    const jwk = isJwk(key) ? key : await exportJWK(key);
    if (jwk.kty !== 'OKP' || typeof jwk.crv !== 'string' || typeof jwk.x !== 'string') return undefined;
    return await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  } catch {
    // A non-extractable private key has no exportable public part: sign without a kid.
    return undefined;
  }
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
