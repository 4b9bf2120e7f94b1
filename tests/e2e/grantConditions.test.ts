/**
 * The conditions an administrator or a publisher attaches to a grant are real graphql-shield rules,
 * over the running bus (registry, gateway, demo subgraphs and REST backends, real database):
 * - each kind (period, permitted hours, argument constraints, list size) allows what it should and
 *   refuses what it should at the gateway, before any agency is called, with CONDITION_FAILED naming
 *   the condition (Indonesian, English beside it), logged as denied;
 * - the subgraph's guard refuses the same on a direct call carrying a valid gateway token;
 * - a period ends by itself, without a restart;
 * - a decision made for one request's arguments is never served to another's;
 * - the registry refuses conditions it could not enforce, and stores nothing then.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../drizzle/schema/index.ts';
import { loadGatewayKeys } from '../../gateway/installationKeys.ts';
import { loadConfig } from '../../lib/config.ts';
import { createGatewayTokenSigner, gatewayTokenHeaderValue } from '../../lib/gatewayToken.ts';
import type { FieldConditions } from '../../lib/grantConditions/conditions.ts';
import type { RunningSystem } from '../../scripts/system.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import type { TestDatabase } from '../support/database.ts';
import { runPenghubungInProcess } from '../support/cli.ts';
import { postGraphQL } from '../support/graphql.ts';

const GRAPH = 'semua';
const HOUR = 3_600_000;
const PENDUDUK = 'query Penduduk($nik: String!) { penduduk(nik: $nik) { nama } }';
const DAFTAR = 'query Daftar($kecamatan: String, $desa: String, $batas: Int) { daftarPenduduk(kecamatan: $kecamatan, desa: $desa, batas: $batas) { nama } }';

/** `HH:MM` in WIB of an instant. */
function wibClock(time: number): string {
  return new Date(time + 7 * HOUR).toISOString().slice(11, 16);
}

interface Refusal {
  message: string;
  extensions: {
    code: string;
    messageEn: string;
    failedConditions?: { coordinate: string; condition: string; argument?: string; message: string; messageEn: string }[];
  };
}

