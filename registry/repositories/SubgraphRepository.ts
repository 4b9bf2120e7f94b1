import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { agencies, schemaVersions, subgraphs, themes, users } from '../../drizzle/schema/index.ts';
import type { NewSchemaVersion, NewSubgraph, SchemaVersion, Subgraph } from '../../drizzle/schema/index.ts';

/**
 * Whose subgraphs a caller may change: a publisher only its own agency's (`agencyId`), an
 * administrator every agency's (`null`). Reads of the catalogue are not scoped: the service directory
 * is for everyone with a registry token.
 */
export interface AgencyScope {
  agencyId: string | null;
}

export interface SubgraphWithOwner extends Subgraph {
  agencySlug: string;
  agencyName: string;
  themeSlug: string;
}

/** A subgraph with its newest schema version: what a graph is composed from. */
export interface SubgraphMember {
  subgraphId: string;
  name: string;
  themeSlug: string;
  agencyId: string;
  versionId: string;
  version: number;
  routingUrl: string;
  sdl: string;
}

export interface VersionSummary {
  version: number;
  sdlHash: string;
  routingUrl: string;
  author: string | null;
  overrideReason: string | null;
  createdAt: Date;
  changes: unknown;
}

/** A subgraph as the catalogue lists it: owner, theme and its newest version (none before the first publish). */
export interface SubgraphListing extends SubgraphWithOwner {
  latestVersion: number | null;
  publishedAt: Date | null;
}

export interface VersionDetail extends SchemaVersion {
  author: string | null;
}

/** Subgraphs and the metadata repository of their schema versions. */
export class SubgraphRepository {
  constructor(
    private readonly db: Executor,
    private readonly scope: AgencyScope,
  ) {}

  private owned(): SQL | undefined {
    return this.scope.agencyId === null ? undefined : eq(subgraphs.agencyId, this.scope.agencyId);
  }

  private selectWithOwner() {
    return this.db
      .select({
        subgraph: subgraphs,
        agencySlug: agencies.slug,
        agencyName: agencies.name,
        themeSlug: themes.slug,
      })
      .from(subgraphs)
      .innerJoin(agencies, eq(agencies.id, subgraphs.agencyId))
      .innerJoin(themes, eq(themes.id, subgraphs.themeId));
  }

  /** Any agency's subgraph of this name (names are global, so a clash must be seen). */
  async findByName(name: string): Promise<SubgraphWithOwner | null> {
    const [row] = await this.selectWithOwner().where(eq(subgraphs.name, name));
    return row
      ? { ...row.subgraph, agencySlug: row.agencySlug, agencyName: row.agencyName, themeSlug: row.themeSlug }
      : null;
  }

  /** The subgraph of this name if the caller's scope owns it. */
  async findOwnedByName(name: string): Promise<SubgraphWithOwner | null> {
    const [row] = await this.selectWithOwner().where(and(eq(subgraphs.name, name), this.owned()));
    return row
      ? { ...row.subgraph, agencySlug: row.agencySlug, agencyName: row.agencyName, themeSlug: row.themeSlug }
      : null;
  }

