import path from 'node:path';
import { z } from 'zod';
import type { DatabaseConfig } from '../drizzle/database.ts';
import { describeIssue } from './validation/messages.ts';

/**
 * The one place that reads the environment. Every part receives its slice of this typed object;
 * nothing else touches `process.env`. Parsing fails fast with one readable line per problem.
 */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const limit = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
/** A line printed on the report for the head of region: one line of readable text. */
const reportText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'tanpa karakter kendali / no control characters')
    .optional();

/** An absolute URL with one of `schemes` (optional). */
const urlWithScheme = (schemes: readonly string[], expected: string) =>
  z
    .string()
    .trim()
    .url()
    .refine((value) => !URL.canParse(value) || schemes.includes(new URL(value).protocol), `harus diawali ${expected} / must start with ${expected}`)
    .optional();

/**
 * Who the monitoring-and-evaluation report is from and for (registry/evaluation/report/): the region
 * named on it, the head of region it is addressed to, and the official who signs it. Each can also be
 * given per report (`penghubung log report --region …`); unset lines are left blank to fill by hand.
 */
export interface ReportSettings {
  /** `Kabupaten Pacitan`. */
  region?: string;
  /** The addressee: `Bupati Pacitan` (default: "Bupati/Wali Kota"). */
  head?: string;
  /** Where the report is signed: `Pacitan`. */
  place?: string;
  signer?: { name?: string; title?: string; nip?: string };
}

/**
 * What one GraphQL request may ask of a graph, checked by the gateway before validation finishes and
 * before any query planning (gateway/limits/). Each can be set for every graph with its environment
 * variable, and per graph with `PENGHUBUNG_GRAPH_LIMITS`. The defaults let the demo's and the
 * documented queries through with a wide margin and refuse, in milliseconds, the documents that
 * made planning run for minutes.
 */
export interface OperationLimits {
  /** Lexical tokens in the document (graphql-js `maxTokens`, counted while parsing). */
  maxTokens: number;
  /** Nesting of fields, counted through fragments (a fragment adds no level of its own). */
  maxDepth: number;
  /** Aliased fields in the operation, counted through fragments. */
  maxAliases: number;
  /** Directives used in the document. */
  maxDirectives: number;
  /**
   * The estimated cost of the operation (gateway/limits/cost.ts): every field 1, every object field
   * 2, a list multiplies what is under it by its page size (its `batas`/`first`/`limit` literal, else
   * 10), a join to another agency's subgraph adds 10; fragments counted as many times as they are spread.
   */
  maxCost: number;
  /** Nesting of the request's variables (objects and lists). */
  maxVariablesDepth: number;
  /** Size of the request's variables as JSON. */
  maxVariablesBytes: number;
  /** Requests per second per API key (token bucket refilled every second), beside the daily quota. */
  ratePerSecond: number;
  /** Requests per minute per API key. */
  ratePerMinute: number;
  /**
   * Requests of one API key in flight at once in the graph (admitted, not yet answered and
   * recorded); more are refused with 429 and `Retry-After: 1`. 0 turns the limit off.
   */
  maxConcurrent: number;
}

export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 30,
  maxCost: 5_000,
  maxVariablesDepth: 16,
  maxVariablesBytes: 65_536,
  ratePerSecond: 50,
  ratePerMinute: 1_200,
  maxConcurrent: 16,
});

/**
 * What one subgraph schema (SDL) may contain, checked by the registry before federation validation
 * and composition (registry/checks/schemaLimits.ts). Each is set with its `PENGHUBUNG_SCHEMA_*`
 * environment variable.
 */
export interface SchemaLimits {
  /** Lexical tokens in the SDL. */
  maxTokens: number;
  /** Type definitions and extensions (object, interface, input, enum, union, scalar). */
  maxTypes: number;
  /** Fields, input fields and enum values of all types together. */
  maxFields: number;
  /** List and non-null wrappers around one type reference (`[[String!]!]!` is 5). */
  maxTypeNesting: number;
  /** Directives on one element (type, field, argument, enum value, schema). */
  maxDirectivesPerElement: number;
  /** Directives in the whole SDL. */
  maxDirectives: number;
}

/**
 * Defaults: the demo subgraphs use well under 1% of each. A subgraph of 5,000 fields composes in
 * about a second on a small server (bench/README.md); beyond that an agency should split its subgraph.
 */
