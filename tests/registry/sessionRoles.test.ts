/**
 * A console session of one role cannot use another role's operations: for each of the four roles
 * signed in with a password, a representative operation of every role (administrator-only approval,
 * publisher-only decline, requester-only client registration, the evaluator's log statistics, which an
 * administrator may also read) answers 403 unless the role may call it, and succeeds for its own.
 * The role is checked before the input: a forbidden caller with a broken body gets 403, not 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustSignIn, sessionCall, type ConsoleSession } from '../support/consoleSession.ts';
import { GRAPH, daysFromNow, startHarness, type Harness } from '../access/harness.ts';

type Role = 'administrator' | 'publisher' | 'requester' | 'evaluator';
const ROLES: Role[] = ['administrator', 'publisher', 'requester', 'evaluator'];
const PASSWORD = 'sandi-konsol-uji-peran';

let h: Harness;
const sessions = {} as Record<Role, ConsoleSession>;
let requestId: string;

beforeAll(async () => {
  h = await startHarness();
  const emails: Record<Role, [string, string]> = {
    administrator: [h.admin.id, 'admin@kominfo.test'],
    publisher: [h.publisherA.id, 'ani@dukcapil.test'],
    requester: [h.requester.id, 'rina@bappeda.test'],
    evaluator: [h.evaluator.id, 'evi@inspektorat.test'],
  };
  for (const role of ROLES) {
    const [id, email] = emails[role];
    expect((await h.call(h.admin, 'POST', `/v1/admin/users/${id}/password`, { password: PASSWORD })).status).toBe(200);
    sessions[role] = await mustSignIn(h.url, email, PASSWORD);
    expect(sessions[role].user.role).toBe(role);
  }
  // An access request waiting for the administrator, asking for fields of Disdukcapil.
  const client = await sessionCall(h.url, sessions.requester, 'POST', '/v1/clients', { name: 'Aplikasi uji peran', organization: 'Bappeda', contact: 'rina@bappeda.test' });
  expect(client.status).toBe(201);
  const submitted = await sessionCall(h.url, sessions.requester, 'POST', '/v1/access-requests', {
    clientId: client.body.id,
    graph: GRAPH,
    coordinates: ['Query.penduduk', 'Penduduk.nama'],
    purpose: 'Uji pemisahan peran di konsol',
    legalBasis: 'Perbup Pacitan 138/2023 Pasal 5',
    periodStart: daysFromNow(-1),
    periodEnd: daysFromNow(30),
    quotaPerDay: 100,
  });
  expect(submitted.status).toBe(201);
  requestId = submitted.body.id;
});

afterAll(async () => {
  await h?.close();
});

interface Probe {
  name: string;
  roles: readonly Role[];
  method: string;
  path: () => string;
  body?: unknown;
  ok: number;
}

const probes: Probe[] = [
  { name: 'administrator-only: approve a request', roles: ['administrator'], method: 'POST', path: () => `/v1/access-requests/${requestId}/approve`, body: { reason: 'Tujuan dan dasar hukum sesuai' }, ok: 200 },
  { name: 'publisher-only: decline its agency’s part', roles: ['publisher'], method: 'POST', path: () => `/v1/access-requests/${requestId}/decline`, body: { reason: 'Data belum siap dibagikan' }, ok: 200 },
  { name: 'requester-only: register a client', roles: ['requester'], method: 'POST', path: () => '/v1/clients', body: { name: 'Aplikasi kedua', organization: 'Bappeda', contact: 'rina@bappeda.test' }, ok: 201 },
  {
    name: 'evaluator: log statistics',
    roles: ['evaluator', 'administrator'],
    method: 'GET',
    path: () => `/v1/log/stats?from=${encodeURIComponent(daysFromNow(-1))}&to=${encodeURIComponent(daysFromNow(0))}&groupBy=client`,
    ok: 200,
  },
  { name: 'administrator-only: list users', roles: ['administrator'], method: 'GET', path: () => '/v1/admin/users', ok: 200 },
];

describe.each(ROLES)('a signed-in %s', (role) => {
  it('gets 403 FORBIDDEN on every other role’s operation, with a valid CSRF token', async () => {
    for (const probe of probes.filter((p) => !p.roles.includes(role))) {
      const response = await sessionCall(h.url, sessions[role], probe.method, probe.path(), probe.body);
      expect({ probe: probe.name, status: response.status, code: response.body.code }).toEqual({ probe: probe.name, status: 403, code: 'FORBIDDEN' });
    }
  });

  it('is refused by role before its input is read (403, not 400, for a broken body)', async () => {
    const foreign: [string, string][] = (
      [
        ['POST', '/v1/admin/themes', 'administrator'],
        ['POST', '/v1/admin/graphs', 'administrator'],
        ['POST', `/v1/admin/users/${h.admin.id}/password`, 'administrator'],
        ['PATCH', '/v1/admin/agencies/disdukcapil', 'administrator'],
        ['POST', '/v1/subgraphs/publish', 'publisher'],
        ['POST', '/v1/subgraphs/check', 'publisher'],
        ['GET', '/v1/cross-agency-changes', 'publisher'],
      ] as const
    )
      .filter(([, , owner]) => owner !== role && !(role === 'administrator' && owner === 'publisher'))
      .map(([method, path]) => [method, path]);
    for (const [method, path] of foreign) {
      const response = await sessionCall(h.url, sessions[role], method, path, method === 'GET' ? undefined : { tidak: 'valid' });
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
  });
});

describe('each role’s own operation', () => {
  it('succeeds for the roles it names', async () => {
    // In order: the approval comes before the publisher's decline of the same request.
    for (const probe of probes) {
      for (const role of probe.roles) {
        const response = await sessionCall(h.url, sessions[role], probe.method, probe.path(), probe.body);
        expect({ probe: probe.name, role, status: response.status }).toEqual({ probe: probe.name, role, status: probe.ok });
      }
    }
  });
});
