/**
 * The read-only queries of the control-plane feed: everything the gateway reads from the registry's
 * database, in one place. The registry writes these tables through its own repositories; the feed
 * only reads them, never scoped (the gateway acts for no caller of the registry).
 */
import { and, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import {
  accessRequestItems,
  clients,
  credentials,
  graphs,
  grants,
  subgraphs,
  supergraphs,
  users,
} from '../../drizzle/schema/index.ts';
import type { Credential, Grant } from '../../drizzle/schema/index.ts';

export interface LatestSupergraph {
  graph: string;
  version: number;
  /** A version that serves nothing (the graph was deleted or lost its last subgraph): SDLs empty. */
  withdrawn: boolean;
  supergraphSdl: string;
  apiSchemaSdl: string;
  sdlHash: string;
  createdAt: Date;
}

export interface SupergraphHead {
  graph: string;
  version: number;
}

export interface CredentialOwner {
  credential: Pick<Credential, 'id' | 'clientId' | 'expiresAt' | 'revokedAt'>;
  client: { id: string; name: string; grantsVersion: number };
  requesterDisabled: boolean;
}

/** A grant row with what the effective grant set needs: how many owners its coordinate has in its request. */
export interface GrantWithOwnerCount {
  grant: Grant;
  /** Items of the same request and coordinate: one per owning agency (registry/access/coordinates.ts). */
  owners: number;
}

const supergraphColumns = {
  graph: graphs.name,
  version: supergraphs.version,
  supergraphSdl: supergraphs.supergraphSdl,
  apiSchemaSdl: supergraphs.apiSchemaSdl,
  sdlHash: supergraphs.sdlHash,
  withdrawn: supergraphs.withdrawn,
  createdAt: supergraphs.createdAt,
};

export class FeedRepository {
  constructor(private readonly db: Executor) {}

  /** The fetch deadline of every subgraph whose publisher set one (the others use the gateway default). */
  async subgraphTimeouts(): Promise<{ name: string; timeoutMs: number }[]> {
    const rows = await this.db.select({ name: subgraphs.name, timeoutMs: subgraphs.timeoutMs }).from(subgraphs).where(isNotNull(subgraphs.timeoutMs));
    return rows.flatMap((row) => (row.timeoutMs === null ? [] : [{ name: row.name, timeoutMs: row.timeoutMs }]));
  }

  /** The newest supergraph of every live graph that serves one (a withdrawn newest version serves nothing). */
  async latestSupergraphs(): Promise<LatestSupergraph[]> {
    const rows = await this.db
      .selectDistinctOn([supergraphs.graphId], supergraphColumns)
      .from(supergraphs)
      .innerJoin(graphs, eq(graphs.id, supergraphs.graphId))
      .where(isNull(graphs.deletedAt))
      .orderBy(supergraphs.graphId, desc(supergraphs.version));
    return rows.filter((row) => !row.withdrawn);
  }

  /**
   * The newest version number of every graph name, deleted graphs included (their withdrawal is a
   * version too), without the SDL: what a poll compares.
   */
  async supergraphHeads(): Promise<SupergraphHead[]> {
    return this.db
      .select({ graph: graphs.name, version: sql<number>`max(${supergraphs.version})::int` })
      .from(supergraphs)
      .innerJoin(graphs, eq(graphs.id, supergraphs.graphId))
      .groupBy(graphs.name);
  }

  /** The newest supergraph of a graph (by name) if it is newer than `afterVersion`. */
  async supergraphNewerThan(graph: string, afterVersion: number): Promise<LatestSupergraph | null> {
    const [row] = await this.db
      .select(supergraphColumns)
      .from(supergraphs)
      .innerJoin(graphs, eq(graphs.id, supergraphs.graphId))
      .where(and(eq(graphs.name, graph), gt(supergraphs.version, afterVersion)))
      .orderBy(desc(supergraphs.version))
      .limit(1);
    return row ?? null;
  }

  /** The credential with this hash, its client and whether the client's requester is disabled. */
  async credentialOwner(secretHash: string): Promise<CredentialOwner | null> {
    const [row] = await this.db
      .select({
        credential: {
          id: credentials.id,
          clientId: credentials.clientId,
          expiresAt: credentials.expiresAt,
          revokedAt: credentials.revokedAt,
        },
        client: { id: clients.id, name: clients.name, grantsVersion: clients.grantsVersion },
        requesterDisabled: users.disabled,
      })
      .from(credentials)
      .innerJoin(clients, eq(clients.id, credentials.clientId))
      .innerJoin(users, eq(users.id, clients.requesterId))
      .where(eq(credentials.secretHash, secretHash));
    return row ?? null;
  }

  /** The current `grantsVersion` of each of `ids` that exists: one index probe per client. */
  async grantsVersions(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select({ id: clients.id, grantsVersion: clients.grantsVersion })
      .from(clients)
      .where(inArray(clients.id, [...ids]));
    return new Map(rows.map((row) => [row.id, row.grantsVersion]));
  }

  /**
   * The client's grants in one graph that are not revoked and end after `at` (scheduled ones
   * included), each with the number of owners its coordinate has in its request: what
   * `grantStore.ts` turns into a grant set.
   */
  async currentGrants(clientId: string, graphName: string, at: Date): Promise<GrantWithOwnerCount[]> {
    // Correlated count on the (request_id, coordinate) index: one probe per grant row.
    const owners = sql<number>`(select count(*)::int from ${accessRequestItems} where ${accessRequestItems.requestId} = ${grants.requestId} and ${accessRequestItems.coordinate} = ${grants.coordinate})`;
    const rows = await this.db
      .select({ grant: grants, owners })
      .from(grants)
      .innerJoin(graphs, eq(graphs.id, grants.graphId))
      .where(
        and(
          eq(grants.clientId, clientId),
          eq(graphs.name, graphName),
          isNull(graphs.deletedAt),
          isNull(grants.revokedAt),
          gt(grants.endsAt, at),
        ),
      );
    return rows.map((row) => ({ grant: row.grant, owners: Number(row.owners) }));
  }
}
