import { fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { AccessRequestRepository } from '../repositories/AccessRequestRepository.ts';
import type { AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import { scopeOf } from '../scope.ts';
import { ACCESS_REQUEST, notFound } from '../support.ts';
import type { AccessDeps } from '../support.ts';

/** One request with its items, decisions (and their reasons) and grants, as the caller may see it. */
export async function getAccessRequest(
  deps: AccessDeps,
  actor: Actor,
  requestId: string,
): Promise<Result<AccessRequestView>> {
  const repository = new AccessRequestRepository(deps.database.db, scopeOf(actor));
  const view = await repository.view(requestId, deps.now());
  if (view) return ok(view);
  if (!(await repository.findAny(requestId))) return notFound(ACCESS_REQUEST, requestId);
  return fail('FORBIDDEN', {
    id: `Permohonan akses ${requestId} bukan milik Anda dan tidak menyangkut field perangkat daerah Anda.`,
    en: `Access request ${requestId} is not yours and does not touch your agency's fields.`,
  });
}
