import { and, asc, desc, eq, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { agencies, users, userTokens } from '../../drizzle/schema/index.ts';
import type { NewUser, User, UserRole, UserToken } from '../../drizzle/schema/index.ts';

export interface TokenOwner {
  token: Pick<UserToken, 'id' | 'prefix' | 'expiresAt' | 'revokedAt' | 'lastUsedAt'>;
  user: Pick<User, 'id' | 'name' | 'role' | 'agencyId' | 'disabled'>;
}

/** Users of the registry and their API tokens (only the SHA-256 of each secret is stored). */
export class UserRepository {
  constructor(private readonly db: Executor) {}

  async findById(id: string): Promise<User | null> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row ?? null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email));
    return row ?? null;
  }

  async findFirstWithRole(role: UserRole): Promise<User | null> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(eq(users.role, role))
      .orderBy(users.createdAt)
      .limit(1);
    return row ?? null;
  }

  /** Inserts the user unless the e-mail address is taken; null when it was. */
  async create(values: NewUser): Promise<User | null> {
    const [row] = await this.db
      .insert(users)
      .values(values)
      .onConflictDoNothing({ target: users.email })
      .returning();
    return row ?? null;
  }

  async createToken(values: {
    userId: string;
    label: string;
    prefix: string;
    secretHash: string;
    expiresAt: Date | null;
  }): Promise<UserToken> {
    const [row] = await this.db.insert(userTokens).values(values).returning();
    if (!row) throw new Error('user token insert returned nothing');
    return row;
  }

  async findTokenById(id: string): Promise<UserToken | null> {
    const [row] = await this.db.select().from(userTokens).where(eq(userTokens.id, id));
    return row ?? null;
  }

  /** Marks a token revoked; null when it does not exist or was already revoked. */
  async revokeToken(id: string, at: Date): Promise<UserToken | null> {
    const [row] = await this.db
      .update(userTokens)
      .set({ revokedAt: at })
      .where(and(eq(userTokens.id, id), isNull(userTokens.revokedAt)))
      .returning();
    return row ?? null;
  }

  /** Rewrites a token's stored hash (under the active token key), unless another process did already. */
  async rehashToken(id: string, from: string, to: string): Promise<void> {
    await this.db.update(userTokens).set({ secretHash: to }).where(and(eq(userTokens.id, id), eq(userTokens.secretHash, from)));
  }

  /** Tokens not revoked whose stored hash names token key `keyId`. */
  async countTokensHashedUnder(keyId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(userTokens)
      .where(and(like(userTokens.secretHash, `hmac:${keyId}:%`), isNull(userTokens.revokedAt)));
    return Number(row?.n ?? 0);
  }

  /** The token stored under one of these hashes and its user, whatever their state (the caller decides). */
  async findTokenOwnerByHashes(secretHashes: readonly string[]): Promise<(TokenOwner & { secretHash: string }) | null> {
    const [row] = await this.db
      .select({
        secretHash: userTokens.secretHash,
        token: {
          id: userTokens.id,
          prefix: userTokens.prefix,
          expiresAt: userTokens.expiresAt,
          revokedAt: userTokens.revokedAt,
          lastUsedAt: userTokens.lastUsedAt,
        },
        user: {
          id: users.id,
          name: users.name,
          role: users.role,
          agencyId: users.agencyId,
          disabled: users.disabled,
        },
      })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(inArray(userTokens.secretHash, [...secretHashes]))
      .limit(1);
    return row ?? null;
  }

  /** The token with this secret hash and its user, whatever their state (the caller decides). */
  async findTokenOwner(secretHash: string): Promise<TokenOwner | null> {
    const [row] = await this.db
      .select({
        token: {
          id: userTokens.id,
          prefix: userTokens.prefix,
          expiresAt: userTokens.expiresAt,
          revokedAt: userTokens.revokedAt,
          lastUsedAt: userTokens.lastUsedAt,
        },
        user: {
          id: users.id,
          name: users.name,
          role: users.role,
          agencyId: users.agencyId,
          disabled: users.disabled,
        },
      })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(eq(userTokens.secretHash, secretHash));
    return row ?? null;
  }

  /** Records use of a token, at most once per `minIntervalMs`, so reads do not write on every request. */
  async touchToken(id: string, at: Date, minIntervalMs: number): Promise<void> {
    const threshold = new Date(at.getTime() - minIntervalMs);
    await this.db
      .update(userTokens)
      .set({ lastUsedAt: at })
      .where(
        and(eq(userTokens.id, id), or(isNull(userTokens.lastUsedAt), lt(userTokens.lastUsedAt, threshold))),
      );
  }

  /** Every user with the slug of its agency, oldest first. */
  async listWithAgency(): Promise<(User & { agencySlug: string | null })[]> {
    const rows = await this.db
      .select({ user: users, agencySlug: agencies.slug })
      .from(users)
      .leftJoin(agencies, eq(agencies.id, users.agencyId))
      .orderBy(asc(users.createdAt), asc(users.email));
    return rows.map((row) => ({ ...row.user, agencySlug: row.agencySlug }));
  }

  /** Registry tokens (never their secrets) with their owner's e-mail, newest first; of one user when given. */
  async listTokens(userId?: string): Promise<(UserToken & { userEmail: string })[]> {
    const rows = await this.db
      .select({ token: userTokens, userEmail: users.email })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(userId === undefined ? undefined : eq(userTokens.userId, userId))
      .orderBy(desc(userTokens.createdAt));
    return rows.map((row) => ({ ...row.token, userEmail: row.userEmail }));
  }

  /** Disables a user (all its tokens stop working at once); null when absent or already disabled. */
  async disable(id: string): Promise<User | null> {
    const [row] = await this.db
      .update(users)
      .set({ disabled: true })
      .where(and(eq(users.id, id), eq(users.disabled, false)))
      .returning();
    return row ?? null;
  }

  /** Re-enables a disabled user; null when absent or not disabled. */
  async enable(id: string): Promise<User | null> {
    const [row] = await this.db
      .update(users)
      .set({ disabled: false })
      .where(and(eq(users.id, id), eq(users.disabled, true)))
      .returning();
    return row ?? null;
  }

  /** Stores a new password hash (argon2id PHC string); null when the user does not exist. */
  async setPasswordHash(id: string, passwordHash: string, at: Date): Promise<User | null> {
    const [row] = await this.db
      .update(users)
      .set({ passwordHash, passwordChangedAt: at })
      .where(eq(users.id, id))
      .returning();
    return row ?? null;
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(users);
    return row?.n ?? 0;
  }
}
