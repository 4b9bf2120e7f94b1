/**
 * How a subgraph talks to its agency's REST API: one keep-alive undici `Agent` per subgraph, JSON
 * only, and every failure of the backend (down, timed out, 4xx/5xx, a body that is not JSON or not
 * the expected shape) turned into a GraphQL error with `extensions.code = 'UPSTREAM_ERROR'` that names
 * the agency and the call, e.g. "Layanan REST Disdukcapil gagal: GET /penduduk?nik=… → 500".
 *
 * Query values are never written into the message: they are often personal data (NIK, NIP).
 */
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { ErrorCode } from '../../lib/errors.ts';

export type QueryValue = string | number | boolean | readonly string[] | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RestClientOptions {
  /** Short agency name used in error messages, e.g. `Disdukcapil`. */
  agency: string;
  /** Base URL of the agency's REST API, e.g. `http://127.0.0.1:4101`. */
  baseUrl: string;
  /** The secret the REST API expects from its subgraph (`Authorization: Bearer …`). */
  credential?: string | undefined;
  /** Time to wait for the response headers, and between body chunks; 10 s unless told. */
  timeoutMs?: number;
  /** Keep-alive connections per origin; 16 unless told. */
  connections?: number;
  /** Use this dispatcher instead of an own Agent (the caller then closes it). */
  dispatcher?: Dispatcher;
}

export interface RestClient {
  readonly agency: string;
  readonly baseUrl: string;
  /** GET a JSON document. Rejects with an `UPSTREAM_ERROR` GraphQL error on any failure. */
  getJson(path: string, query?: Query): Promise<unknown>;
  /** GET `{ data: T[] }` and return `data`. */
  getList<T>(path: string, query?: Query): Promise<T[]>;
  /** Closes the keep-alive connections (when the client owns its Agent). */
  close(): Promise<void>;
}

/** The reason a REST call failed, as it appears after the arrow in the message. */
type Failure =
  | { kind: 'status'; status: number }
  | { kind: 'unreachable'; cause: string }
  | { kind: 'timeout' }
  | { kind: 'not-json'; status: number }
  | { kind: 'bad-shape'; status: number };

export function createRestClient(options: RestClientOptions): RestClient {
  const { agency } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const authorization = options.credential ? `Bearer ${options.credential}` : undefined;
  const ownAgent = options.dispatcher
    ? null
    : new Agent({
        keepAliveTimeout: 10_000,
        keepAliveMaxTimeout: 60_000,
        connections: options.connections ?? 16,
      });
  const dispatcher: Dispatcher = options.dispatcher ?? (ownAgent as Agent);

  async function getJson(path: string, query: Query = {}): Promise<unknown> {
    const search = toSearch(query);
    const call = { method: 'GET', path, shown: shownCall(path, query) };
    let status: number;
    let text: string;
    try {
      const response = await request(`${baseUrl}${path}${search}`, {
        method: 'GET',
        dispatcher,
        headers: authorization ? { accept: 'application/json', authorization } : { accept: 'application/json' },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw upstreamError(agency, call, failureOfNetworkError(error), error);
    }
    if (status < 200 || status >= 300) throw upstreamError(agency, call, { kind: 'status', status });
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw upstreamError(agency, call, { kind: 'not-json', status }, error);
    }
  }

  return {
    agency,
    baseUrl,
    getJson,
    async getList<T>(path: string, query?: Query): Promise<T[]> {
      const body = await getJson(path, query);
      const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
      if (!Array.isArray(data) || !data.every((item) => typeof item === 'object' && item !== null)) {
        throw upstreamError(
          agency,
          { method: 'GET', path, shown: shownCall(path, query ?? {}) },
          {
            kind: 'bad-shape',
            status: 200,
          },
        );
      }
      return data as T[];
    },
    async close() {
      await ownAgent?.close();
    },
  };
}

function toSearch(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const search = params.toString();
  // Commas separate the ids of a batch; keep them readable in the URL.
  return search ? `?${search.replaceAll('%2C', ',')}` : '';
}

/** `/penduduk?nik=…&limit=…`: the path and the names of the query parameters, values elided. */
function shownCall(path: string, query: Query): string {
  const names = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name]) => `${name}=…`);
  return names.length ? `${path}?${names.join('&')}` : path;
}

