/**
 * POST /v1/access-requests/:id/approve — the administrator approves a pending request, optionally
 * with conditions (permitted hours, argument constraints, list size) that every grant of it will
 * carry; its agencies' publishers then grant or decline their parts.
 */
import { defineOperation, reply } from '../../http/operation.ts';
import { decideAccessRequest } from '../../access/decideAccessRequest.ts';
import { accessRequestView, approveBody, idParams, toJson } from '../../access/schemas.ts';
import { ACCESS_TAG } from '../../access/support.ts';

export const approveAccessRequest = defineOperation({
  summary: 'Menyetujui permohonan akses (approve an access request)',
  tags: [ACCESS_TAG],
  roles: ['administrator'],
  errors: [403, 404, 409],
  schema: { params: idParams, body: approveBody, response: { 200: accessRequestView } },
  async handle(deps, { params, body, actor }) {
    const result = await decideAccessRequest(deps, actor, {
      requestId: params.id,
      reason: body.reason,
      ...(body.conditions ? { conditions: body.conditions } : {}),
      decision: 'approved',
    });
    return result.ok ? reply(200, toJson(result.value)) : result;
  },
});
