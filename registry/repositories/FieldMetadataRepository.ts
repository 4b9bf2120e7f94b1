import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { fieldMetadata } from '../../drizzle/schema/index.ts';
import type { Classification, FieldMetadata } from '../../drizzle/schema/index.ts';

/** A field as read from a published SDL (see `registry/checks/metadata.ts`). */
export interface PublishedField {
  coordinate: string;
  typeName: string;
  fieldName: string;
  returnType: string;
  description: string | null;
  classification: Classification;
  personalData: boolean;
}

export interface FieldMetadataPatch {
  classification?: Classification;
  personalData?: boolean;
  description?: string;
}

/** Per-field metadata of each subgraph's current version. */
export class FieldMetadataRepository {
  constructor(private readonly db: Executor) {}

  async listForSubgraph(subgraphId: string): Promise<FieldMetadata[]> {
    return this.db
      .select()
      .from(fieldMetadata)
      .where(eq(fieldMetadata.subgraphId, subgraphId))
      .orderBy(asc(fieldMetadata.coordinate));
  }

  async find(subgraphId: string, coordinate: string): Promise<FieldMetadata | null> {
    const [row] = await this.db
      .select()
      .from(fieldMetadata)
      .where(and(eq(fieldMetadata.subgraphId, subgraphId), eq(fieldMetadata.coordinate, coordinate)));
    return row ?? null;
  }

  /**
   * Makes the subgraph's metadata match a newly published version: fields that disappeared are
   * removed, new ones added, and existing ones refreshed from the SDL, except that a row a person
   * edited keeps its edited description, classification and personal-data flag.
   */
  async replaceForSubgraph(subgraphId: string, fields: readonly PublishedField[]): Promise<void> {
    const coordinates = fields.map((field) => field.coordinate);
    await this.db
      .delete(fieldMetadata)
      .where(
        coordinates.length === 0
          ? eq(fieldMetadata.subgraphId, subgraphId)
          : and(eq(fieldMetadata.subgraphId, subgraphId), notInArray(fieldMetadata.coordinate, coordinates)),
      );
    if (fields.length === 0) return;
    const keepEdited = (
      column:
        | typeof fieldMetadata.description
        | typeof fieldMetadata.classification
        | typeof fieldMetadata.personalData,
      excluded: string,
    ) => sql`case when ${fieldMetadata.edited} then ${column} else excluded.${sql.identifier(excluded)} end`;
    await this.db
      .insert(fieldMetadata)
      .values(
        fields.map((field) => ({
          subgraphId,
          coordinate: field.coordinate,
          typeName: field.typeName,
          fieldName: field.fieldName,
          returnType: field.returnType,
          description: field.description ?? '',
          classification: field.classification,
          personalData: field.personalData,
        })),
      )
      .onConflictDoUpdate({
        target: [fieldMetadata.subgraphId, fieldMetadata.coordinate],
        set: {
          typeName: sql`excluded.type_name`,
          fieldName: sql`excluded.field_name`,
          returnType: sql`excluded.return_type`,
          description: keepEdited(fieldMetadata.description, 'description'),
          classification: keepEdited(fieldMetadata.classification, 'classification'),
          personalData: keepEdited(fieldMetadata.personalData, 'personal_data'),
          updatedAt: sql`now()`,
        },
      });
  }

  /** A person's edit: marks the row edited so later publishes keep it. Null when the field is unknown. */
  async update(
    subgraphId: string,
    coordinate: string,
    patch: FieldMetadataPatch,
  ): Promise<FieldMetadata | null> {
    const [row] = await this.db
      .update(fieldMetadata)
      .set({ ...patch, edited: true, updatedAt: sql`now()` })
      .where(and(eq(fieldMetadata.subgraphId, subgraphId), eq(fieldMetadata.coordinate, coordinate)))
      .returning();
    return row ?? null;
  }
}
