/**
 * POST /v1/access-requests/:id/grant — a publisher grants its agency's items of an approved request
 * (all, or a subset: the rest is declined).
 */
import { defineOperation, reply } from '../../http/operation.ts';
import { decideAgencyPart } from '../../access/decideAgencyPart.ts';
import { accessRequestView, grantBody, idParams, toJson } from '../../access/schemas.ts';
import { ACCESS_TAG } from '../../access/support.ts';

export const grantAccess = defineOperation({
  summary: 'Memberikan akses atas field PD sendiri (grant your agency’s part)',
  description:
    'Hanya untuk permohonan yang disetujui. Field PD Anda yang tidak disebut ikut ditolak. ' +
    'Only for approved requests; your agency’s items left out are declined.',
  tags: [ACCESS_TAG],
  roles: ['publisher'],
  errors: [403, 404, 409],
  schema: { params: idParams, body: grantBody, response: { 200: accessRequestView } },
  async handle(deps, { params, body, actor }) {
    const result = await decideAgencyPart(deps, actor, {
      requestId: params.id,
      reason: body.reason,
      ...(body.coordinates ? { coordinates: body.coordinates } : {}),
      ...(body.startsAt ? { startsAt: new Date(body.startsAt) } : {}),
      ...(body.endsAt ? { endsAt: new Date(body.endsAt) } : {}),
      ...(body.conditions ? { conditions: body.conditions } : {}),
      decision: 'granted',
    });
    return result.ok ? reply(200, toJson(result.value)) : result;
  },
});
