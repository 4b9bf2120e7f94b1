import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { graphs } from '../../drizzle/schema/index.ts';
import type { Graph, NewGraph } from '../../drizzle/schema/index.ts';

/** Graphs; deleted ones (`deletedAt` set) are left out of every read here. */
export class GraphRepository {
  constructor(private readonly db: Executor) {}

  async findByName(name: string): Promise<Graph | null> {
    const [row] = await this.db.select().from(graphs).where(and(eq(graphs.name, name), isNull(graphs.deletedAt)));
    return row ?? null;
  }

  /** The graph of this name, locked until the transaction ends (a change of its themes or its deletion). */
  async lockByName(name: string): Promise<Graph | null> {
    const [row] = await this.db
      .select()
      .from(graphs)
      .where(and(eq(graphs.name, name), isNull(graphs.deletedAt)))
      .for('update');
    return row ?? null;
  }

  async list(): Promise<Graph[]> {
    return this.db.select().from(graphs).where(isNull(graphs.deletedAt)).orderBy(asc(graphs.name));
  }

  /**
   * Graphs a subgraph of `themeSlug` belongs to: those of every theme (empty list) and those naming
   * it, unless they exclude it. Mirrors `graphIncludesTheme` (registry/graphs/membership.ts).
   */
  async listContainingTheme(themeSlug: string): Promise<Graph[]> {
    return this.db
      .select()
      .from(graphs)
      .where(
        and(
          isNull(graphs.deletedAt),
          sql`(cardinality(${graphs.themeSlugs}) = 0 or ${themeSlug} = any(${graphs.themeSlugs}))`,
          sql`not (${themeSlug} = any(${graphs.excludedThemeSlugs}))`,
        ),
      )
      .orderBy(asc(graphs.name));
  }

  /** Inserts the graph unless a live graph has its name; null when one has. */
  async create(values: NewGraph): Promise<Graph | null> {
    const [row] = await this.db.insert(graphs).values(values).onConflictDoNothing().returning();
    return row ?? null;
  }

  async update(id: string, patch: Partial<Pick<Graph, 'themeSlugs' | 'excludedThemeSlugs' | 'description'>>): Promise<Graph | null> {
    const [row] = await this.db.update(graphs).set(patch).where(eq(graphs.id, id)).returning();
    return row ?? null;
  }

  async markDeleted(id: string, at: Date): Promise<void> {
    await this.db.update(graphs).set({ deletedAt: at }).where(eq(graphs.id, id));
  }
}
