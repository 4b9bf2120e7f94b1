import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { credentials } from '../../drizzle/schema/index.ts';
import type { Credential } from '../../drizzle/schema/index.ts';

/** A credential as listed: never the secret, nor its hash. */
export interface CredentialView {
  id: string;
  clientId: string;
  label: string;
  prefix: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  state: 'active' | 'expired' | 'revoked';
}

export function credentialView(credential: Credential, at: Date): CredentialView {
  return {
    id: credential.id,
    clientId: credential.clientId,
    label: credential.label,
    prefix: credential.prefix,
    expiresAt: credential.expiresAt,
    revokedAt: credential.revokedAt,
    createdAt: credential.createdAt,
    state: credential.revokedAt
      ? 'revoked'
      : credential.expiresAt && credential.expiresAt.getTime() <= at.getTime()
        ? 'expired'
        : 'active',
  };
}

/**
 * API keys of clients. Ownership (which client a caller may manage) is checked by the operations on
 * the client row before they come here; every query below is keyed by that client.
 */
export class CredentialRepository {
  constructor(private readonly db: Executor) {}

  async create(values: {
    clientId: string;
    label: string;
    prefix: string;
    secretHash: string;
    expiresAt: Date | null;
  }): Promise<Credential> {
    const [row] = await this.db.insert(credentials).values(values).returning();
    if (!row) throw new Error('credential insert returned nothing');
    return row;
  }

  async listForClient(clientId: string): Promise<Credential[]> {
    return this.db
      .select()
      .from(credentials)
      .where(eq(credentials.clientId, clientId))
      .orderBy(asc(credentials.createdAt), asc(credentials.id));
  }

  async findForClient(clientId: string, id: string): Promise<Credential | null> {
    const [row] = await this.db
      .select()
      .from(credentials)
      .where(and(eq(credentials.clientId, clientId), eq(credentials.id, id)));
    return row ?? null;
  }

  /** Marks the credential revoked; null when it is not the client's or was revoked already. */
  async revoke(clientId: string, id: string, values: { at: Date; by: string }): Promise<Credential | null> {
    const [row] = await this.db
      .update(credentials)
      .set({ revokedAt: values.at, revokedBy: values.by })
      .where(and(eq(credentials.clientId, clientId), eq(credentials.id, id), isNull(credentials.revokedAt)))
      .returning();
    return row ?? null;
  }
}
