/**
 * Every key rotated while the real bus serves a steady stream of requests: the gateway, the demo
 * agencies' subgraphs and REST backends, the registry and its log workers (startSystem), each
 * request a join over three subgraphs with a NIK in its variables. Nothing is restarted. Checked: no
 * request fails, the running gateway picks up the new lookup secret and the new signing key (after its
 * overlap window) by itself, the subgraphs accept the new key without a restart and refuse a revoked
 * one, a NIK is found in every record across the lookup-secret rotation, and `log verify` is clean
 * over all of it, naming both operator keys.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_QUERY } from '../../scripts/demoSeed.ts';
import { GATEWAY_JWKS_FILE } from '../../lib/gatewayKeys.ts';
import { createGatewayTokenSigner, gatewayTokenHeaderValue } from '../../lib/gatewayToken.ts';
import { hashForLookup, readKeyHistory } from '../../lib/ledger/index.ts';
import type { Actor } from '../../registry/http/actor.ts';
import { rotateGatewayKey } from '../../registry/keys/gatewayKeyRotation.ts';
import { loadOperatorPublicKeys, revokeKey, rotateLookupSecret, rotateOperatorKey } from '../../registry/keys/keyLifecycle.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';

const OPERATOR: Actor = { userId: '00000000-0000-0000-0000-000000000000', name: 'Budi Operator', role: 'administrator', agencyId: null };
const TTL_SECONDS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polling; a busy machine may take long, the test's own limit is the bound). */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 1_200; attempt += 1) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`never happened: ${what}`);
}

interface Load {
  sent(): number;
  failures: string[];
  stop(): Promise<void>;
}