  /** Every subgraph (of one agency, by slug, when given), by name, with its newest version. */
  async list(agencySlug?: string): Promise<SubgraphListing[]> {
    const latest = this.db
      .select({
        subgraphId: schemaVersions.subgraphId,
        version: sql<number>`max(${schemaVersions.version})`.as('latest_version'),
        publishedAt: sql<Date>`max(${schemaVersions.createdAt})`.as('published_at'),
      })
      .from(schemaVersions)
      .groupBy(schemaVersions.subgraphId)
      .as('latest');
    const rows = await this.db
      .select({
        subgraph: subgraphs,
        agencySlug: agencies.slug,
        agencyName: agencies.name,
        themeSlug: themes.slug,
        latestVersion: latest.version,
        publishedAt: latest.publishedAt,
      })
      .from(subgraphs)
      .innerJoin(agencies, eq(agencies.id, subgraphs.agencyId))
      .innerJoin(themes, eq(themes.id, subgraphs.themeId))
      .leftJoin(latest, eq(latest.subgraphId, subgraphs.id))
      .where(agencySlug === undefined ? undefined : eq(agencies.slug, agencySlug))
      .orderBy(asc(subgraphs.name));
    return rows.map((row) => ({
      ...row.subgraph,
      agencySlug: row.agencySlug,
      agencyName: row.agencyName,
      themeSlug: row.themeSlug,
      latestVersion: row.latestVersion === null ? null : Number(row.latestVersion),
      publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt),
    }));
  }

  /** Locks the subgraph row (by name) until the transaction ends, so two publishes of it take turns. */
  async lockByName(name: string): Promise<void> {
    await this.db.select({ id: subgraphs.id }).from(subgraphs).where(eq(subgraphs.name, name)).for('update');
  }

  async create(values: NewSubgraph): Promise<Subgraph> {
    if (this.scope.agencyId !== null && values.agencyId !== this.scope.agencyId) {
      throw new Error('subgraph create outside the caller agency scope');
    }
    const [row] = await this.db.insert(subgraphs).values(values).returning();
    if (!row) throw new Error('subgraph insert returned nothing');
    return row;
  }

  async update(
    id: string,
    patch: Partial<Pick<Subgraph, 'themeId' | 'routingUrl' | 'description' | 'contact' | 'timeoutMs' | 'retiredAt'>>,
  ): Promise<Subgraph | null> {
    const [row] = await this.db
      .update(subgraphs)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(subgraphs.id, id), this.owned()))
      .returning();
    return row ?? null;
  }

  async latestVersion(subgraphId: string): Promise<SchemaVersion | null> {
    const [row] = await this.db
      .select()
      .from(schemaVersions)
      .where(eq(schemaVersions.subgraphId, subgraphId))
      .orderBy(desc(schemaVersions.version))
      .limit(1);
    return row ?? null;
  }

  async insertVersion(values: NewSchemaVersion): Promise<SchemaVersion> {
    const [row] = await this.db.insert(schemaVersions).values(values).returning();
    if (!row) throw new Error('schema version insert returned nothing');
    return row;
  }

  async listVersions(subgraphId: string): Promise<VersionSummary[]> {
    return this.db
      .select({
        version: schemaVersions.version,
        sdlHash: schemaVersions.sdlHash,
        routingUrl: schemaVersions.routingUrl,
        author: users.name,
        overrideReason: schemaVersions.overrideReason,
        createdAt: schemaVersions.createdAt,
        changes: schemaVersions.changes,
      })
      .from(schemaVersions)
      .leftJoin(users, eq(users.id, schemaVersions.authorId))
      .where(eq(schemaVersions.subgraphId, subgraphId))
      .orderBy(desc(schemaVersions.version));
  }

  async getVersion(subgraphId: string, version: number): Promise<VersionDetail | null> {
    const [row] = await this.db
      .select({ version: schemaVersions, author: users.name })
      .from(schemaVersions)
      .leftJoin(users, eq(users.id, schemaVersions.authorId))
      .where(and(eq(schemaVersions.subgraphId, subgraphId), eq(schemaVersions.version, version)));
    return row ? { ...row.version, author: row.author } : null;
  }

  /**
   * Every subgraph under one of `themeSlugs` (null: every theme) with its newest schema version;
   * subgraphs without a version yet, and retired ones, are left out. Ordered by name so compositions are reproducible.
   */
  async listMembers(themeSlugs: readonly string[] | null): Promise<SubgraphMember[]> {
    if (themeSlugs !== null && themeSlugs.length === 0) return [];
    const latest = this.db
      .selectDistinctOn([schemaVersions.subgraphId], {
        subgraphId: schemaVersions.subgraphId,
        versionId: sql<string>`${schemaVersions.id}`.as('version_id'),
        version: schemaVersions.version,
        routingUrl: sql<string>`${schemaVersions.routingUrl}`.as('version_routing_url'),
        sdl: schemaVersions.sdl,
      })
      .from(schemaVersions)
      .orderBy(schemaVersions.subgraphId, desc(schemaVersions.version))
      .as('latest');
    return this.db
      .select({
        subgraphId: subgraphs.id,
        name: subgraphs.name,
        themeSlug: themes.slug,
        agencyId: subgraphs.agencyId,
        versionId: latest.versionId,
        version: latest.version,
        routingUrl: latest.routingUrl,
        sdl: latest.sdl,
      })
      .from(subgraphs)
      .innerJoin(themes, eq(themes.id, subgraphs.themeId))
      .innerJoin(latest, eq(latest.subgraphId, subgraphs.id))
      .where(and(isNull(subgraphs.retiredAt), themeSlugs === null ? undefined : inArray(themes.slug, [...themeSlugs])))
      .orderBy(asc(subgraphs.name));
  }
}
