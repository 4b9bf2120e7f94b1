/**
 * The whole bus in one process, on the embedded database by default: the demo agencies (REST backends
 * and subgraphs), the registry with the access log's control-plane work (checkpoint signing with the
 * operator's key, rollups: registry/log/workers.ts), and the gateway, which gets no operator key. `npm start` runs it; the end-to-end tests start it
 * the same way on their own data folder and ports.
 */
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { openDatabase, type DatabaseHandle } from '../drizzle/database.ts';
import { buildPenghubungGateway, type PenghubungGateway } from '../gateway/assemble.ts';
import { openGatewayKeyRing } from '../gateway/installationKeys.ts';
import { loadLookupSecrets } from '../registry/keys/keyLifecycle.ts';
import { registryTokenKeysFrom } from '../registry/keys/registryTokenKeys.ts';
import { limitsForGraph, type Config } from '../lib/config.ts';
import { createGatewayTokenVerifier, jwksFile } from '../lib/gatewayToken.ts';
import { GATEWAY_JWKS_FILE } from '../gateway/signingKey.ts';
import { loadOrCreateOperatorKey } from '../lib/ledger/index.ts';
import { ensureBootstrap, ensureCatalogue } from '../registry/bootstrap.ts';
import { UserRepository } from '../registry/repositories/UserRepository.ts';
import { buildRegistryWithDeps } from '../registry/buildRegistry.ts';
import { startLogWorkers } from '../registry/log/workers.ts';
import { startNotificationWorker } from '../registry/notifications/worker.ts';
import { startDemoAgencies, type StartedDemoAgencies } from '../subgraphs/index.ts';
import { seedDemo, type DemoState } from './demoSeed.ts';

export interface SystemOptions {
  config: Config;
  /**
   * Start the demo agencies and seed the demo (default true). Without the demo (`penghubung serve`)
   * only the standard themes and graphs are ensured: the first administrator comes from
   * `penghubung admin bootstrap`.
   */
  demo?: boolean;
  /** First port of the demo agencies' fixed ports (0: any free port). */
  demoBasePort?: number;
  logger?: boolean | { level: string };
  /** An open database to use instead of the configured one (tests); the caller closes it. */
  database?: DatabaseHandle;
}

export interface RunningSystem {
  database: DatabaseHandle;
  gateway: PenghubungGateway;
  gatewayUrl: string;
  registryUrl: string;
  agencies: StartedDemoAgencies | null;
  demo: DemoState | null;
  /** False on an installation that has no administrator yet (run `penghubung admin bootstrap`). */
  hasAdministrator: boolean;
  close(): Promise<void>;
}

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { config } = options;
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
  };
  try {
    const database = options.database ?? (await openDatabase(config.database));
    if (!options.database) closers.push(() => database.close());
    await database.migrate();

    // Followed without a restart: a rotated signing key or lookup secret is picked up from the keys folder.
    const keyRing = await openGatewayKeyRing(config);
    // The subgraphs read the installation's JWKS file, again when a token names a key it lacks.
    const verifier = createGatewayTokenVerifier(jwksFile(path.join(config.dataDir, 'keys', GATEWAY_JWKS_FILE)));

    // The console explorer's forwarding reaches the gateway here: the configured URL, else the
    // gateway started below (known only once it listens).
    let gatewayInternalUrl: string | null = config.gatewayInternalUrl ?? null;
    const logLevel = typeof options.logger === 'object' ? (options.logger.level as Config['logLevel']) : config.logLevel;
    const registry = await buildRegistryWithDeps({
      database,
      config: {
        maxSchemaBytes: config.maxSchemaBytes,
        trafficWindowDays: config.trafficWindowDays,
        schemaLimits: config.schemaLimits,
        compositionTimeoutMs: config.compositionTimeoutMs,
        compositionMemoryMb: config.compositionMemoryMb,
        report: config.report,
        session: config.session,
        logLevel,
        lookupSecret: keyRing.lookupSecret(),
        // Read at each search: a rotation's new secret and the retired ones are searched without a restart.
        lookupSecretHistory: () => loadLookupSecrets(path.join(config.dataDir, 'keys'), config.lookupSecret),
        // New registry tokens hashed under the active token key; a rotation applies without a restart.
        registryTokenKeys: registryTokenKeysFrom(path.join(config.dataDir, 'keys')),
        ledgerVerification: { keysDir: path.join(config.dataDir, 'keys'), publishedCheckpointsDir: config.checkpointPublishing.dir },
        gatewayInternalUrl: () => gatewayInternalUrl,
      },
      ...(options.logger === false ? { logger: silentLogger() } : {}),
    });
    closers.push(() => registry.app.close());
    const registryUrl = await registry.app.listen({ host: config.host, port: config.registryPort });
    const logWorkers = startLogWorkers({
      database,
      operatorKey: loadOrCreateOperatorKey(path.join(config.dataDir, 'keys')),
      checkpointPublishing: config.checkpointPublishing,
    });
    // Closed after the gateway (closers run in reverse): the final heads are signed once the last records are in.
    closers.push(() => logWorkers.close());
    const notifications = await startNotificationWorker({
      ...config.notifications,
      consoleUrl: config.notifications.consoleUrl ?? `${registryUrl}/console`,
      database,
      keysDir: path.join(config.dataDir, 'keys'),
    });
    closers.push(() => notifications.close());

    let agencies: StartedDemoAgencies | null = null;
    let demo: DemoState | null = null;
    if (options.demo ?? true) {
      const bootstrap = await ensureBootstrap(database, { adminName: 'Administrator Diskominfo', adminEmail: 'admin@diskominfo.local' });
      agencies = await startDemoAgencies({ host: config.host, gatewayTokenVerifier: verifier, secretDir: path.join(config.dataDir, 'keys'), basePort: options.demoBasePort ?? 0 });
      closers.push(() => agencies!.close());
      demo = await seedDemo({ registryUrl, dataDir: config.dataDir, agencies, database, newAdminToken: bootstrap.adminToken });
    } else {
      await ensureCatalogue(database);
    }
    const hasAdministrator = (await new UserRepository(database.db).findFirstWithRole('administrator')) !== null;

    const gateway = await buildPenghubungGateway({
      database,
      keyRing,
      accessLog: { failMode: config.logFailMode },
      pollMs: config.supergraphPollMs,
      minSwapIntervalMs: config.supergraphMinSwapMs,
      tokenTtlSeconds: config.gatewayTokenTtlSeconds,
      subgraphTimeoutSeconds: config.subgraphTimeoutSeconds,
      limitsFor: (graph) => limitsForGraph(config.limits, graph),
      consoleUrl: config.notifications.consoleUrl ?? `${registryUrl}/console/`,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    closers.push(() => gateway.close());
    const gatewayUrl = await gateway.listen({ host: config.host, port: config.gatewayPort });
    gatewayInternalUrl ??= gatewayUrl;

    return { database, gateway, gatewayUrl, registryUrl, agencies, demo, hasAdministrator, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function silentLogger() {
  const noop = () => {};
  const logger = { level: 'silent', fatal: noop, error: noop, warn: noop, info: noop, debug: noop, trace: noop, silent: noop, child: () => logger };
  return logger as unknown as FastifyBaseLogger;
}
