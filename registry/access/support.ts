/**
 * What the operations of the access workflow share: their dependencies, the after-commit
 * notification of a grant change, and the failures several of them return.
 */
import type { RegistryDeps } from '../deps.ts';
import { fail } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { GRANTS_CHANNEL } from '../../lib/feed/channels.ts';

/** The OpenAPI tag of the access workflow's operations (`registry/operations/access/`). */
export const ACCESS_TAG = 'akses';

export type AccessDeps = Pick<RegistryDeps, 'database' | 'now' | 'logger'>;

/**
 * Tells the gateways that a client's grants changed. Called after the transaction commits (a
 * notification from inside it could be acted on before the change is visible). A failure is logged,
 * not thrown: the change is stored, and the grant store's `grants_version` check and poll catch up.
 */
export async function notifyGrantsChanged(deps: AccessDeps, clientId: string): Promise<void> {
  try {
    await deps.database.notify(GRANTS_CHANNEL, clientId);
  } catch (error) {
    deps.logger.warn(
      { err: error, clientId },
      'grant change notification failed; gateways will catch up by polling',
    );
  }
}

export function notFound<T = never>(what: { id: string; en: string }, id: string): Result<T> {
  return fail('NOT_FOUND', {
    id: `${what.id} ${id} tidak ditemukan.`,
    en: `${what.en} ${id} was not found.`,
  });
}

export const CLIENT = { id: 'Aplikasi klien', en: 'Client' };
export const ACCESS_REQUEST = { id: 'Permohonan akses', en: 'Access request' };
export const GRANT = { id: 'Pemberian akses', en: 'Grant' };
export const CREDENTIAL = { id: 'Kredensial', en: 'Credential' };
export const GRAPH = { id: 'Graf', en: 'Graph' };

export function notYourClient<T = never>(clientId: string): Result<T> {
  return fail('FORBIDDEN', {
    id: `Aplikasi klien ${clientId} bukan milik Anda.`,
    en: `Client ${clientId} is not yours.`,
  });
}

export function requireReason<T = never>(reason: string): Result<T> | null {
  if (reason.trim().length > 0) return null;
  return fail('BAD_REQUEST', { id: 'Alasan wajib diisi.', en: 'A reason is required.' });
}

export const byCoordinate = (a: { coordinate: string }, b: { coordinate: string }): number =>
  a.coordinate.localeCompare(b.coordinate);