describe('grant conditions over the running bus', () => {
  let bus: TestBus;
  let system: RunningSystem;
  let database: TestDatabase;
  let gatewayUrl: string;
  let admin: string;
  let publisher: string;
  let requester: string;
  let nik: string;

  /** A client granted `coordinates` with the given approval and grant conditions; returns its id and key. */
  async function grantedClient(
    name: string,
    coordinates: string[],
    conditions: { approval?: unknown; grant?: unknown; endsAt?: string } = {},
  ): Promise<{ clientId: string; apiKey: string }> {
    const clientId = (
      await bus.call<{ id: string }>(requester, 'POST', '/v1/clients', { name, organization: 'Bappeda', contact: 'dev@bappeda.test' })
    ).body.id;
    const request = await bus.call<{ id: string }>(requester, 'POST', '/v1/access-requests', {
      clientId,
      graph: GRAPH,
      coordinates,
      purpose: 'Verifikasi data penduduk untuk layanan perizinan',
      legalBasis: 'Perbup Pacitan 138/2023',
      periodStart: new Date(Date.now() - 60_000).toISOString(),
      periodEnd: new Date(Date.now() + 30 * 24 * HOUR).toISOString(),
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const approved = await bus.call(admin, 'POST', `/v1/access-requests/${request.body.id}/approve`, {
      reason: 'Sesuai tugas',
      ...(conditions.approval ? { conditions: conditions.approval } : {}),
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const granted = await bus.call(publisher, 'POST', `/v1/access-requests/${request.body.id}/grant`, {
      reason: 'Diberikan',
      ...(conditions.grant ? { conditions: conditions.grant } : {}),
      ...(conditions.endsAt ? { endsAt: conditions.endsAt } : {}),
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const issued = await bus.call<{ apiKey: string }>(requester, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'uji' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    return { clientId, apiKey: issued.body.apiKey };
  }

  function ask<T = Record<string, unknown>>(apiKey: string, query: string, variables: Record<string, unknown>) {
    return postGraphQL<T>(gatewayUrl, query, { variables, headers: { authorization: `Bearer ${apiKey}` } });
  }

  function refusalOf(body: { errors?: unknown[] }): Refusal {
    return body.errors?.[0] as Refusal;
  }

  async function logRows(clientId: string) {
    return database.handle.db
      .select({ outcome: accessLog.outcome, errorCode: accessLog.errorCode, subgraphNames: accessLog.subgraphNames })
      .from(accessLog)
      .where(eq(accessLog.clientId, clientId))
      .orderBy(asc(accessLog.seq));
  }

  beforeAll(async () => {
    bus = await startTestBus('penghubung-syarat-');
    ({ system, database, gatewayUrl } = bus);
    nik = system.demo!.sampleNik;
    admin = system.demo!.adminToken;
    publisher = system.demo!.publisherTokens.disdukcapil!;
    requester = (
      await bus.call<{ token: { token: string } }>(admin, 'POST', '/v1/admin/users', {
        name: 'Pengembang Bappeda',
        email: 'dev@bappeda-syarat.test',
        role: 'requester',
        organization: 'Bappeda',
      })
    ).body.token.token;
  });

  afterAll(async () => {
    await bus?.close();
  });

  describe('argument constraints and list size', () => {
    let client: { clientId: string; apiKey: string };

    beforeAll(async () => {
      client = await grantedClient('Aplikasi Perizinan', ['Query.penduduk', 'Query.daftarPenduduk', 'Penduduk.nama'], {
        approval: {
          fields: {
            // Only residents of this regency, looked up one by one by NIK.
            'Query.penduduk': { arguments: { patterns: { nik: '3501\\d{12}' } } },
            // Listings only by kecamatan Pacitan, never by desa, at most 5 asked.
            'Query.daftarPenduduk': {
              arguments: { required: ['kecamatan'], forbidden: ['desa'], allowedValues: { kecamatan: ['Pacitan'] }, maximum: { batas: 5 } },
            },
          },
        },
        // The agency adds its own: no list longer than 3 comes out of its subgraph.
        grant: { fields: { 'Query.daftarPenduduk': { maxItems: 3 } } },
      });
    });

    it('allows a lookup by a NIK matching the pattern, and refuses another, per request for one cached document', async () => {
      const ok = await ask<{ penduduk: { nama: string } | null }>(client.apiKey, PENDUDUK, { nik });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.data?.penduduk?.nama).toBeTruthy();

      // Same document, same operation key: the decision must not leak from the request before.
      const refused = await ask(client.apiKey, PENDUDUK, { nik: '3201010101010001' });
      expect(refused.status).toBe(403);
      expect(refused.body.data ?? null).toBeNull();
      const error = refusalOf(refused.body);
      expect(error.extensions.code).toBe('CONDITION_FAILED');
      expect(error.message).toMatch(/^Akses ditolak karena syarat pemberian akses tidak terpenuhi\. Query\.penduduk: Nilai argumen "nik" tidak sesuai pola/);
      expect(error.extensions.messageEn).toMatch(/does not match the permitted pattern/);
      expect(error.extensions.failedConditions).toEqual([
        expect.objectContaining({ coordinate: 'Query.penduduk', condition: 'arguments', argument: 'nik' }),
      ]);

      // And back: the refusal is not cached either.
      expect((await ask(client.apiKey, PENDUDUK, { nik })).status).toBe(200);
      // An inline literal is read as well as a variable.
      const literal = await postGraphQL(gatewayUrl, '{ penduduk(nik: "3201010101010001") { nama } }', {
        headers: { authorization: `Bearer ${client.apiKey}` },
      });
      expect(refusalOf(literal.body).extensions.code).toBe('CONDITION_FAILED');

      const rows = await logRows(client.clientId);
      expect(rows.map((row) => [row.outcome, row.errorCode])).toEqual([
        ['ok', null],
        ['denied', 'CONDITION_FAILED'],
        ['ok', null],
        ['denied', 'CONDITION_FAILED'],
      ]);
      // A refused request reached no agency.
      expect(rows[1]!.subgraphNames).toEqual([]);
    });

    it('in "drop denied fields" mode, drops the selection whose conditions fail and serves the rest, naming the condition', async () => {
      const mixed = await postGraphQL<{ a: { nama: string } | null; b?: unknown }>(
        gatewayUrl,
        `query($a: String!, $b: String!) { a: penduduk(nik: $a) { nama } b: penduduk(nik: $b) { nama } }`,
        {
          variables: { a: nik, b: '3201010101010001' },
          headers: { authorization: `Bearer ${client.apiKey}`, 'x-penghubung-denied-fields': 'drop' },
        },
      );
      // Both aliases select Query.penduduk: one failing selection denies the coordinate, so nothing is left.
      expect(mixed.status).toBe(403);
      expect(refusalOf(mixed.body).extensions.code).toBe('CONDITION_FAILED');

      const partly = await postGraphQL<{ penduduk: { nama: string } | null; daftarPenduduk?: unknown }>(
        gatewayUrl,
        `query($nik: String!) { penduduk(nik: $nik) { nama } daftarPenduduk(kecamatan: "Punung", batas: 2) { nama } }`,
        { variables: { nik }, headers: { authorization: `Bearer ${client.apiKey}`, 'x-penghubung-denied-fields': 'drop' } },
      );
      expect(partly.status, JSON.stringify(partly.body)).toBe(200);
      expect(partly.body.data?.penduduk?.nama).toBeTruthy();
      expect(partly.body.data?.daftarPenduduk).toBeUndefined();
      expect(refusalOf(partly.body).extensions.failedConditions).toEqual([
        expect.objectContaining({ coordinate: 'Query.daftarPenduduk', condition: 'arguments', argument: 'kecamatan' }),
      ]);
    });

    it('checks every alias of a field with its own arguments', async () => {
      const aliased = await postGraphQL(
        gatewayUrl,
        `query($a: String!, $b: String!) { a: penduduk(nik: $a) { nama } b: penduduk(nik: $b) { nama } }`,
        { variables: { a: nik, b: '9999999999999999' }, headers: { authorization: `Bearer ${client.apiKey}` } },
      );
      expect(aliased.status).toBe(403);
      expect(refusalOf(aliased.body).extensions.code).toBe('CONDITION_FAILED');
    });

    it('refuses a listing by a forbidden argument, a value not allowed, a missing required one, or above the maximum', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ kecamatan: 'Pacitan', desa: 'Sidoharjo', batas: 2 }, 'desa'],
        [{ kecamatan: 'Punung', batas: 2 }, 'kecamatan'],
        [{ batas: 2 }, 'kecamatan'],
        [{ kecamatan: 'Pacitan', batas: 6 }, 'batas'],
        // The schema's default (batas: 100) counts: leaving it out is asking for 100.
        [{ kecamatan: 'Pacitan' }, 'batas'],
      ];
      for (const [variables, argument] of cases) {
        const refused = await ask(client.apiKey, DAFTAR, variables);
        expect(refused.status, JSON.stringify(variables)).toBe(403);
        expect(refusalOf(refused.body).extensions.failedConditions?.[0], JSON.stringify(variables)).toMatchObject({
          coordinate: 'Query.daftarPenduduk',
          condition: 'arguments',
          argument,
        });
      }
      const allowed = await ask<{ daftarPenduduk: { nama: string }[] }>(client.apiKey, DAFTAR, { kecamatan: 'Pacitan', batas: 3 });
      expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
      expect(allowed.body.data?.daftarPenduduk).toHaveLength(3);
    });

    it('refuses a list longer than maxItems where it is produced, the subgraph, through the gateway', async () => {
      // 5 passes the gateway's argument maximum; the agency's own limit of 3 items refuses the result.
      const tooLong = await ask<{ daftarPenduduk: unknown }>(client.apiKey, DAFTAR, { kecamatan: 'Pacitan', batas: 5 });
      expect(tooLong.body.data?.daftarPenduduk ?? null).toBeNull();
      const error = tooLong.body.errors?.[0] as { message: string; extensions: Record<string, unknown> };
      expect(error.extensions['code']).toBe('CONDITION_FAILED');
      expect(error.extensions['condition']).toBe('maxItems');
      expect(error.message).toMatch(/melebihi batas 3 butir/);
    });

    describe('at the subgraph guard, with a valid gateway token', () => {
      let sign: (fields: string[], conditions: Record<string, FieldConditions>) => string;
      let subgraphUrl: string;

      beforeAll(async () => {
        const keys = await loadGatewayKeys(loadConfig({ PENGHUBUNG_DATA_DIR: bus.dataDir }));
        const signer = createGatewayTokenSigner(keys.signingKey.privateKey);
        sign = (fields, conditions) =>
          signer.sign({ audience: 'disdukcapil', requester: client.clientId, graph: GRAPH, requestId: 'langsung-1', fields, conditions });
        subgraphUrl = system.agencies!.bySlug.disdukcapil!.subgraphUrl;
      });

      /** The conditions the gateway holds for this client, as its token would carry them. */
      async function snapshot(): Promise<Record<string, FieldConditions>> {
        const set = await system.gateway.feed.grantSet(client.clientId, GRAPH);
        return Object.fromEntries(set.grantConditions);
      }

      async function direct(query: string, variables: Record<string, unknown>, conditions: Record<string, FieldConditions>) {
        const token = sign(['Query.penduduk', 'Query.daftarPenduduk', 'Penduduk.nama'], conditions);
        return postGraphQL<Record<string, unknown>>(subgraphUrl, query, {
          variables,
          headers: { authorization: gatewayTokenHeaderValue(token) },
        });
      }

      it('refuses arguments that violate the constraints, and serves those that meet them', async () => {
        const conditions = await snapshot();
        expect(Object.keys(conditions).sort()).toEqual(['Penduduk.nama', 'Query.daftarPenduduk', 'Query.penduduk']);

        const byDesa = await direct(DAFTAR, { kecamatan: 'Pacitan', desa: 'Sidoharjo', batas: 2 }, conditions);
        expect(byDesa.body.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/^Akses ke field Query\.daftarPenduduk ditolak: Argumen "desa" tidak diizinkan/),
          extensions: { code: 'CONDITION_FAILED', condition: 'arguments', argument: 'desa', messageEn: expect.stringMatching(/not permitted/) },
        });
        const foreignNik = await direct(PENDUDUK, { nik: '3201010101010001' }, conditions);
        expect(foreignNik.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONDITION_FAILED', argument: 'nik' } });

        const fine = await direct(DAFTAR, { kecamatan: 'Pacitan', batas: 2 }, conditions);
        expect(fine.body.errors).toBeUndefined();
        expect((fine.body.data?.['daftarPenduduk'] as unknown[]).length).toBe(2);
      });

      it('refuses a list longer than maxItems', async () => {
        const conditions = await snapshot();
        // Without the argument maximum (a token naming only the agency's own condition) the list limit still holds.
        const onlyListLimit: Record<string, FieldConditions> = {
          'Query.daftarPenduduk': conditions['Query.daftarPenduduk']!.map((entry) => ({
            ...entry,
            sets: entry.sets.filter((set) => set.maxItems !== undefined),
          })),
        };
        const tooLong = await direct(DAFTAR, { kecamatan: 'Pacitan', batas: 10 }, onlyListLimit);
        expect(tooLong.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONDITION_FAILED', condition: 'maxItems' } });
      });

      it('refuses outside the permitted hours and after the period', async () => {
        const now = Date.now();
        const closedNow: FieldConditions = [
          {
            period: { startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + HOUR).toISOString() },
            sets: [{ hours: { from: wibClock(now + 2 * HOUR), until: wibClock(now + 3 * HOUR) } }],
          },
        ];
        const hours = await direct(PENDUDUK, { nik }, { 'Query.penduduk': closedNow });
        expect(hours.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONDITION_FAILED', condition: 'hours' } });

        const ended: FieldConditions = [
          { period: { startsAt: new Date(now - 2 * HOUR).toISOString(), endsAt: new Date(now - HOUR).toISOString() }, sets: [] },
        ];
        const period = await direct(PENDUDUK, { nik }, { 'Query.penduduk': ended });
        expect(period.body.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/Masa berlaku akses sudah berakhir/),
          extensions: { code: 'CONDITION_FAILED', condition: 'period' },
        });
      });
    });
  });

  describe('permitted hours', () => {
    it('allows inside the hours the administrator set, and refuses outside them', async () => {
      const now = Date.now();
      const open = await grantedClient('Aplikasi Jam Kerja', ['Query.penduduk', 'Penduduk.nama'], {
        approval: { all: { hours: { from: wibClock(now - HOUR), until: wibClock(now + HOUR) } } },
      });
      const ok = await ask<{ penduduk: { nama: string } | null }>(open.apiKey, PENDUDUK, { nik });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);

      const from = wibClock(now + 2 * HOUR);
      const until = wibClock(now + 3 * HOUR);
      const closed = await grantedClient('Aplikasi Malam', ['Query.penduduk', 'Penduduk.nama'], {
        grant: { all: { hours: { from, until } } },
      });
      const refused = await ask(closed.apiKey, PENDUDUK, { nik });
      expect(refused.status).toBe(403);
      const error = refusalOf(refused.body);
      expect(error.extensions.code).toBe('CONDITION_FAILED');
      expect(error.extensions.failedConditions?.map((failed) => failed.condition)).toEqual(['hours', 'hours']);
      expect(error.message).toContain(`Akses hanya diizinkan pukul ${from}–${until} WIB.`);
      expect((await logRows(closed.clientId)).map((row) => row.outcome)).toEqual(['denied']);
    });
  });

  describe('period', () => {
    it('ends the grant at the end of its period, without a restart, and says so', async () => {
      const endsAt = new Date(Date.now() + 6_000);
      const client = await grantedClient('Aplikasi Sementara', ['Query.penduduk', 'Penduduk.nama'], {
        endsAt: endsAt.toISOString(),
      });
      const during = await ask<{ penduduk: { nama: string } | null }>(client.apiKey, PENDUDUK, { nik });
      expect(during.status, JSON.stringify(during.body)).toBe(200);
      // The same operation again, answered from the decision cache while the period runs.
      expect((await ask(client.apiKey, PENDUDUK, { nik })).status).toBe(200);

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt.getTime() - Date.now()) + 200));
      const after = await ask(client.apiKey, PENDUDUK, { nik });
      expect(after.status).toBe(403);
      const error = refusalOf(after.body);
      expect(error.extensions.code).toBe('CONDITION_FAILED');
      expect(error.extensions.failedConditions?.[0]).toMatchObject({ condition: 'period' });
      expect(error.message).toMatch(/Masa berlaku akses sudah berakhir pada \d{4}-\d\d-\d\d \d\d:\d\d WIB/);
      const rows = await logRows(client.clientId);
      expect(rows.map((row) => row.outcome)).toEqual(['ok', 'ok', 'denied']);
    });
  });

  describe('from the CLI', () => {
    it('attaches conditions on `access approve` and `access grant` (JSON inline or @file), and refuses malformed JSON as wrong usage', async () => {
      const clientId = (
        await bus.call<{ id: string }>(requester, 'POST', '/v1/clients', { name: 'Aplikasi CLI', organization: 'Bappeda', contact: 'dev@bappeda.test' })
      ).body.id;
      const request = await bus.call<{ id: string }>(requester, 'POST', '/v1/access-requests', {
        clientId,
        graph: GRAPH,
        coordinates: ['Query.penduduk', 'Penduduk.nama'],
        purpose: 'Verifikasi data penduduk untuk layanan perizinan',
        legalBasis: 'Perbup Pacitan 138/2023',
        periodStart: new Date(Date.now() - 60_000).toISOString(),
        periodEnd: new Date(Date.now() + 24 * HOUR).toISOString(),
      });
      const cli = (args: string[], token: string) =>
        runPenghubungInProcess(['--registry', bus.registryUrl, '--token', token, ...args], {});

      const malformed = await cli(['access', 'approve', request.body.id, '--reason', 'Sesuai', '--conditions', '{hours'], admin);
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toMatch(/--conditions bukan JSON yang sah/);
      const unenforceable = await cli(
        ['access', 'approve', request.body.id, '--reason', 'Sesuai', '--conditions', '{"fields":{"Query.penduduk":{"arguments":{"forbidden":["kecamatan"]}}}}'],
        admin,
      );
      expect(unenforceable.code).toBe(1);
      expect(unenforceable.stderr).toMatch(/argumen tidak ada pada field ini/);

      const approved = await cli(
        ['access', 'approve', request.body.id, '--reason', 'Sesuai', '--conditions', '{"fields":{"Query.penduduk":{"arguments":{"required":["nik"]}}}}'],
        admin,
      );
      expect(approved.code, approved.stderr).toBe(0);
      const file = path.join(bus.dataDir, 'syarat.json');
      await fs.writeFile(file, JSON.stringify({ all: { hours: { from: '07:00', until: '16:00' } } }));
      const granted = await cli(['--json', 'access', 'grant', request.body.id, '--reason', 'Diberikan', '--conditions', `@${file}`], publisher);
      expect(granted.code, granted.stderr).toBe(0);
      const view = JSON.parse(granted.stdout) as { grants: { coordinate: string; conditions: unknown[] }[] };
      expect(view.grants.find((grant) => grant.coordinate === 'Query.penduduk')?.conditions).toEqual([
        { arguments: { required: ['nik'] } },
        { hours: { from: '07:00', until: '16:00' } },
      ]);
    });
  });

  describe('what the registry refuses', () => {
    async function pendingRequest(): Promise<string> {
      const clientId = (
        await bus.call<{ id: string }>(requester, 'POST', '/v1/clients', { name: 'Aplikasi Salah Isi', organization: 'Bappeda', contact: 'dev@bappeda.test' })
      ).body.id;
      const request = await bus.call<{ id: string }>(requester, 'POST', '/v1/access-requests', {
        clientId,
        graph: GRAPH,
        coordinates: ['Query.penduduk', 'Penduduk.nama'],
        purpose: 'Verifikasi data penduduk untuk layanan perizinan',
        legalBasis: 'Perbup Pacitan 138/2023',
        periodStart: new Date(Date.now() - 60_000).toISOString(),
        periodEnd: new Date(Date.now() + 24 * HOUR).toISOString(),
      });
      return request.body.id;
    }

    it('refuses conditions it cannot enforce, and the request stays pending', async () => {
      const id = await pendingRequest();
      const cases: [unknown, number, RegExp][] = [
        [{ fields: { 'Query.daftarPenduduk': { maxItems: 3 } } }, 422, /bukan field permohonan ini/],
        [{ fields: { 'Query.penduduk': { arguments: { forbidden: ['kecamatan'] } } } }, 422, /argumen tidak ada pada field ini/],
        [{ all: { arguments: { required: ['nik'] } } }, 422, /hanya dapat diberikan per field/],
        [{ fields: { 'Query.penduduk': { arguments: { patterns: { nik: '(' } } } } }, 400, /./],
        [{ all: { hours: { from: '8:00', until: '16:00' } } }, 400, /./],
        [{ all: { hours: { from: '08:00', until: '08:00' } } }, 400, /./],
        [{ all: { maxItems: -1 } }, 400, /./],
        [{ all: { unknownKind: true } }, 400, /./],
      ];
      for (const [conditions, status, message] of cases) {
        const refused = await bus.call<{ message?: string; code?: string }>(admin, 'POST', `/v1/access-requests/${id}/approve`, {
          reason: 'Sesuai',
          conditions,
        });
        expect(refused.status, JSON.stringify(conditions)).toBe(status);
        expect(refused.body.message ?? '', JSON.stringify(refused.body)).toMatch(message);
      }
      const view = await bus.call<{ status: string }>(admin, 'GET', `/v1/access-requests/${id}`);
      expect(view.body.status).toBe('pending');
      const approved = await bus.call<{ status: string; approval: { conditions: unknown } }>(admin, 'POST', `/v1/access-requests/${id}/approve`, {
        reason: 'Sesuai',
        conditions: { fields: { 'Query.penduduk': { arguments: { required: ['nik'] } } } },
      });
      expect(approved.status).toBe(200);
      expect(approved.body.approval.conditions).toEqual({ fields: { 'Query.penduduk': { arguments: { required: ['nik'] } } } });

      // The publisher may name only its own granted fields; nothing is granted on a refusal.
      const foreign = await bus.call(publisher, 'POST', `/v1/access-requests/${id}/grant`, {
        reason: 'Diberikan',
        coordinates: ['Query.penduduk'],
        conditions: { fields: { 'Penduduk.nama': { maxItems: 1 } } },
      });
      expect(foreign.status).toBe(422);
      const grants = await bus.call<unknown[]>(admin, 'GET', `/v1/grants?graph=${GRAPH}&current=true`);
      expect(JSON.stringify(grants.body)).not.toContain(id);
      const granted = await bus.call<{ grants: { coordinate: string; conditions: unknown[] }[] }>(
        publisher,
        'POST',
        `/v1/access-requests/${id}/grant`,
        { reason: 'Diberikan', conditions: { all: { hours: { from: '07:00', until: '16:00', days: [1, 2, 3, 4, 5] } } } },
      );
      expect(granted.status, JSON.stringify(granted.body)).toBe(200);
      const byCoordinate = Object.fromEntries(granted.body.grants.map((grant) => [grant.coordinate, grant.conditions]));
      // Each grant carries the approval's sets for its field and the publisher's.
      expect(byCoordinate['Query.penduduk']).toEqual([
        { arguments: { required: ['nik'] } },
        { hours: { from: '07:00', until: '16:00', days: [1, 2, 3, 4, 5] } },
      ]);
      expect(byCoordinate['Penduduk.nama']).toEqual([{ hours: { from: '07:00', until: '16:00', days: [1, 2, 3, 4, 5] } }]);
    });
  });
});
