import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { adminTrail, chainHeads } from '../../drizzle/schema/index.ts';
import { canonicalize, GENESIS_HASH, hashRecord } from '../../lib/ledger/index.ts';
import type { Actor } from '../http/actor.ts';

export const TRAIL_CHAIN = 'trail';

export type TrailAction =
  | 'agency.created'
  | 'theme.created'
  | 'user.created'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.password_reset'
  | 'user.password_changed'
  | 'session.signed_in'
  | 'session.sign_in_blocked'
  | 'session.ended'
  | 'agency.updated'
  | 'theme.updated'
  | 'token.issued'
  | 'token.revoked'
  | 'graph.created'
  | 'subgraph.published'
  | 'subgraph.publish_overridden'
  | 'subgraph.cross_agency_requested'
  | 'subgraph.cross_agency_accepted'
  | 'subgraph.cross_agency_declined'
  | 'subgraph.publish_refused'
  | 'change_set.published'
  | 'graph.updated'
  | 'graph.deleted'
  | 'subgraph.retired'
  | 'agency.routing_hosts_set'
  | 'field_metadata.updated'
  | 'client.registered'
  | 'access_request.submitted'
  | 'access_request.approved'
  | 'access_request.rejected'
  | 'grant.granted'
  | 'grant.declined'
  | 'grant.revoked'
  | 'credential.issued'
  | 'credential.revoked'
  | 'key.rotated'
  | 'key.revoked';

export interface TrailEntry {
  actor: Actor;
  action: TrailAction;
  subjectType: string;
  subjectId: string;
  agencyId?: string | null;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

/** The fields of a trail row that its hash covers, in the form the verifier recomputes. */
export function trailCanonicalForm(row: {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
  agencyId: string | null;
  reason: string;
  before: unknown;
  after: unknown;
}): string {
  return canonicalize({
    seq: row.seq,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    agencyId: row.agencyId,
    reason: row.reason,
    before: row.before ?? null,
    after: row.after ?? null,
  });
}

/**
 * Appends one step to the administrative trail, inside the caller's transaction so the step and the
 * change it records commit or roll back together. The chain head row is locked (`FOR UPDATE`), which
 * serialises trail writers across processes and keeps the chain linear.
 */
export async function recordTrail(tx: Executor, entry: TrailEntry): Promise<void> {
  await tx
    .insert(chainHeads)
    .values({ chain: TRAIL_CHAIN, seq: 0, hash: GENESIS_HASH })
    .onConflictDoNothing({ target: chainHeads.chain });
  const [head] = await tx
    .select({ seq: chainHeads.seq, hash: chainHeads.hash })
    .from(chainHeads)
    .where(eq(chainHeads.chain, TRAIL_CHAIN))
    .for('update');
  if (!head) throw new Error('trail chain head missing after upsert');

  // JSON round trip: what is hashed must be exactly what jsonb gives back to the verifier.
  const row = {
    seq: head.seq + 1,
    occurredAt: new Date(),
    actorId: entry.actor.userId,
    actorName: entry.actor.name,
    actorRole: entry.actor.role,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    agencyId: entry.agencyId ?? null,
    reason: entry.reason ?? '',
    before: entry.before === undefined ? null : (JSON.parse(JSON.stringify(entry.before)) as unknown),
    after: entry.after === undefined ? null : (JSON.parse(JSON.stringify(entry.after)) as unknown),
  };
  const hash = hashRecord(head.hash, trailCanonicalForm(row));
  await tx.insert(adminTrail).values({ ...row, prevHash: head.hash, hash });
  await tx
    .update(chainHeads)
    .set({ seq: row.seq, hash, updatedAt: sql`now()` })
    .where(eq(chainHeads.chain, TRAIL_CHAIN));
}
