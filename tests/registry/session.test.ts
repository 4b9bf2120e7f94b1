/**
 * Console sign-in over real HTTP against a real registry and database: the session cookie and its
 * flags, the CSRF token on every change, idle and absolute expiry by the registry's clock, sessions
 * that end when their user is disabled or the password is reset or changed, failed sign-ins answered
 * alike and rate-limited, bad inputs refused with nothing stored, and bearer tokens unaffected. The
 * console's pages and files are served without looking up the session their requests carry.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, consoleSessions, users } from '../../drizzle/schema/index.ts';
import { ConfigError, loadConfig } from '../../lib/config.ts';
import { buildRegistryWithDeps } from '../../registry/buildRegistry.ts';
import { CONSOLE_DIST_DIR } from '../../registry/http/console.ts';
import { ensureConsoleBuilt } from '../../scripts/consoleBuild.ts';
import { mustSignIn, sessionCall, signInOver } from '../support/consoleSession.ts';
import { startTestRegistry, testConfig, type TestRegistry } from '../support/registry.ts';

let registry: TestRegistry;
let clock = Date.now();
const MINUTE = 60_000;
const PASSWORD = 'kata-sandi-yang-panjang-1';
let evaluatorId: string;
let evaluatorToken: string;
let ipCounter = 0;
/** A client address of its own per test (the registry trusts x-forwarded-for here), so counts do not mix. */
const fromNewAddress = () => ({ 'x-forwarded-for': `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` });

const countRows = async () => {
  const [sessions] = await registry.database.db.select({ n: sql<number>`count(*)::int` }).from(consoleSessions);
  const [trail] = await registry.database.db.select({ n: sql<number>`count(*)::int` }).from(adminTrail);
  return { sessions: Number(sessions?.n), trail: Number(trail?.n) };
};

const trailActions = async (action: string) =>
  registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, action)).orderBy(adminTrail.seq);

async function createUser(email: string, role: string, extra: Record<string, unknown> = {}) {
  return registry.must(registry.admin, 'POST', '/v1/admin/users', { name: `Pengguna ${role}`, email, role, password: PASSWORD, ...extra }, 201);
}

beforeAll(async () => {
  registry = await startTestRegistry({
    now: () => new Date(clock),
    trustProxy: true,
    config: { ...testConfig, session: { maxFailuresPerEmail: 3, maxFailuresPerIp: 6, failureWindowSeconds: 2 } },
  });
  const created = await createUser('monev@inspektorat.test', 'evaluator');
  evaluatorId = created.user.id;
  evaluatorToken = created.token.token;
});

afterAll(async () => {
  await registry?.close();
});

