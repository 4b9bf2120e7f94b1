/** POST /v1/access-requests/:id/decline — a publisher declines its agency's whole part of an approved request, with a reason. */
import { defineOperation, reply } from '../../http/operation.ts';
import { decideAgencyPart } from '../../access/decideAgencyPart.ts';
import { accessRequestView, decisionBody, idParams, toJson } from '../../access/schemas.ts';
import { ACCESS_TAG } from '../../access/support.ts';

export const declineAccess = defineOperation({
  summary: 'Menolak bagian PD sendiri (decline your agency’s part)',
  tags: [ACCESS_TAG],
  roles: ['publisher'],
  errors: [403, 404, 409],
  schema: { params: idParams, body: decisionBody, response: { 200: accessRequestView } },
  async handle(deps, { params, body, actor }) {
    const result = await decideAgencyPart(deps, actor, {
      requestId: params.id,
      reason: body.reason,
      decision: 'declined',
    });
    return result.ok ? reply(200, toJson(result.value)) : result;
  },
});
