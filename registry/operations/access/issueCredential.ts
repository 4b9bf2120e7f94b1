/** POST /v1/clients/:id/credentials — the client's requester takes an API key for the gateway. */
import { fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { generateApiKey } from '../../../lib/apiKeys.ts';
import { ClientRepository } from '../../repositories/ClientRepository.ts';
import { CredentialRepository, credentialView } from '../../repositories/CredentialRepository.ts';
import type { CredentialView } from '../../repositories/CredentialRepository.ts';
import { GrantRepository } from '../../repositories/GrantRepository.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_TAG, CLIENT, notFound, notYourClient } from '../../access/support.ts';
import type { AccessDeps } from '../../access/support.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { idParams, issueCredentialBody, issuedCredentialView, toJson } from '../../access/schemas.ts';

export const issueCredential = defineOperation({
  summary: 'Membuat kunci API untuk gateway (issue an API key; shown once)',
  tags: [ACCESS_TAG],
  roles: ['requester'],
  errors: [403, 404, 409],
  schema: { params: idParams, body: issueCredentialBody, response: { 201: issuedCredentialView } },
  async handle(deps, { params, body, actor }) {
    const result = await issue(deps, actor, {
      clientId: params.id,
      label: body.label,
      expiresAt: body.expiresAt === undefined ? null : new Date(body.expiresAt),
    });
    return result.ok ? reply(201, toJson(result.value)) : result;
  },
});

export interface IssuedCredential {
  credential: CredentialView;
  /** The whole key, shown this once: only its SHA-256 is stored. */
  apiKey: string;
}

/**
 * The client's requester creates an API key for the gateway. Only once the client holds a current
 * grant (not revoked, not ended; it may start later): a key with nothing to open would only be one
 * more secret to lose. A client may hold several keys (rotation, one per deployment).
 */
async function issue(
  deps: AccessDeps,
  actor: Actor,
  input: { clientId: string; label: string; expiresAt?: Date | null | undefined },
): Promise<Result<IssuedCredential>> {
  const now = deps.now();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    return fail('BAD_REQUEST', {
      id: 'Tanggal kedaluwarsa kredensial harus di masa depan.',
      en: 'The credential expiry must be in the future.',
    });
  }
  const scope = scopeOf(actor);
  return deps.database.db.transaction(async (tx) => {
    const client = await new ClientRepository(tx, scope).lock(input.clientId);
    if (!client) return notFound(CLIENT, input.clientId);
    if (client.requesterId !== actor.userId) return notYourClient(input.clientId);
    if (!(await new GrantRepository(tx, scope).hasCurrentGrant(client.id, now))) {
      return fail('CONFLICT', {
        id: `Aplikasi klien ${client.name} belum memiliki pemberian akses yang berlaku; kredensial baru dapat dibuat setelah penerbit memberikan akses.`,
        en: `Client ${client.name} holds no current grant yet; credentials can be created once a publisher has granted access.`,
      });
    }
    const key = generateApiKey();
    const credential = await new CredentialRepository(tx).create({
      clientId: client.id,
      label: input.label.trim(),
      prefix: key.prefix,
      secretHash: key.secretHash,
      expiresAt: input.expiresAt ?? null,
    });
    const view = credentialView(credential, now);
    await recordTrail(tx, {
      actor,
      action: 'credential.issued',
      subjectType: 'credential',
      subjectId: credential.id,
      agencyId: client.agencyId,
      before: null,
      after: { clientId: client.id, label: view.label, prefix: view.prefix, expiresAt: view.expiresAt },
    });
    return ok({ credential: view, apiKey: key.apiKey });
  });
}