describe('signing in', () => {
  it('answers the user and a CSRF token, sets an HttpOnly SameSite=Strict cookie, and stores only a hash', async () => {
    const answer = await signInOver(registry.url, 'MONEV@inspektorat.test ', PASSWORD, fromNewAddress());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      user: { id: evaluatorId, name: 'Pengguna evaluator', email: 'monev@inspektorat.test', role: 'evaluator', agencyId: null, agencySlug: null },
      csrfToken: expect.any(String),
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const flags = answer.setCookie!.split(';').map((part) => part.trim().toLowerCase());
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(flags).not.toContain('secure');
    expect(flags.some((flag) => flag.startsWith('max-age') || flag.startsWith('expires'))).toBe(false);

    const secret = answer.session!.cookie.split('=')[1]!;
    const rows = await registry.database.db.select().from(consoleSessions).where(eq(consoleSessions.userId, evaluatorId));
    expect(rows.map((row) => row.id)).toContain(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain(answer.session!.csrfToken);
    const [user] = await registry.database.db.select().from(users).where(eq(users.id, evaluatorId));
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user!.passwordHash).not.toContain(PASSWORD);
  });

  it('marks the cookie Secure when the registry is reached over https', async () => {
    const answer = await signInOver(registry.url, 'monev@inspektorat.test', PASSWORD, { ...fromNewAddress(), 'x-forwarded-proto': 'https' });
    expect(answer.status).toBe(200);
    expect(answer.setCookie!.toLowerCase()).toContain('secure');
  });

  it('GET /v1/session answers the same user with the cookie, and 401 without one or with only a token', async () => {
    const session = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    const current = await sessionCall(registry.url, session, 'GET', '/v1/session');
    expect(current.status).toBe(200);
    expect(current.body).toEqual({ user: session.user, csrfToken: session.csrfToken });
    const none = await sessionCall(registry.url, null, 'GET', '/v1/session');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    expect((await registry.call(evaluatorToken, 'GET', '/v1/session')).status).toBe(401);
  });

  it('the cookie stands in for a token on every /v1 route, with the same role checks', async () => {
    const session = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    const me = await sessionCall(registry.url, session, 'GET', '/v1/me');
    expect(me.body).toMatchObject({ userId: evaluatorId, role: 'evaluator' });
    expect((await sessionCall(registry.url, session, 'GET', '/v1/admin/users')).status).toBe(403);
  });

  it('survives a registry restart: a second registry on the same database knows the session', async () => {
    const session = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    const second = await buildRegistryWithDeps({ database: registry.database, config: testConfig, now: () => new Date(clock) });
    try {
      const url = await second.app.listen({ host: '127.0.0.1', port: 0 });
      const current = await sessionCall(url, session, 'GET', '/v1/session');
      expect(current.status).toBe(200);
      expect(current.body.csrfToken).toBe(session.csrfToken);
    } finally {
      await second.app.close();
    }
  });
});

describe('the console’s pages and files', () => {
  it('look up no session: its last use stays where it was, while an API call still needs and moves it', async () => {
    await ensureConsoleBuilt();
    const script = (await readdir(path.join(CONSOLE_DIST_DIR, 'assets'))).find((name) => name.endsWith('.js'));
    expect(script).toBeDefined();
    const session = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    const id = createHash('sha256').update(session.cookie.split('=')[1]!).digest('hex');
    const lastSeen = async () => {
      const [row] = await registry.database.db.select().from(consoleSessions).where(eq(consoleSessions.id, id));
      return row!.lastSeenAt.getTime();
    };
    const signedInAt = await lastSeen();
    // Past the interval after which any use of the session writes its last use.
    clock += MINUTE;

    const files = ['/', '/console', '/console/', '/console/pemohon/permohonan/x', `/console/assets/${script}`];
    for (const file of files) {
      const response = await fetch(`${registry.url}${file}`, { headers: { cookie: session.cookie }, redirect: 'manual' });
      expect(response.status, file).toBeLessThan(400);
      await response.arrayBuffer();
    }
    expect(await lastSeen()).toBe(signedInAt);

    // Nor does a cookie or token that names nobody keep anyone from the files.
    const nobody: Record<string, string>[] = [{ cookie: 'penghubung_session=unknown' }, { authorization: 'Bearer phr_nonsense' }];
    for (const headers of nobody) {
      const file = await fetch(`${registry.url}/console/assets/${script}`, { headers });
      expect(file.status).toBe(200);
      await file.arrayBuffer();
      expect((await fetch(`${registry.url}/v1/me`, { headers })).status).toBe(401);
    }

    expect((await sessionCall(registry.url, null, 'GET', '/v1/me')).status).toBe(401);
    expect((await sessionCall(registry.url, session, 'GET', '/v1/me')).status).toBe(200);
    expect(await lastSeen()).toBe(clock);
  });
});

