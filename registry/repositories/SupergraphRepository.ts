import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { graphs, supergraphs } from '../../drizzle/schema/index.ts';
import type { NewSupergraph, Supergraph } from '../../drizzle/schema/index.ts';

const COMPOSITION_LOCK_KEY = 4_200_419_002;

export interface LatestSupergraph {
  graph: string;
  version: number;
  supergraphSdl: string;
  apiSchemaSdl: string;
  sdlHash: string;
  createdAt: Date;
}

export interface SupergraphHead {
  graph: string;
  version: number;
}

/** Every successful composition of every graph; the newest per graph is what gateways serve. */
export class SupergraphRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Serialises every change to what graphs are composed of (publishes, across processes) until the
   * transaction ends, so two publishes never compose from the same stale members.
   */
  async lockCompositions(): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${COMPOSITION_LOCK_KEY})`);
  }

  async latestForGraph(graphId: string): Promise<Supergraph | null> {
    const [row] = await this.db
      .select()
      .from(supergraphs)
      .where(eq(supergraphs.graphId, graphId))
      .orderBy(desc(supergraphs.version))
      .limit(1);
    return row ?? null;
  }

  async insert(values: NewSupergraph): Promise<Supergraph> {
    const [row] = await this.db.insert(supergraphs).values(values).returning();
    if (!row) throw new Error('supergraph insert returned nothing');
    return row;
  }

  /** The newest supergraph of every graph that has one. */
  async latestPerGraph(): Promise<LatestSupergraph[]> {
    return this.db
      .selectDistinctOn([supergraphs.graphId], {
        graph: graphs.name,
        version: supergraphs.version,
        supergraphSdl: supergraphs.supergraphSdl,
        apiSchemaSdl: supergraphs.apiSchemaSdl,
        sdlHash: supergraphs.sdlHash,
        createdAt: supergraphs.createdAt,
      })
      .from(supergraphs)
      .innerJoin(graphs, eq(graphs.id, supergraphs.graphId))
      .orderBy(supergraphs.graphId, desc(supergraphs.version));
  }

  /** The newest version number of every graph, without the SDL: what a poll compares. */
  async heads(): Promise<SupergraphHead[]> {
    return this.db
      .select({ graph: graphs.name, version: sql<number>`max(${supergraphs.version})::int` })
      .from(supergraphs)
      .innerJoin(graphs, eq(graphs.id, supergraphs.graphId))
      .groupBy(graphs.name);
  }

  /** The newest supergraph of a graph (by name) if it is newer than `afterVersion`. */
  async newerThan(graph: string, afterVersion: number): Promise<LatestSupergraph | null> {
    const [row] = await this.db
      .select({
        graph: graphs.name,
        version: supergraphs.version,
        supergraphSdl: supergraphs.supergraphSdl,
        apiSchemaSdl: supergraphs.apiSchemaSdl,
        sdlHash: supergraphs.sdlHash,
        createdAt: supergraphs.createdAt,
      })
      .from(supergraphs)
      .innerJoin(graphs, eq(graphs.id, supergraphs.graphId))
      .where(and(eq(graphs.name, graph), gt(supergraphs.version, afterVersion)))
      .orderBy(desc(supergraphs.version))
      .limit(1);
    return row ?? null;
  }
}
