/**
 * What an administrator needs to find and stop people: the list of users (with agency and state),
 * the list of registry tokens (never a secret), and disabling a user, whose tokens are refused at
 * once. The last enabled administrator cannot be disabled; other roles cannot use any of this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRegistry, type TestRegistry } from '../support/registry.ts';

let registry: TestRegistry;
let evaluator: { id: string; token: string };

beforeAll(async () => {
  registry = await startTestRegistry();
  const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Tim Monev', email: 'monev@example.go.id', role: 'evaluator' }, 201);
  evaluator = { id: created.user.id, token: created.token.token };
});

afterAll(async () => {
  await registry?.close();
});

describe('users and tokens for the administrator', () => {
  it('lists users with their role, agency and state', async () => {
    const { users } = await registry.must(registry.admin, 'GET', '/v1/admin/users', undefined, 200);
    expect(users).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'admin@kominfo.test', role: 'administrator', disabled: false, agency: null }),
        expect.objectContaining({ email: 'monev@example.go.id', role: 'evaluator', disabled: false }),
      ]),
    );
  });

  it('lists tokens by owner without their secrets, and for one user', async () => {
    const all = await registry.must(registry.admin, 'GET', '/v1/admin/tokens', undefined, 200);
    expect(JSON.stringify(all)).not.toContain(evaluator.token);
    const mine = await registry.must(registry.admin, 'GET', `/v1/admin/tokens?user=${evaluator.id}`, undefined, 200);
    expect(mine.tokens).toHaveLength(1);
    expect(mine.tokens[0]).toMatchObject({ userEmail: 'monev@example.go.id', revokedAt: null });
    expect(evaluator.token).toContain(mine.tokens[0].prefix);
    expect((await registry.call(registry.admin, 'GET', '/v1/admin/tokens?user=bukan-uuid')).status).toBe(400);
  });

  it('refuses these to anyone but an administrator', async () => {
    expect((await registry.call(evaluator, 'GET', '/v1/admin/users')).status).toBe(403);
    expect((await registry.call(evaluator, 'GET', '/v1/admin/tokens')).status).toBe(403);
    expect((await registry.call(evaluator, 'POST', `/v1/admin/users/${registry.admin.id}/disable`, {})).status).toBe(403);
    expect((await registry.call(null, 'GET', '/v1/admin/users')).status).toBe(401);
  });

  it('disables a user, whose token is refused from the next request, once, on the trail', async () => {
    expect((await registry.call(evaluator, 'GET', '/v1/me')).status).toBe(200);
    const disabled = await registry.must(registry.admin, 'POST', `/v1/admin/users/${evaluator.id}/disable`, { reason: 'pindah tugas' }, 200);
    expect(disabled).toEqual({ id: evaluator.id, email: 'monev@example.go.id', disabled: true });
    expect((await registry.call(evaluator, 'GET', '/v1/me')).status).toBe(401);
    const again = await registry.call(registry.admin, 'POST', `/v1/admin/users/${evaluator.id}/disable`, {});
    expect(again.status).toBe(409);
    const unknown = await registry.call(registry.admin, 'POST', '/v1/admin/users/00000000-0000-4000-8000-000000000000/disable', {});
    expect(unknown.status).toBe(404);
  });

  it('never disables the last enabled administrator', async () => {
    const response = await registry.call(registry.admin, 'POST', `/v1/admin/users/${registry.admin.id}/disable`, { reason: 'uji' });
    expect(response.status).toBe(409);
    expect(response.body.message).toContain('Administrator terakhir');
    expect((await registry.call(registry.admin, 'GET', '/v1/me')).status).toBe(200);
  });
});
