import { fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import type { AttachedConditions } from '../../lib/grantConditions/conditions.ts';
import { checkAttachedConditions, requestSchema } from './grantConditions.ts';
import type { ApprovalDecision } from '../../drizzle/schema/index.ts';
import type { Actor } from '../http/actor.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import { enqueueAccessRequestEvent } from '../notifications/events.ts';
import { AccessRequestRepository } from '../repositories/AccessRequestRepository.ts';
import type { AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import { scopeOf } from './scope.ts';
import { ACCESS_REQUEST, notFound, requireReason } from './support.ts';
import type { AccessDeps } from './support.ts';

const DECIDED = {
  approved: { id: 'sudah disetujui', en: 'has already been approved' },
  rejected: {
    id: 'sudah ditolak (penolakan bersifat final)',
    en: 'has already been rejected (rejection is final)',
  },
} as const;

/**
 * The administrator's one decision on a pending request (Pacitan Pasal 5b, Baubau Pasal 7b). A
 * decided request cannot be decided again: approving twice, or deciding after a rejection, is a
 * CONFLICT result. The request row is locked, so two administrators deciding at once take turns.
 * Used by `approveAccessRequest.ts` and `rejectAccessRequest.ts`.
 */
export async function decideAccessRequest(
  deps: AccessDeps,
  actor: Actor,
  input: { requestId: string; decision: ApprovalDecision; reason: string; conditions?: AttachedConditions },
): Promise<Result<AccessRequestView>> {
  const missingReason = requireReason<AccessRequestView>(input.reason);
  if (missingReason) return missingReason;
  return deps.database.db.transaction(async (tx) => {
    const requests = new AccessRequestRepository(tx, scopeOf(actor));
    const request = await requests.lock(input.requestId);
    if (!request) return notFound(ACCESS_REQUEST, input.requestId);
    if (request.status !== 'pending') {
      const state = DECIDED[request.status];
      return fail(
        'CONFLICT',
        {
          id: `Permohonan akses ${request.id} ${state.id}.`,
          en: `Access request ${request.id} ${state.en}.`,
        },
        { status: request.status },
      );
    }
    let conditions: AttachedConditions | null = null;
    if (input.conditions !== undefined) {
      if (input.decision !== 'approved') {
        return fail('BAD_REQUEST', {
          id: 'Syarat akses hanya dapat diberikan bersama persetujuan.',
          en: 'Access conditions can only be attached to an approval.',
        });
      }
      const items = await requests.items(request.id);
      const checked = checkAttachedConditions(
        input.conditions,
        await requestSchema(tx, request.graphId),
        items.map((item) => item.coordinate),
      );
      if (!checked.ok) return checked;
      conditions = checked.value;
    }
    const status = input.decision;
    const reason = input.reason.trim();
    const approval = await requests.insertApproval({
      requestId: request.id,
      decision: input.decision,
      reason,
      actorId: actor.userId,
      conditions,
    });
    await requests.setStatus(request.id, status);
    await recordTrail(tx, {
      actor,
      action: input.decision === 'approved' ? 'access_request.approved' : 'access_request.rejected',
      subjectType: 'access_request',
      subjectId: request.id,
      reason,
      before: { status: request.status },
      after: { status, approvalId: approval.id, decision: approval.decision, ...(conditions ? { conditions } : {}) },
    });
    await enqueueAccessRequestEvent(tx, {
      event: input.decision === 'approved' ? 'access_request.approved' : 'access_request.rejected',
      requestId: request.id,
      at: approval.createdAt,
      reason,
    });
    const view = await requests.view(request.id, deps.now());
    if (!view) throw new Error('decided access request not visible to the administrator');
    return ok(view);
  });
}
