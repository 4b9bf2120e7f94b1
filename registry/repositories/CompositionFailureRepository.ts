import { inArray } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { compositionFailures, graphs } from '../../drizzle/schema/index.ts';
import type { CompositionFailure } from '../../drizzle/schema/index.ts';

/** The last failed composition attempt of each graph (drizzle/schema/registry.ts). */
export class CompositionFailureRepository {
  constructor(private readonly db: Executor) {}

  /** Records failures of the graphs named, replacing each graph's earlier one; unknown names are skipped. */
  async record(failures: (Omit<CompositionFailure, 'graphId'> & { graph: string })[]): Promise<void> {
    if (failures.length === 0) return;
    const ids = await this.db
      .select({ id: graphs.id, name: graphs.name })
      .from(graphs)
      .where(inArray(graphs.name, failures.map((failure) => failure.graph)));
    const idOf = new Map(ids.map((row) => [row.name, row.id]));
    for (const { graph, ...failure } of failures) {
      const graphId = idOf.get(graph);
      if (!graphId) continue;
      await this.db
        .insert(compositionFailures)
        .values({ graphId, ...failure })
        .onConflictDoUpdate({ target: compositionFailures.graphId, set: failure });
    }
  }

  async all(): Promise<CompositionFailure[]> {
    return this.db.select().from(compositionFailures);
  }
}
