import { asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { agencies, fieldMetadata, schemaVersions, subgraphs, themes } from '../../drizzle/schema/index.ts';
import type { Classification } from '../../drizzle/schema/index.ts';
import { rowsOf } from '../../drizzle/rows.ts';

export interface DirectorySubgraph {
  id: string;
  name: string;
  description: string;
  contact: string;
  routingUrl: string;
  themeSlug: string;
  agencySlug: string;
  agencyName: string;
  versionId: string;
  version: number;
  sdl: string;
  publishedAt: Date;
}

export interface DirectoryField {
  subgraphId: string;
  coordinate: string;
  typeName: string;
  fieldName: string;
  returnType: string;
  description: string;
  classification: Classification;
  personalData: boolean;
}

export interface SearchHit {
  coordinate: string;
  typeName: string;
  fieldName: string;
  returnType: string;
  description: string;
  classification: Classification;
  personalData: boolean;
  subgraph: string;
  theme: string;
  agencySlug: string;
  agencyName: string;
  rank: number;
}

/** A search query reduced to safe pieces: words for full-text search and an escaped ILIKE pattern. */
export interface SearchTerms {
  words: string[];
  text: string;
}

/** Read side of the service directory: published subgraphs, their fields, and search over them. */
export class DirectoryRepository {
  constructor(private readonly db: Executor) {}

  /** Every subgraph that has a published version, with its owner, theme and newest version. */
  async subgraphs(): Promise<DirectorySubgraph[]> {
    const latest = this.db
      .selectDistinctOn([schemaVersions.subgraphId], {
        subgraphId: schemaVersions.subgraphId,
        versionId: sql<string>`${schemaVersions.id}`.as('version_id'),
        version: schemaVersions.version,
        sdl: schemaVersions.sdl,
        publishedAt: sql<Date>`${schemaVersions.createdAt}`.as('published_at'),
      })
      .from(schemaVersions)
      .orderBy(schemaVersions.subgraphId, desc(schemaVersions.version))
      .as('latest');
    const rows = await this.db
      .select({
        id: subgraphs.id,
        name: subgraphs.name,
        description: subgraphs.description,
        contact: subgraphs.contact,
        routingUrl: subgraphs.routingUrl,
        themeSlug: themes.slug,
        agencySlug: agencies.slug,
        agencyName: agencies.name,
        versionId: latest.versionId,
        version: latest.version,
        sdl: latest.sdl,
        publishedAt: latest.publishedAt,
      })
      .from(subgraphs)
      .innerJoin(themes, eq(themes.id, subgraphs.themeId))
      .innerJoin(agencies, eq(agencies.id, subgraphs.agencyId))
      .innerJoin(latest, eq(latest.subgraphId, subgraphs.id))
      // A retired subgraph leaves the directory; its versions stay in the metadata repository.
      .where(isNull(subgraphs.retiredAt))
      .orderBy(asc(subgraphs.name));
    // A column selected through a raw subquery alias comes back as text from some drivers.
    return rows.map((row) => ({ ...row, publishedAt: new Date(row.publishedAt) }));
  }

  async fields(): Promise<DirectoryField[]> {
    return this.db
      .select({
        subgraphId: fieldMetadata.subgraphId,
        coordinate: fieldMetadata.coordinate,
        typeName: fieldMetadata.typeName,
        fieldName: fieldMetadata.fieldName,
        returnType: fieldMetadata.returnType,
        description: fieldMetadata.description,
        classification: fieldMetadata.classification,
        personalData: fieldMetadata.personalData,
      })
      .from(fieldMetadata)
      .orderBy(asc(fieldMetadata.typeName), asc(fieldMetadata.fieldName));
  }

  /**
   * Full-text search over type names, field names and descriptions (the `simple` configuration, so
   * Indonesian words are not stemmed as English; camelCase names are also split into words), with a
   * substring match as a fallback, best matches first, at most `limit` rows.
   */
  async search(terms: SearchTerms, limit: number): Promise<SearchHit[]> {
    const tsquery = terms.words.map((word) => `${word}:*`).join(' & ');
    const like = `%${terms.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const document = sql`to_tsvector('simple',
        ${fieldMetadata.typeName} || ' ' || ${fieldMetadata.fieldName} || ' ' ||
        regexp_replace(${fieldMetadata.typeName} || ' ' || ${fieldMetadata.fieldName}, '([a-z0-9])([A-Z])', '\\1 \\2', 'g') || ' ' ||
        ${fieldMetadata.description})`;
    const query = sql`to_tsquery('simple', ${tsquery})`;
    const result = await this.db.execute(sql`
      select ${fieldMetadata.coordinate} as coordinate, ${fieldMetadata.typeName} as type_name,
             ${fieldMetadata.fieldName} as field_name, ${fieldMetadata.returnType} as return_type,
             ${fieldMetadata.description} as description, ${fieldMetadata.classification} as classification,
             ${fieldMetadata.personalData} as personal_data, ${subgraphs.name} as subgraph, ${themes.slug} as theme,
             ${agencies.slug} as agency_slug, ${agencies.name} as agency_name,
             (ts_rank(${document}, ${query})
               + case when lower(${fieldMetadata.fieldName}) = lower(${terms.text}) then 2 else 0 end
               + case when lower(${fieldMetadata.typeName}) = lower(${terms.text}) then 1 else 0 end)::float8 as rank
      from ${fieldMetadata}
      join ${subgraphs} on ${subgraphs.id} = ${fieldMetadata.subgraphId}
      join ${themes} on ${themes.id} = ${subgraphs.themeId}
      join ${agencies} on ${agencies.id} = ${subgraphs.agencyId}
      where ${subgraphs.retiredAt} is null
        and (${document} @@ ${query}
         or ${fieldMetadata.coordinate} ilike ${like}
         or ${fieldMetadata.description} ilike ${like})
      order by rank desc, ${fieldMetadata.coordinate} asc, ${subgraphs.name} asc
      limit ${limit}`);
    return rowsOf<{
      coordinate: string;
      type_name: string;
      field_name: string;
      return_type: string;
      description: string;
      classification: Classification;
      personal_data: boolean;
      subgraph: string;
      theme: string;
      agency_slug: string;
      agency_name: string;
      rank: number | string;
    }>(result).map((row) => ({
      coordinate: row.coordinate,
      typeName: row.type_name,
      fieldName: row.field_name,
      returnType: row.return_type,
      description: row.description,
      classification: row.classification,
      personalData: row.personal_data,
      subgraph: row.subgraph,
      theme: row.theme,
      agencySlug: row.agency_slug,
      agencyName: row.agency_name,
      rank: Number(row.rank),
    }));
  }
}
