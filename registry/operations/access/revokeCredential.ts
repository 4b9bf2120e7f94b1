/** POST /v1/clients/:id/credentials/:credentialId/revoke — the client's requester or an administrator revokes a key. */
import { fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { ClientRepository } from '../../repositories/ClientRepository.ts';
import { CredentialRepository, credentialView } from '../../repositories/CredentialRepository.ts';
import type { CredentialView } from '../../repositories/CredentialRepository.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_TAG, CLIENT, CREDENTIAL, notFound, notYourClient, notifyGrantsChanged } from '../../access/support.ts';
import type { AccessDeps } from '../../access/support.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { credentialParams, credentialView as credentialSchema, revokeCredentialBody, toJson } from '../../access/schemas.ts';

export const revokeCredential = defineOperation({
  summary: 'Mencabut kunci API (revoke an API key)',
  tags: [ACCESS_TAG],
  roles: ['requester', 'administrator'],
  errors: [403, 404, 409],
  schema: { params: credentialParams, body: revokeCredentialBody, response: { 200: credentialSchema } },
  async handle(deps, { params, body, actor }) {
    const result = await revoke(deps, actor, {
      clientId: params.id,
      credentialId: params.credentialId,
      reason: body.reason,
    });
    return result.ok ? reply(200, toJson(result.value)) : result;
  },
});

/**
 * The client's requester (or an administrator) revokes a key. The grant store looks keys up on
 * every request, so the next request with it is refused; the gateways are notified as well, for any
 * cache a deployment adds in front.
 */
async function revoke(
  deps: AccessDeps,
  actor: Actor,
  input: { clientId: string; credentialId: string; reason?: string | undefined },
): Promise<Result<CredentialView>> {
  const scope = scopeOf(actor);
  const reason = (input.reason ?? '').trim();
  const outcome = await deps.database.db.transaction(async (tx): Promise<Result<CredentialView>> => {
    const client = await new ClientRepository(tx, scope).lock(input.clientId);
    if (!client) return notFound(CLIENT, input.clientId);
    if (actor.role !== 'administrator' && client.requesterId !== actor.userId)
      return notYourClient(input.clientId);
    const credentials = new CredentialRepository(tx);
    const existing = await credentials.findForClient(client.id, input.credentialId);
    if (!existing) return notFound(CREDENTIAL, input.credentialId);
    if (existing.revokedAt) {
      return fail('CONFLICT', {
        id: `Kredensial ${existing.prefix} sudah dicabut.`,
        en: `Credential ${existing.prefix} has already been revoked.`,
      });
    }
    const at = deps.now();
    const revoked = await credentials.revoke(client.id, existing.id, { at, by: actor.userId });
    if (!revoked)
      throw new Error(`credential ${existing.id} could not be revoked while its client was locked`);
    await recordTrail(tx, {
      actor,
      action: 'credential.revoked',
      subjectType: 'credential',
      subjectId: existing.id,
      agencyId: client.agencyId,
      reason,
      before: { revokedAt: null, prefix: existing.prefix, clientId: client.id },
      after: { revokedAt: revoked.revokedAt, revokedBy: actor.userId },
    });
    return ok(credentialView(revoked, at));
  });
  if (outcome.ok) await notifyGrantsChanged(deps, input.clientId);
  return outcome;
}
