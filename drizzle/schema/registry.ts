import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies, themes, users } from './agencies.ts';

/** A subgraph: one agency's API wrapped for federation, placed under one theme. */
export const subgraphs = pgTable(
  'subgraphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Subgraph names are global: composition identifies subgraphs by name across agencies.
    name: text('name').notNull().unique(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => themes.id, { onDelete: 'restrict' }),
    routingUrl: text('routing_url').notNull(),
    description: text('description').notNull().default(''),
    contact: text('contact').notNull().default(''),
    // The gateway's deadline for one fetch to this subgraph; null means the gateway's own default
    // (PENGHUBUNG_SUBGRAPH_TIMEOUT_SECONDS). Bounded like the publish input that sets it.
    timeoutMs: integer('timeout_ms'),
    // Set when the subgraph is retired: it leaves every graph, its versions stay in the metadata
    // repository, and its agency may publish it again (which clears this).
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('subgraphs_agency_idx').on(t.agencyId),
    index('subgraphs_theme_idx').on(t.themeId),
    check('subgraphs_timeout_ms_range', sql`${t.timeoutMs} is null or ${t.timeoutMs} between 100 and 60000`),
  ],
);

/** The metadata repository: every accepted schema version of a subgraph, with its checks and diff. */
export const schemaVersions = pgTable(
  'schema_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subgraphId: uuid('subgraph_id')
      .notNull()
      .references(() => subgraphs.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    sdl: text('sdl').notNull(),
    sdlHash: text('sdl_hash').notNull(),
    routingUrl: text('routing_url').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    checkReport: jsonb('check_report').notNull(),
    changes: jsonb('changes').notNull(),
    diffText: text('diff_text').notNull().default(''),
    overrideReason: text('override_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('schema_versions_subgraph_version_uq').on(t.subgraphId, t.version)],
);

export const classifications = ['publik', 'terbatas', 'rahasia'] as const;
export type Classification = (typeof classifications)[number];
export const classification = pgEnum('classification', classifications);

/**
 * Per-field metadata of a subgraph's current version: read from the SDL's tags on publish, and
 * editable afterwards (an edit sets `edited`, and later publishes keep the edited values).
 */
export const fieldMetadata = pgTable(
  'field_metadata',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subgraphId: uuid('subgraph_id')
      .notNull()
      .references(() => subgraphs.id, { onDelete: 'cascade' }),
    coordinate: text('coordinate').notNull(),
    typeName: text('type_name').notNull(),
    fieldName: text('field_name').notNull(),
    returnType: text('return_type').notNull(),
    description: text('description').notNull().default(''),
    classification: classification('classification').notNull().default('terbatas'),
    personalData: boolean('personal_data').notNull().default(false),
    edited: boolean('edited').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('field_metadata_subgraph_coordinate_uq').on(t.subgraphId, t.coordinate),
    index('field_metadata_coordinate_idx').on(t.coordinate),
  ],
);

/**
 * A graph: a named set of subgraphs chosen by theme; `themeSlugs` empty means every theme, and
 * `excludedThemeSlugs` are left out either way (an all-themes graph without one theme). A deleted
 * graph keeps its row (grants and the log name it) with `deletedAt` set; its name is free again.
 */
export const graphs = pgTable(
  'graphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    themeSlugs: text('theme_slugs').array().notNull().default([]),
    excludedThemeSlugs: text('excluded_theme_slugs').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('graphs_name_live_uq').on(t.name).where(sql`${t.deletedAt} is null`)],
);

/** Every successful composition of a graph; the newest is what its gateways serve. */
export const supergraphs = pgTable(
  'supergraphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    graphId: uuid('graph_id')
      .notNull()
      .references(() => graphs.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    supergraphSdl: text('supergraph_sdl').notNull(),
    apiSchemaSdl: text('api_schema_sdl').notNull(),
    sdlHash: text('sdl_hash').notNull(),
    schemaVersionIds: uuid('schema_version_ids').array().notNull(),
    // A version that serves nothing: the graph was deleted or lost its last subgraph. Gateways stop
    // serving the graph when they reach it; its SDL columns are empty.
    withdrawn: boolean('withdrawn').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('supergraphs_graph_version_uq').on(t.graphId, t.version)],
);

export const crossAgencyChangeStatuses = ['pending', 'accepted', 'declined'] as const;
export type CrossAgencyChangeStatus = (typeof crossAgencyChangeStatuses)[number];
export const crossAgencyChangeStatus = pgEnum('cross_agency_change_status', crossAgencyChangeStatuses);

/**
 * A publish that reaches fields owned by other agencies (`@override(from:)`, a shared, provided or
 * required field), held until every owning agency's publisher (or an administrator, with a reason)
 * accepts it. `request` is the publish as sent; it is applied, checked again, on acceptance.
 */
export const crossAgencyChanges = pgTable(
  'cross_agency_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subgraphName: text('subgraph_name').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedByName: text('requested_by_name').notNull(),
    request: jsonb('request').notNull(),
    routingUrl: text('routing_url').notNull(),
    sdlHash: text('sdl_hash').notNull(),
    /** The reaches: `{ kind, coordinate, ownerAgencyId, ownerSubgraph }[]`. */
    reaches: jsonb('reaches').notNull(),
    ownerAgencyIds: uuid('owner_agency_ids').array().notNull(),
    acceptedAgencyIds: uuid('accepted_agency_ids').array().notNull().default([]),
    status: crossAgencyChangeStatus('status').notNull().default('pending'),
    decidedByName: text('decided_by_name'),
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('cross_agency_changes_status_idx').on(t.status, t.createdAt)],
);

export type CrossAgencyChange = typeof crossAgencyChanges.$inferSelect;
export type NewCrossAgencyChange = typeof crossAgencyChanges.$inferInsert;
export type Subgraph = typeof subgraphs.$inferSelect;
export type NewSubgraph = typeof subgraphs.$inferInsert;
export type SchemaVersion = typeof schemaVersions.$inferSelect;
export type NewSchemaVersion = typeof schemaVersions.$inferInsert;
export type FieldMetadata = typeof fieldMetadata.$inferSelect;
export type NewFieldMetadata = typeof fieldMetadata.$inferInsert;
export type Graph = typeof graphs.$inferSelect;
export type NewGraph = typeof graphs.$inferInsert;
export type Supergraph = typeof supergraphs.$inferSelect;
export type NewSupergraph = typeof supergraphs.$inferInsert;

/** One composition error as the graphs page shows it (the first few of a failed attempt). */
export interface CompositionFailureError {
  code: string;
  message: string;
}

/**
 * The last failed composition attempt per graph: a publish refused because the graph would not
 * compose. Nothing of the refused schema is stored (the supergraph stays as it was); this row says
 * when it happened, which subgraph of which agency tried, and what the composer said, so the graph's
 * health shows failures beside its last success. A newer failure replaces the row.
 */
export const compositionFailures = pgTable('composition_failures', {
  graphId: uuid('graph_id')
    .primaryKey()
    .references(() => graphs.id, { onDelete: 'cascade' }),
  failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
  subgraph: text('subgraph').notNull(),
  /** The publishing agency's slug ('' when unknown). */
  agency: text('agency').notNull().default(''),
  errors: jsonb('errors').$type<CompositionFailureError[]>().notNull(),
  errorCount: integer('error_count').notNull(),
});

export type CompositionFailure = typeof compositionFailures.$inferSelect;
