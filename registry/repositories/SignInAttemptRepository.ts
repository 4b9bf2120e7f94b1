import { and, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { signInAttempts } from '../../drizzle/schema/index.ts';
import type { SignInCountScope } from '../../drizzle/schema/index.ts';

export interface TakenAttempt {
  /** Attempts within the current window, this one included. */
  attempts: number;
  /** Whole seconds until the window ends (at least 1). */
  secondsLeft: number;
}

/**
 * Sign-in attempt counts in fixed windows, by the database's clock so every registry process counts
 * alike. Each statement is a single atomic upsert or update: parallel attempts, from one process or
 * several, never lose a count.
 */
export class SignInAttemptRepository {
  constructor(private readonly db: Executor) {}

  /** Counts one attempt; a window that has ended starts a new one of `windowSeconds`. */
  async take(scope: SignInCountScope, subject: string, windowSeconds: number): Promise<TakenAttempt> {
    const ended = sql`${signInAttempts.windowEndsAt} <= now()`;
    const [row] = await this.db
      .insert(signInAttempts)
      .values({ scope, subject, attempts: 1, windowEndsAt: sql`now() + ${windowSeconds}::int * interval '1 second'` })
      .onConflictDoUpdate({
        target: [signInAttempts.scope, signInAttempts.subject],
        set: {
          attempts: sql`case when ${ended} then 1 else ${signInAttempts.attempts} + 1 end`,
          windowEndsAt: sql`case when ${ended} then excluded.window_ends_at else ${signInAttempts.windowEndsAt} end`,
        },
      })
      .returning({
        attempts: signInAttempts.attempts,
        secondsLeft: sql<number>`greatest(1, ceil(extract(epoch from (${signInAttempts.windowEndsAt} - now()))))::int`,
      });
    if (!row) throw new Error('sign-in attempt upsert returned nothing');
    return { attempts: Number(row.attempts), secondsLeft: Number(row.secondsLeft) };
  }

  /** Gives one attempt back, within the window that counted it. */
  async giveBack(scope: SignInCountScope, subject: string): Promise<void> {
    await this.db
      .update(signInAttempts)
      .set({ attempts: sql`greatest(${signInAttempts.attempts} - 1, 0)` })
      .where(and(eq(signInAttempts.scope, scope), eq(signInAttempts.subject, subject), sql`${signInAttempts.windowEndsAt} > now()`));
  }

  async clear(scope: SignInCountScope, subject: string): Promise<void> {
    await this.db.delete(signInAttempts).where(and(eq(signInAttempts.scope, scope), eq(signInAttempts.subject, subject)));
  }

  /** Deletes the counts whose window has ended (they count as none already). */
  async pruneEnded(): Promise<number> {
    const rows = await this.db
      .delete(signInAttempts)
      .where(lte(signInAttempts.windowEndsAt, sql`now()`))
      .returning({ scope: signInAttempts.scope });
    return rows.length;
  }
}
