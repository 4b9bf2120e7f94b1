/**
 * The one reader of `Authorization: Bearer <token>` headers (RFC 6750 §2.1), used by the gateway
 * (API keys), the registry (registry tokens) and the subgraphs (gateway tokens).
 */

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The token of a Bearer header value; null when absent, empty or another scheme. */
export function bearerToken(value: string | readonly string[] | undefined): string | null {
  const header = typeof value === 'string' ? value : value?.[0];
  if (!header) return null;
  return BEARER.exec(header)?.[1] ?? null;
}

/** The header value that carries `token`: `Bearer <token>`. */
export function bearerHeaderValue(token: string): string {
  return `Bearer ${token}`;
}