describe('CSRF', () => {
  it('a change with the cookie needs x-csrf-token: missing or wrong is 403 CSRF_INVALID and stores nothing', async () => {
    const admin = await createUser('admin2@kominfo.test', 'administrator');
    const session = await mustSignIn(registry.url, admin.user.email, PASSWORD, fromNewAddress());
    const before = await countRows();
    const theme = { slug: 'uji-csrf', name: 'Uji CSRF' };
    const missing = await sessionCall(registry.url, session, 'POST', '/v1/admin/themes', theme, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('CSRF_INVALID');
    expect(missing.body.message).toContain('x-csrf-token');
    const wrong = await sessionCall(registry.url, session, 'POST', '/v1/admin/themes', theme, { csrf: session.csrfToken.slice(0, -2) + 'xx' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('CSRF_INVALID');
    // Another session's token does not fit this one.
    const other = await mustSignIn(registry.url, admin.user.email, PASSWORD, fromNewAddress());
    expect((await sessionCall(registry.url, session, 'POST', '/v1/admin/themes', theme, { csrf: other.csrfToken })).status).toBe(403);
    const afterRefusals = await countRows();
    expect(afterRefusals.trail).toBe(before.trail + 1); // the second sign-in only
    const themes = await registry.must(registry.admin, 'GET', '/v1/themes', undefined, 200);
    expect(themes.themes.map((t: { slug: string }) => t.slug)).not.toContain('uji-csrf');

    const created = await sessionCall(registry.url, session, 'POST', '/v1/admin/themes', theme);
    expect(created.status).toBe(201);
    // Reads need no token.
    expect((await sessionCall(registry.url, session, 'GET', '/v1/themes', undefined, { csrf: false })).status).toBe(200);
  });

  it('bearer tokens are unaffected: no CSRF header needed, and a cookie beside the token is ignored', async () => {
    const session = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    const response = await fetch(`${registry.url}/v1/admin/themes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registry.admin.token}`, cookie: session.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'uji-bearer', name: 'Uji bearer' }),
    });
    expect(response.status).toBe(201);
    const me = await fetch(`${registry.url}/v1/me`, { headers: { authorization: `Bearer ${registry.admin.token}`, cookie: 'penghubung_session=rusak' } });
    expect(((await me.json()) as { role: string }).role).toBe('administrator');
  });
});