export const DEFAULT_SCHEMA_LIMITS: Readonly<SchemaLimits> = Object.freeze({
  maxTokens: 100_000,
  maxTypes: 1_000,
  maxFields: 5_000,
  maxTypeNesting: 10,
  maxDirectivesPerElement: 20,
  maxDirectives: 5_000,
});

/**
 * Budget of one composition in the registry's worker thread: 5× the ~2 s that 50 demo-sized
 * subgraphs take (DESIGN.md), so only a schema built to compose slowly reaches it.
 */
export const DEFAULT_COMPOSITION_TIMEOUT_MS = 10_000;
/** Heap of the composition worker: far above what a subgraph within the schema limits needs. */
export const DEFAULT_COMPOSITION_MEMORY_MB = 1024;

const environmentSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional(),
  PENGHUBUNG_DATA_DIR: z.string().trim().min(1).default('./data'),
  PENGHUBUNG_HOST: z.string().trim().min(1).default('127.0.0.1'),
  PENGHUBUNG_GATEWAY_PORT: port(4000),
  PENGHUBUNG_REGISTRY_PORT: port(4100),
  PENGHUBUNG_DEMO_BASE_PORT: port(4201),
  PENGHUBUNG_PUBLIC_URL: z.string().url().optional(),
  /** Where the registry reaches the gateway for the console's explorer; default: the gateway started beside it. */
  PENGHUBUNG_GATEWAY_INTERNAL_URL: z.string().url().optional(),
  PENGHUBUNG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PENGHUBUNG_MAX_SCHEMA_BYTES: z.coerce.number().int().positive().default(1_048_576),
  PENGHUBUNG_TRAFFIC_WINDOW_DAYS: z.coerce.number().int().min(0).default(30),
  PENGHUBUNG_LOOKUP_SECRET: z.string().min(32, 'paling sedikit 32 karakter / at least 32 characters').optional(),
  PENGHUBUNG_CHECKPOINT_DIR: z.string().trim().min(1).optional(),
  PENGHUBUNG_CHECKPOINT_WEBHOOK_URL: z.string().url().optional(),
  PENGHUBUNG_WEBHOOK_URL: urlWithScheme(['http:', 'https:'], 'http:// atau https:// / http:// or https://'),
  PENGHUBUNG_SMTP_URL: urlWithScheme(['smtp:', 'smtps:'], 'smtp:// atau smtps:// / smtp:// or smtps://'),
  PENGHUBUNG_SMTP_FROM: z.string().trim().email('bukan alamat e-mail / not an e-mail address').optional(),
  PENGHUBUNG_CONSOLE_URL: urlWithScheme(['http:', 'https:'], 'http:// atau https:// / http:// or https://'),
  PENGHUBUNG_NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  PENGHUBUNG_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  PENGHUBUNG_NOTIFY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  PENGHUBUNG_LOG_FAIL_MODE: z.enum(['closed', 'open']).default('closed'),
  PENGHUBUNG_SUPERGRAPH_POLL_MS: z.coerce.number().int().min(100).default(1000),
  PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  PENGHUBUNG_GATEWAY_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(30).default(10),
  PENGHUBUNG_LIMIT_MAX_TOKENS: limit(DEFAULT_OPERATION_LIMITS.maxTokens),
  PENGHUBUNG_LIMIT_MAX_DEPTH: limit(DEFAULT_OPERATION_LIMITS.maxDepth),
  PENGHUBUNG_LIMIT_MAX_ALIASES: limit(DEFAULT_OPERATION_LIMITS.maxAliases),
  PENGHUBUNG_LIMIT_MAX_DIRECTIVES: limit(DEFAULT_OPERATION_LIMITS.maxDirectives),
  PENGHUBUNG_LIMIT_MAX_COST: limit(DEFAULT_OPERATION_LIMITS.maxCost),
  PENGHUBUNG_LIMIT_MAX_VARIABLES_DEPTH: limit(DEFAULT_OPERATION_LIMITS.maxVariablesDepth),
  PENGHUBUNG_LIMIT_MAX_VARIABLES_BYTES: limit(DEFAULT_OPERATION_LIMITS.maxVariablesBytes),
  PENGHUBUNG_RATE_PER_SECOND: limit(DEFAULT_OPERATION_LIMITS.ratePerSecond),
  PENGHUBUNG_RATE_PER_MINUTE: limit(DEFAULT_OPERATION_LIMITS.ratePerMinute),
  PENGHUBUNG_RATE_MAX_CONCURRENT: limit(DEFAULT_OPERATION_LIMITS.maxConcurrent),
  /** Per-graph overrides as JSON: `{"semua":{"maxDepth":15},"kependudukan":{"ratePerSecond":50}}`. */
  PENGHUBUNG_GRAPH_LIMITS: z.string().trim().optional(),
  PENGHUBUNG_SCHEMA_MAX_TOKENS: limit(DEFAULT_SCHEMA_LIMITS.maxTokens),
  PENGHUBUNG_SCHEMA_MAX_TYPES: limit(DEFAULT_SCHEMA_LIMITS.maxTypes),
  PENGHUBUNG_SCHEMA_MAX_FIELDS: limit(DEFAULT_SCHEMA_LIMITS.maxFields),
  PENGHUBUNG_SCHEMA_MAX_TYPE_NESTING: limit(DEFAULT_SCHEMA_LIMITS.maxTypeNesting),
  PENGHUBUNG_SCHEMA_MAX_DIRECTIVES_PER_ELEMENT: limit(DEFAULT_SCHEMA_LIMITS.maxDirectivesPerElement),
  PENGHUBUNG_SCHEMA_MAX_DIRECTIVES: limit(DEFAULT_SCHEMA_LIMITS.maxDirectives),
  PENGHUBUNG_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  PENGHUBUNG_COMPOSITION_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_COMPOSITION_TIMEOUT_MS),
  PENGHUBUNG_COMPOSITION_MEMORY_MB: z.coerce.number().int().min(64).default(DEFAULT_COMPOSITION_MEMORY_MB),
  PENGHUBUNG_SUBGRAPH_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(10),
  PENGHUBUNG_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  PENGHUBUNG_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  PENGHUBUNG_COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  PENGHUBUNG_REGION_NAME: reportText(120),
  PENGHUBUNG_REGION_HEAD: reportText(120),
  PENGHUBUNG_REPORT_PLACE: reportText(80),
  PENGHUBUNG_REPORT_SIGNER_NAME: reportText(120),
  PENGHUBUNG_REPORT_SIGNER_TITLE: reportText(200),
  PENGHUBUNG_REPORT_SIGNER_NIP: z
    .string()
    .trim()
    .regex(/^\d{18}$/, 'NIP harus 18 digit / a NIP has 18 digits')
    .optional(),
});

