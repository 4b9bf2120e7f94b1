import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import type { AgencyScope } from '../repositories/SubgraphRepository.ts';
import type { Actor } from './actor.ts';

/** What the actor may change: an administrator every agency's subgraphs, anyone else only their agency's. */
export function agencyScopeOf(actor: Actor): Result<AgencyScope> {
  if (actor.role === 'administrator') return ok({ agencyId: null });
  if (actor.agencyId === null) {
    return fail(ErrorCode.FORBIDDEN, {
      id: 'Akun ini tidak terhubung ke PD mana pun.',
      en: 'This account belongs to no agency.',
    });
  }
  return ok({ agencyId: actor.agencyId });
}
