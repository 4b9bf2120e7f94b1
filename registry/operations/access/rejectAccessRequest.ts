/** POST /v1/access-requests/:id/reject — the administrator rejects a pending request, with a reason the requester reads. Final. */
import { defineOperation, reply } from '../../http/operation.ts';
import { decideAccessRequest } from '../../access/decideAccessRequest.ts';
import { accessRequestView, decisionBody, idParams, toJson } from '../../access/schemas.ts';
import { ACCESS_TAG } from '../../access/support.ts';

export const rejectAccessRequest = defineOperation({
  summary: 'Menolak permohonan akses (reject an access request; final)',
  tags: [ACCESS_TAG],
  roles: ['administrator'],
  errors: [403, 404, 409],
  schema: { params: idParams, body: decisionBody, response: { 200: accessRequestView } },
  async handle(deps, { params, body, actor }) {
    const result = await decideAccessRequest(deps, actor, {
      requestId: params.id,
      reason: body.reason,
      decision: 'rejected',
    });
    return result.ok ? reply(200, toJson(result.value)) : result;
  },
});
