/**
 * Every way a publish can be refused before anything is checked against the stored graphs: bad
 * credentials, wrong role or agency, oversized, unparseable or non-federation SDL, unusable routing
 * URLs, unknown theme, a name owned by another agency. Each answers with its status and the
 * `{ code, message, messageEn, details }` body, and stores nothing.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRegistryRows } from '../support/database.ts';
import type { RegistryRowCounts } from '../support/database.ts';
import { startTestRegistry, testConfig } from '../support/registry.ts';
import type { Identity, TestRegistry } from '../support/registry.ts';
import { seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

const fixture = (name: string): Promise<string> =>
  readFile(new URL(`../fixtures/registry/${name}`, import.meta.url), 'utf8');

let registry: TestRegistry;
let world: World;
let penduduk: string;
let baseline: RegistryRowCounts;

beforeAll(async () => {
  registry = await startTestRegistry();
  world = await seed(registry)
    .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil')
    .withPublisher()
    .agency('bkpsdm', 'BKPSDM')
    .withPublisher()
    .client('aplikasi-bansos')
    .done();
  penduduk = await fixture('penduduk-v1.graphql');
  const first = await registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/publish', {
    name: 'kependudukan',
    theme: 'kependudukan',
    routingUrl: 'http://127.0.0.1:4101/graphql',
    schema: penduduk,
  });
  expect(first.status).toBe(201);
  baseline = await countRegistryRows(registry.database);
});

afterAll(async () => {
  await registry?.close();
});

function publish(who: Identity | string | null, overrides: Record<string, unknown>) {
  return registry.call(who, 'POST', '/v1/subgraphs/publish', {
    name: 'pegawai',
    theme: 'kepegawaian',
    routingUrl: 'http://127.0.0.1:4102/graphql',
    schema: penduduk.replaceAll('Penduduk', 'Pegawai').replaceAll('penduduk', 'pegawai'),
    ...overrides,
  });
}

async function expectNothingStored(): Promise<void> {
  expect(await countRegistryRows(registry.database)).toEqual(baseline);
}

function expectErrorBody(body: unknown, code: string): void {
  expect(body).toMatchObject({ code, message: expect.any(String), messageEn: expect.any(String) });
  expect(body).toHaveProperty('details');
}

describe('publish refusals', () => {
  it('401 without a token', async () => {
    const response = await publish(null, {});
    expect(response.status).toBe(401);
    expectErrorBody(response.body, 'UNAUTHENTICATED');
    await expectNothingStored();
  });

  it('401 with a malformed, unknown or revoked token', async () => {
    for (const token of ['bukan-token', 'phr_0123abcd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const response = await publish(token, {});
      expect(response.status).toBe(401);
      expectErrorBody(response.body, 'UNAUTHENTICATED');
    }
    const issued = await registry.must(
      world.admin,
      'POST',
      `/v1/admin/users/${world.publisher('bkpsdm').id}/tokens`,
      { label: 'ci' },
      201,
    );
    expect((await registry.call(issued.token, 'GET', '/v1/me')).status).toBe(200);
    await registry.must(
      world.admin,
      'POST',
      `/v1/admin/tokens/${issued.id}/revoke`,
      { reason: 'bocor di log CI' },
      200,
    );
    const revoked = await publish(issued.token, {});
    expect(revoked.status).toBe(401);
    baseline = await countRegistryRows(registry.database); // issuing and revoking are trail-recorded
    await expectNothingStored();
  });

  it('401 with an expired token', async () => {
    const issued = await registry.must(
      world.admin,
      'POST',
      `/v1/admin/users/${world.publisher('bkpsdm').id}/tokens`,
      { expiresInDays: 1 },
      201,
    );
    baseline = await countRegistryRows(registry.database);
    const later = await startTestRegistryClock(issued.token);
    expect(later).toBe(401);
  });

  it('403 for a role that does not publish', async () => {
    const requester = world.clients['aplikasi-bansos']?.requester;
    const response = await publish(requester ?? null, {});
    expect(response.status).toBe(403);
    expectErrorBody(response.body, 'FORBIDDEN');
    await expectNothingStored();
  });

  it('403 for a publisher publishing for another agency', async () => {
    const response = await publish(world.publisher('bkpsdm'), { agency: 'disdukcapil' });
    expect(response.status).toBe(403);
    expectErrorBody(response.body, 'FORBIDDEN');
    expect(response.body.message).toContain('PD-nya sendiri');
    await expectNothingStored();
  });

  it('422 for an administrator publishing a new subgraph without naming its agency', async () => {
    const response = await publish(world.admin, {});
    expect(response.status).toBe(422);
    expect(response.body.details).toMatchObject({ field: 'agency' });
    await expectNothingStored();
  });

  it('409 for a subgraph name another agency owns', async () => {
    const response = await publish(world.publisher('bkpsdm'), {
      name: 'kependudukan',
      theme: 'kependudukan',
      schema: penduduk,
    });
    expect(response.status).toBe(409);
    expectErrorBody(response.body, 'CONFLICT');
    expect(response.body.details).toMatchObject({ name: 'kependudukan', owner: 'disdukcapil' });
    await expectNothingStored();
  });

  it('413 for a schema over the configured size', async () => {
    const padding = `# ${'x'.repeat(testConfig.maxSchemaBytes)}\n`;
    const response = await publish(world.publisher('bkpsdm'), { schema: padding + penduduk });
    expect(response.status).toBe(413);
    expectErrorBody(response.body, 'PAYLOAD_TOO_LARGE');
    expect(response.body.details).toMatchObject({ maxBytes: testConfig.maxSchemaBytes });
    await expectNothingStored();
  });

  it('413 for a request body over the route limit', async () => {
    const response = await publish(world.publisher('bkpsdm'), {
      schema: 'x'.repeat(testConfig.maxSchemaBytes * 3),
    });
    expect(response.status).toBe(413);
    expectErrorBody(response.body, 'PAYLOAD_TOO_LARGE');
    await expectNothingStored();
  });

  it('400 for SDL that does not parse, with line and column', async () => {
    const response = await publish(world.publisher('bkpsdm'), {
      schema: await fixture('unparseable.graphql'),
    });
    expect(response.status).toBe(400);
    expectErrorBody(response.body, 'BAD_REQUEST');
    expect(response.body.details).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    await expectNothingStored();
  });

  it('422 for SDL that is not a valid federation subgraph', async () => {
    const response = await publish(world.publisher('bkpsdm'), {
      schema: await fixture('invalid-federation.graphql'),
    });
    expect(response.status).toBe(422);
    expectErrorBody(response.body, 'VALIDATION_FAILED');
    expect(response.body.details.errors[0].code).toBe('KEY_INVALID_FIELDS');
    await expectNothingStored();
  });

  it('422 for a routing URL that is not HTTP', async () => {
    for (const routingUrl of ['ftp://10.0.0.5/graphql', 'file:///etc/passwd']) {
      const response = await publish(world.publisher('bkpsdm'), { routingUrl });
      expect(response.status).toBe(422);
      expectErrorBody(response.body, 'VALIDATION_FAILED');
      expect(response.body.details).toMatchObject({ field: 'routingUrl', reason: 'SCHEME_NOT_ALLOWED' });
    }
    await expectNothingStored();
  });

  it('422 for a link-local or cloud metadata routing URL', async () => {
    for (const [routingUrl, reason] of [
      ['http://169.254.169.254/latest/meta-data/', 'FORBIDDEN_ADDRESS'],
      ['http://[fe80::1]/graphql', 'FORBIDDEN_ADDRESS'],
      ['http://metadata.google.internal/computeMetadata/v1/', 'METADATA_HOST'],
    ] as const) {
      const response = await publish(world.publisher('bkpsdm'), { routingUrl });
      expect(response.status).toBe(422);
      expect(response.body.details).toMatchObject({ field: 'routingUrl', reason });
    }
    await expectNothingStored();
  });

  it('422 for an unknown theme, listing the known ones', async () => {
    const response = await publish(world.publisher('bkpsdm'), { theme: 'pariwisata' });
    expect(response.status).toBe(422);
    expectErrorBody(response.body, 'VALIDATION_FAILED');
    expect(response.body.details).toMatchObject({ field: 'theme' });
    expect(response.body.details.known).toEqual(
      expect.arrayContaining(['kependudukan', 'kepegawaian', 'perizinan', 'kesehatan']),
    );
    await expectNothingStored();
  });

  it('400 with the path of every invalid field for a body that fails its schema', async () => {
    const response = await registry.call(world.publisher('bkpsdm'), 'POST', '/v1/subgraphs/publish', {
      name: 'Bukan Nama',
      theme: 'kepegawaian',
    });
    expect(response.status).toBe(400);
    expectErrorBody(response.body, 'BAD_REQUEST');
    const paths = response.body.details.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.routingUrl', 'body.schema']));
    await expectNothingStored();
  });

  it('400 for a body that is not JSON', async () => {
    const response = await registry.call(
      world.publisher('bkpsdm'),
      'POST',
      '/v1/subgraphs/publish',
      '{"name": ',
    );
    expect(response.status).toBe(400);
    expectErrorBody(response.body, 'BAD_REQUEST');
    await expectNothingStored();
  });
});

/** The expired-token case needs a registry whose clock is past the expiry: a second app on the same database. */
async function startTestRegistryClock(token: string): Promise<number> {
  const { buildRegistry } = await import('../../registry/buildRegistry.ts');
  const app = await buildRegistry({
    database: registry.database,
    config: testConfig,
    now: () => new Date(Date.now() + 2 * 86_400_000),
  });
  try {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    return response.statusCode;
  } finally {
    await app.close();
  }
}
