/**
 * The second move of a dishonest agency, performed as described: the Dinkes publisher adds
 * `nama: String! @override(from: "disdukcapil")` to its `Penduduk`. The registry classifies it as a
 * cross-agency change, holds it, and nothing the gateway serves changes until Disdukcapil (the owner)
 * accepts; a decline discards it; every step is in the administrative trail. Over the real bus.
 */
import { asc, eq } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail } from '../../drizzle/schema/index.ts';
import { demoAgencies, readDemoSchema } from '../../subgraphs/index.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';

const dinkes = demoAgencies.find((agency) => agency.slug === 'dinkes')!;
const OVERRIDE_SDL = readDemoSchema(dinkes)
  .replace('import: ["@key", "@tag"]', 'import: ["@key", "@tag", "@override"]')
  .replace(
    /type Penduduk @key\(fields: "nik"\) \{\n {2}nik: String!([^\n]*)\n/,
    (whole) => `${whole}  nama: String! @override(from: "disdukcapil")\n`,
  );

interface ChangeView {
  id: string;
  subgraph: string;
  status: string;
  owners: string[];
  reaches: { kind: string; coordinate: string; ownerAgency: string }[];
}

describe('@override from another agency needs the owner’s consent', () => {
  let bus: TestBus;
  let admin: string;
  let dinkesPublisher: string;
  let disdukcapilPublisher: string;
  let dpmptspPublisher: string;
  let dinkesUrl: string;

  const publish = () =>
    bus.call<{ pending?: boolean; changeId?: string; owners?: string[]; report?: { crossAgency: unknown[]; summary: { id: string } } }>(
      dinkesPublisher,
      'POST',
      '/v1/subgraphs/publish',
      { name: 'dinkes', theme: 'kesehatan', routingUrl: dinkesUrl, schema: OVERRIDE_SDL },
    );
  const askName = () =>
    postGraphQL<{ penduduk: { nama: string } | null }>(bus.gatewayUrl, 'query ($nik: String!) { penduduk(nik: $nik) { nama } }', {
      variables: { nik: bus.system.demo!.sampleNik },
      headers: { authorization: `Bearer ${bus.system.demo!.apiKey}` },
    });
  const supergraph = async (): Promise<string> => {
    const response = await fetch(`${bus.registryUrl}/v1/graphs/semua/supergraph`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    return response.text();
  };
  const trailActions = async () =>
    (await bus.database.handle.db.select().from(adminTrail).orderBy(asc(adminTrail.seq))).map((row) => ({
      action: row.action,
      actor: row.actorName,
      reason: row.reason,
    }));

  beforeAll(async () => {
    bus = await startTestBus('penghubung-override-');
    admin = bus.system.demo!.adminToken;
    dinkesPublisher = bus.system.demo!.publisherTokens.dinkes!;
    disdukcapilPublisher = bus.system.demo!.publisherTokens.disdukcapil!;
    dpmptspPublisher = bus.system.demo!.publisherTokens.dpmptsp!;
    dinkesUrl = bus.system.agencies!.bySlug.dinkes!.subgraphUrl;
    expect(OVERRIDE_SDL).toContain('nama: String! @override(from: "disdukcapil")');
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('is held as a pending cross-agency change: 202, nothing published, the gateway still answers from Disdukcapil', async () => {
    const before = await askName();
    expect(before.body.data?.penduduk?.nama).toBeTruthy();
    const supergraphBefore = await supergraph();

    const check = await bus.call<{ passed: boolean; report: { crossAgency: { kind: string; coordinate: string; ownerAgency: string }[] } }>(
      dinkesPublisher,
      'POST',
      '/v1/subgraphs/check',
      { name: 'dinkes', theme: 'kesehatan', routingUrl: dinkesUrl, schema: OVERRIDE_SDL },
    );
    expect(check.status).toBe(200);
    expect(check.body.report.crossAgency).toEqual([
      expect.objectContaining({ kind: 'override', coordinate: 'Penduduk.nama', ownerAgency: 'disdukcapil' }),
    ]);

    const held = await publish();
    expect(held.status).toBe(202);
    expect(held.body).toMatchObject({ pending: true, owners: ['disdukcapil'] });
    expect(held.body.report?.summary.id).toContain('Perubahan lintas PD');
    expect(await supergraph()).toEqual(supergraphBefore);
    const after = await askName();
    expect(after.body.data?.penduduk?.nama).toBe(before.body.data?.penduduk?.nama);
  });

  it('appears in the owner’s queue, not in an uninvolved agency’s; only the owner (or an administrator with a reason) decides', async () => {
    const queue = await bus.call<{ changes: ChangeView[] }>(disdukcapilPublisher, 'GET', '/v1/cross-agency-changes');
    expect(queue.status).toBe(200);
    expect(queue.body.changes).toHaveLength(1);
    const [change] = queue.body.changes;
    expect(change).toMatchObject({ subgraph: 'dinkes', status: 'pending', owners: ['disdukcapil'] });
    expect(change?.reaches).toEqual([expect.objectContaining({ kind: 'override', coordinate: 'Penduduk.nama' })]);

    const other = await bus.call<{ changes: ChangeView[] }>(dpmptspPublisher, 'GET', '/v1/cross-agency-changes');
    expect(other.body.changes).toEqual([]);
    const byOther = await bus.call(dpmptspPublisher, 'POST', `/v1/cross-agency-changes/${change!.id}/accept`, {});
    expect(byOther.status).toBe(404);
    // The requesting agency sees its own request but cannot consent for the owner.
    const bySelf = await bus.call(dinkesPublisher, 'POST', `/v1/cross-agency-changes/${change!.id}/accept`, {});
    expect(bySelf.status).toBe(403);
    const adminWithoutReason = await bus.call<{ code: string }>(admin, 'POST', `/v1/cross-agency-changes/${change!.id}/accept`, {});
    expect(adminWithoutReason.status).toBe(422);
    const declineWithoutReason = await bus.call(disdukcapilPublisher, 'POST', `/v1/cross-agency-changes/${change!.id}/decline`, {});
    expect(declineWithoutReason.status).toBe(400);
  });

  it('declined by the owner: discarded, and the trail shows the request and the refusal with its reason', async () => {
    const [change] = (await bus.call<{ changes: ChangeView[] }>(disdukcapilPublisher, 'GET', '/v1/cross-agency-changes')).body.changes;
    const declined = await bus.call<{ change: ChangeView }>(disdukcapilPublisher, 'POST', `/v1/cross-agency-changes/${change!.id}/decline`, {
      reason: 'Nama penduduk hanya bersumber dari data kependudukan Disdukcapil',
    });
    expect(declined.status).toBe(200);
    expect(declined.body.change.status).toBe('declined');
    const again = await bus.call(disdukcapilPublisher, 'POST', `/v1/cross-agency-changes/${change!.id}/accept`, {});
    expect(again.status).toBe(409);

    const trail = await trailActions();
    const requested = trail.findIndex((entry) => entry.action === 'subgraph.cross_agency_requested');
    const refused = trail.findIndex((entry) => entry.action === 'subgraph.cross_agency_declined');
    expect(requested).toBeGreaterThan(-1);
    expect(refused).toBeGreaterThan(requested);
    expect(trail[refused]?.reason).toBe('Nama penduduk hanya bersumber dari data kependudukan Disdukcapil');
    const versions = await bus.call<{ versions: { version: number }[] }>(admin, 'GET', '/v1/subgraphs/dinkes/versions');
    expect(versions.body.versions.map((entry) => entry.version)).toEqual([1]);
  });

  it('accepted by the owner: the held publish is applied then, and the trail shows who consented', async () => {
    const held = await publish();
    expect(held.status).toBe(202);
    const accepted = await bus.call<{ change: ChangeView; published: { version: number } | null }>(
      disdukcapilPublisher,
      'POST',
      `/v1/cross-agency-changes/${held.body.changeId}/accept`,
      { reason: 'disetujui untuk uji' },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.change.status).toBe('accepted');
    expect(accepted.body.published?.version).toBe(2);
    expect(await supergraph()).toContain('override: "disdukcapil"');
    const rows = await bus.database.handle.db.select().from(adminTrail).where(eq(adminTrail.action, 'subgraph.cross_agency_accepted'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.agencyId).toBeTruthy();
  });
});
