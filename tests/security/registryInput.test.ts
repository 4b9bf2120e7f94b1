/**
 * The registry's input, over real HTTP and a real database: an anonymous caller is refused with 401
 * before its body is validated (it learns nothing of the body's schema), control characters in any
 * text are 400 instead of a database error, and an impossible date is 400, not a date rolled over
 * into the next month. Nothing is stored by a refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRegistry, type TestRegistry } from '../support/registry.ts';

describe('registry input', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startTestRegistry();
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('answers an anonymous POST with 401, not a 400 describing the body', async () => {
    const response = await registry.call(null, 'POST', '/v1/admin/agencies', { bukan: 'badan yang sah' });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(JSON.stringify(response.body)).not.toMatch(/slug|issues/);
    const publish = await registry.call(null, 'POST', '/v1/subgraphs/publish', {});
    expect(publish.status).toBe(401);
  });

  it('refuses a NUL byte in a text field with 400 naming the field, and stores nothing', async () => {
    const response = await registry.call(registry.admin, 'POST', '/v1/admin/agencies', { slug: 'dinsos', name: 'Dinas\u0000Sosial' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'name' } });
    const agencies = await registry.call<{ slug: string }[] | { agencies: { slug: string }[] }>(registry.admin, 'GET', '/v1/agencies');
    expect(JSON.stringify(agencies.body)).not.toContain('dinsos');
  });

  it('refuses other control characters in text, and in the query string', async () => {
    const escape = await registry.call(registry.admin, 'POST', '/v1/admin/themes', { slug: 'sosial', name: 'Sosial\u001b[31m' });
    expect(escape.status).toBe(400);
    const query = await registry.call(registry.admin, 'GET', `/v1/log/records?from=2026-01-01&to=2026-01-31&operation=${encodeURIComponent('a\u0000b')}`);
    expect(query.status).toBe(400);
  });

  it('refuses an impossible date with 400', async () => {
    const response = await registry.call(registry.admin, 'GET', '/v1/log/stats?from=2026-02-30&to=2026-03-31');
    expect(response.status).toBe(400);
    const valid = await registry.call(registry.admin, 'GET', '/v1/log/stats?from=2026-02-28&to=2026-03-31');
    expect(valid.status).toBe(200);
  });
});
