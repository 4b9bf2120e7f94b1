/**
 * GET /v1/log/verification, the chain status the evaluator's console shows: on a running bus whose
 * gateway logged real requests, both chains verify; a row altered in the database is reported as the
 * access chain's first problem once the verification runs again; other roles and unknown parameters
 * are refused before anything is read.
 */
import { sql } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBus, type TestBus } from '../support/bus.ts';

let bus: TestBus;

beforeAll(async () => {
  bus = await startTestBus('penghubung-verification-');
  const demo = bus.system.demo;
  if (!demo) throw new Error('the test bus has no demo');
  for (let i = 0; i < 3; i += 1) {
    const response = await fetch(bus.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.apiKey}` },
      body: JSON.stringify({ query: 'query($nik: String!) { penduduk(nik: $nik) { nama } }', variables: { nik: demo.sampleNik } }),
    });
    expect(response.status).toBe(200);
    await response.text();
  }
});

afterAll(async () => {
  await bus?.close();
});

interface Status {
  ok: boolean;
  verifiedAt: string;
  chains: { chain: string; ok: boolean; recordsChecked: number; problem: { seq: string; kind: string } | null }[];
}

describe('GET /v1/log/verification', () => {
  it('reports both chains intact, then the altered row after a fresh run', async () => {
    const demo = bus.system.demo!;
    const first = await bus.call<Status>(demo.evaluatorToken, 'GET', '/v1/log/verification');
    expect(first.status).toBe(200);
    expect(first.body.ok).toBe(true);
    expect(first.body.chains.map((chain) => chain.chain)).toEqual(['access', 'trail']);
    const access = first.body.chains.find((chain) => chain.chain === 'access')!;
    expect(access.recordsChecked).toBeGreaterThanOrEqual(3);

    await bus.database.handle.db.execute(sql`update access_log set client_address = '6.6.6.6' where seq = 2`);
    const again = await bus.call<Status>(demo.evaluatorToken, 'GET', '/v1/log/verification?refresh=true');
    expect(again.status).toBe(200);
    expect(again.body.ok).toBe(false);
    const broken = again.body.chains.find((chain) => chain.chain === 'access')!;
    expect(broken.ok).toBe(false);
    expect(broken.problem).toMatchObject({ seq: '2', kind: 'altered' });
    expect(again.body.chains.find((chain) => chain.chain === 'trail')!.ok).toBe(true);
  });

  it('refuses other roles and unknown parameters', async () => {
    const demo = bus.system.demo!;
    expect((await bus.call(demo.requesterToken, 'GET', '/v1/log/verification')).status).toBe(403);
    const publisher = Object.values(demo.publisherTokens)[0]!;
    expect((await bus.call(publisher, 'GET', '/v1/log/verification')).status).toBe(403);
    const unknown = await bus.call<{ code: string }>(demo.evaluatorToken, 'GET', '/v1/log/verification?refresh=maybe');
    expect(unknown.status).toBe(400);
    const extra = await bus.call<{ code: string }>(demo.evaluatorToken, 'GET', '/v1/log/verification?chain=access');
    expect(extra.status).toBe(400);
    const anonymous = await fetch(`${bus.registryUrl}/v1/log/verification`);
    expect(anonymous.status).toBe(401);
  });
});