/** `concurrency` clients sending the demo query back to back until stopped; every answer must be a full 200. */
function startLoad(url: string, apiKey: string, nik: string, concurrency = 3): Load {
  let sent = 0;
  let running = true;
  const failures: string[] = [];
  const client = async () => {
    while (running) {
      try {
        const answer = await postGraphQL<{ penduduk: { nama: string; jaminanKesehatan: unknown; izinUsaha: unknown[] } | null }>(url, DEMO_QUERY, {
          variables: { nik },
          headers: { authorization: `Bearer ${apiKey}` },
        });
        if (answer.status !== 200 || answer.body.errors || !answer.body.data?.penduduk?.nama || !answer.body.data.penduduk.jaminanKesehatan) {
          failures.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        }
      } catch (error) {
        failures.push(String(error));
      }
      sent += 1;
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    sent: () => sent,
    failures,
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

describe('every key rotated while the bus serves requests', () => {
  let bus: TestBus;
  let load: Load;
  let keyDir = '';
  let nik = '';
  let recordsBefore = 0;
  const context = () => ({ database: bus.system.database, keyDir, actor: OPERATOR });
  const gatewayBase = () => bus.system.gatewayUrl;
  const servedKids = async () => ((await (await fetch(`${gatewayBase()}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
  /** Every record the evaluator's search by value finds for the NIK (all pages). */
  const searchByNik = async (): Promise<number> => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    let found = 0;
    let cursor: string | undefined;
    do {
      const route = `/v1/log/records?from=${day(-1)}&to=${day(1)}&value=${nik}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await bus.call<{ records: unknown[]; nextCursor?: string | null }>(bus.system.demo!.evaluatorToken, 'GET', route);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      found += page.body.records.length;
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    return found;
  };
  const recordsHashedWith = async (secret: string): Promise<number> => {
    const rows = await bus.system.database.db.execute(sql`select count(*)::int as n from access_log where ${hashForLookup(nik, secret)} = any(lookup_hashes)`);
    return Number((rows as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]?.n);
  };
  const progress = async (requests: number) => {
    const from = load.sent();
    await until(`${requests} more requests served`, () => load.sent() >= from + requests);
  };

  beforeAll(async () => {
    bus = await startTestBus('penghubung-rotasi-', { PENGHUBUNG_GATEWAY_TOKEN_TTL_SECONDS: String(TTL_SECONDS), PENGHUBUNG_RATE_PER_SECOND: '10000' });
    keyDir = path.join(bus.dataDir, 'keys');
    nik = bus.system.demo!.sampleNik;
    recordsBefore = await searchByNik();
    load = startLoad(bus.gatewayUrl, bus.system.demo!.apiKey, nik);
    await progress(10);
  });
  afterAll(async () => {
    await load?.stop();
    await bus?.close();
  });

  it('lookup secret: the running gateway hashes new records with the new secret, and --value finds the NIK in records of both', async () => {
    const ring = bus.system.gateway.keyRing!;
    const oldSecret = ring.lookupSecret();
    const rotation = await rotateLookupSecret(context(), 'rotasi berkala', undefined);
    const newSecret = readFileSync(path.join(keyDir, 'lookup-secret'), 'utf8').trim();
    expect(newSecret).not.toBe(oldSecret);
    expect(rotation.previous.state).toBe('retired');
    // No restart: the gateway's own check of the keys folder brings the new secret in.
    await until('the gateway uses the new lookup secret', () => ring.lookupSecret() === newSecret);
    await progress(10);
    expect(await recordsHashedWith(newSecret)).toBeGreaterThan(0);
    expect(await recordsHashedWith(oldSecret)).toBeGreaterThan(0);
    expect(load.failures).toEqual([]);
  });

  it('gateway key: published first, signed with after the overlap window, no request fails and no subgraph restarts', async () => {
    const ring = bus.system.gateway.keyRing!;
    const oldKid = ring.signer.kid;
    expect(await servedKids()).toEqual([oldKid]);
    const rotation = await rotateGatewayKey(context(), 'rotasi berkala', { overlapSeconds: 6, tokenTtlSeconds: TTL_SECONDS });
    expect(rotation.previous.id).toBe(oldKid);
    expect(Date.parse(rotation.switchAt)).toBeGreaterThan(Date.now() - 6_000);

    // At once: both keys in the JWKS file the subgraphs read, the old one marked with its expiry.
    const published = JSON.parse(readFileSync(path.join(keyDir, GATEWAY_JWKS_FILE), 'utf8')) as { keys: { kid: string; exp?: number }[] };
    expect(published.keys.map((key) => key.kid)).toEqual([oldKid, rotation.next.id]);
    expect(published.keys[0]!.exp).toBe(Math.floor(Date.parse(rotation.switchAt) / 1000) + TTL_SECONDS + 60);
    expect(published.keys[1]!.exp).toBeUndefined();
    await until('the gateway serves both keys', async () => (await servedKids()).length === 2);

    // After the window, the running gateway signs with the new key: the subgraphs, never restarted, accept it.
    await until('the gateway signs with the new key', () => Date.now() >= Date.parse(rotation.switchAt) && ring.signer.kid === rotation.next.id);
    await progress(30);
    expect(load.failures).toEqual([]);
    const history = readKeyHistory(keyDir)!.keys.filter((key) => key.purpose === 'gateway-token');
    expect(history.map((key) => [key.id, key.state])).toEqual([
      [oldKid, 'retired'],
      [rotation.next.id, 'active'],
    ]);
  });

  it('gateway key revoked: it leaves the JWKS at once, a subgraph refuses a token it signed, the traffic goes on', async () => {
    const old = readKeyHistory(keyDir)!.keys.find((key) => key.purpose === 'gateway-token' && key.state === 'retired')!;
    const oldFile = path.join(keyDir, old.file!);
    // A token someone holding the old private key would make (a leak): trusted until the revocation.
    const forger = createGatewayTokenSigner(createPrivateKey(readFileSync(oldFile, 'utf8')), { kid: old.id, ttlSeconds: TTL_SECONDS });
    const disdukcapil = bus.system.agencies!.bySlug.disdukcapil!.subgraphUrl;
    const callWithForgedToken = () =>
      postGraphQL(disdukcapil, 'query ($nik: String!) { penduduk(nik: $nik) { nama } }', {
        variables: { nik },
        headers: {
          authorization: gatewayTokenHeaderValue(
            forger.sign({ audience: 'disdukcapil', requester: bus.system.demo!.clientId, graph: 'semua', requestId: 'bocor-1', fields: ['Query.penduduk', 'Penduduk.nama'] }),
          ),
        },
      });
    expect((await callWithForgedToken()).status).toBe(200);

    const { key } = await revokeKey(context(), old.id, 'kunci gateway bocor', undefined, { tokenTtlSeconds: TTL_SECONDS });
    expect(key.state).toBe('revoked');
    const published = JSON.parse(readFileSync(path.join(keyDir, GATEWAY_JWKS_FILE), 'utf8')) as { keys: { kid: string }[] };
    expect(published.keys.map((jwk) => jwk.kid)).not.toContain(old.id);
    expect(existsSync(oldFile)).toBe(false);
    await until('the gateway no longer serves the revoked key', async () => !(await servedKids()).includes(old.id));
    // The subgraph sees the JWKS file change (it checks it every second): the token is refused.
    await until('the subgraph refuses the revoked key', async () => (await callWithForgedToken()).status === 401);
    const refused = await callWithForgedToken();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'unknown-key' } });
    await progress(10);
    expect(load.failures).toEqual([]);
  });

  it('operator key: rotated under load; the registry signs on with the new key; log verify is clean over every rotation; the NIK is found in every record', async () => {
    const rotation = await rotateOperatorKey(context(), 'rotasi tahunan');
    expect(rotation.transitions.map((cp) => [cp.chain, cp.keyId, cp.previousKeyId])).toEqual([
      ['trail', rotation.next.id, rotation.previous.id],
      ['access', rotation.next.id, rotation.previous.id],
    ]);
    await progress(20);
    await load.stop();
    expect(load.failures).toEqual([]);
    // Every request of the load left one record with the NIK: the search by value finds them all, under either secret.
    expect(await searchByNik()).toBe(recordsBefore + load.sent());

    // Stopping signs the final heads, with the key the running registry picked up from the folder.
    await bus.system.close();
    const { publicKeys, history } = loadOperatorPublicKeys(keyDir);
    for (const chain of ['access', 'trail'] as const) {
      const report = await verifyLedger(bus.database.handle, publicKeys, { chain, ...(history ? { keyHistory: history } : {}) });
      expect(report.ok, `${chain}: ${JSON.stringify(report.firstProblem)}`).toBe(true);
      // The new key's first checkpoint of each chain is the transition signed by both keys; it signs on from there.
      expect(report.keyRanges.at(-1)).toMatchObject({ keyId: rotation.next.id, state: 'active' });
      expect(report.keyRanges.map((range) => range.keyId).every((id) => id === rotation.previous.id || id === rotation.next.id)).toBe(true);
    }

    // Then the old operator key turns out to have leaked just before the rotation: revoked from then,
    // log verify reports the checkpoint it (co-)signed after that time.
    const transition = rotation.transitions.find((cp) => cp.chain === 'access')!;
    await revokeKey(context(), rotation.previous.id, 'kunci operator bocor', new Date(transition.createdAt.getTime() - 1));
    const after = loadOperatorPublicKeys(keyDir);
    const report = await verifyLedger(bus.database.handle, after.publicKeys, { chain: 'access', keyHistory: after.history! });
    expect(report).toMatchObject({ ok: false, firstProblem: { kind: 'revoked-key', seq: transition.seq } });
    expect(report.firstProblem!.detail).toContain('kunci operator bocor');
  });
});