const graphLimitsSchema = z.record(
  z.string(),
  z
    .object({
      maxTokens: z.number().int().positive(),
      maxDepth: z.number().int().positive(),
      maxAliases: z.number().int().min(0),
      maxDirectives: z.number().int().min(0),
      maxCost: z.number().int().positive(),
      maxVariablesDepth: z.number().int().positive(),
      maxVariablesBytes: z.number().int().positive(),
      ratePerSecond: z.number().int().positive(),
      ratePerMinute: z.number().int().positive(),
      maxConcurrent: z.number().int().min(0),
    })
    .partial()
    .strict(),
);

export interface Config {
  database: DatabaseConfig;
  dataDir: string;
  host: string;
  gatewayPort: number;
  registryPort: number;
  /** Demo agencies listen from here (REST on even offsets, subgraphs on odd); 0 picks free ports. */
  demoBasePort: number;
  publicUrl: string | undefined;
  /**
   * The gateway as the registry reaches it, for the console explorer's same-origin forwarding
   * (`POST /v1/explorer/graphql`). Unset: the gateway `startSystem` starts in the same process.
   */
  gatewayInternalUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxSchemaBytes: number;
  /** What one subgraph SDL may contain, checked before validation and composition */
  schemaLimits: SchemaLimits;
  /**
   * Longest one composition may run in the registry's composition worker before the worker is
   * terminated and the publish or check refused with COMPOSITION_TIMEOUT (ms).
   */
  compositionTimeoutMs: number;
  /** Heap limit of the composition worker (MB): a schema that needs more kills the worker, not the registry. */
  compositionMemoryMb: number;
  trafficWindowDays: number;
  supergraphPollMs: number;
  /** Least time between two supergraph swaps of one graph in a gateway (gateway/graphRuntime.ts). */
  supergraphMinSwapMs: number;
  /** Lifetime of the token the gateway signs for each subgraph fetch (seconds, 1–30). */
  gatewayTokenTtlSeconds: number;
  /**
   * HMAC key of the access log's lookup hashes (a NIK is stored masked, searchable by its HMAC).
   * Unset: generated once and kept in `<dataDir>/keys/lookup-secret` (every process of an
   * installation must use the same one).
   */
  lookupSecret: string | undefined;
  /**
   * Where every new checkpoint is published outside the database: a folder (another disk or host)
   * and/or a witness URL that receives each one as a JSON POST (registry/log/publish.ts).
   */
  checkpointPublishing: { dir: string | undefined; webhookUrl: string | undefined };
  /** 'closed' (default): a request whose log record cannot be written is answered 503, not served. */
  logFailMode: 'closed' | 'open';
  /** Operation limits of every graph (`default`) and of named graphs (`graphs`, merged over the default). */
  limits: { default: OperationLimits; graphs: Record<string, Partial<OperationLimits>> };
  /** On SIGTERM, how long requests in flight may finish before the process exits anyway (ms). */
  drainTimeoutMs: number;
  /** Deadline of one gateway fetch to a subgraph (seconds; a stalled agency answers UPSTREAM_TIMEOUT after it). */
  subgraphTimeoutSeconds: number;
  /** The region and the signing official printed on the report for the head of region. */
  report: ReportSettings;
  /** Where the notifications of requests waiting for someone go (registry/notifications/). */
  notifications: NotificationConfig;
  /**
   * Console sessions: ended after `idleMinutes` without use and `absoluteHours` after sign-in; the
   * cookie always `Secure` with `cookieSecure` (otherwise only when the request came over https).
   */
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
}

