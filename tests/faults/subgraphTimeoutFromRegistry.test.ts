/**
 * A subgraph's own fetch deadline, set in the registry when it is published: the gateway built on the
 * registry's database calls a stalled subgraph (SIGSTOP) published with `--timeout 1` for about a
 * second, not the installation default (60 s here), and answers UPSTREAM_TIMEOUT naming the agency.
 * A deadline out of range or no number is refused (400) with nothing stored; one changed without a
 * new schema is stored, recorded in the trail and reaches the gateway on the feed's poll.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, subgraphs } from '../../drizzle/schema/index.ts';
import { buildPenghubungGateway, type PenghubungGateway } from '../../gateway/assemble.ts';
import { loadGatewayKeys } from '../../gateway/installationKeys.ts';
import { runPenghubungInProcess } from '../support/cli.ts';
import { postGraphQL } from '../support/graphql.ts';
import { startTestRegistry, type TestRegistry } from '../support/registry.ts';
import { grantField, seed, type World } from '../support/seed.ts';
import { STALLED_SUBGRAPH_SDL } from './fixtures/subgraphChild.ts';
import { startSubgraphProcess } from './support/subgraphProcess.ts';

/** The installation's default, far above the subgraph's own 1 s, so an answer near 1 s can only be the latter. */
const DEFAULT_TIMEOUT_SECONDS = 60;

describe('a subgraph timeout set in the registry', () => {
  let registry: TestRegistry;
  let world: World;
  let stalled: { child: ChildProcess; url: string };
  let gateway: PenghubungGateway;
  let gatewayUrl: string;
  let apiKey: string;
  let dir: string;
  let schemaFile: string;

  const cli = (args: string[]) =>
    runPenghubungInProcess(args, { PENGHUBUNG_REGISTRY_URL: registry.url, PENGHUBUNG_TOKEN: world.publisher('dinkes').token });
  const publishArgs = () => ['subgraph', 'publish', '--name', 'dinkes', '--theme', 'kesehatan', '--url', stalled.url, '--schema', schemaFile];
  const publishApi = (name: string, timeoutSeconds: unknown) =>
    registry.call(world.publisher('dinkes'), 'POST', '/v1/subgraphs/publish', {
      name,
      theme: 'kesehatan',
      routingUrl: stalled.url,
      schema: STALLED_SUBGRAPH_SDL,
      timeoutSeconds,
    });
  const storedTimeout = async (name: string) => {
    const [row] = await registry.database.db.select({ timeoutMs: subgraphs.timeoutMs }).from(subgraphs).where(eq(subgraphs.name, name));
    return row;
  };
  const latestPublishEntry = async () => {
    const [entry] = await registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, 'subgraph.published')).orderBy(desc(adminTrail.occurredAt));
    return entry;
  };
  const ask = () => postGraphQL<{ sehat: string | null }>(`${gatewayUrl}/graphql`, '{ sehat }', { headers: { authorization: `Bearer ${apiKey}` } });

  beforeAll(async () => {
    registry = await startTestRegistry();
    world = await seed(registry).agency('dinkes', 'Dinas Kesehatan').withPublisher().client('aplikasi-puskesmas').done();
    stalled = await startSubgraphProcess();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-subgraph-timeout-'));
    schemaFile = path.join(dir, 'dinkes.graphql');
    await fs.writeFile(schemaFile, STALLED_SUBGRAPH_SDL);

    const published = await cli([...publishArgs(), '--timeout', '1']);
    expect(published.code, published.stderr).toBe(0);

    const client = world.clients['aplikasi-puskesmas']!;
    await grantField(registry.database, { clientId: client.id, graph: 'semua', subgraph: 'dinkes', coordinate: 'Query.sehat', grantedBy: world.admin.id });
    apiKey = (await registry.must<{ apiKey: string }>(client.requester, 'POST', `/v1/clients/${client.id}/credentials`, { label: 'uji' }, 201)).apiKey;

    const keys = await loadGatewayKeys({ dataDir: dir, lookupSecret: undefined });
    gateway = await buildPenghubungGateway({
      database: registry.database,
      signingKey: keys.signingKey,
      accessLog: { lookupSecret: keys.lookupSecret, failMode: 'closed' },
      subgraphTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
      pollMs: 500,
      logger: false,
    });
    gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    stalled?.child.kill('SIGCONT');
    stalled?.child.kill('SIGKILL');
    await gateway?.close();
    await registry?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('stores the publish timeout and records it in the trail', async () => {
    expect(await storedTimeout('dinkes')).toEqual({ timeoutMs: 1_000 });
    const entry = await latestPublishEntry();
    expect(entry?.after).toMatchObject({ name: 'dinkes', timeoutMs: 1_000 });
  });

  it('answers a stalled subgraph with UPSTREAM_TIMEOUT naming the agency after its own timeout, not the default', async () => {
    expect((await ask()).body.data).toEqual({ sehat: 'terjamin' });
    stalled.child.kill('SIGSTOP');
    try {
      const started = Date.now();
      const { body } = await ask();
      const ms = Date.now() - started;
      expect(body.data).toEqual({ sehat: null });
      expect(body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_TIMEOUT');
      expect(body.errors?.[0]?.message).toContain('dinkes');
      expect(body.errors?.[0]?.extensions?.['details']).toEqual({ subgraph: 'dinkes', path: 'sehat' });
      // Generous for a loaded machine, and still half the 60 s default.
      expect(ms).toBeLessThan(30_000);
    } finally {
      stalled.child.kill('SIGCONT');
    }
  }, 90_000);

  it('refuses a timeout that is zero, negative, above 60 s or no number (400, Indonesian), storing nothing', async () => {
    for (const bad of [0, -1, 61, 'abc', '5']) {
      const refused = await publishApi('dinkes-baru', bad);
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(JSON.stringify(refused.body)).toMatch(/timeoutSeconds/);
      expect(JSON.stringify(refused.body)).toMatch(/detik/);
      expect(await storedTimeout('dinkes-baru')).toBeUndefined();
    }
    // The existing subgraph keeps its timeout when a republish is refused.
    const refused = await publishApi('dinkes', 120);
    expect(refused.status).toBe(400);
    expect(await storedTimeout('dinkes')).toEqual({ timeoutMs: 1_000 });

    const viaCli = await cli([...publishArgs(), '--timeout', 'sebentar']);
    expect(viaCli.code).not.toBe(0);
    expect(viaCli.stderr + viaCli.stdout).toMatch(/detik/);
    expect(await storedTimeout('dinkes')).toEqual({ timeoutMs: 1_000 });
  });

  it('changes the timeout without a new schema version, in the trail, and the gateway reads it on its poll', async () => {
    const republished = await cli([...publishArgs(), '--timeout', '2,5']);
    expect(republished.code, republished.stderr).toBe(0);
    expect(await storedTimeout('dinkes')).toEqual({ timeoutMs: 2_500 });
    const entry = await latestPublishEntry();
    expect(entry?.before).toMatchObject({ timeoutMs: 1_000 });
    expect(entry?.after).toMatchObject({ timeoutMs: 2_500 });

    const deadline = Date.now() + 20_000;
    while (gateway.feed.subgraphTimeoutMs('dinkes') !== 2_500 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.feed.subgraphTimeoutMs('dinkes')).toBe(2_500);
  }, 60_000);
});
