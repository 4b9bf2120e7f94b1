import { and, asc, eq, exists, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import {
  accessRequestItems,
  accessRequests,
  agencies,
  clients,
  users,
} from '../../drizzle/schema/index.ts';
import type { Client, NewClient } from '../../drizzle/schema/index.ts';
import type { AccessScope } from '../access/scope.ts';
import { scopeCondition } from './scopeCondition.ts';

export interface ClientView {
  id: string;
  name: string;
  requester: { id: string; name: string };
  agency: { id: string; slug: string; name: string } | null;
  organization: string;
  contact: string;
  grantsVersion: number;
  createdAt: Date;
}

/** Requesters' client applications, scoped to what the caller may see. */
export class ClientRepository {
  constructor(
    private readonly db: Executor,
    private readonly scope: AccessScope,
  ) {}

  /** A publisher sees the clients that asked for its agency's fields. */
  private visible(): SQL | undefined {
    return scopeCondition(this.scope, (agencyId) =>
      exists(
        this.db
          .select({ one: sql`1` })
          .from(accessRequestItems)
          .innerJoin(accessRequests, eq(accessRequests.id, accessRequestItems.requestId))
          .where(and(eq(accessRequests.clientId, clients.id), eq(accessRequestItems.agencyId, agencyId))),
      ),
    );
  }

  async create(values: NewClient): Promise<Client> {
    if (this.scope.kind === 'requester' && values.requesterId !== this.scope.userId) {
      throw new Error('client create outside the caller scope');
    }
    const [row] = await this.db.insert(clients).values(values).returning();
    if (!row) throw new Error('client insert returned nothing');
    return row;
  }

  /** The client whatever the scope: lets an operation tell "no such client" from "not yours". */
  async findAny(id: string): Promise<Client | null> {
    const [row] = await this.db.select().from(clients).where(eq(clients.id, id));
    return row ?? null;
  }

  /** Locks the client row until the transaction ends (grants and credentials of one client take turns). */
  async lock(id: string): Promise<Client | null> {
    const [row] = await this.db.select().from(clients).where(eq(clients.id, id)).for('update');
    return row ?? null;
  }

  async get(id: string): Promise<ClientView | null> {
    const [row] = await this.selectViews().where(and(eq(clients.id, id), this.visible()));
    return row ? toView(row) : null;
  }

  async list(): Promise<ClientView[]> {
    const rows = await this.selectViews()
      .where(this.visible())
      .orderBy(asc(clients.name), asc(clients.createdAt));
    return rows.map(toView);
  }

  /**
   * Bumped in the same transaction as every change to the client's grants: the gateway keys its
   * caches on it, so no decision made before the change can be served after it.
   */
  async bumpGrantsVersion(id: string): Promise<number> {
    const [row] = await this.db
      .update(clients)
      .set({ grantsVersion: sql`${clients.grantsVersion} + 1` })
      .where(eq(clients.id, id))
      .returning({ grantsVersion: clients.grantsVersion });
    if (!row) throw new Error(`client ${id} vanished while its grants changed`);
    return row.grantsVersion;
  }

  private selectViews() {
    return this.db
      .select({
        client: clients,
        requesterName: users.name,
        agencySlug: agencies.slug,
        agencyName: agencies.name,
      })
      .from(clients)
      .innerJoin(users, eq(users.id, clients.requesterId))
      .leftJoin(agencies, eq(agencies.id, clients.agencyId));
  }
}

function toView(row: {
  client: Client;
  requesterName: string;
  agencySlug: string | null;
  agencyName: string | null;
}): ClientView {
  const { client } = row;
  return {
    id: client.id,
    name: client.name,
    requester: { id: client.requesterId, name: row.requesterName },
    agency:
      client.agencyId && row.agencySlug !== null && row.agencyName !== null
        ? { id: client.agencyId, slug: row.agencySlug, name: row.agencyName }
        : null,
    organization: client.organization,
    contact: client.contact,
    grantsVersion: client.grantsVersion,
    createdAt: client.createdAt,
  };
}