describe('signing out and expiry', () => {
  it('DELETE /v1/session needs the CSRF header, ends the session in the registry and clears the cookie', async () => {
    const session = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    expect((await sessionCall(registry.url, session, 'DELETE', '/v1/session', undefined, { csrf: false })).status).toBe(403);
    const out = await sessionCall(registry.url, session, 'DELETE', '/v1/session');
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().find((value) => value.startsWith('penghubung_session='))!;
    expect(cleared).toMatch(/^penghubung_session=;/);
    expect(cleared.toLowerCase()).toMatch(/expires=thu, 01 jan 1970|max-age=0/);
    const after = await sessionCall(registry.url, session, 'GET', '/v1/session');
    expect(after.status).toBe(401);
    expect(after.body.message).toContain('Sesi Anda telah berakhir');
    // Signing out again (a session already ended) still succeeds.
    expect((await sessionCall(registry.url, session, 'DELETE', '/v1/session')).status).toBe(204);
  });

  it('ends after the idle time, and use moves that limit on', async () => {
    const idle = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    const used = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    clock += 20 * MINUTE;
    expect((await sessionCall(registry.url, used, 'GET', '/v1/me')).status).toBe(200);
    clock += 20 * MINUTE;
    const expired = await sessionCall(registry.url, idle, 'GET', '/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('UNAUTHENTICATED');
    expect((await sessionCall(registry.url, used, 'GET', '/v1/me')).status).toBe(200);
    clock += 31 * MINUTE;
    expect((await sessionCall(registry.url, used, 'GET', '/v1/session')).status).toBe(401);
    // An unsafe request with an ended session answers 401 (sign in again), not 403.
    expect((await sessionCall(registry.url, used, 'PUT', '/v1/session/password', { currentPassword: PASSWORD, newPassword: PASSWORD })).status).toBe(401);
  });

  it('ends 12 hours after sign-in however it is used', async () => {
    const session = await mustSignIn(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress());
    for (let elapsed = 0; elapsed < 12 * 60 - 25; elapsed += 25) {
      clock += 25 * MINUTE;
      expect((await sessionCall(registry.url, session, 'GET', '/v1/me')).status).toBe(200);
    }
    clock += 25 * MINUTE;
    expect((await sessionCall(registry.url, session, 'GET', '/v1/me')).status).toBe(401);
  });
});

describe('accounts', () => {
  it('a disabled user’s session stops at once and does not come back when the user is enabled again', async () => {
    const publisher = await createUser('publisher@dinkes.test', 'requester');
    const session = await mustSignIn(registry.url, publisher.user.email, PASSWORD, fromNewAddress());
    await registry.must(registry.admin, 'POST', `/v1/admin/users/${publisher.user.id}/disable`, { reason: 'pindah tugas' }, 200);
    expect((await sessionCall(registry.url, session, 'GET', '/v1/me')).status).toBe(401);
    expect((await signInOver(registry.url, publisher.user.email, PASSWORD, fromNewAddress())).status).toBe(401);
    const [ended] = await registry.database.db.select().from(consoleSessions).where(eq(consoleSessions.userId, publisher.user.id));
    expect(ended!.revokedAt).not.toBeNull();

    const enabled = await registry.must(registry.admin, 'POST', `/v1/admin/users/${publisher.user.id}/enable`, { reason: 'kembali' }, 200);
    expect(enabled).toEqual({ id: publisher.user.id, email: publisher.user.email, disabled: false });
    expect((await registry.call(registry.admin, 'POST', `/v1/admin/users/${publisher.user.id}/enable`, {})).status).toBe(409);
    expect((await registry.call(registry.admin, 'POST', '/v1/admin/users/00000000-0000-4000-8000-000000000000/enable', {})).status).toBe(404);
    expect((await sessionCall(registry.url, session, 'GET', '/v1/me')).status).toBe(401);
    expect((await signInOver(registry.url, publisher.user.email, PASSWORD, fromNewAddress())).status).toBe(200);
    expect((await trailActions('user.enabled')).map((row) => row.subjectId)).toContain(publisher.user.id);
  });

  it('an administrator’s reset ends every session; a generated password is answered once and works', async () => {
    const requester = await createUser('satudata@bappeda.test', 'requester');
    const first = await mustSignIn(registry.url, requester.user.email, PASSWORD, fromNewAddress());
    const second = await mustSignIn(registry.url, requester.user.email, PASSWORD, fromNewAddress());
    const reset = await registry.must(registry.admin, 'POST', `/v1/admin/users/${requester.user.id}/password`, { reason: 'lupa kata sandi' }, 200);
    expect(reset).toEqual({ id: requester.user.id, email: requester.user.email, password: expect.stringMatching(/^[A-Za-z2-9]{20}$/) });
    for (const session of [first, second]) expect((await sessionCall(registry.url, session, 'GET', '/v1/me')).status).toBe(401);
    expect((await signInOver(registry.url, requester.user.email, PASSWORD, fromNewAddress())).status).toBe(401);
    expect((await signInOver(registry.url, requester.user.email, reset.password, fromNewAddress())).status).toBe(200);

    const given = await registry.must(registry.admin, 'POST', `/v1/admin/users/${requester.user.id}/password`, { password: 'kata sandi baru yang dipilih' }, 200);
    expect(given.password).toBeNull();
    expect((await signInOver(registry.url, requester.user.email, 'kata sandi baru yang dipilih', fromNewAddress())).status).toBe(200);
    const trail = await trailActions('user.password_reset');
    expect(trail).toHaveLength(2);
    expect(JSON.stringify(trail)).not.toContain(reset.password);
    expect(JSON.stringify(trail)).not.toContain('kata sandi baru yang dipilih');
    expect(trail[0]!.after).toMatchObject({ sessionsEnded: 2 });
  });

  it('gives a token-only account its first password, and refuses resets it may not do', async () => {
    const [bootstrapAdmin] = await registry.database.db.select().from(users).where(eq(users.email, 'admin@kominfo.test'));
    expect(bootstrapAdmin!.passwordHash).toBeNull();
    expect((await signInOver(registry.url, 'admin@kominfo.test', PASSWORD, fromNewAddress())).status).toBe(401);
    await registry.must(registry.admin, 'POST', `/v1/admin/users/${registry.admin.id}/password`, { password: PASSWORD }, 200);
    expect((await signInOver(registry.url, 'admin@kominfo.test', PASSWORD, fromNewAddress())).status).toBe(200);

    const before = await countRows();
    const userPath = `/v1/admin/users/${evaluatorId}/password`;
    expect((await registry.call(evaluatorToken, 'POST', userPath, { password: 'x'.repeat(12) })).status).toBe(403);
    expect((await registry.call(registry.admin, 'POST', userPath, { password: 'pendek' })).status).toBe(400);
    expect((await registry.call(registry.admin, 'POST', userPath, { password: 'x'.repeat(257) })).status).toBe(400);
    expect((await registry.call(registry.admin, 'POST', userPath, { password: 12345678901234 })).status).toBe(400);
    expect((await registry.call(registry.admin, 'POST', '/v1/admin/users/00000000-0000-4000-8000-000000000000/password', {})).status).toBe(404);
    expect((await registry.call(registry.admin, 'POST', '/v1/admin/users/bukan-uuid/password', {})).status).toBe(400);
    expect(await countRows()).toEqual(before);
    expect((await signInOver(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress())).status).toBe(200);
  });

  it('creating a user refuses a password too short or too long, storing nothing', async () => {
    const before = await registry.must(registry.admin, 'GET', '/v1/admin/users', undefined, 200);
    for (const password of ['sebelas-kar', 'x'.repeat(257), 123456789012345]) {
      const response = await registry.call(registry.admin, 'POST', '/v1/admin/users', { name: 'Calon', email: 'calon@x.test', role: 'requester', password });
      expect(response.status).toBe(400);
      expect(response.body.details.fields[0].path).toBe('body.password');
    }
    const after = await registry.must(registry.admin, 'GET', '/v1/admin/users', undefined, 200);
    expect(after.users).toHaveLength(before.users.length);
    const listed = after.users.find((user: { email: string }) => user.email === 'monev@inspektorat.test');
    expect(listed.hasPassword).toBe(true);
  });

  it('a user changes their own password: the current one is checked, other sessions end, this one stays', async () => {
    const user = await createUser('ganti@sandi.test', 'evaluator');
    const here = await mustSignIn(registry.url, user.user.email, PASSWORD, fromNewAddress());
    const elsewhere = await mustSignIn(registry.url, user.user.email, PASSWORD, fromNewAddress());
    const wrong = await sessionCall(registry.url, here, 'PUT', '/v1/session/password', { currentPassword: 'bukan-ini-sandinya', newPassword: 'sandi baru yang panjang' }, { headers: fromNewAddress() });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details).toEqual({ field: 'currentPassword' });
    expect((await sessionCall(registry.url, here, 'PUT', '/v1/session/password', { currentPassword: PASSWORD, newPassword: 'pendek' })).status).toBe(400);
    expect((await sessionCall(registry.url, here, 'PUT', '/v1/session/password', { currentPassword: PASSWORD, newPassword: 'sandi baru yang panjang' }, { csrf: false })).status).toBe(403);
    const changed = await sessionCall(registry.url, here, 'PUT', '/v1/session/password', { currentPassword: PASSWORD, newPassword: 'sandi baru yang panjang' });
    expect(changed.status).toBe(204);
    expect((await sessionCall(registry.url, here, 'GET', '/v1/me')).status).toBe(200);
    expect((await sessionCall(registry.url, elsewhere, 'GET', '/v1/me')).status).toBe(401);
    expect((await signInOver(registry.url, user.user.email, PASSWORD, fromNewAddress())).status).toBe(401);
    expect((await signInOver(registry.url, user.user.email, 'sandi baru yang panjang', fromNewAddress())).status).toBe(200);
  });
});

