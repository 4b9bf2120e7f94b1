import { describe, expect, it } from 'vitest';
import { canonicalSdl, diffSchemas, renderDiff, sdlLineDiff } from '../../../registry/checks/index.ts';
import type { SchemaChange } from '../../../registry/checks/index.ts';
import { sdl } from './fixtures.ts';

const v1 = sdl('penduduk.v1');
const breakingOf = (changes: SchemaChange[]) => changes.filter((change) => change.criticality === 'BREAKING');

describe('diffSchemas: breaking changes', () => {
  const cases: { fixture: string; type: string; coordinate: string; messageId: RegExp }[] = [
    {
      fixture: 'field-removed',
      type: 'FIELD_REMOVED',
      coordinate: 'Penduduk.tanggalLahir',
      messageId: /^Field 'Penduduk.tanggalLahir' dihapus$/,
    },
    {
      fixture: 'field-made-inaccessible',
      type: 'FIELD_REMOVED',
      coordinate: 'Penduduk.tanggalLahir',
      messageId: /dihapus/,
    },
    {
      fixture: 'field-renamed',
      type: 'FIELD_REMOVED',
      coordinate: 'Penduduk.tanggalLahir',
      messageId: /dihapus/,
    },
    {
      fixture: 'type-removed',
      type: 'TYPE_REMOVED',
      coordinate: 'StatistikKecamatan',
      messageId: /^Tipe 'StatistikKecamatan' dihapus$/,
    },
    {
      fixture: 'type-renamed',
      type: 'TYPE_REMOVED',
      coordinate: 'KartuKeluarga',
      messageId: /^Tipe 'KartuKeluarga' dihapus$/,
    },
    {
      fixture: 'field-type-changed',
      type: 'FIELD_TYPE_CHANGED',
      coordinate: 'Penduduk.tanggalLahir',
      messageId: /berubah dari 'String' menjadi 'Int'/,
    },
    {
      fixture: 'output-nullability-loosened',
      type: 'FIELD_TYPE_CHANGED',
      coordinate: 'Penduduk.nama',
      messageId: /kini boleh bernilai null \(String! → String\)/,
    },
    {
      fixture: 'argument-added-required',
      type: 'FIELD_ARGUMENT_ADDED',
      coordinate: 'Query.penduduk',
      messageId: /Argumen 'alasan' \(String!\) ditambahkan pada field 'Query.penduduk' dan wajib diisi/,
    },
    {
      fixture: 'argument-removed',
      type: 'FIELD_ARGUMENT_REMOVED',
      coordinate: 'Query.cariPenduduk',
      messageId: /Argumen 'batas' dihapus dari field 'Query.cariPenduduk'/,
    },
    {
      fixture: 'argument-type-changed',
      type: 'FIELD_ARGUMENT_TYPE_CHANGED',
      coordinate: 'Query.penduduk',
      messageId: /Tipe argumen 'nik' pada field 'Query.penduduk' berubah dari 'ID!' menjadi 'Int!'/,
    },
    {
      fixture: 'argument-nullability-tightened',
      type: 'FIELD_ARGUMENT_TYPE_CHANGED',
      coordinate: 'Query.statistikKecamatan',
      messageId: /kini wajib diisi \(String → String!\)/,
    },
    {
      fixture: 'input-field-nullability-tightened',
      type: 'INPUT_FIELD_TYPE_CHANGED',
      coordinate: 'FilterPenduduk.kecamatan',
      messageId: /Field input 'FilterPenduduk.kecamatan' kini wajib diisi/,
    },
    {
      fixture: 'input-field-required-added',
      type: 'INPUT_FIELD_ADDED',
      coordinate: 'FilterPenduduk.desa',
      messageId: /ditambahkan dan wajib diisi/,
    },
    {
      fixture: 'enum-value-removed',
      type: 'ENUM_VALUE_REMOVED',
      coordinate: 'StatusPerkawinan.CERAI_MATI',
      messageId: /^Nilai 'CERAI_MATI' dihapus dari enum 'StatusPerkawinan'$/,
    },
  ];

  for (const { fixture, type, coordinate, messageId } of cases) {
    it(`reports ${fixture} as BREAKING ${type} on ${coordinate}`, async () => {
      const changes = await diffSchemas(v1, sdl(`breaking/${fixture}`));
      const change = breakingOf(changes).find((c) => c.type === type && c.coordinate === coordinate);
      expect(change, JSON.stringify(changes, null, 2)).toBeDefined();
      expect(change?.messageId).toMatch(messageId);
      expect(change?.message.length).toBeGreaterThan(0);
    });
  }

  it('names the field coordinates each breaking change can hurt', async () => {
    const typeRemoved = await diffSchemas(v1, sdl('breaking/type-removed'));
    expect(typeRemoved.find((c) => c.type === 'TYPE_REMOVED')?.affectedCoordinates).toEqual([
      'StatistikKecamatan.kecamatan',
      'StatistikKecamatan.jumlahPenduduk',
      'StatistikKecamatan.catatan',
    ]);
    const enumValueRemoved = await diffSchemas(v1, sdl('breaking/enum-value-removed'));
    expect(enumValueRemoved[0]?.affectedCoordinates).toEqual([
      'Penduduk.statusPerkawinan',
      'Query.cariPenduduk',
    ]);
    const inputTightened = await diffSchemas(v1, sdl('breaking/input-field-nullability-tightened'));
    expect(inputTightened[0]?.affectedCoordinates).toEqual(['Query.cariPenduduk']);
    const argumentAdded = await diffSchemas(v1, sdl('breaking/argument-added-required'));
    expect(argumentAdded[0]?.affectedCoordinates).toEqual(['Query.penduduk']);
  });

  it('lists breaking changes first', async () => {
    const changes = await diffSchemas(v1, sdl('breaking/type-renamed'));
    const levels = changes.map((change) => change.criticality);
    expect(levels.indexOf('SAFE')).toBeGreaterThan(levels.lastIndexOf('BREAKING'));
    expect(changes).toContainEqual(
      expect.objectContaining({ type: 'TYPE_ADDED', criticality: 'SAFE', coordinate: 'KK' }),
    );
  });
});

