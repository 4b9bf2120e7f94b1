/**
 * Routing URLs are governed: a publisher cannot point its subgraph (and the tokens the gateway signs
 * for it) outside the hosts the administrator set for its agency. Over the real bus and the real CLI.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail } from '../../drizzle/schema/index.ts';
import { normalizeRoutingEntry, routingUrlAllowed } from '../../registry/checks/routingHosts.ts';
import { demoAgencies, readDemoSchema } from '../../subgraphs/index.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';

const bin = fileURLToPath(new URL('../../bin/penghubung.mjs', import.meta.url));
const dinkes = demoAgencies.find((agency) => agency.slug === 'dinkes')!;

function penghubung(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('allowed hosts and prefixes (registry/checks/routingHosts.ts)', () => {
  it('a host admits that host (with its port when named); a prefix admits only what continues it after a /', () => {
    expect(routingUrlAllowed('http://10.2.0.15:4202/graphql', ['10.2.0.15:4202'])).toBe(true);
    expect(routingUrlAllowed('http://10.2.0.15:4299/graphql', ['10.2.0.15:4202'])).toBe(false);
    expect(routingUrlAllowed('https://dinkes.pacitankab.go.id/graphql', ['dinkes.pacitankab.go.id'])).toBe(true);
    expect(routingUrlAllowed('https://dinkes.pacitankab.go.id.evil.test/graphql', ['dinkes.pacitankab.go.id'])).toBe(false);
    expect(routingUrlAllowed('https://api.go.id/dinkes/graphql', ['https://api.go.id/dinkes'])).toBe(true);
    expect(routingUrlAllowed('https://api.go.id/dinkes-palsu/graphql', ['https://api.go.id/dinkes'])).toBe(false);
    expect(routingUrlAllowed('https://api.go.id/dinkes/graphql', [])).toBe(false);
  });

  it('refuses entries that are neither a host nor a clean http(s) prefix', () => {
    for (const bad of ['', 'ftp://x.go.id', 'https://u:p@x.go.id/', 'https://x.go.id/?a=1', 'x y', 'http//x']) {
      expect(normalizeRoutingEntry(bad).ok).toBe(false);
    }
    expect(normalizeRoutingEntry(' Dinkes.PacitanKab.go.id ')).toEqual({ ok: true, value: 'dinkes.pacitankab.go.id' });
  });
});

describe('a publish outside the agency’s hosts is refused, and a change of routing URL is reported', () => {
  let bus: TestBus;
  let admin: string;
  let publisher: string;
  let ownUrl: string;
  const elsewhere = 'http://127.0.0.1:1/graphql';
  const publish = (routingUrl: string) =>
    bus.call<{ code?: string; message?: string; details?: { allowed: string[] }; report?: { routing: { changed: boolean; previousUrl: string } } }>(
      publisher,
      'POST',
      '/v1/subgraphs/publish',
      { name: 'dinkes', theme: 'kesehatan', routingUrl, schema: readDemoSchema(dinkes) },
    );

  beforeAll(async () => {
    bus = await startTestBus('penghubung-routing-');
    admin = bus.system.demo!.adminToken;
    publisher = bus.system.demo!.publisherTokens.dinkes!;
    ownUrl = bus.system.agencies!.bySlug.dinkes!.subgraphUrl;
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('refuses a routing URL outside the hosts (422 ROUTING_URL_NOT_ALLOWED, in Indonesian), stores nothing, and records the refusal', async () => {
    const refused = await publish(elsewhere);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ROUTING_URL_NOT_ALLOWED');
    expect(refused.body.message).toContain('berada di luar host yang ditetapkan administrator');
    expect(refused.body.details?.allowed).toEqual([new URL(ownUrl).host]);
    const versions = await bus.call<{ versions: { routingUrl: string }[] }>(admin, 'GET', '/v1/subgraphs/dinkes/versions');
    expect(versions.body.versions.map((version) => version.routingUrl)).toEqual([ownUrl]);
    const trail = await bus.database.handle.db.select().from(adminTrail).orderBy(asc(adminTrail.seq));
    const refusal = trail.find((row) => row.action === 'subgraph.publish_refused');
    expect(refusal).toMatchObject({ actorName: 'Publisher Dinkes', subjectId: 'dinkes' });
    expect(refusal?.after).toMatchObject({ code: 'ROUTING_URL_NOT_ALLOWED', routingUrl: elsewhere });
  });

  it('only an administrator sets the hosts, with valid entries, for an existing agency', async () => {
    const body = { allowed: ['127.0.0.1:1'] };
    expect((await bus.call(publisher, 'PUT', '/v1/admin/agencies/dinkes/routing-hosts', body)).status).toBe(403);
    expect((await bus.call(admin, 'PUT', '/v1/admin/agencies/tidak-ada/routing-hosts', body)).status).toBe(404);
    const bad = await bus.call<{ code: string }>(admin, 'PUT', '/v1/admin/agencies/dinkes/routing-hosts', { allowed: ['https://u:p@x.go.id/'] });
    expect(bad.status).toBe(422);
  });

  it('once the administrator allows the new host (CLI), the publish goes through and reports the changed URL; the trail has both', async () => {
    const env = { PENGHUBUNG_REGISTRY_URL: bus.registryUrl, PENGHUBUNG_TOKEN: admin };
    const cli = await penghubung(['admin', 'agency', 'routing', 'dinkes', '--allow', new URL(ownUrl).host, '127.0.0.1:1', '--reason', 'pindah server'], env);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('PD dinkes hanya boleh merutekan ke');

    const schemaFile = path.join(bus.dataDir, 'dinkes.graphql');
    await writeFile(schemaFile, readDemoSchema(dinkes));
    const published = await penghubung(
      ['subgraph', 'publish', '--name', 'dinkes', '--theme', 'kesehatan', '--url', elsewhere, '--schema', schemaFile, '--json'],
      { PENGHUBUNG_REGISTRY_URL: bus.registryUrl, PENGHUBUNG_TOKEN: publisher },
    );
    expect(published.code).toBe(0);
    const result = JSON.parse(published.stdout) as { report: { routing: { changed: boolean; previousUrl: string; url: string } } };
    expect(result.report.routing).toMatchObject({ changed: true, previousUrl: ownUrl, url: elsewhere });

    const trail = await bus.database.handle.db.select().from(adminTrail).orderBy(asc(adminTrail.seq));
    expect(trail.find((row) => row.action === 'agency.routing_hosts_set' && row.reason === 'pindah server')).toBeTruthy();
    expect(trail.at(-1)).toMatchObject({ action: 'subgraph.published' });
    expect(trail.at(-1)?.after).toMatchObject({ routingUrl: elsewhere, routingUrlChanged: true });
  });
});

describe('an agency whose hosts the administrator has not set yet stays on the host it first published from', () => {
  let bus: TestBus;
  let admin: string;
  let publisher: string;
  const schema = 'type Query { jumlahSekolah: Int }';
  const publish = (token: string, routingUrl: string) =>
    bus.call<{ code?: string; message?: string; details?: { previousUrl?: string } }>(token, 'POST', '/v1/subgraphs/publish', {
      name: 'disdik',
      theme: 'kependudukan',
      routingUrl,
      schema,
    });

  beforeAll(async () => {
    bus = await startTestBus('penghubung-routing-pin-');
    admin = bus.system.demo!.adminToken;
    expect((await bus.call(admin, 'POST', '/v1/admin/agencies', { slug: 'disdik', name: 'Dinas Pendidikan' })).status).toBe(201);
    const created = await bus.call<{ token: { token: string } }>(admin, 'POST', '/v1/admin/users', {
      name: 'Publisher Disdik',
      email: 'publisher@disdik.test',
      role: 'publisher',
      agency: 'disdik',
    });
    expect(created.status).toBe(201);
    publisher = created.body.token.token;
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('admits the first host, refuses a move to another host by the publisher (422), and lets an administrator move it', async () => {
    expect((await publish(publisher, 'http://127.0.0.2:4999/graphql')).status).toBe(201);
    expect([200, 201]).toContain((await publish(publisher, 'http://127.0.0.2:4999/v2/graphql')).status);

    const moved = await publish(publisher, 'http://127.0.0.3:4999/graphql');
    expect(moved.status).toBe(422);
    expect(moved.body.code).toBe('ROUTING_URL_NOT_ALLOWED');
    expect(moved.body.message).toContain('memerlukan administrator');
    expect(moved.body.details?.previousUrl).toBe('http://127.0.0.2:4999/v2/graphql');

    expect([200, 201]).toContain((await publish(admin, 'http://127.0.0.3:4999/graphql')).status);
  });
});
