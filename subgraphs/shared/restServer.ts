/**
 * The frame of a demo agency REST API: a fastify app with JSON errors in the project's vocabulary,
 * `GET /health`, and a call counter per route so tests (and the demo) can see how many calls a
 * subgraph made. Each agency adds its routes; nothing listens until `listen()`.
 *
 * The API answers only its own subgraph: every route but `/health` needs `Authorization: Bearer
 * <credential>`, a secret the agency's subgraph holds (in the demo, a file of the data folder, mode
 * 0600). Without it the bus would not be the only path to the agency's data.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { ErrorCode, PenghubungError, isPenghubungError } from '../../lib/errors.ts';
import type { Message } from '../../lib/errors.ts';

export interface ListenOptions {
  /** 127.0.0.1 unless told. */
  host?: string;
  /** 0 (any free port) unless told. */
  port?: number;
}

export interface RestBackend {
  readonly agency: string;
  /** The secret callers must present (`Authorization: Bearer …`): the agency's subgraph holds it. */
  readonly credential: string;
  readonly app: FastifyInstance;
  /** Starts listening; resolves to the base URL, e.g. `http://127.0.0.1:41234`. */
  listen(options?: ListenOptions): Promise<string>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  close(): Promise<void>;
  /**
   * Calls received, per route as `METHOD /pattern` (e.g. `GET /penduduk`, `GET /penduduk/:nik`);
   * without an argument, every call except `GET /health`.
   */
  calls(route?: string): number;
  resetCalls(): void;
}

export interface RestServerOptions {
  /** Short agency name, e.g. `Disdukcapil`. */
  agency: string;
  /** The secret the agency's subgraph presents; a random one (see `credential`) unless given. */
  credential?: string;
  /** Passed to fastify; off unless told. */
  logger?: FastifyServerOptions['logger'];
}

export function buildRestServer(
  options: RestServerOptions,
  registerRoutes: (app: FastifyInstance) => void,
): RestBackend {
  const app = Fastify({ logger: options.logger ?? false });
  const counts = new Map<string, number>();
  let url: string | undefined;
  const credential = options.credential ?? randomBytes(32).toString('hex');
  const expected = createHash('sha256').update(`Bearer ${credential}`).digest();

  // Before anything else, and before counting: a refused caller reached nothing.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url === '/health') return;
    const presented = createHash('sha256').update(request.headers.authorization ?? '').digest();
    if (timingSafeEqual(presented, expected)) return;
    const refusal = new PenghubungError(ErrorCode.UNAUTHENTICATED, {
      id: `Layanan REST ${options.agency} hanya melayani subgraph-nya sendiri: kredensial tidak ada atau tidak sah. Akses data ini melalui gateway Penghubung.`,
      en: `The ${options.agency} REST service answers only its own subgraph: credential missing or invalid. Reach this data through the Penghubung gateway.`,
    });
    return reply.code(401).header('www-authenticate', 'Bearer realm="penghubung-backend"').send(refusal.toJSON());
  });

  app.addHook('onRequest', async (request) => {
    const route = `${request.method} ${request.routeOptions.url ?? '(tidak dikenal)'}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
  });

  app.setErrorHandler((error, request, reply) => {
    if (isPenghubungError(error)) return reply.code(error.status).send(error.toJSON());
    const { validation, statusCode } = error as { validation?: unknown; statusCode?: number };
    if (validation || (statusCode !== undefined && statusCode >= 400 && statusCode < 500)) {
      const invalid = new PenghubungError(ErrorCode.BAD_REQUEST, {
        id: `Permintaan tidak sah: ${(error as Error).message}`,
        en: `Bad request: ${(error as Error).message}`,
      });
      return reply.code(400).send(invalid.toJSON());
    }
    request.log.error({ err: error }, 'unexpected error in REST backend');
    return reply.code(500).send(
      new PenghubungError(ErrorCode.INTERNAL, {
        id: 'Terjadi kesalahan internal pada layanan',
        en: 'Internal error in the service',
      }).toJSON(),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new PenghubungError(ErrorCode.NOT_FOUND, {
      id: `Tidak ada rute ${request.method} ${request.url.split('?')[0]}`,
      en: `No route ${request.method} ${request.url.split('?')[0]}`,
    });
    return reply.code(404).send(error.toJSON());
  });

  app.get('/health', async () => ({ status: 'ok', agency: options.agency }));
  registerRoutes(app);

  return {
    agency: options.agency,
    credential,
    app,
    get url() {
      return url;
    },
    async listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      await app.listen({ host, port: listenOptions.port ?? 0 });
      url = urlOf(app, host);
      return url;
    },
    async close() {
      await app.close();
    },
    calls(route) {
      if (route !== undefined) return counts.get(route) ?? 0;
      let total = 0;
      for (const [name, count] of counts) if (name !== 'GET /health') total += count;
      return total;
    },
    resetCalls() {
      counts.clear();
    },
  };
}

/** The URL clients use to reach a listening fastify app (a wildcard host becomes loopback). */
export function urlOf(app: FastifyInstance, host: string): string {
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`;
}

// ---- Helpers for the agency routes ----

/** Reads a seed file (`data/*.json`, an array of records). Call it in a factory, not at import. */
export function readSeed<T>(file: URL): T[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`seed file ${file.pathname} must hold a JSON array`);
  return data as T[];
}

