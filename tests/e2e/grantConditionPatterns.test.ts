/**
 * A hostile agency's patterns over the running bus (registry, gateway, demo subgraphs, real
 * database). The owning agency's publisher sets the patterns of its grant; the gateway runs them on
 * every requester's argument values, on its one event loop. Patterns that take a backtracking engine
 * minutes (`(a+)+$`, `(x|x)*y` against `aaaa…a!`) are run in linear time: the requester is answered,
 * and `/health` keeps answering while such requests arrive. Patterns the linear-time engine cannot
 * run (backreferences, lookaround) are refused at grant time, and nothing is granted; one stored
 * before (written into the database here) refuses the field instead of stopping the gateway. A
 * request that would have the slowest grantable pattern matched under many aliases is refused once
 * it has used its matching budget.
 */
import { and, eq } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, grants } from '../../drizzle/schema/index.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';

const GRAPH = 'semua';
const PENDUDUK = 'query Penduduk($nik: String!) { penduduk(nik: $nik) { nama } }';
/** 40 would keep a backtracking engine busy for days on `(a+)+$`. */
const HOSTILE = `${'a'.repeat(40)}!`;

interface GraphQLError {
  message: string;
  extensions: { code: string; messageEn?: string; failedConditions?: { coordinate: string; condition: string; argument?: string; message: string }[] };
}

