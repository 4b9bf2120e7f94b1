import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { AttachedConditions, ConditionSet } from '../../lib/grantConditions/conditions.ts';
import { agencies, users } from './agencies.ts';
import { graphs, subgraphs } from './registry.ts';

/** A requester's client application: what holds grants and credentials at the gateway. */
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    // The owning agency when the client belongs to another PD; otherwise the external body's name.
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
    organization: text('organization').notNull().default(''),
    contact: text('contact').notNull().default(''),
    // Bumped in the same transaction as any change to this client's grants: the gateway keys its
    // decision cache on it, so a revocation can never be served from a stale decision.
    grantsVersion: integer('grants_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('clients_requester_idx').on(t.requesterId)],
);

/** API keys of a client; the secret is shown once and only its SHA-256 is stored. */
export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'restrict' }),
    label: text('label').notNull().default(''),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('credentials_client_idx').on(t.clientId)],
);

export const accessRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export type AccessRequestStatus = (typeof accessRequestStatuses)[number];
export const accessRequestStatus = pgEnum('access_request_status', accessRequestStatuses);

/** Permohonan akses: fields wanted in one graph, with purpose, legal basis and period. */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'restrict' }),
    graphId: uuid('graph_id')
      .notNull()
      .references(() => graphs.id, { onDelete: 'restrict' }),
    purpose: text('purpose').notNull(),
    legalBasis: text('legal_basis').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    quotaPerDay: integer('quota_per_day'),
    status: accessRequestStatus('status').notNull().default('pending'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('access_requests_client_idx').on(t.clientId), index('access_requests_status_idx').on(t.status)],
);

export const accessRequestItemStatuses = ['pending', 'granted', 'declined'] as const;
export type AccessRequestItemStatus = (typeof accessRequestItemStatuses)[number];
export const accessRequestItemStatus = pgEnum('access_request_item_status', accessRequestItemStatuses);

/** One field coordinate asked for in a request, attributed to the agency that owns it. */
export const accessRequestItems = pgTable(
  'access_request_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id, { onDelete: 'restrict' }),
    coordinate: text('coordinate').notNull(),
    subgraphId: uuid('subgraph_id')
      .notNull()
      .references(() => subgraphs.id, { onDelete: 'restrict' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    status: accessRequestItemStatus('status').notNull().default('pending'),
  },
  (t) => [
    // A field served by several agencies (an entity key, a @shareable field) is one item per owner.
    unique('access_request_items_request_coordinate_agency_uq').on(t.requestId, t.coordinate, t.agencyId),
    index('access_request_items_agency_idx').on(t.agencyId),
  ],
);

export const approvalDecisions = ['approved', 'rejected'] as const;
export type ApprovalDecision = (typeof approvalDecisions)[number];
export const approvalDecision = pgEnum('approval_decision', approvalDecisions);

/** Persetujuan: the administrator's one decision on a request. */
export const approvals = pgTable('approvals', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id')
    .notNull()
    .unique()
    .references(() => accessRequests.id, { onDelete: 'restrict' }),
  decision: approvalDecision('decision').notNull(),
  reason: text('reason').notNull(),
  // Conditions the administrator attached on approval (hours, argument constraints, list size), on
  // every field (`all`) or per field; copied into each grant of the request when it is granted.
  conditions: jsonb('conditions').$type<AttachedConditions>(),
  actorId: uuid('actor_id')
    .notNull()
    .references(() => users.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const grantDecisionKinds = ['granted', 'declined'] as const;
export type GrantDecisionKind = (typeof grantDecisionKinds)[number];
export const grantDecisionKind = pgEnum('grant_decision_kind', grantDecisionKinds);

/** A publisher's decision on its own agency's part of an approved request. */
export const grantDecisions = pgTable(
  'grant_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id, { onDelete: 'restrict' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    decision: grantDecisionKind('decision').notNull(),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('grant_decisions_request_agency_uq').on(t.requestId, t.agencyId)],
);

/** Pemberian akses: one field a client may query in one graph, from `startsAt` until `endsAt`. */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id, { onDelete: 'restrict' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => accessRequestItems.id, { onDelete: 'restrict' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'restrict' }),
    graphId: uuid('graph_id')
      .notNull()
      .references(() => graphs.id, { onDelete: 'restrict' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    coordinate: text('coordinate').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    quotaPerDay: integer('quota_per_day'),
    // Every condition on this field besides the window: the approval's and the granting publisher's
    // sets (all must hold), evaluated as graphql-shield rules by the gateway and the subgraph.
    conditions: jsonb('conditions').$type<ConditionSet[]>().notNull().default([]),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'restrict' }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    index('grants_client_graph_idx').on(t.clientId, t.graphId),
    index('grants_coordinate_idx').on(t.coordinate),
  ],
);

export type Client = typeof clients.$inferSelect;
export type NewClient = typeof clients.$inferInsert;
export type Credential = typeof credentials.$inferSelect;
export type NewCredential = typeof credentials.$inferInsert;
export type AccessRequest = typeof accessRequests.$inferSelect;
export type NewAccessRequest = typeof accessRequests.$inferInsert;
export type AccessRequestItem = typeof accessRequestItems.$inferSelect;
export type NewAccessRequestItem = typeof accessRequestItems.$inferInsert;
export type Approval = typeof approvals.$inferSelect;
export type GrantDecision = typeof grantDecisions.$inferSelect;
export type Grant = typeof grants.$inferSelect;
export type NewGrant = typeof grants.$inferInsert;
