/**
 * A field served by the subgraphs of two agencies — here the entity key `Penduduk.nik`, in both
 * Disdukcapil's and Dinkes's subgraph — is attributed to both, and is accessible only while both
 * have granted it: the query planner may fetch it from either subgraph.
 *
 * This needs one item per (request, coordinate, agency). Until the migration that replaces the
 * unique constraint on access_request_items(request_id, coordinate) with one on
 * (request_id, coordinate, agency_id) lands, this suite applies that change itself, idempotently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrantStore } from '../../lib/feed/grantStore.ts';
import type { GrantStore } from '../../lib/feed/grantStore.ts';
import { GRAPH, daysFromNow, startHarness } from './harness.ts';
import type { GrantJson, Harness, ItemJson } from './harness.ts';

describe('fields served by several agencies', () => {
  let h: Harness;
  let store: GrantStore;
  let clientId: string;

  const ask = async () => {
    const submitted = await h.call(h.requester, 'POST', '/v1/access-requests', {
      clientId,
      graph: GRAPH,
      coordinates: ['Penduduk.nik', 'Penduduk.statusVaksinasi'],
      purpose: 'Pemantauan cakupan vaksinasi per penduduk',
      legalBasis: 'Perbup Pacitan 138/2023 Pasal 5',
      periodStart: daysFromNow(-1),
      periodEnd: daysFromNow(30),
    });
    expect(submitted.status).toBe(201);
    expect(
      (
        await h.call(h.admin, 'POST', `/v1/access-requests/${submitted.body.id}/approve`, {
          reason: 'Sesuai',
        })
      ).status,
    ).toBe(200);
    return submitted.body;
  };

  beforeAll(async () => {
    h = await startHarness();
    store = createGrantStore(h.database, { pollIntervalMs: 0, versionReuseMs: 0 });
    clientId = (
      await h.call(h.requester, 'POST', '/v1/clients', {
        name: 'Dasbor Vaksinasi',
        contact: 'rina@bappeda.test',
      })
    ).body.id;
  });
  afterAll(async () => {
    await store.close();
    await h.close();
  });

  it('attributes a shared entity key to every agency serving it', async () => {
    const request = await ask();
    expect(request.items.map((item: ItemJson) => [item.coordinate, item.agency.slug])).toEqual([
      ['Penduduk.nik', 'dinkes'],
      ['Penduduk.nik', 'disdukcapil'],
      ['Penduduk.statusVaksinasi', 'dinkes'],
    ]);
  });

  it('opens the shared field only when every owner has granted it, and closes it when one revokes', async () => {
    const request = await ask();
    const byB = await h.call(h.publisherB, 'POST', `/v1/access-requests/${request.id}/grant`, {
      reason: 'Untuk pemantauan',
    });
    expect(byB.status).toBe(200);
    expect([...(await store.grantSet(clientId, GRAPH)).coordinates]).toEqual(['Penduduk.statusVaksinasi']);

    const byA = await h.call(h.publisherA, 'POST', `/v1/access-requests/${request.id}/grant`, {
      reason: 'NIK sebagai kunci',
    });
    expect(byA.status).toBe(200);
    expect([...(await store.grantSet(clientId, GRAPH)).coordinates].sort()).toEqual([
      'Penduduk.nik',
      'Penduduk.statusVaksinasi',
    ]);

    const nikOfA = byA.body.grants.find((grant: GrantJson) => grant.coordinate === 'Penduduk.nik');
    expect(
      (
        await h.call(h.publisherA, 'POST', `/v1/grants/${nikOfA.id}/revoke`, {
          reason: 'Cukup kunci internal',
        })
      ).status,
    ).toBe(200);
    expect([...(await store.grantSet(clientId, GRAPH)).coordinates]).toEqual(['Penduduk.statusVaksinasi']);
  });

  it('keeps the shared field closed when one owner declines', async () => {
    const request = await ask();
    await h.call(h.publisherA, 'POST', `/v1/access-requests/${request.id}/decline`, {
      reason: 'NIK tidak dibagikan',
    });
    await h.call(h.publisherB, 'POST', `/v1/access-requests/${request.id}/grant`, { reason: 'Boleh' });
    const view = (await h.call(h.requester, 'GET', `/v1/access-requests/${request.id}`)).body;
    expect(view.items.map((item: ItemJson) => [item.coordinate, item.agency.slug, item.status])).toEqual([
      ['Penduduk.nik', 'dinkes', 'granted'],
      ['Penduduk.nik', 'disdukcapil', 'declined'],
      ['Penduduk.statusVaksinasi', 'dinkes', 'granted'],
    ]);
    const rows = (await h.call(h.admin, 'GET', `/v1/grants?clientId=${clientId}&current=true`)).body;
    expect(
      rows
        .filter((grant: GrantJson) => grant.requestId === request.id)
        .map((grant: GrantJson) => grant.coordinate)
        .sort(),
    ).toEqual(['Penduduk.nik', 'Penduduk.statusVaksinasi']);
    // Dinkes's consent alone does not open a field Disdukcapil also serves.
    const set = await store.grantSet(clientId, GRAPH);
    expect(set.coordinates.has('Penduduk.nik')).toBe(false);
  });
});
