/**
 * `npm start`: the whole bus on this machine, on the embedded database unless DATABASE_URL is set.
 * Prints where everything is and a request that returns a resident joined across agencies.
 */
import { loadConfig } from '../lib/config.ts';
import { manageProcessLifecycle } from '../lib/processLifecycle.ts';
import { reportStartupFailure } from '../lib/startupError.ts';
import { DEMO_QUERY } from './demoSeed.ts';
import { startSystem } from './system.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const system = await startSystem({ config, demoBasePort: config.demoBasePort, logger: { level: config.logLevel === 'info' ? 'warn' : config.logLevel } });

  manageProcessLifecycle({ drainTimeoutMs: config.drainTimeoutMs, close: () => system.close() });

  const lines = [
    '',
    'Penghubung berjalan (Sistem Penghubung Layanan Pemerintah) / Penghubung is running',
    `  basis data / database : ${system.database.kind === 'pglite' ? `PGlite tertanam di ${system.database.location}` : system.database.location}`,
    `  gateway GraphQL       : ${system.gatewayUrl}/graphql  (per tema: ${system.gatewayUrl}/graphql/<tema>)`,
    `  registry API          : ${system.registryUrl}/v1  (OpenAPI: ${system.registryUrl}/openapi.json, dokumentasi: ${system.registryUrl}/docs)`,
  ];
  for (const started of system.agencies?.agencies ?? []) {
    lines.push(`  ${started.agency.shortName.padEnd(12)} : REST ${started.restUrl}  subgraph ${started.subgraphUrl}`);
  }
  if (system.demo) {
    const body = JSON.stringify({ query: DEMO_QUERY, variables: { nik: system.demo.sampleNik } });
    lines.push(
      '',
      'Kredensial demo tersimpan di / demo credentials are in: ' + `${config.dataDir}/demo-credentials.json`,
      '',
      'Coba / try — seorang penduduk (Disdukcapil) dengan izin usahanya (DPMPTSP) dan status JKN (Dinkes):',
      `curl -s ${system.gatewayUrl}/graphql -H 'content-type: application/json' \\`,
      `  -H 'authorization: Bearer ${system.demo.apiKey}' \\`,
      `  -d '${body}'`,
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(reportStartupFailure);
