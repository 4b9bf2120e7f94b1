/**
 * Fluent seed builders for registry tests:
 *
 *   const world = await seed(registry)
 *     .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil').withPublisher()
 *     .agency('bkpsdm', 'BKPSDM').withPublisher()
 *     .client('aplikasi-bansos', { organization: 'Dinas Sosial' })
 *     .done();
 *
 * Agencies and users go through the registry's own admin routes; clients, grants and access-log
 * traffic (which belong to the access workflow and the gateway) are written straight to the database,
 * as the state a publish check must respect.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import {
  accessLog,
  accessRequestItems,
  accessRequests,
  agencies,
  clients,
  graphs,
  grants,
  subgraphs,
} from '../../drizzle/schema/index.ts';
import type { Identity, TestRegistry } from './registry.ts';

export interface SeededAgency {
  id: string;
  slug: string;
  name: string;
  publisher: Identity | null;
}

export interface SeededClient {
  id: string;
  name: string;
  requester: Identity;
}

export interface World {
  admin: Identity;
  agencies: Record<string, SeededAgency>;
  clients: Record<string, SeededClient>;
  /** The publisher of an agency seeded `withPublisher()`. */
  publisher(agencySlug: string): Identity;
}

type Step = (world: World) => Promise<void>;

export class SeedBuilder {
  private readonly steps: Step[] = [];
  private lastAgency: string | null = null;

  constructor(private readonly registry: TestRegistry) {}

  agency(slug: string, name = slug.toUpperCase()): this {
    this.lastAgency = slug;
    this.steps.push(async (world) => {
      const body = await this.registry.must<{ id: string }>(
        this.registry.admin,
        'POST',
        '/v1/admin/agencies',
        { slug, name },
        201,
      );
      world.agencies[slug] = { id: body.id, slug, name, publisher: null };
    });
    return this;
  }

  /** A publisher (with a token) for the agency declared just before. */
  withPublisher(name?: string): this {
    const slug = this.lastAgency;
    if (slug === null) throw new Error('withPublisher() must follow agency()');
    this.steps.push(async (world) => {
      const created = await this.registry.must<{ user: { id: string }; token: { token: string } }>(
        this.registry.admin,
        'POST',
        '/v1/admin/users',
        {
          name: name ?? `Publisher ${slug}`,
          email: `publisher@${slug}.test`,
          role: 'publisher',
          agency: slug,
        },
        201,
      );
      const agency = world.agencies[slug];
      if (!agency) throw new Error(`agency ${slug} not seeded`);
      agency.publisher = { id: created.user.id, token: created.token.token };
    });
    return this;
  }

  /** A requester and its client application (the holder of grants at the gateway). */
  client(name: string, options: { organization?: string } = {}): this {
    this.steps.push(async (world) => {
      const created = await this.registry.must<{ user: { id: string }; token: { token: string } }>(
        this.registry.admin,
        'POST',
        '/v1/admin/users',
        {
          name: `Pemohon ${name}`,
          email: `${name}@requester.test`,
          role: 'requester',
          organization: options.organization ?? '',
        },
        201,
      );
      const [row] = await this.registry.database.db
        .insert(clients)
        .values({ requesterId: created.user.id, name, organization: options.organization ?? '' })
        .returning({ id: clients.id });
      if (!row) throw new Error('client insert returned nothing');
      world.clients[name] = {
        id: row.id,
        name,
        requester: { id: created.user.id, token: created.token.token },
      };
    });
    return this;
  }

  async done(): Promise<World> {
    const world: World = {
      admin: this.registry.admin,
      agencies: {},
      clients: {},
      publisher(agencySlug) {
        const publisher = this.agencies[agencySlug]?.publisher;
        if (!publisher) throw new Error(`agency ${agencySlug} has no seeded publisher`);
        return publisher;
      },
    };
    for (const step of this.steps) await step(world);
    return world;
  }
}

export function seed(registry: TestRegistry): SeedBuilder {
  return new SeedBuilder(registry);
}

/** An active grant of `coordinate` in `graph` to a client, as the access workflow would leave it. */
export async function grantField(
  database: DatabaseHandle,
  input: {
    clientId: string;
    graph: string;
    subgraph: string;
    coordinate: string;
    grantedBy: string;
    days?: number;
  },
): Promise<void> {
  const db = database.db;
  const [graph] = await db.select().from(graphs).where(eq(graphs.name, input.graph));
  const [subgraph] = await db.select().from(subgraphs).where(eq(subgraphs.name, input.subgraph));
  if (!graph || !subgraph) throw new Error(`graph ${input.graph} or subgraph ${input.subgraph} missing`);
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, subgraph.agencyId));
  if (!agency) throw new Error('agency missing');
  const now = Date.now();
  const startsAt = new Date(now - 86_400_000);
  const endsAt = new Date(now + (input.days ?? 90) * 86_400_000);
  await db.transaction(async (tx) => {
    const [request] = await tx
      .insert(accessRequests)
      .values({
        clientId: input.clientId,
        graphId: graph.id,
        purpose: 'Verifikasi penerima bantuan sosial',
        legalBasis: 'Perbup 138/2023',
        periodStart: startsAt,
        periodEnd: endsAt,
        status: 'approved',
        createdBy: input.grantedBy,
      })
      .returning();
    if (!request) throw new Error('access request insert returned nothing');
    const [item] = await tx
      .insert(accessRequestItems)
      .values({
        requestId: request.id,
        coordinate: input.coordinate,
        subgraphId: subgraph.id,
        agencyId: agency.id,
        status: 'granted',
      })
      .returning();
    if (!item) throw new Error('access request item insert returned nothing');
    await tx.insert(grants).values({
      requestId: request.id,
      itemId: item.id,
      clientId: input.clientId,
      graphId: graph.id,
      agencyId: agency.id,
      coordinate: input.coordinate,
      startsAt,
      endsAt,
      grantedBy: input.grantedBy,
    });
  });
}

let trafficSeq = 1_000_000;

/** Successful requests by a client that touched `coordinates`, `daysAgo` days ago, in the access log. */
export async function recordTraffic(
  database: DatabaseHandle,
  input: { clientId: string | null; graph: string; coordinates: string[]; daysAgo?: number; count?: number },
): Promise<void> {
  const occurredAt = new Date(Date.now() - (input.daysAgo ?? 1) * 86_400_000);
  const rows = Array.from({ length: input.count ?? 1 }, () => ({
    seq: trafficSeq++,
    occurredAt,
    requestId: randomUUID(),
    clientId: input.clientId,
    graph: input.graph,
    coordinates: input.coordinates,
    outcome: 'ok' as const,
    durationMs: 5,
    prevHash: '0'.repeat(64),
    hash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
  }));
  await database.db.insert(accessLog).values(rows);
}