describe('failed sign-ins', () => {
  it('answer the same 401 for an unknown address, a wrong password, a disabled account and one without a password', async () => {
    const disabled = await createUser('nonaktif@x.test', 'requester');
    await registry.must(registry.admin, 'POST', `/v1/admin/users/${disabled.user.id}/disable`, {}, 200);
    const tokenOnly = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Pipeline CI', email: 'ci@x.test', role: 'evaluator' }, 201);
    expect(tokenOnly.user.hasPassword).toBe(false);
    const before = await countRows();
    const answers = [
      await signInOver(registry.url, 'tidak-ada@x.test', PASSWORD, fromNewAddress()),
      await signInOver(registry.url, 'monev@inspektorat.test', 'salah-sama-sekali', fromNewAddress()),
      await signInOver(registry.url, 'nonaktif@x.test', PASSWORD, fromNewAddress()),
      await signInOver(registry.url, 'ci@x.test', PASSWORD, fromNewAddress()),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.setCookie).toBeNull();
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body.code).toBe('INVALID_CREDENTIALS');
    expect(await countRows()).toEqual(before);
  });

  it('are limited per address: 429 with retry-after, even with the right password, from any client; then recover', async () => {
    const user = await createUser('dicoba@x.test', 'requester');
    for (let i = 0; i < 3; i++) expect((await signInOver(registry.url, user.user.email, `salah-${i}-xxxxx`, fromNewAddress())).status).toBe(401);
    const blocked = await signInOver(registry.url, user.user.email, PASSWORD, fromNewAddress());
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    expect(blocked.body.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(blocked.setCookie).toBeNull();
    // The moment the address was blocked is on the trail, once; each failure is not.
    const entries = (await trailActions('session.sign_in_blocked')).filter((row) => row.subjectId === user.user.email);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorName).toBe('sistem');

    await new Promise((resolve) => setTimeout(resolve, (Number(blocked.headers.get('retry-after')) + 0.5) * 1000));
    expect((await signInOver(registry.url, user.user.email, PASSWORD, fromNewAddress())).status).toBe(200);
  });

  it('are limited per client address across addresses, leaving other clients alone', async () => {
    const guesser = fromNewAddress();
    for (let i = 0; i < 6; i++) expect((await signInOver(registry.url, `tebakan-${i}@x.test`, 'apa-saja-xxxx', guesser)).status).toBe(401);
    expect((await signInOver(registry.url, 'monev@inspektorat.test', PASSWORD, guesser)).status).toBe(429);
    expect((await signInOver(registry.url, 'monev@inspektorat.test', PASSWORD, fromNewAddress())).status).toBe(200);
  });

  it('refuses bad input with 400, storing nothing', async () => {
    const before = await countRows();
    const post = (body: string, type = 'application/json') =>
      fetch(`${registry.url}/v1/session`, { method: 'POST', headers: { 'content-type': type, ...fromNewAddress() }, body });
    const bad = [
      await post(JSON.stringify({ email: 'monev@inspektorat.test' })),
      await post(JSON.stringify({ password: PASSWORD })),
      await post(JSON.stringify({ email: 42, password: PASSWORD })),
      await post(JSON.stringify({ email: 'monev@inspektorat.test', password: ['a'] })),
      await post(JSON.stringify({ email: 'monev@inspektorat.test', password: 'x'.repeat(100_000) })),
      await post(JSON.stringify({ email: 'monev@inspektorat.test', password: PASSWORD, role: 'administrator' })),
      await post(JSON.stringify({ email: 'monev@inspektorat.test\u0000', password: PASSWORD })),
      await post('{"email":'),
      await post('email=a&password=b', 'application/x-www-form-urlencoded'),
    ];
    for (const response of bad) expect([400, 415]).toContain(response.status);
    const huge = (await bad[4]!.json()) as { code: string; details: { fields: { path: string }[] } };
    expect(huge.code).toBe('BAD_REQUEST');
    expect(huge.details.fields[0]!.path).toBe('body.password');
    expect(await countRows()).toEqual(before);
  });
});

