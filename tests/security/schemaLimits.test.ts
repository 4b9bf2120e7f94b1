/**
 * Schema bombs over a real registry and database: a schema under the size limit that would keep
 * composition busy for long (20,000 fields), or overflow the parser's stack (a list type nested 5,000
 * deep), is refused with 422 SCHEMA_LIMIT_EXCEEDED naming the limit, nothing is stored, the refusal is
 * in the administrative trail, and the registry answers the next request and a normal publish.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, schemaVersions } from '../../drizzle/schema/index.ts';
import { DEFAULT_SCHEMA_LIMITS } from '../../lib/config.ts';
import { demoAgencies, readDemoSchema } from '../../subgraphs/index.ts';
import { startTestRegistry, testConfig, type TestRegistry } from '../support/registry.ts';
import { seed, type World } from '../support/seed.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n';

function manyFields(count: number): string {
  const lines = Array.from({ length: count }, (_, i) => `  f${i}: String`);
  return `${LINK}type Query {\n${lines.join('\n')}\n}\n`;
}

function deepList(depth: number): string {
  return `${LINK}type Query {\n  dalam: ${'['.repeat(depth)}String${']'.repeat(depth)}\n}\n`;
}

function manyTypes(count: number): string {
  const types = Array.from({ length: count }, (_, i) => `type T${i} { a: String }`);
  return `${LINK}type Query { t0: T0 }\n${types.join('\n')}\n`;
}

function manyDirectivesOnOneField(count: number): string {
  return `${LINK}type Query {\n  a: String ${'@deprecated '.repeat(count)}\n}\n`;
}

describe('schema limits', () => {
  let registry: TestRegistry;
  let world: World;
  const disdukcapil = demoAgencies.find((agency) => agency.slug === 'disdukcapil')!;

  beforeAll(async () => {
    // The production size limit (1 MiB), so the bombs below are refused by the schema limits, not by size.
    registry = await startTestRegistry({ config: { ...testConfig, maxSchemaBytes: 1_048_576 } });
    world = await seed(registry).agency('disdukcapil', disdukcapil.name).withPublisher().done();
  });
  afterAll(async () => {
    await registry?.close();
  });

  const publish = (schema: string, name = 'bom') =>
    registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/publish', {
      name,
      theme: 'kependudukan',
      routingUrl: 'http://127.0.0.1:4101/graphql',
      schema,
    });

  async function storedVersions(): Promise<number> {
    return (await registry.database.db.select({ id: schemaVersions.id }).from(schemaVersions)).length;
  }

  async function expectAnswering(): Promise<void> {
    const me = await registry.call(world.publisher('disdukcapil'), 'GET', '/v1/me');
    expect(me.status).toBe(200);
  }

  it.each([
    ['20,000 fields', () => manyFields(20_000), 'maxFields'],
    ['a list type nested 5,000 deep', () => deepList(5_000), 'maxBracketDepth'],
    ['a list type nested 11 deep', () => deepList(11), 'maxTypeNesting'],
    ['more types than allowed', () => manyTypes(DEFAULT_SCHEMA_LIMITS.maxTypes + 1), 'maxTypes'],
    ['too many directives on one field', () => manyDirectivesOnOneField(DEFAULT_SCHEMA_LIMITS.maxDirectivesPerElement + 1), 'maxDirectivesPerElement'],
  ])('refuses %s with 422 naming the limit, stores nothing, records the refusal', async (_label, build, limit) => {
    const before = await storedVersions();
    const response = await publish(build());
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'SCHEMA_LIMIT_EXCEEDED', details: { limit } });
    expect(response.body.message).toContain(limit);
    expect(response.body.messageEn).toContain(limit);
    expect(await storedVersions()).toBe(before);
    await expectAnswering();

    const refusals = await registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, 'subgraph.publish_refused'));
    const last = refusals.at(-1);
    expect(last).toMatchObject({ subjectId: 'bom', actorName: 'Publisher disdukcapil' });
    expect(last?.after).toMatchObject({ code: 'SCHEMA_LIMIT_EXCEEDED', limit });
  }, 60_000);

  it('refuses the same bombs on the check route (no composition, never 500)', async () => {
    const response = await registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/check', {
      name: 'bom',
      theme: 'kependudukan',
      routingUrl: 'http://127.0.0.1:4101/graphql',
      schema: deepList(5_000),
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'SCHEMA_LIMIT_EXCEEDED', details: { limit: 'maxBracketDepth' } });
    await expectAnswering();
  }, 60_000);

  it('refuses a schema with more tokens than allowed before parsing it', async () => {
    const registryWithFewTokens = await startTestRegistry({
      config: { ...testConfig, schemaLimits: { ...DEFAULT_SCHEMA_LIMITS, maxTokens: 50 } },
    });
    try {
      const few = await seed(registryWithFewTokens).agency('disdukcapil', disdukcapil.name).withPublisher().done();
      const response = await registryWithFewTokens.call(few.publisher('disdukcapil'), 'POST', '/v1/subgraphs/publish', {
        name: 'bom',
        theme: 'kependudukan',
        routingUrl: 'http://127.0.0.1:4101/graphql',
        schema: manyFields(50),
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'SCHEMA_LIMIT_EXCEEDED', details: { limit: 'maxTokens', max: 50 } });
    } finally {
      await registryWithFewTokens.close();
    }
  }, 60_000);

  it('still publishes the demo subgraph, and a schema just within the limits', async () => {
    const response = await publish(readDemoSchema(disdukcapil), disdukcapil.subgraphName);
    expect(response.status).toBe(201);
    const withinNesting = await publish(deepList(5), 'dalam');
    expect(withinNesting.status).toBe(201);
    await expectAnswering();
  }, 60_000);
});
