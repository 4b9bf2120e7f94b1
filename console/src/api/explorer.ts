/**
 * The explorer's way to the gateway: the page may connect to its own origin only (CSP), so each
 * GraphQL request goes to the registry's POST /v1/explorer/graphql[/graph], which forwards it with
 * the requester's API key. The key lives in sessionStorage only: gone when the tab closes.
 */
import { csrfHeaders, reportUnauthenticated } from './client';

const KEY_STORAGE = 'penghubung.explorer.apiKey';
export const EXPLORER_KEY_HEADER = 'x-penghubung-api-key';

export function storedApiKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function storeApiKey(key: string): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage disabled: the key lasts as long as the page.
  }
}

/** The `phk_<prefix>_…` prefix of a key, which the registry lists beside each credential. */
export function apiKeyPrefix(key: string): string | null {
  const match = /^phk_([A-Za-z0-9]+)_/.exec(key.trim());
  return match ? match[1]! : null;
}

export interface GraphQLParams {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; messageEn?: string; deniedCoordinates?: string[]; [key: string]: unknown };
}

export interface GraphQLResult {
  data?: unknown;
  errors?: GraphQLErrorShape[];
  [key: string]: unknown;
}

/**
 * Sends one GraphQL request through the registry. The gateway's own answers (data, FORBIDDEN_FIELD,
 * its 401 for a wrong key) come back as GraphQL results; the registry's refusals (no key, a body too
 * large, the gateway down) are turned into a GraphQL error carrying the registry's message.
 */
export async function explorerFetch(graph: string, apiKey: string, params: GraphQLParams): Promise<GraphQLResult> {
  const response = await fetch(`/v1/explorer/graphql/${encodeURIComponent(graph)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', [EXPLORER_KEY_HEADER]: apiKey, ...csrfHeaders() },
    body: JSON.stringify({ query: params.query, variables: params.variables ?? null, operationName: params.operationName ?? null }),
  });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (body && typeof body === 'object' && ('data' in body || 'errors' in body)) return body as GraphQLResult;
  const registryError = (body ?? {}) as { code?: string; message?: string; messageEn?: string };
  if (response.status === 401 && registryError.code) reportUnauthenticated();
  return {
    errors: [
      {
        message: registryError.message ?? `Registry menjawab ${response.status}.`,
        extensions: { code: registryError.code ?? `HTTP_${response.status}`, messageEn: registryError.messageEn ?? `The registry answered ${response.status}.` },
      },
    ],
  };
}

/** The fields a FORBIDDEN_FIELD refusal names, or none. */
export function deniedCoordinatesOf(result: GraphQLResult): string[] {
  const denied = new Set<string>();
  for (const error of result.errors ?? []) {
    if (error.extensions?.code === 'FORBIDDEN_FIELD') for (const coordinate of error.extensions.deniedCoordinates ?? []) denied.add(coordinate);
  }
  return [...denied];
}
