/**
 * GET /v1/inbox over the real registry and database (tests/access/harness.ts): each role's counts move
 * as the access workflow and a cross-agency change go on, a requester's count starts again once it
 * marks it seen, and every step leaves its notifications in the outbox for the right people.
 */
import { asc, eq } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationOutbox } from '../../drizzle/schema/index.ts';
import { daysFromNow, GRAPH, startHarness } from '../access/harness.ts';
import type { Harness, Identity } from '../access/harness.ts';

interface InboxJson {
  items: { kind: string; count: number; href: string }[];
  total: number;
}

describe('GET /v1/inbox', () => {
  let h: Harness;
  let clientId: string;
  let otherClientId: string;

  const inbox = async (who: Identity): Promise<Record<string, number>> => {
    const response = await h.call<InboxJson>(who, 'GET', '/v1/inbox');
    expect(response.status).toBe(200);
    const counts = Object.fromEntries(response.body.items.map((item) => [item.kind, item.count]));
    expect(response.body.total).toBe(Object.values(counts).reduce((sum, n) => sum + n, 0));
    return counts;
  };
  const outbox = async (requestId: string) =>
    (
      await h.database.db
        .select()
        .from(notificationOutbox)
        .where(eq(notificationOutbox.subjectId, requestId))
        .orderBy(asc(notificationOutbox.occurredAt))
    )
      .map((row) => `${row.event} ${row.channel} ${row.recipient}`.trim())
      // Within one event: e-mails by address, then the webhook.
      .sort((a, b) => (a.split(' ')[0] === b.split(' ')[0] ? a.localeCompare(b) : 0));
  const submit = async (who: Identity, client: string, coordinates: string[]) => {
    const response = await h.call(who, 'POST', '/v1/access-requests', {
      clientId: client,
      graph: GRAPH,
      coordinates,
      purpose: 'Perencanaan <b>puskesmas</b>',
      legalBasis: 'Perbup Pacitan 138/2023 Pasal 5',
      periodStart: daysFromNow(-1),
      periodEnd: daysFromNow(90),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };

  beforeAll(async () => {
    h = await startHarness();
    const client = await h.call(h.requester, 'POST', '/v1/clients', { name: 'SIPD Bappeda', contact: 'rina@bappeda.test' });
    const otherClient = await h.call(h.otherRequester, 'POST', '/v1/clients', { name: 'Aplikasi Startup', contact: 'budi@startup.test' });
    expect([client.status, otherClient.status]).toEqual([201, 201]);
    clientId = client.body.id;
    otherClientId = otherClient.body.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists every kind of the role with its console page, each 0 when nothing waits', async () => {
    const shape = async (who: Identity) => (await h.call<InboxJson>(who, 'GET', '/v1/inbox')).body;
    expect(await shape(h.admin)).toEqual({
      items: [{ kind: 'access_requests.awaiting_approval', count: 0, href: '/console/admin/permohonan' }],
      total: 0,
    });
    expect(await shape(h.publisherA)).toEqual({
      items: [
        { kind: 'access_requests.awaiting_grant', count: 0, href: '/console/penerbit/permohonan' },
        { kind: 'cross_agency_changes.awaiting_consent', count: 0, href: '/console/penerbit/perubahan' },
      ],
      total: 0,
    });
    expect(await shape(h.requester)).toEqual({
      items: [{ kind: 'access_requests.decided', count: 0, href: '/console/pemohon/permohonan' }],
      total: 0,
    });
    expect(await shape(h.evaluator)).toEqual({ items: [], total: 0 });
  });

  it('follows the access workflow: administrators, then each owning agency’s publishers, then the requester', async () => {
    const both = await submit(h.requester, clientId, ['Query.penduduk', 'Penduduk.nama', 'Query.fasilitasKesehatan']);
    const onlyDukcapil = await submit(h.otherRequester, otherClientId, ['Penduduk.kecamatan']);
    expect(await inbox(h.admin)).toEqual({ 'access_requests.awaiting_approval': 2 });
    expect(await inbox(h.publisherA)).toMatchObject({ 'access_requests.awaiting_grant': 0 });

    expect((await h.call(h.admin, 'POST', `/v1/access-requests/${both}/approve`, { reason: 'Sesuai RPJMD' })).status).toBe(200);
    expect(await inbox(h.admin)).toEqual({ 'access_requests.awaiting_approval': 1 });
    expect(await inbox(h.publisherA)).toMatchObject({ 'access_requests.awaiting_grant': 1 });
    expect(await inbox(h.publisherB)).toMatchObject({ 'access_requests.awaiting_grant': 1 });
    expect(await inbox(h.requester)).toEqual({ 'access_requests.decided': 1 });
    expect(await inbox(h.otherRequester)).toEqual({ 'access_requests.decided': 0 });

    expect((await h.call(h.admin, 'POST', `/v1/access-requests/${onlyDukcapil}/reject`, { reason: 'Dasar hukum kurang' })).status).toBe(200);
    expect(await inbox(h.admin)).toEqual({ 'access_requests.awaiting_approval': 0 });
    expect(await inbox(h.otherRequester)).toEqual({ 'access_requests.decided': 1 });
    // A rejected request waits for no publisher.
    expect(await inbox(h.publisherA)).toMatchObject({ 'access_requests.awaiting_grant': 1 });

    // The requester looks: its count starts again; a later decision counts anew.
    const seen = await h.call(h.requester, 'POST', '/v1/inbox/seen', { kind: 'access_requests.decided' });
    expect(seen.status).toBe(204);
    expect(await inbox(h.requester)).toEqual({ 'access_requests.decided': 0 });
    expect((await h.call(h.publisherA, 'POST', `/v1/access-requests/${both}/grant`, { reason: 'Untuk perencanaan' })).status).toBe(200);
    expect(await inbox(h.publisherA)).toMatchObject({ 'access_requests.awaiting_grant': 0 });
    expect(await inbox(h.publisherB)).toMatchObject({ 'access_requests.awaiting_grant': 1 });
    expect(await inbox(h.requester)).toEqual({ 'access_requests.decided': 1 });
    expect((await h.call(h.publisherB, 'POST', `/v1/access-requests/${both}/decline`, { reason: 'Sedang dimutakhirkan' })).status).toBe(200);
    expect(await inbox(h.publisherB)).toMatchObject({ 'access_requests.awaiting_grant': 0 });
    // Two decisions on one request since the requester looked: still one request to look at.
    expect(await inbox(h.requester)).toEqual({ 'access_requests.decided': 1 });

    // Each step left its notifications: the webhook once per event, an e-mail to each person who acts.
    expect(await outbox(both)).toEqual([
      'access_request.submitted email admin@kominfo.test',
      'access_request.submitted webhook',
      'access_request.approved email ani@dukcapil.test',
      'access_request.approved email bayu@dinkes.test',
      'access_request.approved email rina@bappeda.test',
      'access_request.approved webhook',
      'access_request.granted email rina@bappeda.test',
      'access_request.granted webhook',
      'access_request.declined email rina@bappeda.test',
      'access_request.declined webhook',
    ]);
    expect(await outbox(onlyDukcapil)).toEqual([
      'access_request.submitted email admin@kominfo.test',
      'access_request.submitted webhook',
      'access_request.rejected email budi@startup.test',
      'access_request.rejected webhook',
    ]);
  });

  it('counts a held cross-agency change for the owning agency’s publishers until the owner decides', async () => {
    const schema = (await readFile(new URL('../access/fixtures/dinkes.graphql', import.meta.url), 'utf8'))
      .replace('import: ["@key", "@tag"]', 'import: ["@key", "@tag", "@override"]')
      .replace('  statusVaksinasi: String\n', '  statusVaksinasi: String\n  nama: String! @override(from: "dukcapil")\n');
    const held = await h.call(h.publisherB, 'POST', '/v1/subgraphs/publish', {
      name: 'dinkes',
      theme: 'kesehatan',
      routingUrl: 'http://127.0.0.1:4102/graphql',
      schema,
    });
    expect(held.status).toBe(202);
    const changeId = held.body.changeId as string;
    expect(await inbox(h.publisherA)).toEqual({ 'access_requests.awaiting_grant': 0, 'cross_agency_changes.awaiting_consent': 1 });
    // The requesting agency waits on the owner; it has nothing to act on.
    expect(await inbox(h.publisherB)).toMatchObject({ 'cross_agency_changes.awaiting_consent': 0 });
    expect(await outbox(changeId)).toEqual(['cross_agency_change.requested email ani@dukcapil.test', 'cross_agency_change.requested webhook']);

    const declined = await h.call(h.publisherA, 'POST', `/v1/cross-agency-changes/${changeId}/decline`, { reason: 'Nama hanya dari Dukcapil' });
    expect(declined.status).toBe(200);
    expect(await inbox(h.publisherA)).toMatchObject({ 'cross_agency_changes.awaiting_consent': 0 });
  });

  it('answers a console session (cookie) as it answers a token, and a mark through the session needs its CSRF token', async () => {
    const created = await h.call(h.admin, 'POST', '/v1/admin/users', {
      name: 'Sari Pemohon',
      email: 'sari@bappeda.test',
      role: 'requester',
      agency: 'bappeda',
      password: 'kata-sandi-konsol-panjang',
    });
    expect(created.status).toBe(201);
    const signedIn = await fetch(`${h.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sari@bappeda.test', password: 'kata-sandi-konsol-panjang' }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };

    const inbox = await fetch(`${h.url}/v1/inbox`, { headers: { cookie } });
    expect(inbox.status).toBe(200);
    expect(await inbox.json()).toEqual({ items: [{ kind: 'access_requests.decided', count: 0, href: '/console/pemohon/permohonan' }], total: 0 });
    const mark = (headers: Record<string, string>) =>
      fetch(`${h.url}/v1/inbox/seen`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ kind: 'access_requests.decided' }),
      });
    const withoutCsrf = await mark({});
    expect(withoutCsrf.status).toBe(403);
    expect(((await withoutCsrf.json()) as { code: string }).code).toBe('CSRF_INVALID');
    expect((await mark({ 'x-csrf-token': csrfToken })).status).toBe(204);
  });

  it('refuses what is not the caller’s to mark, an unknown kind, and a caller without a token', async () => {
    const notRequester = await h.call(h.admin, 'POST', '/v1/inbox/seen', { kind: 'access_requests.decided' });
    expect(notRequester.status).toBe(400);
    expect(notRequester.body.code).toBe('BAD_REQUEST');
    const unknown = await h.call(h.requester, 'POST', '/v1/inbox/seen', { kind: 'access_requests.awaiting_approval' });
    expect(unknown.status).toBe(400);
    const extra = await h.call(h.requester, 'POST', '/v1/inbox/seen', { kind: 'access_requests.decided', userId: h.otherRequester.id });
    expect(extra.status).toBe(400);
    expect((await h.call(null, 'GET', '/v1/inbox')).status).toBe(401);
    expect((await h.call(h.publisherA, 'GET', '/v1/admin/notifications')).status).toBe(403);
    expect((await h.call(h.requester, 'GET', '/v1/admin/notifications?status=failed')).status).toBe(403);
    const badStatus = await h.call(h.admin, 'GET', '/v1/admin/notifications?status=lost');
    expect(badStatus.status).toBe(400);
  });
});
