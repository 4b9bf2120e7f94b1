import { describe, expect, it } from 'vitest';
import { checkProtectedFields, diffSchemas } from '../../../registry/checks/index.ts';
import { sdl } from './fixtures.ts';
import { inMemoryProtection } from './protection.ts';

const v1 = sdl('penduduk.v1');

const grants = [
  { coordinate: 'Penduduk.tanggalLahir', clientId: 'c-bansos', clientName: 'Aplikasi Bansos Dinsos' },
  { coordinate: 'Penduduk.tanggalLahir', clientId: 'c-rsud', clientName: 'SIMRS RSUD' },
  { coordinate: 'Penduduk.nama', clientId: 'c-bansos', clientName: 'Aplikasi Bansos Dinsos' },
  { coordinate: 'StatistikKecamatan.jumlahPenduduk', clientId: 'c-bappeda', clientName: 'Dasbor Bappeda' },
];
const traffic = [
  { coordinate: 'Penduduk.tanggalLahir', count: 1200, clients: ['SIMRS RSUD', 'SPLP Nasional'] },
  { coordinate: 'Query.cariPenduduk', count: 45, clients: ['Aplikasi Bansos Dinsos'] },
  { coordinate: 'Alamat.kodePos', count: 0, clients: [] },
];

describe('checkProtectedFields', () => {
  it('refuses removing a field with active grants and recent traffic, naming every requester', async () => {
    const { sources, calls } = inMemoryProtection(grants, traffic, 30);
    const violations = await checkProtectedFields(
      await diffSchemas(v1, sdl('breaking/field-removed')),
      sources,
    );
    expect(violations).toHaveLength(1);
    const [violation] = violations;
    expect(violation).toMatchObject({
      coordinate: 'Penduduk.tanggalLahir',
      change: { type: 'FIELD_REMOVED', coordinate: 'Penduduk.tanggalLahir' },
      grants: [
        { clientId: 'c-bansos', clientName: 'Aplikasi Bansos Dinsos' },
        { clientId: 'c-rsud', clientName: 'SIMRS RSUD' },
      ],
      traffic: { count: 1200, clients: ['SIMRS RSUD', 'SPLP Nasional'], sinceDays: 30 },
      requesters: ['Aplikasi Bansos Dinsos', 'SIMRS RSUD', 'SPLP Nasional'],
    });
    expect(violation?.message.id).toBe(
      "Perubahan yang memutus kompatibilitas menyentuh field 'Penduduk.tanggalLahir' yang masih diberikan aksesnya kepada " +
        'Aplikasi Bansos Dinsos, SIMRS RSUD dan diakses 1200 kali dalam 30 hari terakhir oleh SIMRS RSUD, SPLP Nasional. ' +
        "(Field 'Penduduk.tanggalLahir' dihapus)",
    );
    expect(violation?.message.en).toContain('is still granted to Aplikasi Bansos Dinsos, SIMRS RSUD');
    expect(calls.grants).toEqual([['Penduduk.tanggalLahir']]);
    expect(calls.traffic).toEqual([{ coordinates: ['Penduduk.tanggalLahir'], sinceDays: 30 }]);
  });

  it('refuses a breaking change to a field that only has recent traffic (e.g. a grant just revoked)', async () => {
    const { sources } = inMemoryProtection([], traffic);
    const violations = await checkProtectedFields(
      await diffSchemas(v1, sdl('breaking/argument-removed')),
      sources,
    );
    expect(violations).toEqual([
      expect.objectContaining({
        coordinate: 'Query.cariPenduduk',
        grants: [],
        traffic: { count: 45, clients: ['Aplikasi Bansos Dinsos'], sinceDays: 30 },
        requesters: ['Aplikasi Bansos Dinsos'],
      }),
    ]);
  });

  it('protects every field of a removed type', async () => {
    const { sources } = inMemoryProtection(grants, []);
    const violations = await checkProtectedFields(
      await diffSchemas(v1, sdl('breaking/type-removed')),
      sources,
    );
    expect(
      violations.map((violation) => [violation.change.type, violation.coordinate, violation.requesters]),
    ).toEqual([['TYPE_REMOVED', 'StatistikKecamatan.jumlahPenduduk', ['Dasbor Bappeda']]]);
  });

  it('protects the fields that use a changed enum', async () => {
    const { sources } = inMemoryProtection([], traffic);
    const violations = await checkProtectedFields(
      await diffSchemas(v1, sdl('breaking/enum-value-removed')),
      sources,
    );
    expect(violations.map((violation) => violation.coordinate)).toEqual(['Query.cariPenduduk']);
  });

  it('lets a breaking change through when nobody holds a grant or called the field', async () => {
    const { sources } = inMemoryProtection(grants, traffic);
    const changes = await diffSchemas(v1, sdl('breaking/argument-nullability-tightened'));
    expect(changes.map((change) => change.affectedCoordinates)).toEqual([['Query.statistikKecamatan']]);
    expect(await checkProtectedFields(changes, sources)).toEqual([]);
  });

  it('does not count an entry with zero calls as traffic', async () => {
    const { sources } = inMemoryProtection([], traffic);
    const changes = await diffSchemas(v1, v1.replace('  kodePos: String\n', ''));
    expect(changes.map((change) => change.coordinate)).toEqual(['Alamat.kodePos']);
    expect(await checkProtectedFields(changes, sources)).toEqual([]);
  });

  it('ignores safe and dangerous changes without asking the sources', async () => {
    const { sources, calls } = inMemoryProtection(grants, traffic);
    expect(await checkProtectedFields(await diffSchemas(v1, sdl('penduduk.v2-safe')), sources)).toEqual([]);
    expect(calls.grants).toEqual([]);
    expect(calls.traffic).toEqual([]);
  });
});
