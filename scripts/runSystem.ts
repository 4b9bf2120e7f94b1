/**
 * Runs the bus as a long-lived process until SIGTERM/SIGINT: `npm start` (the demo) and
 * `npm run serve` / `penghubung serve` (an installation's own, no demo data) both come here.
 */
import { loadConfig } from '../lib/config.ts';
import { manageProcessLifecycle } from '../lib/processLifecycle.ts';
import { reportStartupFailure } from '../lib/startupError.ts';
import { ensureConsoleBuilt } from './consoleBuild.ts';
import { DEMO_QUERY, demoAccountLines } from './demoSeed.ts';
import { startSystem, type RunningSystem } from './system.ts';

export async function runSystem(options: { demo: boolean }): Promise<void> {
  let system: RunningSystem;
  const config = loadConfig();
  try {
    // The console's pages are built from console/ when they changed (a fresh clone: the first start).
    const consoleBuild = await ensureConsoleBuilt();
    if (consoleBuild.warning) process.stderr.write(`${consoleBuild.warning}\n`);
    system = await startSystem({
      config,
      demo: options.demo,
      demoBasePort: config.demoBasePort,
      logger: { level: config.logLevel === 'info' ? 'warn' : config.logLevel },
    });
  } catch (error) {
    reportStartupFailure(error);
  }

  manageProcessLifecycle({ drainTimeoutMs: config.drainTimeoutMs, close: () => system.close() });

  const lines = [
    '',
    options.demo
      ? 'Penghubung berjalan (Sistem Penghubung Layanan Pemerintah) / Penghubung is running'
      : 'Penghubung berjalan tanpa data demo (Sistem Penghubung Layanan Pemerintah) / Penghubung is running, no demo data',
    `  basis data / database : ${system.database.kind === 'pglite' ? `PGlite tertanam di ${system.database.location}` : `PostgreSQL ${system.database.location}`}`,
    `  gateway GraphQL       : ${system.gatewayUrl}/graphql  (per tema: ${system.gatewayUrl}/graphql/<tema>)`,
    `  konsol / console      : ${system.registryUrl}/console/`,
    `  registry API          : ${system.registryUrl}/v1  (OpenAPI: ${system.registryUrl}/openapi.json, dokumentasi: ${system.registryUrl}/docs)`,
  ];
  for (const started of system.agencies?.agencies ?? []) {
    lines.push(`  ${started.agency.shortName.padEnd(12)} : REST ${started.restUrl}  subgraph ${started.subgraphUrl}`);
  }
  if (system.demo) {
    const body = JSON.stringify({ query: DEMO_QUERY, variables: { nik: system.demo.sampleNik } });
    lines.push(
      '',
      ...demoAccountLines(system.demo.accounts, `${system.registryUrl}/console/`),
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
  if (!options.demo && !system.hasAdministrator) {
    lines.push(
      '',
      'Belum ada administrator. Buat yang pertama (sekali saja) dengan / no administrator yet; create the first one with:',
      system.database.kind === 'pglite'
        ? '  hentikan proses ini, lalu / stop this process, then: node bin/penghubung.mjs admin bootstrap --name "…" --email "…"'
        : '  node bin/penghubung.mjs admin bootstrap --name "…" --email "…"',
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
