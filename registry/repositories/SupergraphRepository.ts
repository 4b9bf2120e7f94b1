import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { graphs, supergraphs } from '../../drizzle/schema/index.ts';
import type { NewSupergraph, Supergraph } from '../../drizzle/schema/index.ts';

const COMPOSITION_LOCK_KEY = 4_200_419_002;

/**
 * Every successful composition of every graph; the newest per graph is what gateways serve, read
 * through the feed (lib/feed/FeedRepository.ts).
 */
export class SupergraphRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Serialises every change to what graphs are composed of (publishes, across processes) until the
   * transaction ends, so two publishes never compose from the same stale members.
   */
  async lockCompositions(): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${COMPOSITION_LOCK_KEY})`);
  }

  /**
   * The graph's newest supergraph; null when it has none or when the newest is withdrawn (the graph
   * serves nothing), unless `includeWithdrawn` (numbering the next version).
   */
  async latestForGraph(graphId: string, options: { includeWithdrawn?: boolean } = {}): Promise<Supergraph | null> {
    const [row] = await this.db
      .select()
      .from(supergraphs)
      .where(eq(supergraphs.graphId, graphId))
      .orderBy(desc(supergraphs.version))
      .limit(1);
    if (!row || (row.withdrawn && !options.includeWithdrawn)) return null;
    return row;
  }

  /**
   * The next version number for a graph of this name: above every version any graph of that name
   * ever had, so a gateway that saw a deleted graph's versions takes a new graph of the same name.
   */
  async nextVersionForName(name: string): Promise<number> {
    const rows = await this.db.execute(
      sql`select coalesce(max(s.version), 0)::int as version from ${supergraphs} s join ${graphs} g on g.id = s.graph_id where g.name = ${name}`,
    );
    const [row] = rowsOf<{ version: number | string }>(rows);
    return Number(row?.version ?? 0) + 1;
  }

  /** A version that serves nothing: gateways stop serving the graph when they reach it. */
  async withdraw(graphId: string): Promise<Supergraph> {
    const latest = await this.latestForGraph(graphId, { includeWithdrawn: true });
    return this.insert({
      graphId,
      version: (latest?.version ?? 0) + 1,
      supergraphSdl: '',
      apiSchemaSdl: '',
      sdlHash: '',
      schemaVersionIds: [],
      withdrawn: true,
    });
  }

  async insert(values: NewSupergraph): Promise<Supergraph> {
    const [row] = await this.db.insert(supergraphs).values(values).returning();
    if (!row) throw new Error('supergraph insert returned nothing');
    return row;
  }
}