describe('diffSchemas: safe and federation-only changes', () => {
  it('reports additions, optional arguments, deprecations and tightened outputs as not breaking', async () => {
    const changes = await diffSchemas(v1, sdl('penduduk.v2-safe'));
    expect(breakingOf(changes)).toEqual([]);
    const summary = changes.map((change) => `${change.criticality} ${change.type} ${change.coordinate}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'SAFE FIELD_ADDED Penduduk.golonganDarah',
        'SAFE FIELD_ADDED Penduduk.namaLengkap',
        'SAFE FIELD_TYPE_CHANGED Penduduk.tanggalLahir',
        'SAFE FIELD_DEPRECATION_ADDED Penduduk.nama',
        'SAFE FIELD_DESCRIPTION_CHANGED Penduduk.nik',
        'SAFE INPUT_FIELD_ADDED FilterPenduduk.desa',
      ]),
    );
    expect(changes.find((c) => c.type === 'FIELD_ARGUMENT_ADDED')?.criticality).not.toBe('BREAKING');
    expect(changes.find((c) => c.type === 'FIELD_DEPRECATION_ADDED')?.messageId).toBe(
      "Field 'Penduduk.nama' ditandai usang (deprecated)",
    );
    // graphql-inspector's generic directive-usage echo of @deprecated is dropped.
    expect(changes.filter((c) => c.type.startsWith('DIRECTIVE_USAGE_'))).toEqual([]);
  });

  it('does not report adding @key, @tag or @shareable at all', async () => {
    expect(await diffSchemas(v1, sdl('penduduk.v2-annotations'))).toEqual([]);
  });

  it('does not report federation machinery when moving from Federation 1 to Federation 2', async () => {
    const fed1 = sdl('perizinan.fed1');
    const fed2 = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external"])\n${fed1.replace('extend type Pegawai', 'type Pegawai')}`;
    expect(await diffSchemas(fed1, fed2)).toEqual([]);
  });

  it('treats a first publish as additions only', async () => {
    const changes = await diffSchemas(null, v1);
    expect(changes.length).toBeGreaterThan(10);
    expect(breakingOf(changes)).toEqual([]);
    expect(changes).toContainEqual(
      expect.objectContaining({ type: 'FIELD_ADDED', coordinate: 'Query.penduduk' }),
    );
  });

  it('throws VALIDATION_FAILED for an SDL that is not a valid subgraph', async () => {
    await expect(diffSchemas(v1, sdl('invalid/key-on-missing-field'))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('renderDiff', () => {
  it('groups the Indonesian messages into breaking, dangerous and safe', async () => {
    const changes = await diffSchemas(v1, sdl('breaking/type-renamed'));
    const text = renderDiff(changes);
    expect(text).toMatch(/^Ringkasan: \d+ perubahan — \d+ memutus kompatibilitas, 0 berisiko, \d+ aman\./);
    const breakingAt = text.indexOf('Perubahan yang memutus kompatibilitas (BREAKING):');
    const safeAt = text.indexOf('Perubahan aman (SAFE):');
    expect(breakingAt).toBeGreaterThan(0);
    expect(safeAt).toBeGreaterThan(breakingAt);
    expect(text.indexOf("  - Tipe 'KartuKeluarga' dihapus")).toBeGreaterThan(breakingAt);
    expect(text.indexOf("  - Tipe 'KK' ditambahkan")).toBeGreaterThan(safeAt);
    expect(text).not.toContain('DANGEROUS');
  });

  it('shows a dangerous group for default value changes and added enum values', async () => {
    const next = v1
      .replace('batas: Int = 20', 'batas: Int = 50')
      .replace('  CERAI_MATI\n', '  CERAI_MATI\n  TIDAK_DIKETAHUI\n');
    const text = renderDiff(await diffSchemas(v1, next));
    expect(text).toContain('Perubahan berisiko (DANGEROUS):');
    expect(text).toContain(
      "Nilai bawaan argumen 'batas' pada field 'Query.cariPenduduk' berubah dari 20 menjadi 50",
    );
    expect(text).toContain("Nilai 'TIDAK_DIKETAHUI' ditambahkan pada enum 'StatusPerkawinan'");
  });

  it('says so when nothing changed', () => {
    expect(renderDiff([])).toBe('Tidak ada perubahan skema.');
  });
});

describe('sdlLineDiff', () => {
  it('is empty when only the order of definitions and fields differs', () => {
    const reordered = `
      type Query { b: Int a: String }
      type A { y: Int x: Int }
    `;
    expect(sdlLineDiff('type A { x: Int y: Int } type Query { a: String b: Int }', reordered)).toBe('');
  });

  it('prints a unified diff of the canonical SDLs, directives included', () => {
    const text = sdlLineDiff(
      v1,
      sdl('breaking/field-removed').replace(
        '  kodePos: String\n',
        '  kodePos: String @tag(name: "klasifikasi:publik")\n',
      ),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('--- lama');
    expect(lines[1]).toBe('+++ baru');
    expect(lines[2]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    expect(lines).toContain('-  tanggalLahir: String');
    expect(lines).toContain('-  kodePos: String');
    expect(lines).toContain('+  kodePos: String @tag(name: "klasifikasi:publik")');
    expect(lines.filter((line) => line.startsWith('@@'))).toHaveLength(2);
  });

  it('shows everything as added on a first publish', () => {
    const text = sdlLineDiff(null, 'type Query { a: Int }');
    expect(text).toBe('--- lama\n+++ baru\n@@ -0,0 +1,3 @@\n+type Query {\n+  a: Int\n+}\n');
  });

  it('prints types sorted by name, fields sorted within them', () => {
    expect(canonicalSdl('type Query { b: Int a: Int } type A { z: Int }')).toBe(
      'type A {\n  z: Int\n}\n\ntype Query {\n  a: Int\n  b: Int\n}',
    );
  });
});
