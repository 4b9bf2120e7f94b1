import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../drizzle/database.ts';
import { fieldMetadata, schemaVersions, subgraphs } from '../../../drizzle/schema/index.ts';
import type { FieldOwner } from '../coordinates.ts';

/** Who serves a field in a graph: read from the metadata repository. Not scoped: the catalogue is public to callers. */
export class FieldOwnerRepository {
  constructor(private readonly db: Executor) {}

  /**
   * The subgraphs (with their agency) among those composed into a supergraph — given by the schema
   * versions it was composed from — that serve any of `coordinates`.
   */
  async ownersIn(schemaVersionIds: readonly string[], coordinates: readonly string[]): Promise<FieldOwner[]> {
    if (schemaVersionIds.length === 0 || coordinates.length === 0) return [];
    const members = this.db
      .select({ subgraphId: schemaVersions.subgraphId })
      .from(schemaVersions)
      .where(inArray(schemaVersions.id, [...schemaVersionIds]));
    return this.db
      .select({
        coordinate: fieldMetadata.coordinate,
        subgraphId: subgraphs.id,
        subgraphName: subgraphs.name,
        agencyId: subgraphs.agencyId,
      })
      .from(fieldMetadata)
      .innerJoin(subgraphs, eq(subgraphs.id, fieldMetadata.subgraphId))
      .where(and(inArray(fieldMetadata.coordinate, [...coordinates]), inArray(subgraphs.id, members)));
  }
}
