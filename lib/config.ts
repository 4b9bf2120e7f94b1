import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Every part receives its slice of this typed object;
 * nothing else touches `process.env`. Parsing fails fast with one readable line per problem.
 */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const environmentSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional(),
  PENGHUBUNG_DATA_DIR: z.string().trim().min(1).default('./data'),
  PENGHUBUNG_HOST: z.string().trim().min(1).default('127.0.0.1'),
  PENGHUBUNG_GATEWAY_PORT: port(4000),
  PENGHUBUNG_REGISTRY_PORT: port(4100),
  PENGHUBUNG_DEMO_BASE_PORT: port(4201),
  PENGHUBUNG_PUBLIC_URL: z.string().url().optional(),
  PENGHUBUNG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PENGHUBUNG_MAX_SCHEMA_BYTES: z.coerce.number().int().positive().default(1_048_576),
  PENGHUBUNG_TRAFFIC_WINDOW_DAYS: z.coerce.number().int().min(0).default(30),
  PENGHUBUNG_LOOKUP_SECRET: z.string().min(32, 'paling sedikit 32 karakter / at least 32 characters').optional(),
  PENGHUBUNG_LOG_FAIL_MODE: z.enum(['closed', 'open']).default('closed'),
  PENGHUBUNG_SUPERGRAPH_POLL_MS: z.coerce.number().int().min(100).default(1000),
  PENGHUBUNG_GATEWAY_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(30).default(10),
});

export interface DatabaseConfig {
  /** A PostgreSQL URL; when absent, an embedded PGlite database lives in `dataDir`. */
  url: string | undefined;
  dataDir: string;
}

export interface Config {
  database: DatabaseConfig;
  dataDir: string;
  host: string;
  gatewayPort: number;
  registryPort: number;
  /** Demo agencies listen from here (REST on even offsets, subgraphs on odd); 0 picks free ports. */
  demoBasePort: number;
  publicUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxSchemaBytes: number;
  trafficWindowDays: number;
  supergraphPollMs: number;
  /** Lifetime of the token the gateway signs for each subgraph fetch (seconds, 1–30). */
  gatewayTokenTtlSeconds: number;
  /**
   * HMAC key of the access log's lookup hashes (a NIK is stored masked, searchable by its HMAC).
   * Unset: generated once and kept in `<dataDir>/keys/lookup-secret` (every process of an
   * installation must use the same one).
   */
  lookupSecret: string | undefined;
  /** 'closed' (default): a request whose log record cannot be written is answered 503, not served. */
  logFailMode: 'closed' | 'open';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Konfigurasi tidak valid / invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.PENGHUBUNG_DATA_DIR);
  return {
    database: { url: e.DATABASE_URL, dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    host: e.PENGHUBUNG_HOST,
    gatewayPort: e.PENGHUBUNG_GATEWAY_PORT,
    registryPort: e.PENGHUBUNG_REGISTRY_PORT,
    demoBasePort: e.PENGHUBUNG_DEMO_BASE_PORT,
    publicUrl: e.PENGHUBUNG_PUBLIC_URL,
    logLevel: e.PENGHUBUNG_LOG_LEVEL,
    maxSchemaBytes: e.PENGHUBUNG_MAX_SCHEMA_BYTES,
    trafficWindowDays: e.PENGHUBUNG_TRAFFIC_WINDOW_DAYS,
    supergraphPollMs: e.PENGHUBUNG_SUPERGRAPH_POLL_MS,
    gatewayTokenTtlSeconds: e.PENGHUBUNG_GATEWAY_TOKEN_TTL_SECONDS,
    lookupSecret: e.PENGHUBUNG_LOOKUP_SECRET,
    logFailMode: e.PENGHUBUNG_LOG_FAIL_MODE,
  };
}
