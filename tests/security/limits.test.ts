/**
 * Operation limits over the running bus (real registry, gateway, subgraphs, REST backends and
 * database), with the demo requester's key, which is granted every field these documents select:
 * each document that once kept the gateway busy for seconds to minutes is refused with 400 and the
 * limit it hit before anything is planned, is recorded in the access log as denied, and the bus keeps
 * answering. Timings are measured in bench/security.bench.ts, not asserted here.
 */
import { eq } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../drizzle/schema/index.ts';
import { DEMO_QUERY } from '../../scripts/demoSeed.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';
import { deepArrayJson, deepNesting, fragmentBomb, manyAliases } from './attacks.ts';

describe('operation limits', () => {
  let bus: TestBus;
  let apiKey: string;
  let nik: string;

  beforeAll(async () => {
    // A low per-minute rate on one graph only, so the rate limit can be reached without slowing the rest.
    // One request in flight per key on another, so that a burst reaches it.
    bus = await startTestBus('penghubung-batas-', {
      PENGHUBUNG_GRAPH_LIMITS: JSON.stringify({ kesehatan: { ratePerMinute: 3 }, kepegawaian: { maxConcurrent: 1 } }),
    });
    apiKey = bus.system.demo!.apiKey;
    nik = bus.system.demo!.sampleNik;
  }, 120_000);

  afterAll(async () => {
    await bus?.close();
  });

  const auth = () => ({ authorization: `Bearer ${apiKey}` });

  async function recordOf(requestId: string | null) {
    expect(requestId).toBeTruthy();
    const rows = await bus.database.handle.db.select().from(accessLog).where(eq(accessLog.requestId, requestId!));
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  it.each([
    ['a 2 KB document of 20 nested, twice-spread fragments', () => fragmentBomb(), ['maxCost', 'maxAliases', 'maxDepth']],
    ['permits and owners nested ten deep', () => deepNesting(nik), ['maxDepth', 'maxCost']],
    ['10,000 aliases of a granted field', () => manyAliases(), ['maxTokens']],
  ])('refuses %s with 400 OPERATION_LIMIT_EXCEEDED naming the limit, and records it as denied', async (_name, document, limits) => {
    const { status, headers, body } = await postGraphQL(bus.gatewayUrl, document(), { headers: auth() });
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(400);
    expect(body.data ?? null).toBeNull();
    const hit = (body.errors ?? []).filter((error) => error.extensions?.['code'] === 'OPERATION_LIMIT_EXCEEDED');
    expect(hit.length).toBeGreaterThan(0);
    expect(limits).toContain((hit[0]!.extensions!['limit'] as { name: string }).name);
    expect(hit[0]!.extensions!['limit']).toMatchObject({ max: expect.any(Number) });
    const record = await recordOf(headers.get('x-request-id'));
    expect(record.outcome).toBe('denied');
    expect(record.errorCode).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(record.subgraphNames).toEqual([]);
  });

  it('keeps answering /health and a normal query while the attacks are being sent', async () => {
    const attacks = Array.from({ length: 6 }, (_, index) =>
      postGraphQL(bus.gatewayUrl, index % 2 === 0 ? fragmentBomb() : deepNesting(nik), { headers: auth() }),
    );
    const health = await fetch(bus.gatewayUrl.replace(/\/graphql$/, '/health'));
    const normal = await postGraphQL<{ penduduk: { nama: string } | null }>(bus.gatewayUrl, DEMO_QUERY, { variables: { nik }, headers: auth() });
    expect(health.status).toBe(200);
    expect(normal.status, JSON.stringify(normal.body)).toBe(200);
    expect(normal.body.data?.penduduk?.nama).toBeTruthy();
    for (const attack of await Promise.all(attacks)) expect(attack.status).toBe(400);
  });

  it('refuses over-deep variables with 400 and records the request, without its variables', async () => {
    const response = await fetch(bus.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: `{"query":${JSON.stringify(DEMO_QUERY)},"variables":{"nik":"${nik}","unused":${deepArrayJson()}}}`,
    });
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxVariablesDepth' } });
    const record = await recordOf(response.headers.get('x-request-id'));
    expect(record).toMatchObject({ outcome: 'denied', errorCode: 'OPERATION_LIMIT_EXCEEDED', variables: null });
  });

  it('refuses a body nested deeper than variables may be before parsing it, even one that never closes, and records it', async () => {
    const response = await fetch(bus.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      // Not JSON at all once parsed to the end: only a look before parsing can refuse it by its depth.
      body: `{"query":${JSON.stringify(DEMO_QUERY)},"variables":{"nik":"${nik}","unused":${'['.repeat(200_000)}`,
    });
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxVariablesDepth', max: 16 } });
    const record = await recordOf(response.headers.get('x-request-id'));
    expect(record).toMatchObject({ outcome: 'denied', errorCode: 'OPERATION_LIMIT_EXCEEDED', variables: null });
  });

  it('authenticates before refusing a deep body: without a key it is 401', async () => {
    const response = await fetch(bus.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${JSON.stringify(DEMO_QUERY)},"variables":{"nik":"${nik}","unused":${deepArrayJson()}}}`,
    });
    expect(response.status).toBe(401);
  });

  it('counts only brackets outside strings: a variable holding "[[[…" text is answered', async () => {
    const { status, body } = await postGraphQL(bus.gatewayUrl, DEMO_QUERY, { variables: { nik, unused: '['.repeat(1_000) }, headers: auth() });
    expect(status).toBe(200);
    expect(body.errors ?? []).toEqual([]);
  });

  it('refuses oversized variables with 400 and records the request', async () => {
    const { status, headers, body } = await postGraphQL(bus.gatewayUrl, DEMO_QUERY, {
      variables: { nik, padding: 'x'.repeat(100_000) },
      headers: auth(),
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxVariablesBytes' } });
    expect((await recordOf(headers.get('x-request-id'))).outcome).toBe('denied');
  });

  it('limits requests per minute per API key in a graph: 429 RATE_LIMITED with Retry-After, recorded as denied', async () => {
    const url = bus.gatewayUrl.replace(/\/graphql$/, '/graphql/kesehatan');
    const ask = () => postGraphQL(url, '{ __typename }', { headers: auth() });
    for (let index = 0; index < 3; index += 1) expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: { name: 'ratePerMinute', max: 3 } });
    const record = await recordOf(refused.headers.get('x-request-id'));
    expect(record).toMatchObject({ outcome: 'denied', errorCode: 'RATE_LIMITED', graph: 'kesehatan' });
    expect(record.clientId).toBe(bus.system.demo!.clientId);
    // Other graphs keep their own budget.
    expect((await postGraphQL(bus.gatewayUrl, '{ __typename }', { headers: auth() })).status).toBe(200);
  });

  it('limits requests of one API key in flight at once in a graph: 429 RATE_LIMITED with Retry-After 1, recorded as denied, places given back', async () => {
    const url = bus.gatewayUrl.replace(/\/graphql$/, '/graphql/kepegawaian');
    const ask = () => postGraphQL(url, '{ __typename }', { headers: auth() });
    // Each holds its place until its answer is recorded: a burst finds the one place taken.
    const burst = await Promise.all(Array.from({ length: 20 }, ask));
    const refused = burst.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(burst.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);
    expect(burst.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    expect(refused[0]!.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: { name: 'maxConcurrent', max: 1 } });
    expect(refused[0]!.body.errors?.[0]?.message).toContain('permintaan yang berjalan bersamaan');
    const record = await recordOf(refused[0]!.headers.get('x-request-id'));
    expect(record).toMatchObject({ outcome: 'denied', errorCode: 'RATE_LIMITED', graph: 'kepegawaian' });
    // Answered requests give their place back: one after the other, every request is served.
    for (let index = 0; index < 3; index += 1) expect((await ask()).status).toBe(200);
  });

  it.each([
    ['a document that does not parse', '{ penduduk(nik: "1") { nama ', 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', '{ penduduk(nik: "1") { tidakAda } }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('answers %s with 200 to application/json and 400 to application/graphql-response+json', async (_name, query, code) => {
    const legacy = await postGraphQL(bus.gatewayUrl, query, { headers: { ...auth(), accept: 'application/json' } });
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
    expect(legacy.body.errors?.[0]?.extensions?.['code']).toBe(code);
    const modern = await postGraphQL(bus.gatewayUrl, query, { headers: { ...auth(), accept: 'application/graphql-response+json' } });
    expect(modern.status).toBe(400);
    expect(modern.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(modern.body.errors?.[0]?.extensions?.['code']).toBe(code);
  });

  it('answers variables that do not coerce with 200 to application/json and 400 to application/graphql-response+json', async () => {
    const query = 'query Q($nik: String!) { penduduk(nik: $nik) { nama } }';
    const legacy = await postGraphQL(bus.gatewayUrl, query, { variables: { nik: { bukan: 'teks' } }, headers: { ...auth(), accept: 'application/json' } });
    expect(legacy.status).toBe(200);
    expect(legacy.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const modern = await postGraphQL(bus.gatewayUrl, query, {
      variables: { nik: { bukan: 'teks' } },
      headers: { ...auth(), accept: 'application/graphql-response+json' },
    });
    expect(modern.status).toBe(400);
  });

  it('keeps 400 for a limit refusal whatever the client accepts', async () => {
    const { status } = await postGraphQL(bus.gatewayUrl, deepNesting(nik), { headers: { ...auth(), accept: 'application/json' } });
    expect(status).toBe(400);
  });

  it('names only graphs that exist to a caller with a valid key in an unknown graph\'s 404', async () => {
    const url = bus.gatewayUrl.replace(/\/graphql$/, '/graphql/tidak-ada');
    const anonymous = await postGraphQL(url, '{ __typename }');
    expect(anonymous.status).toBe(404);
    expect(anonymous.body.errors?.[0]?.message).not.toMatch(/semua|kependudukan/);
    const keyed = await postGraphQL(url, '{ __typename }', { headers: auth() });
    expect(keyed.status).toBe(404);
    expect(keyed.body.errors?.[0]?.message).toContain('semua');
  });

  it('gives every request its own record id, keeping a client\'s repeated x-request-id in its own field', async () => {
    const send = () => postGraphQL(bus.gatewayUrl, DEMO_QUERY, { variables: { nik }, headers: { ...auth(), 'x-request-id': 'sama-untuk-semua' } });
    const first = await send();
    const second = await send();
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain('sama-untuk-semua');
    for (const id of ids) expect((await recordOf(id)).clientRequestId).toBe('sama-untuk-semua');
    const shared = await bus.database.handle.db.select().from(accessLog).where(eq(accessLog.clientRequestId, 'sama-untuk-semua'));
    expect(shared.map((row) => row.requestId).sort()).toEqual([...ids].sort());
  });

  it('still answers the documented demo query', async () => {
    const { status, body } = await postGraphQL<{ penduduk: { izinUsaha: unknown[] } | null }>(bus.gatewayUrl, DEMO_QUERY, {
      variables: { nik },
      headers: auth(),
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});
