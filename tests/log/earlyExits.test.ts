/**
 * Requests that leave the usual path early — the client gives up while the gateway works, the body
 * is not JSON or too large, the credential lookup fails unexpectedly — still leave exactly one
 * access-log row, and whatever the request held (its place among the key's requests in flight) is
 * given back when its record is finished.
 */
import { eq } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../drizzle/schema/index.ts';
import type { Gateway } from '../../gateway/buildGateway.ts';
import { DEFAULT_OPERATION_LIMITS } from '../../lib/config.ts';
import { createAccessLogWriter, type AccessLogWriter } from '../../lib/accessLog/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql.ts';
import { BROKEN_LOOKUP_TOKEN, GOOD_TOKEN, LAMBAT_MS, REQUESTER, startTestGateway, startTinySubgraph, type TinySubgraph } from './harness.ts';

/** Requests of one key in flight at once: low, so that places not given back would soon refuse. */
const MAX_CONCURRENT = 2;

describe('early exits leave exactly one access-log row', () => {
  let test: TestDatabase;
  let subgraph: TinySubgraph;
  let writer: AccessLogWriter;
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    subgraph = await startTinySubgraph();
    writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'rahasia-operator-uji' });
    ({ gateway, url } = await startTestGateway(subgraph, writer.record, {
      limitsFor: () => ({ ...DEFAULT_OPERATION_LIMITS, maxConcurrent: MAX_CONCURRENT }),
    }));
  });
  afterAll(async () => {
    await gateway?.close();
    await writer?.close();
    await subgraph?.stop();
    await test?.drop();
  });

  /** The rows of the requests that sent `x-request-id: clientRequestId`. */
  const rowsOf = (clientRequestId: string) => test.handle.db.select().from(accessLog).where(eq(accessLog.clientRequestId, clientRequestId));

  /** Waits until the request sent with `clientRequestId` has a row (the client is not there to be told). */
  async function recorded(clientRequestId: string) {
    for (let waited = 0; waited < 30_000; waited += 50) {
      const rows = await rowsOf(clientRequestId);
      if (rows.length > 0) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no row for ${clientRequestId}`);
  }

  const post = (clientRequestId: string, body: string, options: { headers?: Record<string, string>; signal?: AbortSignal } = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': clientRequestId, authorization: GOOD_TOKEN, ...options.headers },
      body,
      ...(options.signal ? { signal: options.signal } : {}),
    });

  it('a client that gives up while its query runs: one row once the gateway is done, and its place is given back', async () => {
    // More abandoned requests than the key may have in flight: each must give its place back.
    for (let index = 0; index < MAX_CONCURRENT + 2; index += 1) {
      const clientRequestId = `batal-${index}`;
      const controller = new AbortController();
      const sent = post(clientRequestId, JSON.stringify({ query: 'query Lambat { lambat }' }), { signal: controller.signal });
      // Sent, then abandoned while the subgraph is still working on it.
      await new Promise((resolve) => setTimeout(resolve, LAMBAT_MS / 4));
      controller.abort();
      await expect(sent).rejects.toThrow();
      const rows = await recorded(clientRequestId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ clientId: REQUESTER.clientId, operationName: 'Lambat', coordinates: ['Query.lambat'] });
    }
    // Every place was given back: the key is answered, not refused as having too many in flight.
    const after = await postGraphQL(url, 'query Halo { halo }', { headers: { authorization: GOOD_TOKEN } });
    expect(after.status).toBe(200);
    // And still one row each, however long the abandoned requests took.
    await new Promise((resolve) => setTimeout(resolve, LAMBAT_MS * 2));
    for (let index = 0; index < MAX_CONCURRENT + 2; index += 1) expect(await rowsOf(`batal-${index}`)).toHaveLength(1);
  });

  it('a body that is not JSON: 400, one row under the graph asked for, nobody named', async () => {
    const response = await post('bukan-json-1', '{"query": "{ halo }"');
    expect(response.status).toBe(400);
    const rows = await recorded('bukan-json-1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'error', errorCode: 'HTTP_400', graph: 'semua', clientId: null, operationName: null, subgraphNames: [] });
    expect(response.headers.get('x-request-id')).toBe(rows[0]!.requestId);
  });

  it('a body over the size limit: 413, one row', async () => {
    const response = await post('terlalu-besar-1', JSON.stringify({ query: `{ halo } #${'x'.repeat(1_100_000)}` }));
    expect(response.status).toBe(413);
    const rows = await recorded('terlalu-besar-1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'error', errorCode: 'HTTP_413', clientId: null });
  });

  it('a credential lookup that fails unexpectedly: 500 without detail, one row, nobody named', async () => {
    const response = await post('rusak-1', JSON.stringify({ query: '{ halo }' }), { headers: { authorization: BROKEN_LOOKUP_TOKEN } });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(JSON.stringify(body)).not.toMatch(/credential store failed/);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'INTERNAL', requestId: response.headers.get('x-request-id') });
    const rows = await recorded('rusak-1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'error', errorCode: 'INTERNAL', clientId: null, subgraphNames: [] });
  });
});
