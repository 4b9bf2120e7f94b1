import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { graphs } from '../../drizzle/schema/index.ts';
import type { Graph, NewGraph } from '../../drizzle/schema/index.ts';

export class GraphRepository {
  constructor(private readonly db: Executor) {}

  async findByName(name: string): Promise<Graph | null> {
    const [row] = await this.db.select().from(graphs).where(eq(graphs.name, name));
    return row ?? null;
  }

  async list(): Promise<Graph[]> {
    return this.db.select().from(graphs).orderBy(asc(graphs.name));
  }

  /** Graphs a subgraph of `themeSlug` belongs to: those of every theme (empty list) and those naming it. */
  async listContainingTheme(themeSlug: string): Promise<Graph[]> {
    return this.db
      .select()
      .from(graphs)
      .where(sql`cardinality(${graphs.themeSlugs}) = 0 or ${themeSlug} = any(${graphs.themeSlugs})`)
      .orderBy(asc(graphs.name));
  }

  /** Inserts the graph unless its name is taken; null when it was. */
  async create(values: NewGraph): Promise<Graph | null> {
    const [row] = await this.db
      .insert(graphs)
      .values(values)
      .onConflictDoNothing({ target: graphs.name })
      .returning();
    return row ?? null;
  }
}
