/**
 * GET /v1/access-requests/:id — one request with its items, decisions (and their reasons) and
 * grants, as the caller may see it.
 */
import { fail } from '../../../lib/errors.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { accessRequestView, idParams, toJson } from '../../access/schemas.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_REQUEST, ACCESS_TAG, notFound } from '../../access/support.ts';
import { AccessRequestRepository } from '../../repositories/AccessRequestRepository.ts';

export const getAccessRequest = defineOperation({
  summary: 'Satu permohonan akses dengan keputusan dan alasannya (one access request)',
  tags: [ACCESS_TAG],
  roles: ['requester', 'publisher', 'administrator', 'evaluator'],
  errors: [403, 404],
  schema: { params: idParams, response: { 200: accessRequestView } },
  async handle(deps, { params, actor }) {
    const requestId = params.id;
    const repository = new AccessRequestRepository(deps.database.db, scopeOf(actor));
    const view = await repository.view(requestId, deps.now());
    if (view) return reply(200, toJson(view));
    if (!(await repository.findAny(requestId))) return notFound(ACCESS_REQUEST, requestId);
    return fail('FORBIDDEN', {
      id: `Permohonan akses ${requestId} bukan milik Anda dan tidak menyangkut field perangkat daerah Anda.`,
      en: `Access request ${requestId} is not yours and does not touch your agency's fields.`,
    });
  },
});
