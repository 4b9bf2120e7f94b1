/**
 * POST /v1/cross-agency-changes/:id/decline — the publisher of an owning agency (or an administrator)
 * declines a change that reaches its fields, with a reason: the held publish is discarded.
 */
import { z } from 'zod';
import { ErrorCode, fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { AgencyRepository } from '../../repositories/AgencyRepository.ts';
import { CrossAgencyChangeRepository } from '../../repositories/CrossAgencyChangeRepository.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { changeNotFound, changeParams, crossAgencyChangeView, notPending, viewOf } from './common.ts';

export const declineCrossAgencyChange = defineOperation({
  summary: 'Menolak perubahan lintas PD (decline a cross-agency change)',
  tags: ['subgraph'],
  roles: ['publisher', 'administrator'],
  errors: [403, 404, 409, 422],
  schema: {
    params: changeParams,
    body: z
      .object({ reason: z.string().trim().min(3, 'alasan wajib diisi / a reason is required').max(2000) })
      .meta({ id: 'DeclineCrossAgencyChange' }),
    response: { 200: z.object({ change: crossAgencyChangeView }).meta({ id: 'DeclinedCrossAgencyChange' }) },
  },
  async handle(deps, { params, body, actor }) {
    const result = await deps.database.db.transaction(async (tx): Promise<Result<string>> => {
      const scope = { agencyId: actor.role === 'administrator' ? null : actor.agencyId };
      const changes = new CrossAgencyChangeRepository(tx, scope);
      const change = await changes.findForDecision(params.id);
      if (!change) return changeNotFound(params.id);
      if (change.status !== 'pending') return notPending(change);
      if (actor.role === 'publisher' && (!actor.agencyId || !change.ownerAgencyIds.includes(actor.agencyId))) {
        return fail(ErrorCode.FORBIDDEN, {
          id: 'Hanya publisher PD pemilik field yang dijangkau (atau administrator) yang dapat menolak perubahan ini.',
          en: 'Only a publisher of an agency owning the reached fields (or an administrator) can decline this change.',
        });
      }
      await changes.decide(change.id, { status: 'declined', decidedByName: actor.name, reason: body.reason, at: deps.now() });
      await recordTrail(tx, {
        actor,
        action: 'subgraph.cross_agency_declined',
        subjectType: 'cross_agency_change',
        subjectId: change.id,
        agencyId: actor.agencyId ?? change.agencyId,
        reason: body.reason,
        after: { subgraph: change.subgraphName, sdlHash: change.sdlHash },
      });
      return ok(change.id);
    });
    if (!result.ok) return result;
    const db = deps.database.db;
    const change = await new CrossAgencyChangeRepository(db).findForDecision(result.value);
    if (!change) return changeNotFound(result.value);
    const slugOf = new Map((await new AgencyRepository(db).list()).map((agency) => [agency.id, agency.slug]));
    return reply(200, { change: viewOf(change, slugOf) });
  },
});
