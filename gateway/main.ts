/**
 * A gateway process on its own, for installations that run several gateways against one PostgreSQL
 * database (the registry and the agencies run elsewhere). Every gateway picks up a publish through
 * LISTEN/NOTIFY, with a poll as safety net. The gateway's keys (its token-signing key and the log's
 * lookup secret) are read from (or created in) `$PENGHUBUNG_DATA_DIR/keys`; give every gateway of an
 * installation the same keys folder. The operator's key is not needed here: the registry process
 * (`npm start`) signs the access log's checkpoints.
 */
import { DatabaseStartupError, openDatabase } from '../drizzle/database.ts';
import { limitsForGraph, loadConfig } from '../lib/config.ts';
import { manageProcessLifecycle } from '../lib/processLifecycle.ts';
import { reportStartupFailure } from '../lib/startupError.ts';
import { buildPenghubungGateway } from './assemble.ts';
import { openGatewayKeyRing } from './installationKeys.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) {
    throw new DatabaseStartupError(
      'Proses gateway tersendiri memerlukan DATABASE_URL (PostgreSQL); untuk basis data tertanam jalankan `npm start` ' +
        '(a separate gateway process needs DATABASE_URL; for the embedded database run `npm start`)',
    );
  }
  const database = await openDatabase(config.database);
  await database.migrate();
  // Followed without a restart: a rotated signing key or lookup secret is picked up from the keys folder.
  const keyRing = await openGatewayKeyRing(config);
  const gateway = await buildPenghubungGateway({
    database,
    keyRing,
    accessLog: { failMode: config.logFailMode },
    pollMs: config.supergraphPollMs,
    minSwapIntervalMs: config.supergraphMinSwapMs,
    tokenTtlSeconds: config.gatewayTokenTtlSeconds,
    subgraphTimeoutSeconds: config.subgraphTimeoutSeconds,
    limitsFor: (graph) => limitsForGraph(config.limits, graph),
    ...(config.notifications.consoleUrl ? { consoleUrl: config.notifications.consoleUrl } : {}),
    logger: { level: config.logLevel },
  });
  const url = await gateway.listen({ host: config.host, port: config.gatewayPort });
  process.stdout.write(`${JSON.stringify({ gateway: url, pid: process.pid })}\n`);

  manageProcessLifecycle({
    drainTimeoutMs: config.drainTimeoutMs,
    close: async () => {
      await gateway.close();
      await database.close();
    },
  });
}

main().catch(reportStartupFailure);