/**
 * The webhook that receives every notification event (signed with `data/keys/webhook-secret`) and the
 * SMTP server that mails the people who should act; either may be absent.
 */
export interface NotificationConfig {
  webhookUrl: string | undefined;
  smtp: { url: string; from: string } | undefined;
  /** The console's public address for the links in e-mails; unset: the registry's own `/console`. */
  consoleUrl: string | undefined;
  /** Deadline of one delivery attempt (ms). */
  timeoutMs: number;
  /** Attempts before a notification is marked failed. */
  maxAttempts: number;
  /** Days delivered and skipped notifications are kept in the outbox (failed ones stay). */
  retentionDays: number;
}

/** The limits that apply to `graph`. */
export function limitsForGraph(limits: Config['limits'], graph: string): OperationLimits {
  return { ...limits.default, ...(limits.graphs[graph] ?? {}) };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => {
        const described = describeIssue(issue);
        return `${issue.path.join('.')}: ${described.id === described.en ? described.id : `${described.id} / ${described.en}`}`;
      })
      .join('; ');
    throw new ConfigError(`Konfigurasi tidak valid / invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  let graphLimits: Record<string, Partial<OperationLimits>> = {};
  if (e.PENGHUBUNG_GRAPH_LIMITS) {
    let json: unknown;
    try {
      json = JSON.parse(e.PENGHUBUNG_GRAPH_LIMITS);
    } catch {
      throw new ConfigError('Konfigurasi tidak valid / invalid configuration: PENGHUBUNG_GRAPH_LIMITS: bukan JSON / not JSON');
    }
    const checked = graphLimitsSchema.safeParse(json);
    if (!checked.success) {
      const problems = checked.error.issues.map((issue) => `PENGHUBUNG_GRAPH_LIMITS.${issue.path.join('.')}: ${issue.message}`).join('; ');
      throw new ConfigError(`Konfigurasi tidak valid / invalid configuration: ${problems}`);
    }
    graphLimits = checked.data as Record<string, Partial<OperationLimits>>;
  }
  if (e.PENGHUBUNG_SMTP_URL !== undefined && e.PENGHUBUNG_SMTP_FROM === undefined) {
    throw new ConfigError(
      'Konfigurasi tidak valid / invalid configuration: PENGHUBUNG_SMTP_FROM: wajib diisi bila PENGHUBUNG_SMTP_URL diatur / required when PENGHUBUNG_SMTP_URL is set',
    );
  }
  const dataDir = path.resolve(e.PENGHUBUNG_DATA_DIR);
  return {
    database: { url: e.DATABASE_URL, dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    host: e.PENGHUBUNG_HOST,
    gatewayPort: e.PENGHUBUNG_GATEWAY_PORT,
    registryPort: e.PENGHUBUNG_REGISTRY_PORT,
    demoBasePort: e.PENGHUBUNG_DEMO_BASE_PORT,
    publicUrl: e.PENGHUBUNG_PUBLIC_URL,
    gatewayInternalUrl: e.PENGHUBUNG_GATEWAY_INTERNAL_URL?.replace(/\/+$/, ''),
    logLevel: e.PENGHUBUNG_LOG_LEVEL,
    maxSchemaBytes: e.PENGHUBUNG_MAX_SCHEMA_BYTES,
    schemaLimits: {
      maxTokens: e.PENGHUBUNG_SCHEMA_MAX_TOKENS,
      maxTypes: e.PENGHUBUNG_SCHEMA_MAX_TYPES,
      maxFields: e.PENGHUBUNG_SCHEMA_MAX_FIELDS,
      maxTypeNesting: e.PENGHUBUNG_SCHEMA_MAX_TYPE_NESTING,
      maxDirectivesPerElement: e.PENGHUBUNG_SCHEMA_MAX_DIRECTIVES_PER_ELEMENT,
      maxDirectives: e.PENGHUBUNG_SCHEMA_MAX_DIRECTIVES,
    },
    trafficWindowDays: e.PENGHUBUNG_TRAFFIC_WINDOW_DAYS,
    supergraphPollMs: e.PENGHUBUNG_SUPERGRAPH_POLL_MS,
    supergraphMinSwapMs: e.PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS,
    gatewayTokenTtlSeconds: e.PENGHUBUNG_GATEWAY_TOKEN_TTL_SECONDS,
    lookupSecret: e.PENGHUBUNG_LOOKUP_SECRET,
    logFailMode: e.PENGHUBUNG_LOG_FAIL_MODE,
    compositionTimeoutMs: e.PENGHUBUNG_COMPOSITION_TIMEOUT_MS,
    compositionMemoryMb: e.PENGHUBUNG_COMPOSITION_MEMORY_MB,
    limits: {
      default: {
        maxTokens: e.PENGHUBUNG_LIMIT_MAX_TOKENS,
        maxDepth: e.PENGHUBUNG_LIMIT_MAX_DEPTH,
        maxAliases: e.PENGHUBUNG_LIMIT_MAX_ALIASES,
        maxDirectives: e.PENGHUBUNG_LIMIT_MAX_DIRECTIVES,
        maxCost: e.PENGHUBUNG_LIMIT_MAX_COST,
        maxVariablesDepth: e.PENGHUBUNG_LIMIT_MAX_VARIABLES_DEPTH,
        maxVariablesBytes: e.PENGHUBUNG_LIMIT_MAX_VARIABLES_BYTES,
        ratePerSecond: e.PENGHUBUNG_RATE_PER_SECOND,
        ratePerMinute: e.PENGHUBUNG_RATE_PER_MINUTE,
        maxConcurrent: e.PENGHUBUNG_RATE_MAX_CONCURRENT,
      },
      graphs: graphLimits,
    },
    checkpointPublishing: {
      dir: e.PENGHUBUNG_CHECKPOINT_DIR === undefined ? undefined : path.resolve(e.PENGHUBUNG_CHECKPOINT_DIR),
      webhookUrl: e.PENGHUBUNG_CHECKPOINT_WEBHOOK_URL,
    },
    drainTimeoutMs: e.PENGHUBUNG_DRAIN_TIMEOUT_MS,
    subgraphTimeoutSeconds: e.PENGHUBUNG_SUBGRAPH_TIMEOUT_SECONDS,
    notifications: {
      webhookUrl: e.PENGHUBUNG_WEBHOOK_URL,
      smtp: e.PENGHUBUNG_SMTP_URL === undefined ? undefined : { url: e.PENGHUBUNG_SMTP_URL, from: e.PENGHUBUNG_SMTP_FROM! },
      consoleUrl: e.PENGHUBUNG_CONSOLE_URL,
      timeoutMs: e.PENGHUBUNG_NOTIFY_TIMEOUT_MS,
      maxAttempts: e.PENGHUBUNG_NOTIFY_MAX_ATTEMPTS,
      retentionDays: e.PENGHUBUNG_NOTIFY_RETENTION_DAYS,
    },
    session: {
      idleMinutes: e.PENGHUBUNG_SESSION_IDLE_MINUTES,
      absoluteHours: e.PENGHUBUNG_SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.PENGHUBUNG_COOKIE_SECURE === 'true',
    },
    report: definedOnly({
      region: e.PENGHUBUNG_REGION_NAME,
      head: e.PENGHUBUNG_REGION_HEAD,
      place: e.PENGHUBUNG_REPORT_PLACE,
      signer: definedOnly({ name: e.PENGHUBUNG_REPORT_SIGNER_NAME, title: e.PENGHUBUNG_REPORT_SIGNER_TITLE, nip: e.PENGHUBUNG_REPORT_SIGNER_NIP }),
    }),
  };
}

/** `value` without its undefined entries (the configuration is read with exactOptionalPropertyTypes). */
function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
