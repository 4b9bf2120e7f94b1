/** POST /v1/grants/:id/revoke — the owning agency's publisher or an administrator revokes a grant. */
import { fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { ClientRepository } from '../../repositories/ClientRepository.ts';
import { GrantRepository } from '../../repositories/GrantRepository.ts';
import type { GrantView } from '../../repositories/GrantRepository.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_TAG, GRANT, notFound, notifyGrantsChanged, requireReason } from '../../access/support.ts';
import type { AccessDeps } from '../../access/support.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { decisionBody, grantView, idParams, toJson } from '../../access/schemas.ts';

export const revokeGrant = defineOperation({
  summary: 'Mencabut pemberian akses (revoke a grant)',
  description: 'Berlaku pada permintaan berikutnya (takes effect on the next request).',
  tags: [ACCESS_TAG],
  roles: ['publisher', 'administrator'],
  errors: [403, 404, 409],
  schema: { params: idParams, body: decisionBody, response: { 200: grantView } },
  async handle(deps, { params, body, actor }) {
    const result = await revoke(deps, actor, { grantId: params.id, reason: body.reason });
    return result.ok ? reply(200, toJson(result.value)) : result;
  },
});

/**
 * The owning agency's publisher, or an administrator, revokes a grant. It takes effect on the
 * client's next request: `grantsVersion` is bumped in the same transaction (the grant store checks it
 * before serving a cached grant set) and the gateways are notified after commit.
 */
async function revoke(
  deps: AccessDeps,
  actor: Actor,
  input: { grantId: string; reason: string },
): Promise<Result<GrantView>> {
  const missingReason = requireReason<GrantView>(input.reason);
  if (missingReason) return missingReason;
  const reason = input.reason.trim();
  const scope = scopeOf(actor);
  const outcome = await deps.database.db.transaction(async (tx): Promise<Result<GrantView>> => {
    const grantRepository = new GrantRepository(tx, scope);
    const grant = await grantRepository.lock(input.grantId);
    if (!grant) return notFound(GRANT, input.grantId);
    if (
      actor.role !== 'administrator' &&
      !(actor.role === 'publisher' && actor.agencyId === grant.agencyId)
    ) {
      return fail('FORBIDDEN', {
        id: 'Hanya penerbit perangkat daerah pemilik field atau administrator yang dapat mencabut pemberian akses ini.',
        en: "Only the owning agency's publisher or an administrator can revoke this grant.",
      });
    }
    if (grant.revokedAt) {
      return fail(
        'CONFLICT',
        {
          id: `Pemberian akses ${grant.id} sudah dicabut pada ${grant.revokedAt.toISOString()}.`,
          en: `Grant ${grant.id} was already revoked at ${grant.revokedAt.toISOString()}.`,
        },
        { revokedAt: grant.revokedAt },
      );
    }
    const at = deps.now();
    const revoked = await grantRepository.revoke(grant.id, { at, by: actor.userId, reason });
    if (!revoked) throw new Error(`grant ${grant.id} could not be revoked while locked`);
    const grantsVersion = await new ClientRepository(tx, scope).bumpGrantsVersion(grant.clientId);
    await recordTrail(tx, {
      actor,
      action: 'grant.revoked',
      subjectType: 'grant',
      subjectId: grant.id,
      agencyId: grant.agencyId,
      reason,
      before: {
        revokedAt: null,
        coordinate: grant.coordinate,
        clientId: grant.clientId,
        requestId: grant.requestId,
      },
      after: { revokedAt: revoked.revokedAt, revokedBy: actor.userId, grantsVersion },
    });
    const [view] = (await grantRepository.list({ requestIds: [grant.requestId] }, at)).filter(
      (row) => row.id === grant.id,
    );
    if (!view) throw new Error('revoked grant not visible to its revoker');
    return ok(view);
  });
  if (outcome.ok) await notifyGrantsChanged(deps, outcome.value.client.id);
  return outcome;
}
