import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, operations } from '../../drizzle/schema/index.ts';
import type { Gateway } from '../../gateway/buildGateway.ts';
import { hashForLookup } from '../../lib/ledger/index.ts';
import { createAccessLogWriter, type AccessLogWriter } from '../../lib/accessLog/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql.ts';
import { GOOD_TOKEN, REQUESTER, startTestGateway, startTinySubgraph, type TinySubgraph } from './harness.ts';

const SECRET = 'rahasia-operator-uji';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The stored form of a document (lib/accessLog/literals.ts): printed from its syntax tree, literals out. */
const stored = (query: string) => print(parse(query));

describe('every request through the gateway leaves exactly one access-log row', () => {
  let test: TestDatabase;
  let subgraph: TinySubgraph;
  let writer: AccessLogWriter;
  let gateway: Gateway;
  let url: string;

  const send = async (requestId: string, query: string, options: { token?: string; variables?: Record<string, unknown>; path?: string } = {}) => {
    const response = await postGraphQL(`${url}${options.path ?? ''}`, query, {
      headers: { 'x-request-id': requestId, ...(options.token ? { authorization: options.token } : {}) },
      ...(options.variables ? { variables: options.variables } : {}),
    });
    // The gateway names the request itself; the client's id is never the record's id.
    const assigned = response.headers.get('x-request-id');
    expect(assigned).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(assigned).not.toBe(requestId);
    const rows = await test.handle.db.select().from(accessLog).where(eq(accessLog.requestId, assigned!));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.clientRequestId).toBe(requestId);
    return { response, row: rows[0]! };
  };

  beforeAll(async () => {
    test = await createTestDatabase();
    subgraph = await startTinySubgraph();
    writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET });
    ({ gateway, url } = await startTestGateway(subgraph, writer.record));
  });
  afterAll(async () => {
    await gateway?.close();
    await writer?.close();
    await subgraph?.stop();
    await test?.drop();
  });

  it('ok: who, which graph, the operation, its fields, the subgraphs called, sizes and address', async () => {
    const query = 'query Halo { halo }';
    const { response, row } = await send('ok-1', query, { token: GOOD_TOKEN });
    expect(response.status).toBe(200);
    expect(row).toMatchObject({
      outcome: 'ok',
      errorCode: null,
      graph: 'semua',
      clientId: REQUESTER.clientId,
      credentialId: REQUESTER.credentialId,
      operationName: 'Halo',
      operationHash: sha256(stored(query)),
      coordinates: ['Query.halo'],
      deniedCoordinates: [],
      subgraphNames: ['uji'],
      subgraphCalls: [{ subgraph: 'uji', status: 200, durationMs: expect.any(Number) }],
      // Apollo Server ends the JSON body with a newline.
      responseBytes: JSON.stringify(response.body).length + 1,
      clientAddress: '127.0.0.1',
      variables: null,
    });
    expect(Math.abs(row.occurredAt.getTime() - Date.now())).toBeLessThan(60_000);
    const [document] = await test.handle.db.select().from(operations).where(eq(operations.hash, sha256(stored(query))));
    expect(document).toMatchObject({ operationName: 'Halo', document: stored(query) });
  });

  it('partial: data with errors', async () => {
    const { response, row } = await send('sebagian-1', 'query Sebagian { halo gagal }', { token: GOOD_TOKEN });
    expect(response.body.data).toEqual({ halo: 'dunia', gagal: null });
    expect(row).toMatchObject({ outcome: 'partial', coordinates: ['Query.gagal', 'Query.halo'], subgraphNames: ['uji'] });
    expect(row.errorCode).toEqual(expect.any(String));
  });

  it('denied: the fields asked for and those refused, and no subgraph called', async () => {
    const { response, row } = await send('tolak-1', 'query Rahasia { halo rahasia }', { token: GOOD_TOKEN });
    expect(response.status).toBe(403);
    expect(row).toMatchObject({
      outcome: 'denied',
      errorCode: 'FORBIDDEN_FIELD',
      coordinates: ['Query.halo', 'Query.rahasia'],
      deniedCoordinates: ['Query.rahasia'],
      subgraphNames: [],
      subgraphCalls: [],
      clientId: REQUESTER.clientId,
    });
  });

  it('partial: denied fields dropped on request, the rest served, recorded once under the document sent', async () => {
    const query = 'query Rahasia { halo rahasia }';
    const response = await postGraphQL(url, query, {
      headers: { 'x-request-id': 'buang-1', authorization: GOOD_TOKEN, 'x-penghubung-denied-fields': 'drop' },
    });
    expect(response.body.data).toEqual({ halo: 'dunia' });
    const rows = await test.handle.db.select().from(accessLog).where(eq(accessLog.requestId, response.headers.get('x-request-id')!));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'partial',
      errorCode: 'FORBIDDEN_FIELD',
      operationName: 'Rahasia',
      operationHash: sha256(stored(query)),
      coordinates: ['Query.halo'],
      deniedCoordinates: ['Query.rahasia'],
      subgraphNames: ['uji'],
    });
  });

  it('error: a query that does not parse, with no document or hash kept (it may hold anything, in clear)', async () => {
    const query = 'query Rusak { halo ';
    const { response, row } = await send('rusak-1', query, { token: GOOD_TOKEN });
    // GraphQL over HTTP: a client accepting application/json gets the parse error with 200.
    expect(response.status).toBe(200);
    expect(row).toMatchObject({ outcome: 'error', errorCode: 'GRAPHQL_PARSE_FAILED', operationHash: null, coordinates: [] });
  });

  it('unauthenticated: a bad credential, refused before GraphQL, requester unknown', async () => {
    const { response, row } = await send('kredensial-1', 'query Halo { halo }', { token: 'Bearer salah' });
    expect(response.status).toBe(401);
    expect(row).toMatchObject({ outcome: 'unauthenticated', errorCode: 'UNAUTHENTICATED', clientId: null, credentialId: null, operationName: null });
  });

  it('unauthenticated: no credential at all, for a field that needs one', async () => {
    const { row } = await send('anonim-1', 'query Halo { halo }');
    expect(row).toMatchObject({ outcome: 'unauthenticated', errorCode: 'UNAUTHENTICATED', clientId: null, coordinates: ['Query.halo'] });
  });

  it('unknown graph: recorded under the graph asked for', async () => {
    const { response, row } = await send('graf-1', '{ halo }', { token: GOOD_TOKEN, path: '/tidak-ada' });
    expect(response.status).toBe(404);
    expect(row).toMatchObject({ outcome: 'error', errorCode: 'NOT_FOUND', graph: 'tidak-ada', clientId: null });
  });

  it('a NIK in the variables is stored masked, findable by its lookup hash', async () => {
    const nik = '3301012345670001';
    const { response, row } = await send('nik-1', 'query Penduduk($nik: String!) { penduduk(nik: $nik) { nama } }', {
      token: GOOD_TOKEN,
      variables: { nik },
    });
    expect(response.status).toBe(200);
    expect(row.variables).toEqual({ nik: '330101******0001' });
    expect(row.lookupHashes).toEqual([hashForLookup(nik, SECRET)]);
    const found = await test.handle.db
      .select({ requestId: accessLog.requestId })
      .from(accessLog)
      .where(sql`${accessLog.lookupHashes} @> array[${hashForLookup(nik, SECRET)}]::text[]`);
    expect(found).toEqual([{ requestId: row.requestId }]);
  });
});

