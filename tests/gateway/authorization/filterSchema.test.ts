import { describe, expect, it } from 'vitest';
import { graphqlSync, printSchema, validateSchema } from 'graphql';
import { filterSchemaForCoordinates } from '../../../gateway/authorization/core/index.ts';
import { allCoordinates, loadSchema } from './fixtures/index.ts';


const schema = loadSchema();

describe('filterSchemaForCoordinates', () => {
  it('hides ungranted fields and the types left empty, and stays a valid schema', () => {
    const filtered = filterSchemaForCoordinates(
      schema,
      new Set([
        'Query.penduduk',
        'Query.cari',
        'Penduduk.nik',
        'Penduduk.nama',
        'Penduduk.alamat', // Alamat has no granted field: alamat goes with it
        'IzinUsaha.nomor',
        'IzinUsaha.namaUsaha',
        'Dokumen.nomor', // not granted on every implementation: hidden
      ]),
    );
    expect(validateSchema(filtered)).toEqual([]);
    expect(printSchema(filtered)).toBe(
      [
        '"""',
        'A slice of an API schema as a composed supergraph would expose it: population records (Dukcapil),',
        'business permits (DPMPTSP), and documents shared between them.',
        '"""',
        'type Query {',
        '  penduduk(nik: String!): Penduduk',
        '  cari(kata: String!): [HasilPencarian!]!',
        '}',
        '',
        'type Penduduk {',
        '  nik: String!',
        '  nama: String!',
        '}',
        '',
        'type IzinUsaha {',
        '  nomor: String!',
        '  namaUsaha: String!',
        '}',
        '',
        'union HasilPencarian = Penduduk | IzinUsaha',
      ].join('\n'),
    );
  });

  it('shows an interface field once every implementation is granted: the interface is no coordinate of its own', () => {
    const filtered = filterSchemaForCoordinates(
      schema,
      new Set([
        'Query.dokumen',
        'IzinUsaha.nomor',
        'KartuKeluarga.nomor',
        'AktaKelahiran.nomor',
      ]),
    );
    expect(validateSchema(filtered)).toEqual([]);
    const dokumen = filtered.getType('Dokumen');
    expect(dokumen && 'getFields' in dokumen && Object.keys(dokumen.getFields())).toEqual(['nomor']);
    expect(filtered.getPossibleTypes(filtered.getType('Dokumen') as never).map((type) => type.name)).toEqual([
      'KartuKeluarga',
      'IzinUsaha',
      'AktaKelahiran',
    ]);
  });

  it('keeps the query root when nothing is granted, so introspection still answers', () => {
    const filtered = filterSchemaForCoordinates(schema, new Set());
    const result = graphqlSync({
      schema: filtered,
      source: '{ __schema { queryType { name fields { name } } mutationType { name } } }',
    });
    expect(result).toEqual({
      data: { __schema: { queryType: { name: 'Query', fields: [] }, mutationType: null } },
    });
  });

  it('keeps the full schema when everything is granted', () => {
    const filtered = filterSchemaForCoordinates(schema, new Set(allCoordinates(schema)));
    expect(printSchema(filtered)).toBe(printSchema(schema));
  });
});