/** Most ids a batch call accepts. */
export const MAX_BATCH_IDS = 500;

/**
 * Reads a batch parameter (`?nik=a,b,c` or `?nik=a&nik=b`) into distinct ids, each checked against
 * `pattern`; undefined when the parameter is absent. Throws BAD_REQUEST when an id is malformed.
 */
export function parseIdList(
  raw: unknown,
  name: string,
  pattern: RegExp,
  format: Message,
): string[] | undefined {
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => String(value).split(','));
  const ids = [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
  if (ids.length === 0) {
    throw new PenghubungError(ErrorCode.BAD_REQUEST, {
      id: `Parameter ${name} kosong`,
      en: `Parameter ${name} is empty`,
    });
  }
  if (ids.length > MAX_BATCH_IDS) {
    throw new PenghubungError(ErrorCode.BAD_REQUEST, {
      id: `Parameter ${name} berisi lebih dari ${MAX_BATCH_IDS} nilai`,
      en: `Parameter ${name} holds more than ${MAX_BATCH_IDS} values`,
    });
  }
  const invalid = ids.filter((id) => !pattern.test(id)).length;
  if (invalid > 0) {
    throw new PenghubungError(
      ErrorCode.BAD_REQUEST,
      { id: `Parameter ${name} tidak sah: ${format.id}`, en: `Parameter ${name} is invalid: ${format.en}` },
      { parameter: name, invalidCount: invalid },
    );
  }
  return ids;
}

/** Reads an optional single text parameter. */
export function optionalText(raw: unknown, name: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new PenghubungError(ErrorCode.BAD_REQUEST, {
      id: `Parameter ${name} harus berupa satu teks`,
      en: `Parameter ${name} must be one text value`,
    });
  }
  return raw.trim();
}

/** Reads `?limit=` (1..max, default `fallback`). */
export function parseLimit(raw: unknown, fallback = 100, max = 500): number {
  if (raw === undefined) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new PenghubungError(ErrorCode.BAD_REQUEST, {
      id: `Parameter limit harus bilangan bulat 1–${max}`,
      en: `Parameter limit must be an integer 1–${max}`,
    });
  }
  return limit;
}

/** Reads an enum parameter. */
export function parseEnum<T extends string>(raw: unknown, name: string, values: readonly T[]): T | undefined {
  const value = optionalText(raw, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw new PenghubungError(ErrorCode.BAD_REQUEST, {
      id: `Parameter ${name} harus salah satu dari ${values.join(', ')}`,
      en: `Parameter ${name} must be one of ${values.join(', ')}`,
    });
  }
  return value as T;
}

export function notFound(message: Message): PenghubungError {
  return new PenghubungError(ErrorCode.NOT_FOUND, message);
}

export function badRequest(message: Message): PenghubungError {
  return new PenghubungError(ErrorCode.BAD_REQUEST, message);
}

/** Case-insensitive equality for names of places and units typed by people. */
export function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, 'id', { sensitivity: 'base' }) === 0;
}
