/**
 * The one way the console calls the registry: same-origin fetch with the session cookie, the CSRF
 * token on every request that changes something, and every error turned into an `ApiError` that
 * carries the registry's bilingual message. A 401 tells the session layer to show sign-in.
 */

export interface ErrorBody {
  code: string;
  message: string;
  messageEn: string;
  details?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageId: string;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(status: number, body: ErrorBody) {
    super(body.messageEn || body.message);
    this.status = status;
    this.code = body.code;
    this.messageId = body.message;
    this.messageEn = body.messageEn;
    this.details = body.details;
  }
}

/** The registry could not be reached at all (network down, registry stopped). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on every 401: the session expired or was revoked. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** The headers a same-origin call that changes something carries (for calls made outside `api`). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** Tells the session layer the registry answered 401 (for calls made outside `api`). */
export function reportUnauthenticated(): void {
  for (const listener of unauthenticatedListeners) listener();
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** Do not report a 401 to the session layer (the session probe itself). */
  quietUnauthenticated?: boolean;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<ErrorBody>;
    if (typeof body.code === 'string') {
      return new ApiError(response.status, {
        code: body.code,
        message: body.message ?? text,
        messageEn: body.messageEn ?? body.message ?? text,
        details: body.details,
      });
    }
  } catch {
    // Not the registry's JSON error (a proxy's page): shown as it is below.
  }
  return new ApiError(response.status, {
    code: `HTTP_${response.status}`,
    message: `Registry menjawab ${response.status}.`,
    messageEn: `The registry answered ${response.status}.`,
    details: text.slice(0, 500),
  });
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      code: NETWORK_ERROR,
      message: 'Registry tidak dapat dihubungi. Periksa jaringan lalu coba lagi.',
      messageEn: 'The registry cannot be reached. Check the network and try again.',
    });
  }
  if (response.status === 401 && !options.quietUnauthenticated) {
    for (const listener of unauthenticatedListeners) listener();
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await response.json() : await response.text()) as T;
}

export const get = <T>(path: string, options?: RequestOptions) => api<T>('GET', path, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) =>
  api<T>('POST', path, { ...options, body: body ?? {} });
export const put = <T>(path: string, body?: unknown, options?: RequestOptions) =>
  api<T>('PUT', path, { ...options, body: body ?? {} });
export const patch = <T>(path: string, body?: unknown, options?: RequestOptions) =>
  api<T>('PATCH', path, { ...options, body: body ?? {} });
export const del = <T>(path: string, options?: RequestOptions) => api<T>('DELETE', path, options);
