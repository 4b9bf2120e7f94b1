/**
 * A coordinate served by several subgraphs (a shared entity field) carries the strictest of their
 * classifications, ranked publik < terbatas < rahasia, not by name ("terbatas" sorts after "rahasia"
 * as text), and the evaluator's statistics and a publisher's field usage agree on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wibMidnight } from '../../registry/evaluation/range.ts';
import { generateLogRows, insertLogRows, seedLogWorld, type WorldSpec } from '../support/generateLogRows.ts';
import { startTestRegistry, type Identity, type TestRegistry } from '../support/registry.ts';
import { query } from './fixture.ts';

const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';
const SPEC: WorldSpec = {
  agencies: [
    {
      slug: 'disdukcapil',
      name: DUKCAPIL,
      subgraph: 'dukcapil',
      theme: 'kependudukan',
      fields: [
        { coordinate: 'Query.penduduk', classification: 'terbatas', personalData: true },
        { coordinate: 'Penduduk.nik', classification: 'terbatas', personalData: true },
        { coordinate: 'Penduduk.nama', classification: 'publik' },
      ],
    },
    // The same agency's second subgraph serves two of the fields, one more strictly.
    {
      slug: 'disdukcapil',
      name: DUKCAPIL,
      subgraph: 'dukcapil-arsip',
      theme: 'kependudukan',
      fields: [
        { coordinate: 'Penduduk.nik', classification: 'rahasia', personalData: true },
        { coordinate: 'Penduduk.nama', classification: 'terbatas' },
      ],
    },
    // Another agency serves the shared entity's name as secret.
    { slug: 'dinkes', name: 'Dinas Kesehatan', subgraph: 'kesehatan', theme: 'kesehatan', fields: [{ coordinate: 'Penduduk.nama', classification: 'rahasia' }] },
  ],
  operations: [
    {
      name: 'CariPenduduk',
      graph: 'kependudukan',
      subgraphs: ['dukcapil'],
      coordinates: ['Query.penduduk', 'Penduduk.nik', 'Penduduk.nama'],
      variable: 'nik',
      forbidden: 'Penduduk.alamat',
    },
  ],
  clients: [
    { key: 'bansos', name: 'Aplikasi Bansos', organization: 'Dinas Sosial', operations: ['CariPenduduk'], dailyRequests: 20, offHoursShare: 0, deniedShare: 0.1, errorShare: 0 },
  ],
};
const FROM = '2025-01-06';
const TO = '2025-01-08';

let registry: TestRegistry;
let evaluator: Identity;

beforeAll(async () => {
  registry = await startTestRegistry();
  const from = wibMidnight(FROM);
  const to = wibMidnight('2025-01-09');
  const world = await seedLogWorld(registry.database.db, SPEC, { from, to });
  await insertLogRows(registry.database.db, generateLogRows({ world, from, to, secret: 'kunci-uji', seed: 3, identifierPool: 20, chained: true }));
  const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Evi Inspektorat', email: 'evi@inspektorat.test', role: 'evaluator' }, 201);
  evaluator = { id: created.user.id, token: created.token.token };
});

afterAll(async () => {
  await registry?.close();
});

describe('the strictest classification of a field served by several subgraphs', () => {
  it("is shown in the evaluator's statistics per field: rahasia over terbatas and publik", async () => {
    const stats = await registry.call<{ rows: { key: string; classification: string | null }[] }>(
      evaluator,
      'GET',
      `/v1/log/stats${query({ from: FROM, to: TO, groupBy: 'field', limit: 100 })}`,
    );
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    const classification = Object.fromEntries(stats.body.rows.map((row) => [row.key, row.classification]));
    expect(classification).toMatchObject({
      'Query.penduduk': 'terbatas',
      // terbatas (dukcapil) and rahasia (dukcapil-arsip): by name, terbatas would win.
      'Penduduk.nik': 'rahasia',
      // publik, terbatas (disdukcapil) and rahasia (dinkes).
      'Penduduk.nama': 'rahasia',
      // Refused only, served by no subgraph: no classification.
      'Penduduk.alamat': null,
    });
  });

  it("is the one a publisher's field usage shows for its own subgraphs, by the same ranking", async () => {
    const usage = await registry.call<{ fields: { coordinate: string; classification: string }[] }>(
      evaluator,
      'GET',
      `/v1/field-usage${query({ agency: 'disdukcapil', from: FROM, to: TO })}`,
    );
    expect(usage.status, JSON.stringify(usage.body)).toBe(200);
    expect(Object.fromEntries(usage.body.fields.map((field) => [field.coordinate, field.classification]))).toEqual({
      'Penduduk.nama': 'terbatas',
      'Penduduk.nik': 'rahasia',
      'Query.penduduk': 'terbatas',
    });
  });
});
