/**
 * Builds the registry: a fastify app (not listening) with zod validation, the OpenAPI document at
 * `GET /openapi.json` and its viewer at `/docs`, bearer-token authentication into `request.actor`,
 * one error handler, and the route map. Nothing connects here: the caller passes an open database.
 */
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DatabaseHandle } from '../drizzle/database.ts';
import { DATABASE_RETRY_AFTER_SECONDS, withDeadline } from '../lib/databaseFaults.ts';
import { createComposer } from './checks/index.ts';
import { createLedgerStatusSource } from './evaluation/ledgerStatus.ts';
import type { PublishingOptions, RegistryConfig, RegistryDeps } from './deps.ts';
import { registerAuthentication } from './http/authenticate.ts';
import { registerConsole } from './http/console.ts';
import { DEFAULT_SESSION_SETTINGS } from './session/sessions.ts';
import { createSignInLimiter } from './session/signInLimiter.ts';
import { registerErrorHandler } from './http/errorHandler.ts';
import { redactedRequest } from './http/redactRequest.ts';
import { registerRoutes } from './routes.ts';
import type { RouteModule } from './routes.ts';

/** Longest the readiness check waits for the database. */
const READINESS_DEADLINE_MS = 1_000;

export interface RegistryOptions {
  database: DatabaseHandle;
  config: RegistryConfig;
  /** A pino-compatible logger; otherwise fastify's own at `config.logLevel` (default info). */
  logger?: FastifyBaseLogger;
  /** Route modules registered after the route map (`registry/routes.ts`), with the same `(app, deps)`. */
  routeModules?: RouteModule[];
  publishing?: Partial<PublishingOptions>;
  /** The clock (tests may fix it). */
  now?: () => Date;
  trustProxy?: boolean;
}

export interface Registry {
  app: FastifyInstance;
  deps: RegistryDeps;
}

/**
 * Schemas named with `.meta({ id })` become shared OpenAPI components. If two modules' names collide
 * (an input and an output variant resolving to one name), the library throws on every request for
 * the document; rather than serve a 500, fall back to inlining every schema and log which names
 * collide, so the documentation stays available while the names are fixed.
 */
function openApiTransforms(log: FastifyBaseLogger) {
  const inline = z.registry<{ id?: string }>();
  const inlineTransform = createJsonSchemaTransform({ schemaRegistry: inline });
  const inlineObject = createJsonSchemaTransformObject({ schemaRegistry: inline });
  let named = true;
  return {
    transform: (document: Parameters<typeof jsonSchemaTransform>[0]) => {
      if (named) {
        try {
          return jsonSchemaTransform(document);
        } catch (error) {
          if (!(error instanceof Error) || !error.message.includes('Collision detected')) throw error;
          named = false;
          log.warn({ err: error }, 'OpenAPI schema names collide; serving the document with inlined schemas');
        }
      }
      return inlineTransform(document);
    },
    transformObject: (document: Parameters<typeof jsonSchemaTransformObject>[0]) =>
      named ? jsonSchemaTransformObject(document) : inlineObject(document),
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildRegistry(options: RegistryOptions): Promise<FastifyInstance> {
  return (await buildRegistryWithDeps(options)).app;
}

/** As `buildRegistry`, also returning the dependencies the operations received. */
export async function buildRegistryWithDeps(options: RegistryOptions): Promise<Registry> {
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger }
      : { logger: { level: options.config.logLevel ?? 'info', serializers: { req: redactedRequest } } }),
    trustProxy: options.trustProxy ?? false,
    // Routes that take a schema raise their own limit from maxSchemaBytes; everything else is small.
    bodyLimit: 256 * 1024,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const sessionSettings = { ...DEFAULT_SESSION_SETTINGS, ...options.config.session };
  const deps: RegistryDeps = {
    database: options.database,
    config: options.config,
    logger: app.log,
    now: options.now ?? (() => new Date()),
    publishing: { failOnBreaking: true, ...options.publishing },
    composer: createComposer({
      ...(options.config.compositionTimeoutMs !== undefined ? { timeoutMs: options.config.compositionTimeoutMs } : {}),
      ...(options.config.compositionMemoryMb !== undefined ? { memoryLimitMb: options.config.compositionMemoryMb } : {}),
      logger: app.log,
    }),
    session: { settings: sessionSettings, limiter: createSignInLimiter(options.database.db, sessionSettings) },
  };
  if (options.config.ledgerVerification) {
    deps.ledgerStatus = createLedgerStatusSource(options.database, options.config.ledgerVerification, deps.now);
  }
  app.addHook('onClose', () => deps.composer.close());

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Penghubung Registry API',
        description:
          'Direktori layanan, repositori metadata, dan penerbitan skema subgraph SPLP ' +
          '(service directory, metadata repository and subgraph schema publishing). ' +
          'Autentikasi: header `Authorization: Bearer phr_<prefix>_<secret>`, atau cookie sesi konsol ' +
          '`penghubung_session` dari `POST /v1/session` dengan header `x-csrf-token` pada setiap permintaan ' +
          'selain GET/HEAD (or the console session cookie with `x-csrf-token` on every unsafe request).',
        version: '1',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'phr_<prefix>_<secret>' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'penghubung_session' },
        },
      },
      tags: [
        { name: 'subgraph', description: 'Penerbitan dan pemeriksaan skema' },
        { name: 'metadata', description: 'Repositori metadata: versi, SDL, diff, metadata field' },
        { name: 'graph', description: 'Graf dan supergraph' },
        { name: 'directory', description: 'Direktori layanan' },
        { name: 'admin', description: 'Administrasi: PD, tema, graf, pengguna, token' },
        { name: 'session', description: 'Sesi' },
      ],
    },
    ...openApiTransforms(app.log),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerErrorHandler(app);
  // Parses the console's session cookie (registry/session/sessions.ts); bearer tokens need none of it.
  await app.register(fastifyCookie);
  registerAuthentication(app, deps);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Liveness (the process answers) and readiness (the database answers too): see README, "Operasi".
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await withDeadline(options.database.db.execute(sql`select 1`), READINESS_DEADLINE_MS, 'database readiness check');
      return { status: 'ready', checks: { database: { ready: true } } };
    } catch (error) {
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      const reason = error instanceof Error ? error.message : String(error);
      return reply.code(503).send({ status: 'not-ready', checks: { database: { ready: false, reason } } });
    }
  });

  await registerRoutes(app, deps, options.routeModules ?? []);
  await registerConsole(app);
  return { app, deps };
}
