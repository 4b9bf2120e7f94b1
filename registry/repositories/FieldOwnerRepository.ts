import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { schemaVersions, subgraphs } from '../../drizzle/schema/index.ts';
import type { GraphMember } from '../access/coordinates.ts';

/**
 * The subgraphs a supergraph was composed from, with their agencies: who owns which of its fields is
 * the coordinate model's answer (`../coordinates.ts`). Not scoped: the catalogue is public to callers.
 */
export class FieldOwnerRepository {
  constructor(private readonly db: Executor) {}

  /** The subgraphs of the schema versions a supergraph was composed from. */
  async membersOf(schemaVersionIds: readonly string[]): Promise<GraphMember[]> {
    if (schemaVersionIds.length === 0) return [];
    return this.db
      .select({ subgraphId: subgraphs.id, subgraphName: subgraphs.name, agencyId: subgraphs.agencyId })
      .from(schemaVersions)
      .innerJoin(subgraphs, eq(subgraphs.id, schemaVersions.subgraphId))
      .where(inArray(schemaVersions.id, [...schemaVersionIds]));
  }
}