function failureOfNetworkError(error: unknown): Failure {
  const code = errorCode(error);
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return { kind: 'timeout' };
  }
  return { kind: 'unreachable', cause: code ?? (error instanceof Error ? error.name : 'unknown') };
}

function errorCode(error: unknown): string | undefined {
  // undici wraps the socket error: ECONNREFUSED sits on `cause` (or in an AggregateError's errors).
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    if (Array.isArray(errors) && errors.length) current = errors[0];
    else current = cause;
  }
  return (error as { code?: unknown }).code as string | undefined;
}

function describe(failure: Failure): { id: string; en: string } {
  switch (failure.kind) {
    case 'status':
      return { id: String(failure.status), en: String(failure.status) };
    case 'unreachable':
      return { id: `tidak dapat dihubungi (${failure.cause})`, en: `unreachable (${failure.cause})` };
    case 'timeout':
      return { id: 'waktu tunggu habis', en: 'timed out' };
    case 'not-json':
      return {
        id: `${failure.status}, isi respons bukan JSON`,
        en: `${failure.status}, response body is not JSON`,
      };
    case 'bad-shape':
      return {
        id: `${failure.status}, isi respons tidak sesuai format { data: [...] }`,
        en: `${failure.status}, response body is not shaped { data: [...] }`,
      };
  }
}

function upstreamError(
  agency: string,
  call: { method: string; path: string; shown: string },
  failure: Failure,
  cause?: unknown,
): GraphQLError {
  const what = describe(failure);
  return new GraphQLError(`Layanan REST ${agency} gagal: ${call.method} ${call.shown} → ${what.id}`, {
    ...(cause instanceof Error ? { originalError: cause } : {}),
    extensions: {
      code: ErrorCode.UPSTREAM_ERROR,
      messageEn: `${agency} REST service failed: ${call.method} ${call.shown} → ${what.en}`,
      agency,
      call: { method: call.method, path: call.path },
      ...('status' in failure ? { upstreamStatus: failure.status } : {}),
    },
  });
}

// ---- DataLoader factories. Build them per GraphQL request (in the context), never share them. ----

export interface LoaderOptions<K> {
  /** Ids per REST call; the REST backends accept up to 500. 250 unless told. */
  maxBatchSize?: number;
  cacheKeyFn?: (key: K) => unknown;
}

/**
 * One record per key: `fetchMany` gets the distinct keys of one tick and returns the records it found,
 * in any order; a key without a record resolves to null.
 */
export function createKeyedLoader<K, V>(
  fetchMany: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (value: V) => K,
  options: LoaderOptions<K> = {},
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null, unknown>(
    async (keys) => {
      const found = new Map<unknown, V>();
      for (const value of await fetchMany(keys)) found.set(cacheKey(keyOf(value), options), value);
      return keys.map((key) => found.get(cacheKey(key, options)) ?? null);
    },
    {
      maxBatchSize: options.maxBatchSize ?? 250,
      ...(options.cacheKeyFn ? { cacheKeyFn: options.cacheKeyFn } : {}),
    },
  );
}

/**
 * Many records per key (the permits of each owner): `fetchMany` returns every record of the given
 * keys; each key resolves to its records, in the order the backend gave them ([] when none).
 */
export function createGroupedLoader<K, V>(
  fetchMany: (keys: readonly K[]) => Promise<readonly V[]>,
  groupKeyOf: (value: V) => K,
  options: LoaderOptions<K> = {},
): DataLoader<K, V[]> {
  return new DataLoader<K, V[], unknown>(
    async (keys) => {
      const groups = new Map<unknown, V[]>();
      for (const value of await fetchMany(keys)) {
        const key = cacheKey(groupKeyOf(value), options);
        const group = groups.get(key);
        if (group) group.push(value);
        else groups.set(key, [value]);
      }
      return keys.map((key) => groups.get(cacheKey(key, options)) ?? []);
    },
    {
      maxBatchSize: options.maxBatchSize ?? 250,
      ...(options.cacheKeyFn ? { cacheKeyFn: options.cacheKeyFn } : {}),
    },
  );
}

function cacheKey<K>(key: K, options: LoaderOptions<K>): unknown {
  return options.cacheKeyFn ? options.cacheKeyFn(key) : key;
}
