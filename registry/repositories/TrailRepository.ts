/**
 * Reading the administrative trail: a filtered, newest-first page for the administrator's search.
 * The trail is small next to the access log (one row per administrative step), so pages are by
 * offset with a total count, which the console's pager shows.
 */
import { and, count, desc, eq, gte, ilike, lt, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { adminTrail } from '../../drizzle/schema/index.ts';
import type { AdminTrailRecord } from '../../drizzle/schema/index.ts';

export interface TrailFilter {
  /** Part of the actor's name (case-insensitive). */
  actor?: string | undefined;
  /** An action (`access_request.approved`) or its domain (`access_request`). */
  action?: string | undefined;
  /** The subject's id, exactly (a request, a user, a graph). */
  subjectId?: string | undefined;
  /** Part of the reason or the subject's id. */
  text?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** `%` and `_` typed by a person are searched for as themselves. */
function contains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export class TrailRepository {
  constructor(private readonly db: Executor) {}

  async search(filter: TrailFilter, page: { limit: number; offset: number }): Promise<{ rows: AdminTrailRecord[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.actor) conditions.push(ilike(adminTrail.actorName, contains(filter.actor)));
    if (filter.action) {
      conditions.push(
        filter.action.includes('.')
          ? eq(adminTrail.action, filter.action)
          : sql`${adminTrail.action} like ${`${filter.action}.%`}`,
      );
    }
    if (filter.subjectId) conditions.push(eq(adminTrail.subjectId, filter.subjectId));
    if (filter.text) {
      const like = contains(filter.text);
      conditions.push(or(ilike(adminTrail.reason, like), ilike(adminTrail.subjectId, like))!);
    }
    if (filter.from) conditions.push(gte(adminTrail.occurredAt, filter.from));
    if (filter.to) conditions.push(lt(adminTrail.occurredAt, filter.to));
    const where = conditions.length === 0 ? undefined : and(...conditions);
    const [rows, [total]] = await Promise.all([
      this.db.select().from(adminTrail).where(where).orderBy(desc(adminTrail.seq)).limit(page.limit).offset(page.offset),
      this.db.select({ total: count() }).from(adminTrail).where(where),
    ]);
    return { rows, total: total?.total ?? 0 };
  }
}
