/** POST /v1/clients — a requester registers a client application. */
import { fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { AgencyRepository } from '../../repositories/AgencyRepository.ts';
import { UserRepository } from '../../repositories/UserRepository.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { ClientRepository } from '../../repositories/ClientRepository.ts';
import type { ClientView } from '../../repositories/ClientRepository.ts';
import { scopeOf } from '../../access/scope.ts';
import type { AccessDeps } from '../../access/support.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { ACCESS_TAG } from '../../access/support.ts';
import { registerClientBody, clientView, toJson } from '../../access/schemas.ts';

export const registerClient = defineOperation({
  summary: 'Mendaftarkan aplikasi klien (register a client application)',
  tags: [ACCESS_TAG],
  roles: ['requester'],
  errors: [403, 404],
  schema: { body: registerClientBody, response: { 201: clientView } },
  async handle(deps, { body, actor }) {
    const result = await register(deps, actor, body);
    return result.ok ? reply(201, toJson(result.value)) : result;
  },
});

export interface RegisterClientInput {
  name: string;
  /** Slug of the owning agency: only the requester's own agency may be named. */
  agency?: string | undefined;
  /** The external body that owns the client, when it is not an agency. */
  organization?: string | undefined;
  contact: string;
}

/**
 * A requester registers a client application. The owner is the requester's own agency (a PD asking
 * another PD's data) or, for a requester outside the government, the organization it names (by
 * default the one on its user record). A requester cannot register a client in another agency's name.
 */
async function register(
  deps: AccessDeps,
  actor: Actor,
  input: RegisterClientInput,
): Promise<Result<ClientView>> {
  return deps.database.db.transaction(async (tx) => {
    let agencyId: string | null = actor.agencyId;
    if (input.agency !== undefined) {
      const agency = await new AgencyRepository(tx).findBySlug(input.agency);
      if (!agency) {
        return fail('NOT_FOUND', {
          id: `Perangkat daerah "${input.agency}" tidak ditemukan.`,
          en: `Agency "${input.agency}" was not found.`,
        });
      }
      if (agency.id !== actor.agencyId) {
        return fail('FORBIDDEN', {
          id: `Anda hanya dapat mendaftarkan aplikasi atas nama perangkat daerah Anda sendiri, bukan "${input.agency}".`,
          en: `You can only register a client in your own agency's name, not "${input.agency}".`,
        });
      }
      agencyId = agency.id;
    }
    const user = await new UserRepository(tx).findById(actor.userId);
    const organization = (input.organization ?? user?.organization ?? '').trim();
    if (agencyId === null && organization.length === 0) {
      return fail('BAD_REQUEST', {
        id: 'Sebutkan organisasi pemilik aplikasi (Anda tidak terdaftar pada perangkat daerah).',
        en: 'Name the organization that owns the client (you do not belong to an agency).',
      });
    }

    const clientRepository = new ClientRepository(tx, scopeOf(actor));
    const client = await clientRepository.create({
      requesterId: actor.userId,
      name: input.name.trim(),
      agencyId,
      organization,
      contact: input.contact.trim(),
    });
    const view = await clientRepository.get(client.id);
    if (!view) throw new Error('registered client not visible to its requester');
    await recordTrail(tx, {
      actor,
      action: 'client.registered',
      subjectType: 'client',
      subjectId: client.id,
      agencyId,
      before: null,
      after: { id: client.id, name: client.name, agencyId, organization, contact: client.contact },
    });
    return ok(view);
  });
}
