import { describe, expect, it } from 'vitest';
import { extractFieldMetadata, extractTypeMetadata } from '../../../registry/checks/index.ts';
import type { FieldMetadata } from '../../../registry/checks/index.ts';
import { sdl } from './fixtures.ts';

const byCoordinate = (fields: FieldMetadata[]) => new Map(fields.map((field) => [field.coordinate, field]));

describe('extractFieldMetadata', () => {
  const fields = byCoordinate(extractFieldMetadata(sdl('penduduk.v1')));

  it('lists every object field the subgraph serves, root fields included, federation fields excluded', () => {
    expect([...fields.keys()]).toEqual([
      'Penduduk.nik',
      'Penduduk.nama',
      'Penduduk.tanggalLahir',
      'Penduduk.statusPerkawinan',
      'Penduduk.alamat',
      'Penduduk.kartuKeluarga',
      'Alamat.jalan',
      'Alamat.kecamatan',
      'Alamat.kodePos',
      'KartuKeluarga.nomor',
      'KartuKeluarga.anggota',
      'StatistikKecamatan.kecamatan',
      'StatistikKecamatan.jumlahPenduduk',
      'StatistikKecamatan.catatan',
      'Query.penduduk',
      'Query.cariPenduduk',
      'Query.statistikKecamatan',
    ]);
  });

  it('takes description, return type and entity key from the schema', () => {
    expect(fields.get('Penduduk.nik')).toEqual({
      coordinate: 'Penduduk.nik',
      typeName: 'Penduduk',
      fieldName: 'nik',
      description: 'Nomor Induk Kependudukan.',
      classification: 'rahasia',
      personalData: true,
      returnType: 'ID!',
      isEntityKey: true,
    });
    expect(fields.get('Query.cariPenduduk')).toMatchObject({
      returnType: '[Penduduk!]!',
      isEntityKey: false,
      description: null,
    });
  });

  it("classifies a field by its own tag, else its type's, else 'terbatas'", () => {
    expect(fields.get('Penduduk.nik')?.classification).toBe('rahasia'); // field tag
    expect(fields.get('StatistikKecamatan.jumlahPenduduk')?.classification).toBe('publik'); // type tag
    expect(fields.get('StatistikKecamatan.catatan')?.classification).toBe('terbatas'); // field overrides type
    expect(fields.get('Query.statistikKecamatan')?.classification).toBe('publik');
    expect(fields.get('Alamat.kecamatan')?.classification).toBe('terbatas'); // default
  });

  it('marks personal data from the field or, inherited, from its type', () => {
    expect(fields.get('Penduduk.nama')?.personalData).toBe(true); // inherited from Penduduk
    expect(fields.get('Alamat.jalan')?.personalData).toBe(false);
    const tagged = extractFieldMetadata(
      sdl('penduduk.v1').replace('  jalan: String\n', '  jalan: String @tag(name: "data-pribadi")\n'),
    );
    expect(tagged.find((field) => field.coordinate === 'Alamat.jalan')?.personalData).toBe(true);
  });

  it('resolves several classification tags on one field to the strictest', () => {
    const twice = sdl('penduduk.v1').replace(
      '  kodePos: String\n',
      '  kodePos: String @tag(name: "klasifikasi:publik") @tag(name: "klasifikasi:rahasia")\n',
    );
    expect(
      extractFieldMetadata(twice).find((field) => field.coordinate === 'Alamat.kodePos')?.classification,
    ).toBe('rahasia');
  });

  it('lists the fields a Federation 1 subgraph serves on an `extend type`, not its @external key', () => {
    const fed1 = byCoordinate(extractFieldMetadata(sdl('perizinan.fed1')));
    expect(fed1.get('Pegawai.izin')).toMatchObject({ typeName: 'Pegawai', returnType: '[Izin!]!', isEntityKey: false });
    expect(fed1.has('Pegawai.nip')).toBe(false);
    expect(fed1.has('Izin.nomor')).toBe(true);
  });

  it('leaves out @inaccessible and @external fields', () => {
    const hidden = byCoordinate(extractFieldMetadata(sdl('breaking/field-made-inaccessible')));
    expect(hidden.has('Penduduk.tanggalLahir')).toBe(false);
    const fed1 = byCoordinate(extractFieldMetadata(sdl('perizinan.fed1')));
    expect(fed1.has('Pegawai.nip')).toBe(false); // @external: served by kepegawaian
    expect(fed1.get('Pegawai.izin')).toMatchObject({ returnType: '[Izin!]!', classification: 'terbatas' });
  });

  it('reads the tag directive under its namespaced name when it is not imported', () => {
    const namespaced = `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Penduduk @key(fields: "nik") @federation__tag(name: "data-pribadi") {
        nik: ID! @federation__tag(name: "klasifikasi:rahasia")
      }
      type Query { penduduk(nik: ID!): Penduduk }
    `;
    expect(extractFieldMetadata(namespaced)[0]).toMatchObject({
      classification: 'rahasia',
      personalData: true,
    });
  });

  it('throws VALIDATION_FAILED for an invalid subgraph', () => {
    expect(() => extractFieldMetadata(sdl('invalid/key-on-missing-field'))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});

describe('extractTypeMetadata', () => {
  it('lists every type with its kind, description, keys, classification and personal-data flag', () => {
    const types = extractTypeMetadata(sdl('penduduk.v2-annotations'));
    expect(types.map((type) => type.typeName)).toEqual([
      'Penduduk',
      'Alamat',
      'KartuKeluarga',
      'StatistikKecamatan',
      'StatusPerkawinan',
      'FilterPenduduk',
      'Query',
    ]);
    expect(types[0]).toEqual({
      typeName: 'Penduduk',
      kind: 'OBJECT',
      description: 'Penduduk yang terdaftar di Dinas Kependudukan dan Pencatatan Sipil.',
      keys: ['nik', 'nik nama'],
      isEntity: true,
      classification: 'terbatas',
      personalData: true,
    });
    expect(types.find((type) => type.typeName === 'StatistikKecamatan')).toMatchObject({
      isEntity: false,
      keys: [],
      classification: 'publik',
    });
    expect(types.find((type) => type.typeName === 'StatusPerkawinan')?.kind).toBe('ENUM');
    expect(types.find((type) => type.typeName === 'FilterPenduduk')?.kind).toBe('INPUT_OBJECT');
  });
});
