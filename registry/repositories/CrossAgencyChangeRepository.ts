import { and, arrayContains, desc, eq, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { crossAgencyChanges } from '../../drizzle/schema/index.ts';
import type { CrossAgencyChange, CrossAgencyChangeStatus, NewCrossAgencyChange } from '../../drizzle/schema/index.ts';

/**
 * Pending cross-agency changes and their decisions. Reads are scoped: an agency sees the changes it
 * asked for and those that reach its fields (its queue); an administrator (scope null) sees all.
 */
export class CrossAgencyChangeRepository {
  constructor(
    private readonly db: Executor,
    private readonly scope: { agencyId: string | null } = { agencyId: null },
  ) {}

  async create(values: NewCrossAgencyChange): Promise<CrossAgencyChange> {
    const [row] = await this.db.insert(crossAgencyChanges).values(values).returning();
    if (!row) throw new Error('cross-agency change was not stored');
    return row;
  }

  private visible(): SQL | undefined {
    const { agencyId } = this.scope;
    if (agencyId === null) return undefined;
    return or(eq(crossAgencyChanges.agencyId, agencyId), arrayContains(crossAgencyChanges.ownerAgencyIds, [agencyId]));
  }

  async list(status: CrossAgencyChangeStatus | null): Promise<CrossAgencyChange[]> {
    return this.db
      .select()
      .from(crossAgencyChanges)
      .where(and(this.visible(), status === null ? undefined : eq(crossAgencyChanges.status, status)))
      .orderBy(desc(crossAgencyChanges.createdAt))
      .limit(500);
  }

  /** The change, locked for a decision (FOR UPDATE); null when absent or not visible. */
  async findForDecision(id: string): Promise<CrossAgencyChange | null> {
    const [row] = await this.db
      .select()
      .from(crossAgencyChanges)
      .where(and(eq(crossAgencyChanges.id, id), this.visible()))
      .for('update');
    return row ?? null;
  }

  async recordAcceptance(id: string, agencyId: string): Promise<void> {
    await this.db
      .update(crossAgencyChanges)
      .set({ acceptedAgencyIds: sql`array_append(${crossAgencyChanges.acceptedAgencyIds}, ${agencyId}::uuid)` })
      .where(eq(crossAgencyChanges.id, id));
  }

  async decide(
    id: string,
    decision: { status: Exclude<CrossAgencyChangeStatus, 'pending'>; decidedByName: string; reason: string; at: Date },
  ): Promise<void> {
    await this.db
      .update(crossAgencyChanges)
      .set({ status: decision.status, decidedByName: decision.decidedByName, reason: decision.reason, decidedAt: decision.at })
      .where(eq(crossAgencyChanges.id, id));
  }
}