describe('agencies and themes for the administrator', () => {
  it('changes an agency’s and a theme’s name and description, on the trail; others get 403', async () => {
    await registry.must(registry.admin, 'POST', '/v1/admin/agencies', { slug: 'bapenda', name: 'Bapenda' }, 201);
    const agency = await registry.must(registry.admin, 'PATCH', '/v1/admin/agencies/bapenda', { name: 'Badan Pendapatan Daerah', description: 'Pajak daerah' }, 200);
    expect(agency).toMatchObject({ slug: 'bapenda', name: 'Badan Pendapatan Daerah', description: 'Pajak daerah', contact: '' });
    const { agencies } = await registry.must(registry.admin, 'GET', '/v1/agencies', undefined, 200);
    expect(agencies.find((a: { slug: string }) => a.slug === 'bapenda').name).toBe('Badan Pendapatan Daerah');
    const theme = await registry.must(registry.admin, 'PATCH', '/v1/admin/themes/uji-csrf', { description: 'Tema uji' }, 200);
    expect(theme).toMatchObject({ slug: 'uji-csrf', name: 'Uji CSRF', description: 'Tema uji' });
    expect((await trailActions('agency.updated'))[0]!.before).toMatchObject({ name: 'Bapenda' });
    expect(await trailActions('theme.updated')).toHaveLength(1);

    expect((await registry.call(registry.admin, 'PATCH', '/v1/admin/agencies/tidak-ada', { name: 'X y' })).status).toBe(404);
    expect((await registry.call(registry.admin, 'PATCH', '/v1/admin/themes/bapenda', { name: 'X y' })).status).toBe(404);
    expect((await registry.call(registry.admin, 'PATCH', '/v1/admin/agencies/bapenda', {})).status).toBe(400);
    expect((await registry.call(registry.admin, 'PATCH', '/v1/admin/agencies/bapenda', { slug: 'lain' })).status).toBe(400);
    expect((await registry.call(registry.admin, 'PATCH', '/v1/admin/themes/uji-csrf', { name: 'x' })).status).toBe(400);
    expect((await registry.call(evaluatorToken, 'PATCH', '/v1/admin/agencies/bapenda', { name: 'Diubah' })).status).toBe(403);
    expect((await registry.call(evaluatorToken, 'PATCH', '/v1/admin/themes/uji-csrf', {})).status).toBe(403);
  });
});