describe('when the access log cannot be written', () => {
  let subgraph: TinySubgraph;

  beforeAll(async () => {
    subgraph = await startTinySubgraph();
  });
  afterAll(async () => {
    await subgraph?.stop();
  });

  for (const failMode of ['closed', 'open'] as const) {
    it(`fail ${failMode}: ${failMode === 'closed' ? 'answers 503 and serves nothing' : 'serves, reporting the loss'}`, async () => {
      const test = await createTestDatabase();
      const reported: string[] = [];
      const writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET, failMode, onError: (message) => reported.push(message) });
      const { gateway, url } = await startTestGateway(subgraph, writer.record);
      try {
        const before = await postGraphQL(url, 'query Halo { halo }', { headers: { authorization: GOOD_TOKEN } });
        expect(before.status).toBe(200);
        await test.drop(); // the database goes away
        const after = await postGraphQL(url, 'query Halo { halo }', { headers: { authorization: GOOD_TOKEN } });
        if (failMode === 'closed') {
          expect(after.status).toBe(503);
          expect(after.body.data).toBeUndefined();
          expect(after.body.errors?.[0]?.extensions?.['code']).toBe('UNAVAILABLE');
        } else {
          expect(after.status).toBe(200);
          expect(after.body.data).toEqual({ halo: 'dunia' });
          expect(reported.join('\n')).toMatch(/LOST/);
        }
      } finally {
        await gateway.close();
        await writer.close();
      }
    });
  }
});
