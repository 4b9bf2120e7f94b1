/**
 * The registry's frame and its administration: the OpenAPI document, the bootstrap, the admin
 * operations (agencies, themes, graphs, users, tokens) with their refusals and trail entries, and the
 * error handler's masking of unexpected errors.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, userTokens } from '../../drizzle/schema/index.ts';
import { ensureBootstrap } from '../../registry/bootstrap.ts';
import { buildRegistry } from '../../registry/buildRegistry.ts';
import { startTestRegistry, testConfig } from '../support/registry.ts';
import type { TestRegistry } from '../support/registry.ts';

let registry: TestRegistry;

beforeAll(async () => {
  registry = await startTestRegistry();
});

afterAll(async () => {
  await registry?.close();
});

async function trailActions(): Promise<string[]> {
  const rows = await registry.database.db
    .select({ action: adminTrail.action })
    .from(adminTrail)
    .orderBy(adminTrail.seq);
  return rows.map((row) => row.action);
}

describe('registry frame', () => {
  it('serves its OpenAPI document and the documentation viewer', async () => {
    const document = await registry.call(null, 'GET', '/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/subgraphs/publish',
        '/v1/subgraphs/check',
        '/v1/subgraphs/{name}/versions',
        '/v1/subgraphs/{name}/versions/{version}',
        '/v1/subgraphs/{name}/sdl',
        '/v1/subgraphs/{name}/fields/{coordinate}',
        '/v1/graphs',
        '/v1/graphs/{name}/sdl',
        '/v1/graphs/{name}/supergraph',
        '/v1/directory',
        '/v1/directory/search',
        '/v1/admin/agencies',
        '/v1/admin/users',
      ]),
    );
    expect(document.body.paths['/v1/subgraphs/publish'].post.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(document.body.paths['/v1/subgraphs/publish'].post.responses).toHaveProperty('422');
    const docs = await fetch(`${registry.url}/docs/`, { redirect: 'manual' });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('answers unknown routes with the error body', async () => {
    const response = await registry.call(registry.admin, 'GET', '/v1/tidak-ada');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', details: null });
  });

  it('masks unexpected errors and logs them', async () => {
    const logged: unknown[] = [];
    const app = await buildRegistry({
      database: registry.database,
      config: testConfig,
      routeModules: [
        (instance) => {
          instance.get('/v1/rusak', async () => {
            throw new Error('password=rahasia in a stack trace');
          });
        },
      ],
    });
    app.addHook('onError', async (_request, _reply, error) => {
      logged.push(error);
    });
    try {
      const response = await app.inject({
        method: 'GET',
        url: '/v1/rusak',
        headers: { 'x-request-id': 'req-123' },
      });
      expect(response.statusCode).toBe(500);
      const body = response.json();
      expect(body).toMatchObject({ code: 'INTERNAL', details: { requestId: 'req-123' } });
      expect(response.body).not.toContain('rahasia');
      expect(logged).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});

describe('bootstrap', () => {
  it('creates the standard themes, one graph per theme and `semua`, and is idempotent', async () => {
    const themes = await registry.must(registry.admin, 'GET', '/v1/themes', undefined, 200);
    expect(themes.themes.map((theme: { slug: string }) => theme.slug)).toEqual([
      'kepegawaian',
      'kependudukan',
      'kesehatan',
      'perizinan',
    ]);
    const graphs = await registry.must(registry.admin, 'GET', '/v1/graphs', undefined, 200);
    expect(graphs.graphs.map((graph: { name: string }) => graph.name)).toEqual([
      'kepegawaian',
      'kependudukan',
      'kesehatan',
      'perizinan',
      'semua',
    ]);

    const again = await ensureBootstrap(registry.database, {
      adminName: 'Admin Lain',
      adminEmail: 'lain@kominfo.test',
      themes: ['pariwisata'],
    });
    expect(again).toEqual({ createdThemes: ['pariwisata'], createdGraphs: ['pariwisata'], adminToken: null });
    const twice = await ensureBootstrap(registry.database, {
      adminName: 'Admin Lain',
      adminEmail: 'lain@kominfo.test',
      themes: ['pariwisata'],
    });
    expect(twice).toEqual({ createdThemes: [], createdGraphs: [], adminToken: null });
  });
});

describe('administration', () => {
  it('creates agencies, themes and graphs, refusing duplicates and unknown themes', async () => {
    const before = (await trailActions()).length;
    const agency = await registry.call(registry.admin, 'POST', '/v1/admin/agencies', {
      slug: 'dinsos',
      name: 'Dinas Sosial',
    });
    expect(agency.status).toBe(201);
    expect(agency.body).toMatchObject({ slug: 'dinsos', name: 'Dinas Sosial' });
    expect(
      (
        await registry.call(registry.admin, 'POST', '/v1/admin/agencies', {
          slug: 'dinsos',
          name: 'Dinas Sosial',
        })
      ).status,
    ).toBe(409);

    expect(
      (await registry.call(registry.admin, 'POST', '/v1/admin/themes', { slug: 'sosial', name: 'Sosial' }))
        .status,
    ).toBe(201);
    const graph = await registry.call(registry.admin, 'POST', '/v1/admin/graphs', {
      name: 'sosial-penduduk',
      themes: ['sosial', 'kependudukan'],
    });
    expect(graph.status).toBe(201);
    expect(graph.body).toMatchObject({ themes: ['kependudukan', 'sosial'], version: null });
    const unknown = await registry.call(registry.admin, 'POST', '/v1/admin/graphs', {
      name: 'salah',
      themes: ['tidak-ada'],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.details).toMatchObject({ field: 'themes', unknown: ['tidak-ada'] });

    expect((await trailActions()).slice(before)).toEqual([
      'agency.created',
      'theme.created',
      'graph.created',
    ]);
  });

  it('creates users with a token shown once, and refuses what cannot be', async () => {
    const publisher = await registry.call(registry.admin, 'POST', '/v1/admin/users', {
      name: 'Sari Dinsos',
      email: 'Sari@Dinsos.test',
      role: 'publisher',
      agency: 'dinsos',
    });
    expect(publisher.status).toBe(201);
    expect(publisher.body.user).toMatchObject({ email: 'sari@dinsos.test', role: 'publisher' });
    expect(publisher.body.token.token).toMatch(/^phr_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const me = await registry.must(publisher.body.token.token, 'GET', '/v1/me', undefined, 200);
    expect(me).toMatchObject({ name: 'Sari Dinsos', role: 'publisher', agencyId: expect.any(String) });

    // Only the hash is stored, never the secret.
    const [stored] = await registry.database.db
      .select()
      .from(userTokens)
      .where(eq(userTokens.id, publisher.body.token.id));
    expect(JSON.stringify(stored)).not.toContain(publisher.body.token.token.split('_').slice(2).join('_'));

    const noAgency = await registry.call(registry.admin, 'POST', '/v1/admin/users', {
      name: 'Tanpa PD',
      email: 'x@y.test',
      role: 'publisher',
    });
    expect(noAgency.status).toBe(422);
    const duplicate = await registry.call(registry.admin, 'POST', '/v1/admin/users', {
      name: 'Sari',
      email: 'sari@dinsos.test',
      role: 'evaluator',
    });
    expect(duplicate.status).toBe(409);
    const invalid = await registry.call(registry.admin, 'POST', '/v1/admin/users', {
      name: 'X',
      email: 'bukan-surel',
      role: 'raja',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.fields.map((field: { path: string }) => field.path)).toEqual(
      expect.arrayContaining(['body.name', 'body.email', 'body.role']),
    );

    const forbidden = await registry.call(publisher.body.token.token, 'POST', '/v1/admin/agencies', {
      slug: 'liar',
      name: 'PD Liar',
    });
    expect(forbidden.status).toBe(403);

    const revoked = await registry.call(
      registry.admin,
      'POST',
      `/v1/admin/tokens/${publisher.body.token.id}/revoke`,
      { reason: 'pegawai pindah tugas' },
    );
    expect(revoked.status).toBe(200);
    expect((await registry.call(publisher.body.token.token, 'GET', '/v1/me')).status).toBe(401);
    expect(
      (await registry.call(registry.admin, 'POST', `/v1/admin/tokens/${publisher.body.token.id}/revoke`, {}))
        .status,
    ).toBe(409);

    const actions = await trailActions();
    expect(actions.slice(-3)).toEqual(['user.created', 'token.issued', 'token.revoked']);
    const [revocation] = await registry.database.db
      .select()
      .from(adminTrail)
      .where(eq(adminTrail.action, 'token.revoked'));
    expect(revocation?.reason).toBe('pegawai pindah tugas');
    // No trail entry carries a token.
    const all = await registry.database.db.select().from(adminTrail);
    expect(JSON.stringify(all)).not.toContain(publisher.body.token.token);
  });
});
