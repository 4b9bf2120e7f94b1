/**
 * The administrator searches the administrative trail: newest first, by actor name, action or its
 * domain, subject, text of the reason and time range, in pages with a total. Bad filters are refused
 * with 400; anyone but an administrator gets 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRegistry, type TestRegistry } from '../support/registry.ts';

let registry: TestRegistry;
let evaluator: { id: string; token: string };
let themesBefore: number;
let before: string;

beforeAll(async () => {
  registry = await startTestRegistry();
  // The bootstrap records the standard themes; the themes made here come after.
  themesBefore = (await registry.must(registry.admin, 'GET', '/v1/admin/trail?action=theme.created', undefined, 200)).total;
  await new Promise((resolve) => setTimeout(resolve, 20));
  before = new Date().toISOString();
  const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Tim Monev', email: 'monev@example.go.id', role: 'evaluator' }, 201);
  evaluator = { id: created.user.id, token: created.token.token };
  for (const slug of ['tema-a', 'tema-b', 'tema-c']) {
    await registry.must(registry.admin, 'POST', '/v1/admin/themes', { slug, name: `Tema ${slug}` }, 201);
  }
  await registry.must(registry.admin, 'POST', `/v1/admin/users/${evaluator.id}/disable`, { reason: 'pindah tugas 50%_x' }, 200);
});

afterAll(async () => {
  await registry?.close();
});

describe('administrative trail search', () => {
  it('lists the newest first with a total, in pages', async () => {
    const first = await registry.must(registry.admin, 'GET', '/v1/admin/trail?pageSize=2', undefined, 200);
    expect(first.pageSize).toBe(2);
    expect(first.entries).toHaveLength(2);
    expect(first.total).toBeGreaterThanOrEqual(5);
    expect(first.entries[0]).toMatchObject({ action: 'user.disabled', subjectId: evaluator.id, reason: 'pindah tugas 50%_x', actor: { name: 'Admin Kominfo', role: 'administrator' } });
    expect(first.entries[0].seq).toBeGreaterThan(first.entries[1].seq);
    const second = await registry.must(registry.admin, 'GET', '/v1/admin/trail?pageSize=2&page=2', undefined, 200);
    expect(second.entries[0].seq).toBeLessThan(first.entries[1].seq);
  });

  it('filters by action, domain, subject, reason text, actor and time', async () => {
    const themes = await registry.must(registry.admin, 'GET', '/v1/admin/trail?action=theme.created', undefined, 200);
    expect(themes.total).toBe(themesBefore + 3);
    expect(new Set(themes.entries.map((entry: { action: string }) => entry.action))).toEqual(new Set(['theme.created']));
    const users = await registry.must(registry.admin, 'GET', '/v1/admin/trail?action=user', undefined, 200);
    expect(new Set(users.entries.map((entry: { action: string }) => entry.action))).toEqual(new Set(['user.created', 'user.disabled']));
    const subject = await registry.must(registry.admin, 'GET', `/v1/admin/trail?subject=${evaluator.id}`, undefined, 200);
    expect(subject.total).toBeGreaterThanOrEqual(2);
    // % and _ are searched as themselves, not as wildcards.
    const text = await registry.must(registry.admin, 'GET', `/v1/admin/trail?q=${encodeURIComponent('50%_x')}`, undefined, 200);
    expect(text.entries.map((entry: { action: string }) => entry.action)).toEqual(['user.disabled']);
    const none = await registry.must(registry.admin, 'GET', `/v1/admin/trail?q=${encodeURIComponent('5%x')}`, undefined, 200);
    expect(none.total).toBe(0);
    const actor = await registry.must(registry.admin, 'GET', '/v1/admin/trail?actor=kominfo&action=user.disabled', undefined, 200);
    expect(actor.total).toBe(1);
    const nobody = await registry.must(registry.admin, 'GET', '/v1/admin/trail?actor=monev', undefined, 200);
    expect(nobody.total).toBe(0);
    const recent = await registry.must(registry.admin, 'GET', `/v1/admin/trail?from=${encodeURIComponent(before)}&action=theme.created`, undefined, 200);
    expect(recent.total).toBe(3);
    const old = await registry.must(registry.admin, 'GET', `/v1/admin/trail?to=2020-01-01&action=theme.created`, undefined, 200);
    expect(old.total).toBe(0);
  });

  it('refuses bad filters with 400 and other roles with 403', async () => {
    for (const query of ['from=2026-02-30', 'from=2026-12-02&to=2026-12-01', 'pageSize=101', 'page=0', 'action=DROP%20TABLE', 'unknown=1']) {
      const response = await registry.call(registry.admin, 'GET', `/v1/admin/trail?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.message).toBeTruthy();
    }
    const otherAdmin = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Pemohon', email: 'pemohon@example.go.id', role: 'requester' }, 201);
    expect((await registry.call(otherAdmin.token.token, 'GET', '/v1/admin/trail')).status).toBe(403);
    expect((await registry.call(null, 'GET', '/v1/admin/trail')).status).toBe(401);
  });
});
