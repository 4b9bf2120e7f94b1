/**
 * The operator's path from nothing to a served query, using only the `penghubung` CLI as a Dinas
 * Kominfo would: bootstrap the first administrator (once), `penghubung serve` (no demo data), then
 * an agency, its publisher and a requester, a publish, an access request, the administrator's
 * approval, the agency's grant, an API key, and a query through the gateway. The agency's own
 * subgraph is the only thing started beside it: it is the agency's service, not Penghubung's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetch } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGatewayKeys } from '../../gateway/installationKeys.ts';
import { loadConfig } from '../../lib/config.ts';
import { createGatewayTokenVerifier } from '../../lib/gatewayToken.ts';
import { startDemoAgencies, type StartedDemoAgencies } from '../../subgraphs/index.ts';
import { penghubungBin, runPenghubung, type CliRun } from '../support/cli.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const json = <T>(run: CliRun): T => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
};

describe('the production path, with the CLI only', () => {
  let dataDir = '';
  let database: TestDatabase | null = null;
  let server: ChildProcess | null = null;
  let agency: StartedDemoAgencies | null = null;
  afterAll(async () => {
    await agency?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await database?.drop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('serve, bootstrap, agency, publisher, requester, publish, request, approve, grant, key, query', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-production-'));
    const env: Record<string, string> = {
      PENGHUBUNG_DATA_DIR: dataDir,
      PENGHUBUNG_REGISTRY_PORT: String(await freePort()),
      PENGHUBUNG_GATEWAY_PORT: String(await freePort()),
    };
    if (testDatabaseUrl()) {
      database = await createTestDatabase();
      env['DATABASE_URL'] = database.url!;
      await database.handle.close(); // only the installation's own processes use it
    }
    const cli = (args: string[], token?: string) => runPenghubung(args, { ...env, ...(token ? { PENGHUBUNG_TOKEN: token } : {}) });

    // The first administrator, before the server holds the embedded database; once only.
    const bootstrap = json<{ created: boolean; token: string }>(
      await cli(['--json', 'admin', 'bootstrap', '--name', 'Administrator Diskominfo', '--email', 'admin@diskominfo.example.go.id']),
    );
    expect(bootstrap.created).toBe(true);
    const admin = bootstrap.token;
    const again = await cli(['admin', 'bootstrap', '--name', 'Orang Lain', '--email', 'lain@example.go.id']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('sudah memiliki administrator');

    server = spawn(process.execPath, [penghubungBin, 'serve'], { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('registry API') || server!.exitCode !== null, 'penghubung serve');
    expect(output).toContain('tanpa data demo');
    expect(output).not.toContain('Kredensial demo');

    // No demo data: the standard themes and graphs only, no agencies.
    const graphs = json<{ graphs: { name: string; subgraphs: string[] }[] }>(await cli(['--json', 'graph', 'list'], admin));
    expect(graphs.graphs.map((graph) => graph.name)).toContain('kependudukan');
    expect(graphs.graphs.every((graph) => graph.subgraphs.length === 0)).toBe(true);

    // The agency's own subgraph, trusting this installation's gateway key.
    const keys = await loadGatewayKeys(loadConfig(env));
    agency = await startDemoAgencies({ only: ['disdukcapil'], gatewayTokenVerifier: createGatewayTokenVerifier(keys.signingKey.publicKey) });
    const subgraphUrl = agency.agencies[0]!.subgraphUrl;

    expect((await cli(['admin', 'agency', 'create', '--slug', 'disdukcapil', '--name', 'Dinas Kependudukan dan Pencatatan Sipil'], admin)).code).toBe(0);
    const publisher = json<{ user: { id: string }; token: { token: string } }>(
      await cli(['--json', 'admin', 'user', 'create', '--name', 'Publisher Disdukcapil', '--email', 'publisher@disdukcapil.example.go.id', '--role', 'publisher', '--agency', 'disdukcapil'], admin),
    );
    const requester = json<{ user: { id: string }; token: { token: string } }>(
      await cli(['--json', 'admin', 'user', 'create', '--name', 'Pengembang Dasbor', '--email', 'dev@bappeda.example.go.id', '--role', 'requester', '--organization', 'Bappeda'], admin),
    );

    const published = await cli(['subgraph', 'publish', '--name', 'disdukcapil', '--theme', 'kependudukan', '--url', subgraphUrl, '--schema', path.join(root, 'subgraphs/disdukcapil/schema.graphql')], publisher.token.token);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain('versi 1 diterbitkan');

    const client = json<{ id: string }>(await cli(['--json', 'client', 'create', '--name', 'Dasbor Kependudukan', '--contact', 'dev@bappeda.example.go.id'], requester.token.token));
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const request = json<{ id: string; status: string }>(
      await cli(
        ['--json', 'access', 'request', '--client', client.id, '--graph', 'kependudukan', '--fields', 'Query.penduduk', 'Penduduk.nama',
          '--purpose', 'Dasbor kependudukan untuk perencanaan', '--legal-basis', 'Perbup 138/2023', '--from', today, '--to', '2099-12-31'],
        requester.token.token,
      ),
    );
    expect(request.status).toBe('pending');

    const queue = await cli(['access', 'list', '--status', 'pending'], admin);
    expect(queue.stdout).toContain(request.id);
    expect(queue.stdout).toContain('menunggu persetujuan');
    expect((await cli(['access', 'approve', request.id, '--reason', 'Tujuan dan dasar hukum sesuai'], admin)).code).toBe(0);

    const awaiting = await cli(['access', 'list', '--awaiting'], publisher.token.token);
    expect(awaiting.stdout).toContain(request.id);
    const granted = await cli(['access', 'grant', request.id, '--reason', 'Sesuai persetujuan'], publisher.token.token);
    expect(granted.code, granted.stderr).toBe(0);
    const shown = await cli(['access', 'show', request.id], admin);
    expect(shown.stdout).toMatch(/Penduduk\.nama\s+disdukcapil\s+diberikan/);

    const key = json<{ apiKey: string }>(await cli(['--json', 'credential', 'create', '--client', client.id, '--label', 'produksi'], requester.token.token));
    const keys2 = await cli(['credential', 'list', '--client', client.id], requester.token.token);
    expect(keys2.stdout).toContain('produksi');
    expect(keys2.stdout).not.toContain(key.apiKey);

    const nik = (JSON.parse(await fs.readFile(path.join(root, 'subgraphs/disdukcapil/data/penduduk.json'), 'utf8')) as { nik: string }[])[0]!.nik;
    const gateway = `http://127.0.0.1:${env['PENGHUBUNG_GATEWAY_PORT']}/graphql/kependudukan`;
    const query = async (body: string) => {
      // The gateway picks up the new supergraph and grants without a restart: poll briefly.
      for (let attempt = 0; ; attempt += 1) {
        const response = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key.apiKey}` }, body });
        const result = (await response.json()) as { data?: { penduduk?: { nama: string } }; errors?: unknown[] };
        if (result.data?.penduduk || attempt >= 240) return result;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    const answer = await query(JSON.stringify({ query: `{ penduduk(nik: "${nik}") { nama } }` }));
    expect(answer.data?.penduduk?.nama, JSON.stringify(answer)).toMatch(/\w+/);

    // The administrator sees users and tokens (never secrets), and can disable a user at once.
    const users = await cli(['admin', 'user', 'list'], admin);
    expect(users.stdout).toContain('publisher@disdukcapil.example.go.id');
    expect(users.stdout).toContain('penerbit (PD)');
    const tokens = await cli(['admin', 'token', 'list'], admin);
    expect(tokens.stdout).toContain('dev@bappeda.example.go.id');
    expect(tokens.stdout).not.toContain(requester.token.token);
    expect((await cli(['admin', 'user', 'disable', requester.user.id, '--reason', 'pindah tugas'], admin)).code).toBe(0);
    const refused = await cli(['client', 'list'], requester.token.token);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('HTTP 401');

    server.kill('SIGTERM');
    await waitFor(() => server!.exitCode !== null, 'serve to stop', 180_000);
    expect(server.exitCode).toBe(0);
  }, 900_000);
});
