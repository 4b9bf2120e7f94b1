/**
 * Administrators see who is signed in to the console and end a session at once, over a real registry
 * and database: the list shows user, role, times, address and browser but never the cookie's secret or
 * its hash; ending a session makes its next request 401 and goes on the trail; other roles are refused
 * and bad ids answered 400 or 404 with nothing changed.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, consoleSessions } from '../../drizzle/schema/index.ts';
import { mustSignIn, sessionCall } from '../support/consoleSession.ts';
import type { ConsoleSession } from '../support/consoleSession.ts';
import { startTestRegistry, testConfig, type TestRegistry } from '../support/registry.ts';

const PASSWORD = 'kata-sandi-yang-panjang-1';
const MINUTE = 60_000;
let registry: TestRegistry;
let clock = Date.now();
let admin: ConsoleSession;
let requester: ConsoleSession;
let requesterId: string;

const secretOf = (session: ConsoleSession) => session.cookie.split('=')[1]!;
const listed = async () => (await sessionCall(registry.url, admin, 'GET', '/v1/admin/sessions')).body.sessions as Record<string, string>[];
const countRows = async () => {
  const [trail] = await registry.database.db.select({ n: sql<number>`count(*)::int` }).from(adminTrail);
  const [revoked] = await registry.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(consoleSessions)
    .where(sql`${consoleSessions.revokedAt} is not null`);
  return { trail: Number(trail?.n), revoked: Number(revoked?.n) };
};

beforeAll(async () => {
  registry = await startTestRegistry({ now: () => new Date(clock), config: testConfig });
  await registry.must(registry.admin, 'POST', `/v1/admin/users/${registry.admin.id}/password`, { password: PASSWORD }, 200);
  const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Pemohon Bappeda', email: 'pemohon@bappeda.test', role: 'requester', password: PASSWORD }, 201);
  requesterId = created.user.id;
  admin = await mustSignIn(registry.url, 'admin@kominfo.test', PASSWORD, { 'user-agent': 'Peramban Admin/1.0' });
  requester = await mustSignIn(registry.url, 'pemohon@bappeda.test', PASSWORD, { 'user-agent': 'Peramban Pemohon/2.0' });
});

afterAll(async () => {
  await registry?.close();
});

describe('GET /v1/admin/sessions', () => {
  it('lists active sessions with user, role, times, address and browser, never the secret or its hash', async () => {
    const response = await sessionCall(registry.url, admin, 'GET', '/v1/admin/sessions');
    expect(response.status).toBe(200);
    const mine = response.body.sessions.find((s: { userEmail: string }) => s.userEmail === 'pemohon@bappeda.test');
    expect(mine).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: requesterId,
      userName: 'Pemohon Bappeda',
      userEmail: 'pemohon@bappeda.test',
      role: 'requester',
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: new Date(Date.parse(mine.createdAt) + 12 * 60 * MINUTE).toISOString(),
      idleExpiresAt: new Date(Date.parse(mine.lastSeenAt) + 30 * MINUTE).toISOString(),
      ip: '127.0.0.1',
      userAgent: 'Peramban Pemohon/2.0',
      current: false,
    });
    const own = response.body.sessions.filter((s: { current: boolean }) => s.current);
    expect(own).toHaveLength(1);
    expect(own[0].userEmail).toBe('admin@kominfo.test');
    // A token opens no session: none is the caller's own.
    const byToken = await registry.must(registry.admin, 'GET', '/v1/admin/sessions', undefined, 200);
    expect(byToken.sessions.some((s: { current: boolean }) => s.current)).toBe(false);
    const text = JSON.stringify(response.body);
    for (const session of [admin, requester]) {
      expect(text).not.toContain(secretOf(session));
      expect(text).not.toContain(createHash('sha256').update(secretOf(session)).digest('hex'));
      expect(text).not.toContain(session.csrfToken);
    }
    expect(response.body.sessions.every((s: Record<string, unknown>) => Object.keys(s).length === 12)).toBe(true);
  });

  it('leaves out sessions that were signed out or ran idle', async () => {
    const signedOut = await mustSignIn(registry.url, 'pemohon@bappeda.test', PASSWORD);
    expect((await listed()).filter((s) => s.userId === requesterId)).toHaveLength(2);
    await sessionCall(registry.url, signedOut, 'DELETE', '/v1/session');
    expect((await listed()).filter((s) => s.userId === requesterId)).toHaveLength(1);

    const idle = await mustSignIn(registry.url, 'pemohon@bappeda.test', PASSWORD);
    // The two sessions the other tests use are kept alive; the third runs idle.
    clock += 20 * MINUTE;
    for (const session of [admin, requester]) expect((await sessionCall(registry.url, session, 'GET', '/v1/me')).status).toBe(200);
    clock += 11 * MINUTE;
    expect((await listed()).filter((s) => s.userId === requesterId)).toHaveLength(1);
    expect((await sessionCall(registry.url, idle, 'GET', '/v1/me')).status).toBe(401);
  });
});

describe('DELETE /v1/admin/sessions/:id', () => {
  it('refuses other roles (403) and the signed-out (401), changing nothing', async () => {
    const before = await countRows();
    const target = (await listed()).find((s) => s.userId === requesterId)!;
    expect((await sessionCall(registry.url, requester, 'GET', '/v1/admin/sessions')).status).toBe(403);
    expect((await sessionCall(registry.url, requester, 'DELETE', `/v1/admin/sessions/${target.id}`)).status).toBe(403);
    const { token } = await registry.must<{ token: string }>(registry.admin, 'POST', `/v1/admin/users/${requesterId}/tokens`, { label: 'uji' }, 201);
    expect((await registry.call(token, 'DELETE', `/v1/admin/sessions/${target.id}`)).status).toBe(403);
    expect((await registry.call(null, 'GET', '/v1/admin/sessions')).status).toBe(401);
    expect((await sessionCall(registry.url, requester, 'GET', '/v1/me')).status).toBe(200);
    const after = await countRows();
    expect(after.revoked).toBe(before.revoked);
    expect(after.trail).toBe(before.trail + 1); // the token issued above
  });

  it('answers 400 for a malformed id and 404 for an unknown one, 400 for a bad body, changing nothing', async () => {
    const before = await countRows();
    const target = (await listed()).find((s) => s.userId === requesterId)!;
    const malformed = await sessionCall(registry.url, admin, 'DELETE', '/v1/admin/sessions/bukan-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('BAD_REQUEST');
    // The hash the registry keeps is not an id an administrator can use.
    const hash = createHash('sha256').update(secretOf(requester)).digest('hex');
    expect((await sessionCall(registry.url, admin, 'DELETE', `/v1/admin/sessions/${hash}`)).status).toBe(400);
    const unknown = await sessionCall(registry.url, admin, 'DELETE', '/v1/admin/sessions/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect((await sessionCall(registry.url, admin, 'DELETE', `/v1/admin/sessions/${target.id}`, { reason: 'x'.repeat(2001) })).status).toBe(400);
    expect((await sessionCall(registry.url, admin, 'DELETE', `/v1/admin/sessions/${target.id}`, { reason: 'a', extra: true })).status).toBe(400);
    // Without the CSRF header the cookie may not end anything.
    expect((await sessionCall(registry.url, admin, 'DELETE', `/v1/admin/sessions/${target.id}`, undefined, { csrf: false })).status).toBe(403);
    expect(await countRows()).toEqual(before);
    expect((await sessionCall(registry.url, requester, 'GET', '/v1/me')).status).toBe(200);
  });

  it('ends the session at once: its next request is 401, it leaves the list, the trail records it, and a second end is 409', async () => {
    const target = (await listed()).find((s) => s.userId === requesterId)!;
    const ended = await sessionCall(registry.url, admin, 'DELETE', `/v1/admin/sessions/${target.id}`, { reason: 'perangkat hilang' });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ id: target.id, userId: requesterId, endedAt: expect.any(String) });
    const after = await sessionCall(registry.url, requester, 'GET', '/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await listed()).map((s) => s.id)).not.toContain(target.id);
    // The administrator's own session is untouched.
    expect((await sessionCall(registry.url, admin, 'GET', '/v1/me')).status).toBe(200);

    const trail = await registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, 'session.ended'));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ subjectType: 'console_session', subjectId: target.id, reason: 'perangkat hilang', actorId: registry.admin.id });
    expect(trail[0]!.after).toMatchObject({ userId: requesterId, email: 'pemohon@bappeda.test' });
    expect(JSON.stringify(trail)).not.toContain(createHash('sha256').update(secretOf(requester)).digest('hex'));
    const searched = await registry.must(registry.admin, 'GET', '/v1/admin/trail?action=session.ended', undefined, 200);
    expect(JSON.stringify(searched)).toContain(target.id);

    const again = await sessionCall(registry.url, admin, 'DELETE', `/v1/admin/sessions/${target.id}`);
    expect(again.status).toBe(409);
    expect((await registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, 'session.ended')))).toHaveLength(1);
  });
});
