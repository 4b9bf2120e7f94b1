/**
 * GET /v1/access-requests — access requests as the caller may see them: a requester its own; an
 * administrator or evaluator every request (`status=pending` is the administrator's queue); a
 * publisher the requests that touch its agency's fields, showing only its agency's part
 * (`awaiting=true` is its queue).
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { accessRequestView, listAccessRequestsQuery, toJson } from '../../access/schemas.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_TAG } from '../../access/support.ts';
import { AccessRequestRepository } from '../../repositories/AccessRequestRepository.ts';

export const listAccessRequests = defineOperation({
  summary: 'Daftar permohonan akses (list access requests)',
  description:
    'Pemohon: miliknya; administrator/evaluator: semua (status=pending: antrean administrator); ' +
    'penerbit: permohonan yang menyangkut field PD-nya, hanya bagian PD-nya (awaiting=true: antrean penerbit).',
  tags: [ACCESS_TAG],
  roles: ['requester', 'publisher', 'administrator', 'evaluator'],
  errors: [403],
  schema: { querystring: listAccessRequestsQuery, response: { 200: z.array(accessRequestView) } },
  async handle(deps, { query, actor }) {
    const filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.clientId ? { clientId: query.clientId } : {}),
      awaitingAgencyDecision: query.awaiting === 'true',
    };
    const views = await new AccessRequestRepository(deps.database.db, scopeOf(actor)).list(filter, deps.now());
    return reply(200, toJson(views));
  },
});
