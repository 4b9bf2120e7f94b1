import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { themes } from '../../drizzle/schema/index.ts';
import type { NewTheme, Theme } from '../../drizzle/schema/index.ts';

export class ThemeRepository {
  constructor(private readonly db: Executor) {}

  async findBySlug(slug: string): Promise<Theme | null> {
    const [row] = await this.db.select().from(themes).where(eq(themes.slug, slug));
    return row ?? null;
  }

  async findBySlugs(slugs: readonly string[]): Promise<Theme[]> {
    if (slugs.length === 0) return [];
    return this.db
      .select()
      .from(themes)
      .where(inArray(themes.slug, [...slugs]));
  }

  async list(): Promise<Theme[]> {
    return this.db.select().from(themes).orderBy(asc(themes.slug));
  }

  /** Changes a theme's name or description; null when no theme has this slug. */
  async update(slug: string, values: Partial<Pick<Theme, 'name' | 'description'>>): Promise<Theme | null> {
    const [row] = await this.db.update(themes).set(values).where(eq(themes.slug, slug)).returning();
    return row ?? null;
  }

  /** Inserts the theme unless its slug is taken; null when it was. */
  async create(values: NewTheme): Promise<Theme | null> {
    const [row] = await this.db
      .insert(themes)
      .values(values)
      .onConflictDoNothing({ target: themes.slug })
      .returning();
    return row ?? null;
  }
}