describe('grant-condition patterns from a hostile agency', () => {
  let bus: TestBus;
  let admin: string;
  let publisher: string;
  let requester: string;
  let healthUrl: string;

  /** A request by a new client, approved by the administrator, not yet granted. */
  async function approvedRequest(name: string, coordinates = ['Query.penduduk', 'Penduduk.nama']): Promise<{ requestId: string; clientId: string }> {
    const client = await bus.call<{ id: string }>(requester, 'POST', '/v1/clients', { name, organization: 'Dinas Uji', contact: 'uji@dinas.test' });
    const request = await bus.call<{ id: string }>(requester, 'POST', '/v1/access-requests', {
      clientId: client.body.id,
      graph: GRAPH,
      coordinates,
      purpose: 'Uji pola syarat akses terhadap nilai argumen',
      legalBasis: 'Perbup Pacitan 138/2023',
      periodStart: new Date(Date.now() - 60_000).toISOString(),
      periodEnd: new Date(Date.now() + 24 * 3_600_000).toISOString(),
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const approved = await bus.call(admin, 'POST', `/v1/access-requests/${request.body.id}/approve`, { reason: 'Sesuai tugas' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    return { requestId: request.body.id, clientId: client.body.id };
  }

  /** The publisher's grant with `Query.penduduk`'s `nik` bound to `pattern` (or other fields' arguments to theirs). */
  function grantWithPattern(requestId: string, pattern: string, fields: Record<string, Record<string, string>> = { 'Query.penduduk': { nik: pattern } }) {
    return bus.call<{ message: string; messageEn: string; details: { fields: { path: string }[] } }>(
      publisher,
      'POST',
      `/v1/access-requests/${requestId}/grant`,
      {
        reason: 'Diberikan',
        conditions: { fields: Object.fromEntries(Object.entries(fields).map(([coordinate, patterns]) => [coordinate, { arguments: { patterns } }])) },
      },
    );
  }

  async function apiKey(clientId: string): Promise<string> {
    const issued = await bus.call<{ apiKey: string }>(requester, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'uji' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    return issued.body.apiKey;
  }

  function ask(key: string, nik: string) {
    return postGraphQL<{ penduduk: { nama: string } | null }>(bus.gatewayUrl, PENDUDUK, { variables: { nik }, headers: { authorization: `Bearer ${key}` } });
  }

  /**
   * Sends `values` as requests, four at a time, while `/health` is asked every 50 ms; returns the
   * answers and the slowest `/health` answer. A blocked event loop would leave `/health` unanswered.
   */
  async function sendWhileWatchingHealth(key: string, values: readonly string[]) {
    let sending = true;
    let slowestHealthMs = 0;
    let healthAnswers = 0;
    const watcher = (async () => {
      while (sending) {
        const started = Date.now();
        const health = await fetch(healthUrl, { signal: AbortSignal.timeout(30_000) });
        expect(health.status).toBe(200);
        await health.body?.cancel();
        healthAnswers += 1;
        slowestHealthMs = Math.max(slowestHealthMs, Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const answers: Awaited<ReturnType<typeof ask>>[] = [];
    try {
      for (let index = 0; index < values.length; index += 4) {
        answers.push(...(await Promise.all(values.slice(index, index + 4).map((value) => ask(key, value)))));
      }
    } finally {
      sending = false;
      await watcher;
    }
    return { answers, slowestHealthMs, healthAnswers };
  }

  beforeAll(async () => {
    bus = await startTestBus('penghubung-pola-', { PENGHUBUNG_RATE_PER_SECOND: '10000', PENGHUBUNG_RATE_PER_MINUTE: '100000' });
    admin = bus.system.demo!.adminToken;
    publisher = bus.system.demo!.publisherTokens.disdukcapil!;
    healthUrl = `${bus.system.gatewayUrl}/health`;
    requester = (
      await bus.call<{ token: { token: string } }>(admin, 'POST', '/v1/admin/users', {
        name: 'Pengembang Dinas Uji',
        email: 'dev@dinas-pola.test',
        role: 'requester',
        organization: 'Dinas Uji',
      })
    ).body.token.token;
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('refuses at grant time a pattern with a backreference or lookaround, or too complex, with 400 in Indonesian and English, granting nothing', async () => {
    const { requestId } = await approvedRequest('Aplikasi Pola Ditolak');
    const cases: [string, RegExp][] = [
      ['(a+)+\\1', /tanpa backreference/],
      ['(a|a)*(?=!)', /lookaround/],
      ['(?<!b)(a+)+$', /lookaround/],
      ['(a*)*.{0,999}', /pola terlalu rumit/],
      ['a'.repeat(201), /paling banyak 200 karakter/],
    ];
    for (const [pattern, message] of cases) {
      const refused = await grantWithPattern(requestId, pattern);
      expect(refused.status, pattern).toBe(400);
      expect(refused.body.message, pattern).toMatch(/^Permintaan tidak valid: body\.conditions\.fields\.Query\.penduduk\.arguments\.patterns\.nik/);
      expect(refused.body.message, pattern).toMatch(message);
      expect(refused.body.messageEn, pattern).toMatch(/^Invalid request: body\.conditions/);
      expect(refused.body.details.fields.map((field) => field.path)).toEqual(['body.conditions.fields.Query.penduduk.arguments.patterns.nik']);
    }
    const view = await bus.call<{ status: string; grants: unknown[]; items: { status: string }[] }>(admin, 'GET', `/v1/access-requests/${requestId}`);
    expect(view.body.status).toBe('approved');
    expect(view.body.grants).toEqual([]);
    expect(view.body.items.map((item) => item.status)).toEqual(['pending', 'pending']);
  });

  it('grants `(a+)+$` and `(x|x)*y`, and answers hostile values at once while /health keeps answering', async () => {
    const plusPlus = await approvedRequest('Aplikasi Pola Rakus');
    const granted = await grantWithPattern(plusPlus.requestId, '(a+)+$');
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const key = await apiKey(plusPlus.clientId);

    const longer = [40, 200, 499].map((count) => `${'a'.repeat(count)}!`);
    const { answers, slowestHealthMs, healthAnswers } = await sendWhileWatchingHealth(key, [...Array(16).fill(HOSTILE), ...longer]);
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
      const error = answer.body.errors?.[0] as GraphQLError;
      expect(error.extensions.code).toBe('CONDITION_FAILED');
      expect(error.extensions.failedConditions).toEqual([
        expect.objectContaining({ coordinate: 'Query.penduduk', condition: 'arguments', argument: 'nik', message: expect.stringMatching(/tidak sesuai pola yang diizinkan \(\(a\+\)\+\$\)/) }),
      ]);
    }
    expect(healthAnswers).toBeGreaterThan(0);
    expect(slowestHealthMs).toBeLessThan(30_000);

    // What RE2 matches passes the gateway and the agency's own guard: no condition refuses it.
    const matching = await ask(key, 'a'.repeat(40));
    expect(matching.status, JSON.stringify(matching.body)).toBe(200);
    expect(JSON.stringify(matching.body.errors ?? [])).not.toContain('CONDITION_FAILED');

    const alternation = await approvedRequest('Aplikasi Pola Kembar');
    expect((await grantWithPattern(alternation.requestId, '(x|x)*y')).status).toBe(200);
    const alternationKey = await apiKey(alternation.clientId);
    const xs = await sendWhileWatchingHealth(alternationKey, Array(8).fill('x'.repeat(60)));
    expect(xs.answers.map((answer) => answer.status)).toEqual(Array(8).fill(403));
    expect(xs.slowestHealthMs).toBeLessThan(30_000);
  });

  it('refuses a value longer than the bound a pattern is run against', async () => {
    const { requestId, clientId } = await approvedRequest('Aplikasi Nilai Panjang');
    expect((await grantWithPattern(requestId, 'a+')).status).toBe(200);
    const key = await apiKey(clientId);
    const refused = await ask(key, 'a'.repeat(501));
    expect(refused.status).toBe(403);
    expect((refused.body.errors?.[0] as GraphQLError).message).toMatch(/lebih dari 500 karakter/);
  });

  it('refuses the field, without stopping the gateway, when a stored pattern (from before) cannot be run in linear time', async () => {
    const { requestId, clientId } = await approvedRequest('Aplikasi Pola Lama');
    expect((await grantWithPattern(requestId, 'a+')).status).toBe(200);
    // As a row stored under the former rules would hold it: JavaScript's RegExp compiles this, and
    // backtracks on `aaaa…a!` for far longer than any test runs.
    await bus.database.handle.db
      .update(grants)
      .set({ conditions: [{ arguments: { patterns: { nik: '(a|a)+\\1*(?=!)' } } }] })
      .where(and(eq(grants.clientId, clientId), eq(grants.coordinate, 'Query.penduduk')));
    const [client] = await bus.database.handle.db.select({ version: clients.grantsVersion }).from(clients).where(eq(clients.id, clientId));
    await bus.database.handle.db.update(clients).set({ grantsVersion: client!.version + 1 }).where(eq(clients.id, clientId));
    const key = await apiKey(clientId);

    const { answers, slowestHealthMs } = await sendWhileWatchingHealth(key, [...Array(8).fill(HOSTILE), 'aaaa']);
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
      const error = answer.body.errors?.[0] as GraphQLError;
      expect(error.extensions.code).toBe('CONDITION_FAILED');
      expect(error.extensions.failedConditions?.[0]).toMatchObject({ coordinate: 'Query.penduduk', condition: 'arguments', argument: 'nik' });
      expect(error.message).toMatch(/Pola argumen "nik" dalam syarat pemberian akses tidak dapat diterapkan/);
      expect(error.extensions.messageEn).toMatch(/cannot be applied/);
    }
    expect(slowestHealthMs).toBeLessThan(30_000);

    // The grant stays readable in the registry: the stored pattern is shown as it is.
    const view = await bus.call<{ grants: { coordinate: string; conditions: unknown[] }[] }>(admin, 'GET', `/v1/access-requests/${requestId}`);
    expect(view.status).toBe(200);
    expect(view.body.grants.find((grant) => grant.coordinate === 'Query.penduduk')?.conditions).toEqual([
      { arguments: { patterns: { nik: '(a|a)+\\1*(?=!)' } } },
    ]);
  });
  it("refuses a request whose aliases would make the gateway match more than one request's budget, answering within seconds", async () => {
    // Kept by RE2 without backtracking, but its DFA keeps missing on mixed `a`/`b` values: the
    // slowest a grantable pattern gets, ~500 characters × ~970 instructions per value.
    const slowest = '(?:[ab]*a[ab]{0,480})c';
    const { requestId, clientId } = await approvedRequest('Aplikasi Banyak Alias', ['Query.daftarPenduduk', 'Penduduk.nama']);
    expect((await grantWithPattern(requestId, slowest, { 'Query.daftarPenduduk': { kecamatan: slowest, desa: slowest } })).status).toBe(200);
    const key = await apiKey(clientId);
    const value = (shift: number) => `${Array.from({ length: 498 }, (_, index) => ((index * 7 + shift) % 3 === 0 ? 'a' : 'b')).join('')}ac`;
    const aliases = Array.from({ length: 20 }, (_, index) => `d${index}: daftarPenduduk(kecamatan: $k, desa: $d, batas: 1) { nama }`);
    const started = Date.now();
    const refused = await postGraphQL(bus.gatewayUrl, `query Banyak($k: String, $d: String) { ${aliases.join(' ')} }`, {
      variables: { k: value(1), d: value(2) },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    const error = refused.body.errors?.[0] as GraphQLError;
    expect(error.extensions.code).toBe('CONDITION_FAILED');
    expect(error.message).toMatch(/terlalu banyak pemeriksaan pola/);
    // One alias is well within the budget, and its values match.
    const one = await postGraphQL(bus.gatewayUrl, `query Satu($k: String, $d: String) { ${aliases[0]} }`, {
      variables: { k: value(1), d: value(2) },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(JSON.stringify(one.body.errors ?? []), JSON.stringify(one.body)).not.toContain('CONDITION_FAILED');
    const health = await fetch(healthUrl, { signal: AbortSignal.timeout(30_000) });
    expect(health.status).toBe(200);
  });
});
