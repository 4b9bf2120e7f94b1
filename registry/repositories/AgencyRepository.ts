import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { agencies } from '../../drizzle/schema/index.ts';
import type { Agency, NewAgency } from '../../drizzle/schema/index.ts';

/** Agencies (Perangkat Daerah). Not ownership-scoped: every caller may read the list of agencies. */
export class AgencyRepository {
  constructor(private readonly db: Executor) {}

  async findBySlug(slug: string): Promise<Agency | null> {
    const [row] = await this.db.select().from(agencies).where(eq(agencies.slug, slug));
    return row ?? null;
  }

  async findById(id: string): Promise<Agency | null> {
    const [row] = await this.db.select().from(agencies).where(eq(agencies.id, id));
    return row ?? null;
  }

  async list(): Promise<Agency[]> {
    return this.db.select().from(agencies).orderBy(asc(agencies.slug));
  }

  /** Sets the hosts/URL prefixes the agency's subgraphs may route to (null: not restricted). */
  async setRoutingUrlPrefixes(id: string, prefixes: string[] | null): Promise<void> {
    await this.db.update(agencies).set({ routingUrlPrefixes: prefixes }).where(eq(agencies.id, id));
  }

  /** Changes an agency's name, description or contact; null when no agency has this slug. */
  async update(slug: string, values: Partial<Pick<Agency, 'name' | 'description' | 'contact'>>): Promise<Agency | null> {
    const [row] = await this.db.update(agencies).set(values).where(eq(agencies.slug, slug)).returning();
    return row ?? null;
  }

  /** Inserts the agency unless its slug is taken; null when it was. */
  async create(values: NewAgency): Promise<Agency | null> {
    const [row] = await this.db
      .insert(agencies)
      .values(values)
      .onConflictDoNothing({ target: agencies.slug })
      .returning();
    return row ?? null;
  }
}
