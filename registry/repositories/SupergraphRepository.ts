import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { supergraphs } from '../../drizzle/schema/index.ts';
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
}
