/**
 * Every bad input and every move outside a role's part of the procedure is refused with a clear 4xx,
 * and leaves the state as it was: requesters do not decide, publishers do not approve nor touch
 * another agency's fields, evaluators only read, and no one sees another requester's requests.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessRequestItems,
  accessRequests,
  adminTrail,
  clients,
  credentials,
  grants,
} from '../../drizzle/schema/index.ts';
import { GRAPH, daysFromNow, startHarness } from './harness.ts';
import type { ClientJson, GrantJson, Harness, Identity, ItemJson } from './harness.ts';

describe('refusals of the access workflow', () => {
  let h: Harness;
  let clientId: string;
  let otherClientId: string;

  const submit = (who: Identity, body: Record<string, unknown>) =>
    h.call(who, 'POST', '/v1/access-requests', {
      clientId,
      graph: GRAPH,
      coordinates: ['Query.penduduk', 'Penduduk.nama', 'Query.fasilitasKesehatan'],
      purpose: 'Analisis layanan publik terpadu',
      legalBasis: 'Perwali Baubau 32/2024 Pasal 7',
      periodStart: daysFromNow(-1),
      periodEnd: daysFromNow(30),
      ...body,
    });

  async function newRequest(
    coordinates = ['Query.penduduk', 'Penduduk.nama', 'Query.fasilitasKesehatan'],
  ): Promise<string> {
    const response = await submit(h.requester, { coordinates });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async function approved(coordinates?: string[]): Promise<string> {
    const id = await newRequest(coordinates);
    expect(
      (await h.call(h.admin, 'POST', `/v1/access-requests/${id}/approve`, { reason: 'Sesuai ketentuan' }))
        .status,
    ).toBe(200);
    return id;
  }

  /** What a refused move must leave untouched: the request as the administrator sees it. */
  const snapshot = async (id: string) => (await h.call(h.admin, 'GET', `/v1/access-requests/${id}`)).body;
  const trailLength = async () => (await h.database.db.select({ n: count() }).from(adminTrail))[0]?.n;

  beforeAll(async () => {
    h = await startHarness();
    clientId = (
      await h.call(h.requester, 'POST', '/v1/clients', {
        name: 'Dasbor Bappeda',
        contact: 'rina@bappeda.test',
      })
    ).body.id;
    otherClientId = (
      await h.call(h.otherRequester, 'POST', '/v1/clients', {
        name: 'Aplikasi Startup',
        contact: 'budi@startup.test',
      })
    ).body.id;
  });
  afterAll(async () => {
    await h.close();
  });

  describe('registering a client', () => {
    it('is for requesters only', async () => {
      for (const who of [h.publisherA, h.admin, h.evaluator]) {
        const response = await h.call(who, 'POST', '/v1/clients', { name: 'Aplikasi', contact: 'x@y.test' });
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
      expect(
        (await h.call(null, 'POST', '/v1/clients', { name: 'Aplikasi', contact: 'x@y.test' })).status,
      ).toBe(401);
    });

    it('cannot be done in another agency’s name', async () => {
      const before = (await h.database.db.select({ n: count() }).from(clients))[0]?.n;
      const response = await h.call(h.requester, 'POST', '/v1/clients', {
        name: 'Palsu',
        agency: 'dinkes',
        contact: 'x@y.test',
      });
      expect(response.status).toBe(403);
      expect(response.body.message).toContain('perangkat daerah Anda sendiri');
      expect((await h.database.db.select({ n: count() }).from(clients))[0]?.n).toBe(before);
    });

    it('records an external requester’s organization', async () => {
      const listed = await h.call(h.otherRequester, 'GET', '/v1/clients');
      expect(listed.body).toEqual([
        expect.objectContaining({ id: otherClientId, agency: null, organization: 'PT Startup' }),
      ]);
    });

    it('shows a requester only its own clients', async () => {
      expect((await h.call(h.requester, 'GET', '/v1/clients')).body.map((c: ClientJson) => c.id)).toEqual([
        clientId,
      ]);
      expect((await h.call(h.otherRequester, 'GET', `/v1/clients/${clientId}`)).status).toBe(403);
      expect(
        (await h.call(h.requester, 'GET', '/v1/clients/00000000-0000-4000-8000-000000000000')).status,
      ).toBe(404);
    });
  });

  describe('submitting a request', () => {
    let requestsBefore: number | undefined;
    let itemsBefore: number | undefined;
    beforeAll(async () => {
      requestsBefore = (await h.database.db.select({ n: count() }).from(accessRequests))[0]?.n;
      itemsBefore = (await h.database.db.select({ n: count() }).from(accessRequestItems))[0]?.n;
    });

    it('refuses an empty list of fields', async () => {
      const response = await submit(h.requester, { coordinates: [] });
      expect(response.status).toBe(400);
      expect(response.body.details.fields[0].path).toBe('body.coordinates');
    });

    it('refuses a field that is not in the graph’s schema, naming it', async () => {
      const response = await submit(h.requester, {
        coordinates: ['Query.penduduk', 'Penduduk.gaji', 'TidakAda.x', 'penduduk'],
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details).toEqual({
        malformed: ['penduduk'],
        unknown: ['Penduduk.gaji', 'TidakAda.x'],
      });
      expect(response.body.message).toContain('Penduduk.gaji');
    });

    it('refuses a field the interface does not have, a wildcard on an unknown type, and a field wildcard', async () => {
      const response = await submit(h.requester, { coordinates: ['Layanan.nama', 'TidakAda.*', 'Penduduk.nik*', '**'] });
      expect(response.status).toBe(422);
      expect(response.body.details).toEqual({ malformed: ['**', 'Penduduk.nik*'], unknown: ['Layanan.nama', 'TidakAda.*'] });
    });

    it('refuses a period that ends before it starts, or has ended', async () => {
      const backwards = await submit(h.requester, {
        periodStart: daysFromNow(10),
        periodEnd: daysFromNow(5),
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.messageEn).toContain('end after it starts');
      const over = await submit(h.requester, { periodStart: daysFromNow(-10), periodEnd: daysFromNow(-5) });
      expect(over.status).toBe(400);
    });

    it('refuses an unknown graph or client', async () => {
      expect((await submit(h.requester, { graph: 'tidak-ada' })).status).toBe(404);
      expect((await submit(h.requester, { clientId: '00000000-0000-4000-8000-000000000000' })).status).toBe(
        404,
      );
    });

    it('refuses a client that is not the requester’s', async () => {
      const response = await submit(h.requester, { clientId: otherClientId });
      expect(response.status).toBe(403);
      expect(response.body.messageEn).toContain('not yours');
    });

    it('is for requesters only', async () => {
      for (const who of [h.publisherA, h.admin, h.evaluator])
        expect((await submit(who, {})).status).toBe(403);
    });

    it('stored nothing for any of the refused requests', async () => {
      expect((await h.database.db.select({ n: count() }).from(accessRequests))[0]?.n).toBe(requestsBefore);
      expect((await h.database.db.select({ n: count() }).from(accessRequestItems))[0]?.n).toBe(itemsBefore);
    });
  });

  describe('shorthands in a request', () => {
    it('stores an interface field as the same field of every implementation, with its owners', async () => {
      const response = await submit(h.requester, { coordinates: ['Layanan.kode'] });
      expect(response.status).toBe(201);
      expect(response.body.items.map((item: ItemJson) => [item.coordinate, item.agency.slug])).toEqual([
        ['FasilitasKesehatan.kode', 'dinkes'],
      ]);
    });

    it('stores Type.* and * as the explicit list they stand for', async () => {
      const byType = await submit(h.requester, { coordinates: ['Penduduk.*'] });
      expect(byType.status).toBe(201);
      expect(byType.body.items.map((item: ItemJson) => [item.coordinate, item.agency.slug])).toEqual([
        ['Penduduk.fasilitasTerdaftar', 'dinkes'],
        ['Penduduk.kecamatan', 'disdukcapil'],
        ['Penduduk.nama', 'disdukcapil'],
        ['Penduduk.nik', 'dinkes'],
        ['Penduduk.nik', 'disdukcapil'],
        ['Penduduk.statusVaksinasi', 'dinkes'],
        ['Penduduk.tanggalLahir', 'disdukcapil'],
      ]);
      const everything = await submit(h.requester, { coordinates: ['*'] });
      expect(everything.status).toBe(201);
      const coordinates = [...new Set(everything.body.items.map((item: ItemJson) => item.coordinate))];
      expect(coordinates).toEqual([
        'FasilitasKesehatan.kecamatan',
        'FasilitasKesehatan.kode',
        'FasilitasKesehatan.nama',
        'Penduduk.fasilitasTerdaftar',
        'Penduduk.kecamatan',
        'Penduduk.nama',
        'Penduduk.nik',
        'Penduduk.statusVaksinasi',
        'Penduduk.tanggalLahir',
        'Query.fasilitasKesehatan',
        'Query.jumlahPenduduk',
        'Query.penduduk',
      ]);
    });
  });

  describe('who sees which requests', () => {
    it('keeps a requester’s requests from other requesters', async () => {
      const id = await newRequest();
      const peek = await h.call(h.otherRequester, 'GET', `/v1/access-requests/${id}`);
      expect(peek.status).toBe(403);
      expect((await h.call(h.otherRequester, 'GET', '/v1/access-requests')).body).toEqual([]);
      expect(
        (await h.call(h.otherRequester, 'GET', `/v1/access-requests?clientId=${clientId}`)).body,
      ).toEqual([]);
    });

    it('shows a publisher only requests touching its agency, and only its part', async () => {
      const onlyA = await newRequest(['Penduduk.nama']);
      expect((await h.call(h.publisherB, 'GET', `/v1/access-requests/${onlyA}`)).status).toBe(403);
      const both = await newRequest();
      const seenByB = (await h.call(h.publisherB, 'GET', `/v1/access-requests/${both}`)).body;
      expect(seenByB.items.map((item: ItemJson) => item.coordinate)).toEqual(['Query.fasilitasKesehatan']);
    });

    it('lets an evaluator read everything', async () => {
      const id = await newRequest();
      expect((await h.call(h.evaluator, 'GET', `/v1/access-requests/${id}`)).status).toBe(200);
      expect((await h.call(h.evaluator, 'GET', '/v1/access-requests')).body.length).toBeGreaterThan(0);
      expect((await h.call(h.evaluator, 'GET', `/v1/clients/${clientId}/credentials`)).status).toBe(200);
    });
  });

  describe('the administrator’s decision', () => {
    it('cannot be taken by a publisher, a requester or an evaluator', async () => {
      const id = await newRequest();
      const before = await snapshot(id);
      const trail = await trailLength();
      for (const who of [h.publisherA, h.requester, h.evaluator]) {
        for (const verb of ['approve', 'reject']) {
          const response = await h.call(who, 'POST', `/v1/access-requests/${id}/${verb}`, {
            reason: 'Saya setuju',
          });
          expect(response.status).toBe(403);
        }
      }
      expect(await snapshot(id)).toEqual(before);
      expect(before.status).toBe('pending');
      expect(await trailLength()).toBe(trail);
    });

    it('requires a reason', async () => {
      const id = await newRequest();
      expect((await h.call(h.admin, 'POST', `/v1/access-requests/${id}/approve`, {})).status).toBe(400);
      expect(
        (await h.call(h.admin, 'POST', `/v1/access-requests/${id}/reject`, { reason: '   ' })).status,
      ).toBe(400);
      expect((await snapshot(id)).status).toBe('pending');
    });

    it('is taken once: approving twice, or rejecting an approved request, is a conflict', async () => {
      const id = await approved();
      const twice = await h.call(h.admin, 'POST', `/v1/access-requests/${id}/approve`, { reason: 'Lagi' });
      expect(twice.status).toBe(409);
      expect(twice.body.details).toEqual({ status: 'approved' });
      expect(
        (await h.call(h.admin, 'POST', `/v1/access-requests/${id}/reject`, { reason: 'Berubah pikiran' }))
          .status,
      ).toBe(409);
      expect((await snapshot(id)).approval.reason).toBe('Sesuai ketentuan');
    });

    it('rejection is final, and nothing can be granted on a rejected request', async () => {
      const id = await newRequest();
      const rejected = await h.call(h.admin, 'POST', `/v1/access-requests/${id}/reject`, {
        reason: 'Tujuan tidak jelas',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body.status).toBe('rejected');
      const approve = await h.call(h.admin, 'POST', `/v1/access-requests/${id}/approve`, {
        reason: 'Coba lagi',
      });
      expect(approve.status).toBe(409);
      expect(approve.body.messageEn).toContain('rejection is final');
      const grant = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, {
        reason: 'Boleh',
      });
      expect(grant.status).toBe(409);
      const seen = (await h.call(h.requester, 'GET', `/v1/access-requests/${id}`)).body;
      expect(seen).toMatchObject({
        status: 'rejected',
        approval: { decision: 'rejected', reason: 'Tujuan tidak jelas' },
        grants: [],
      });
    });

    it('returns 404 for an unknown request', async () => {
      const response = await h.call(
        h.admin,
        'POST',
        '/v1/access-requests/00000000-0000-4000-8000-000000000000/approve',
        { reason: 'x' },
      );
      expect(response.status).toBe(404);
    });
  });

  describe('the publisher’s grant', () => {
    it('cannot be given before approval', async () => {
      const id = await newRequest();
      const response = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, {
        reason: 'Boleh',
      });
      expect(response.status).toBe(409);
      expect(response.body.messageEn).toContain('has not been approved');
      expect((await snapshot(id)).grants).toEqual([]);
    });

    it('cannot be given by a requester, an administrator or an evaluator', async () => {
      const id = await approved();
      const before = await snapshot(id);
      for (const who of [h.requester, h.admin, h.evaluator]) {
        expect(
          (await h.call(who, 'POST', `/v1/access-requests/${id}/grant`, { reason: 'Boleh' })).status,
        ).toBe(403);
        expect(
          (await h.call(who, 'POST', `/v1/access-requests/${id}/decline`, { reason: 'Tidak' })).status,
        ).toBe(403);
      }
      expect(await snapshot(id)).toEqual(before);
    });

    it('cannot touch another agency’s fields', async () => {
      const id = await approved();
      const before = await snapshot(id);
      const response = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, {
        coordinates: ['Penduduk.nama', 'Query.fasilitasKesehatan'],
        reason: 'Sekalian',
      });
      expect(response.status).toBe(403);
      expect(response.body.details).toEqual({ coordinates: ['Query.fasilitasKesehatan'] });
      expect(await snapshot(id)).toEqual(before);
      expect(await h.database.db.select().from(grants).where(eq(grants.requestId, id))).toEqual([]);
    });

    it('cannot be given by an agency the request does not touch', async () => {
      const id = await approved(['Penduduk.nama']);
      const before = await snapshot(id);
      expect(
        (await h.call(h.publisherB, 'POST', `/v1/access-requests/${id}/grant`, { reason: 'Boleh' })).status,
      ).toBe(403);
      expect(
        (await h.call(h.publisherB, 'POST', `/v1/access-requests/${id}/decline`, { reason: 'Tidak' })).status,
      ).toBe(403);
      expect(await snapshot(id)).toEqual(before);
    });

    it('refuses fields the request did not ask for, and a window outside the request period', async () => {
      const id = await approved();
      const notAsked = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, {
        coordinates: ['Penduduk.tanggalLahir'],
        reason: 'Boleh',
      });
      expect(notAsked.status).toBe(400);
      const outside = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, {
        reason: 'Boleh',
        endsAt: daysFromNow(365),
      });
      expect(outside.status).toBe(400);
      expect(outside.body.messageEn).toContain('within the request period');
      const noReason = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, {});
      expect(noReason.status).toBe(400);
      expect((await snapshot(id)).agencyDecisions).toEqual([]);
    });

    it('is decided once per agency', async () => {
      const id = await approved();
      expect(
        (await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, { reason: 'Boleh' })).status,
      ).toBe(200);
      const again = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, { reason: 'Lagi' });
      expect(again.status).toBe(409);
      expect(
        (await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/decline`, { reason: 'Batal' })).status,
      ).toBe(409);
      const rows = await h.database.db.select().from(grants).where(eq(grants.requestId, id));
      expect(rows.map((row) => row.coordinate).sort()).toEqual(['Penduduk.nama', 'Query.penduduk']);
    });

    it('honours a narrower window within the period', async () => {
      const id = await approved(['Penduduk.nama']);
      const startsAt = daysFromNow(2);
      const endsAt = daysFromNow(10);
      const response = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, {
        reason: 'Boleh',
        startsAt,
        endsAt,
      });
      expect(response.status).toBe(200);
      expect(response.body.grants).toEqual([
        expect.objectContaining({ startsAt, endsAt, state: 'scheduled' }),
      ]);
    });
  });

  describe('revocation', () => {
    let grantId: string;
    beforeAll(async () => {
      const id = await approved(['Penduduk.kecamatan']);
      const granted = await h.call(h.publisherA, 'POST', `/v1/access-requests/${id}/grant`, {
        reason: 'Boleh',
      });
      grantId = granted.body.grants[0].id;
    });

    it('cannot be done by another agency’s publisher, the requester or an evaluator', async () => {
      const version = (await h.call(h.requester, 'GET', `/v1/clients/${clientId}`)).body.grantsVersion;
      for (const who of [h.publisherB, h.requester, h.evaluator]) {
        expect((await h.call(who, 'POST', `/v1/grants/${grantId}/revoke`, { reason: 'Cabut' })).status).toBe(
          403,
        );
      }
      const [row] = await h.database.db.select().from(grants).where(eq(grants.id, grantId));
      expect(row?.revokedAt).toBeNull();
      expect((await h.call(h.requester, 'GET', `/v1/clients/${clientId}`)).body.grantsVersion).toBe(version);
    });

    it('requires a reason, is done by an administrator too, and only once', async () => {
      expect((await h.call(h.admin, 'POST', `/v1/grants/${grantId}/revoke`, {})).status).toBe(400);
      const revoked = await h.call(h.admin, 'POST', `/v1/grants/${grantId}/revoke`, {
        reason: 'Audit menemukan penyalahgunaan',
      });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedBy.name).toBe('Admin Kominfo');
      expect(
        (await h.call(h.publisherA, 'POST', `/v1/grants/${grantId}/revoke`, { reason: 'Lagi' })).status,
      ).toBe(409);
      expect(
        (
          await h.call(h.admin, 'POST', '/v1/grants/00000000-0000-4000-8000-000000000000/revoke', {
            reason: 'x',
          })
        ).status,
      ).toBe(404);
    });

    it('lists grants by scope', async () => {
      expect((await h.call(h.otherRequester, 'GET', '/v1/grants')).body).toEqual([]);
      const forB = (await h.call(h.publisherB, 'GET', '/v1/grants')).body;
      expect(forB.every((grant: GrantJson) => grant.agency.slug === 'dinkes')).toBe(true);
      const current = (await h.call(h.requester, 'GET', '/v1/grants?current=true')).body;
      expect(current.some((grant: GrantJson) => grant.id === grantId)).toBe(false);
    });
  });

  describe('credentials', () => {
    it('cannot be taken for a client without grants', async () => {
      const response = await h.call(h.otherRequester, 'POST', `/v1/clients/${otherClientId}/credentials`, {
        label: 'uji',
      });
      expect(response.status).toBe(409);
      expect(response.body.messageEn).toContain('no current grant');
    });

    it('are only for the client’s own requester', async () => {
      const before = (await h.database.db.select({ n: count() }).from(credentials))[0]?.n;
      expect(
        (await h.call(h.otherRequester, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'curian' }))
          .status,
      ).toBe(403);
      for (const who of [h.publisherA, h.admin, h.evaluator]) {
        expect(
          (await h.call(who, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'x' })).status,
        ).toBe(403);
      }
      expect((await h.call(h.otherRequester, 'GET', `/v1/clients/${clientId}/credentials`)).status).toBe(403);
      expect((await h.call(h.publisherA, 'GET', `/v1/clients/${clientId}/credentials`)).status).toBe(403);
      expect((await h.database.db.select({ n: count() }).from(credentials))[0]?.n).toBe(before);
    });

    it('refuse an expiry in the past', async () => {
      const response = await h.call(h.requester, 'POST', `/v1/clients/${clientId}/credentials`, {
        label: 'x',
        expiresAt: daysFromNow(-1),
      });
      expect(response.status).toBe(400);
    });

    it('are revoked by their requester, once, and not by another requester', async () => {
      const issued = await h.call(h.requester, 'POST', `/v1/clients/${clientId}/credentials`, {
        label: 'rotasi',
      });
      expect(issued.status).toBe(201);
      const path = `/v1/clients/${clientId}/credentials/${issued.body.credential.id}/revoke`;
      expect((await h.call(h.otherRequester, 'POST', path, { reason: 'iseng' })).status).toBe(403);
      expect((await h.call(h.publisherA, 'POST', path, {})).status).toBe(403);
      const revoked = await h.call(h.requester, 'POST', path, { reason: 'Rotasi kunci' });
      expect(revoked.status).toBe(200);
      expect(revoked.body.state).toBe('revoked');
      expect((await h.call(h.requester, 'POST', path, {})).status).toBe(409);
    });
  });
});
