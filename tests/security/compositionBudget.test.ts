/**
 * Composition runs off the registry's event loop within a time budget, over a real registry and
 * database. A schema that composes slowly (20,000 fields, let through by raised schema limits) is
 * stopped at the budget with 422 COMPOSITION_TIMEOUT, nothing is stored, the refusal is in the
 * administrative trail, and while it composes `/health` and directory reads are answered. A
 * composition whose worker dies (out of its memory limit) is answered 503 COMPOSITION_UNAVAILABLE
 * and the registry goes on composing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, schemaVersions } from '../../drizzle/schema/index.ts';
import { DEFAULT_SCHEMA_LIMITS } from '../../lib/config.ts';
import { demoAgencies, readDemoSchema } from '../../subgraphs/index.ts';
import { startTestRegistry, testConfig, type CallResult, type TestRegistry } from '../support/registry.ts';
import { seed, type World } from '../support/seed.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n';

/** Composes in tens of seconds: far past the budgets below. */
function manyFields(count: number): string {
  const lines = Array.from({ length: count }, (_, i) => `  f${i}: String`);
  return `${LINK}type Query {\n${lines.join('\n')}\n}\n`;
}

const SLOW_SCHEMA = manyFields(20_000);
const RAISED_LIMITS = { ...DEFAULT_SCHEMA_LIMITS, maxFields: 100_000, maxTokens: 1_000_000 };
const disdukcapil = demoAgencies.find((agency) => agency.slug === 'disdukcapil')!;

interface Answer {
  status: number;
  /** The slow request had not been answered yet when this answer arrived. */
  whileComposing: boolean;
}

/**
 * Sends `slow`, and, until it is answered, keeps asking `probe` one request after the other: the
 * answers say whether the registry answered while the composition was running.
 */
async function probeDuring<T>(
  slow: Promise<CallResult<T>>,
  probe: () => Promise<CallResult<unknown>>,
): Promise<{ slow: CallResult<T>; answers: Answer[] }> {
  let settled = false;
  const tracked = slow.finally(() => {
    settled = true;
  });
  const answers: Answer[] = [];
  while (!settled) {
    const response = await probe();
    answers.push({ status: response.status, whileComposing: !settled });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { slow: await tracked, answers };
}

describe('composition time budget', () => {
  let registry: TestRegistry;
  let world: World;

  beforeAll(async () => {
    registry = await startTestRegistry({
      config: { ...testConfig, maxSchemaBytes: 1_048_576, schemaLimits: RAISED_LIMITS, compositionTimeoutMs: 3_000 },
    });
    world = await seed(registry).agency('disdukcapil', disdukcapil.name).withPublisher().done();
  });
  afterAll(async () => {
    await registry?.close();
  });

  const send = (route: 'publish' | 'check', schema: string, name = 'lambat') =>
    registry.call(world.publisher('disdukcapil'), 'POST', `/v1/subgraphs/${route}`, {
      name,
      theme: 'kependudukan',
      routingUrl: 'http://127.0.0.1:4101/graphql',
      schema,
    });

  async function storedVersions(): Promise<number> {
    return (await registry.database.db.select({ id: schemaVersions.id }).from(schemaVersions)).length;
  }

  it('stops a publish whose composition overruns the budget: 422 COMPOSITION_TIMEOUT, nothing stored, refusal recorded, /health answered meanwhile', async () => {
    const before = await storedVersions();
    const { slow, answers } = await probeDuring(send('publish', SLOW_SCHEMA), () => registry.call(null, 'GET', '/health'));

    expect(slow.status).toBe(422);
    expect(slow.body).toMatchObject({ code: 'COMPOSITION_TIMEOUT', details: { timeoutMs: 3_000, subgraphs: expect.arrayContaining(['lambat']) } });
    expect(slow.body.message).toContain('batas waktu 3 detik');
    expect(slow.body.messageEn).toContain('3 s time budget');
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // The first answer may come before the composition starts; the later ones came during it.
    expect(answers.filter((answer) => answer.whileComposing).length).toBeGreaterThanOrEqual(3);

    expect(await storedVersions()).toBe(before);
    const refusals = await registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, 'subgraph.publish_refused'));
    expect(refusals.at(-1)).toMatchObject({ subjectId: 'lambat', actorName: 'Publisher disdukcapil' });
    expect(refusals.at(-1)?.after).toMatchObject({ code: 'COMPOSITION_TIMEOUT', timeoutMs: 3_000 });
  });

  it('answers directory reads while a check composes, and stops the check at the budget', async () => {
    const { slow, answers } = await probeDuring(send('check', SLOW_SCHEMA), () =>
      registry.call(world.publisher('disdukcapil'), 'GET', '/v1/directory'),
    );
    expect(slow.status).toBe(422);
    expect(slow.body).toMatchObject({ code: 'COMPOSITION_TIMEOUT' });
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // The first answer may come before the composition starts; the later ones came during it.
    expect(answers.filter((answer) => answer.whileComposing).length).toBeGreaterThanOrEqual(3);
  });

  it('composes the next publish in a fresh worker after a composition was stopped', async () => {
    const response = await send('publish', readDemoSchema(disdukcapil), disdukcapil.subgraphName);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ unchanged: false, version: 1 });
  });
});

describe('composition worker crash', () => {
  let registry: TestRegistry;
  let world: World;

  beforeAll(async () => {
    // A worker heap far too small for 20,000 fields, but enough for the demo subgraph; a budget the
    // slow schema does not reach before its worker runs out of memory.
    registry = await startTestRegistry({
      config: {
        ...testConfig,
        maxSchemaBytes: 1_048_576,
        schemaLimits: RAISED_LIMITS,
        compositionTimeoutMs: 120_000,
        compositionMemoryMb: 48,
      },
    });
    world = await seed(registry).agency('disdukcapil', disdukcapil.name).withPublisher().done();
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('answers 503 COMPOSITION_UNAVAILABLE when the worker dies, stores nothing, keeps serving, and composes again', async () => {
    const publish = (schema: string, name: string) =>
      registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/publish', {
        name,
        theme: 'kependudukan',
        routingUrl: 'http://127.0.0.1:4101/graphql',
        schema,
      });
    const response = await fetch(`${registry.url}/v1/subgraphs/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.publisher('disdukcapil').token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rakus', theme: 'kependudukan', routingUrl: 'http://127.0.0.1:4101/graphql', schema: SLOW_SCHEMA }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { code: string; message: string; details: { reason: string } };
    expect(body).toMatchObject({ code: 'COMPOSITION_UNAVAILABLE', details: { reason: 'crash' } });
    expect(body.message).toContain('tidak ada yang disimpan');

    const versions = await registry.database.db.select({ id: schemaVersions.id }).from(schemaVersions);
    expect(versions).toHaveLength(0);
    const refusals = await registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, 'subgraph.publish_refused'));
    expect(refusals.at(-1)?.after).toMatchObject({ code: 'COMPOSITION_UNAVAILABLE', reason: 'crash' });

    expect((await registry.call(null, 'GET', '/health')).status).toBe(200);
    const next = await publish(readDemoSchema(disdukcapil), disdukcapil.subgraphName);
    expect(next.status).toBe(201);
  });
});