describe('old sessions', () => {
  it('are deleted at the user’s next sign-in once they ended more than 30 days ago', async () => {
    const user = await createUser('lama@sesi.test', 'evaluator');
    const old = await mustSignIn(registry.url, user.user.email, PASSWORD, fromNewAddress());
    await sessionCall(registry.url, old, 'DELETE', '/v1/session');
    const stored = () => registry.database.db.select().from(consoleSessions).where(eq(consoleSessions.userId, user.user.id));
    await mustSignIn(registry.url, user.user.email, PASSWORD, fromNewAddress());
    expect(await stored()).toHaveLength(2);
    clock += 31 * 24 * 60 * MINUTE;
    await mustSignIn(registry.url, user.user.email, PASSWORD, fromNewAddress());
    // The signed-out one and the one past its 12 hours are gone; the new one stays.
    expect(await stored()).toHaveLength(1);
  });
});

describe('configuration', () => {
  it('reads the idle and absolute limits and the Secure flag from the environment, refusing nonsense', () => {
    expect(loadConfig({}).session).toEqual({ idleMinutes: 30, absoluteHours: 12, cookieSecure: false });
    expect(
      loadConfig({ PENGHUBUNG_SESSION_IDLE_MINUTES: '15', PENGHUBUNG_SESSION_ABSOLUTE_HOURS: '8', PENGHUBUNG_COOKIE_SECURE: 'true' }).session,
    ).toEqual({ idleMinutes: 15, absoluteHours: 8, cookieSecure: true });
    expect(() => loadConfig({ PENGHUBUNG_SESSION_IDLE_MINUTES: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ PENGHUBUNG_SESSION_ABSOLUTE_HOURS: 'dua belas' })).toThrow(/PENGHUBUNG_SESSION_ABSOLUTE_HOURS/);
    expect(() => loadConfig({ PENGHUBUNG_COOKIE_SECURE: 'ya' })).toThrow(/PENGHUBUNG_COOKIE_SECURE/);
  });
});
