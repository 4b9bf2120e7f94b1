import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { print, validate } from 'graphql';
import { collectFieldCoordinates, removeDeniedFields } from '../../../gateway/authorization/core/index.ts';
import { allCoordinates, gql, loadSchema } from './fixtures/index.ts';


const schema = loadSchema();

const document = gql`
  query Profil($nik: String!, $rinci: Boolean = true, $kata: String!) {
    warga: penduduk(nik: $nik) {
      nama
      lahir: tanggalLahir
      ...Domisili @include(if: $rinci)
      kartuKeluarga {
        ...NomorDokumen
        kepalaKeluarga {
          tanggalLahir
        }
      }
    }
    cari(kata: $kata) {
      __typename
      ... on Penduduk {
        tanggalLahir
      }
      ... on IzinUsaha {
        namaUsaha
        ...NomorDokumen
      }
    }
  }

  query LainnyaTidakDipakai {
    instansi {
      nama
    }
  }

  fragment Domisili on Penduduk {
    alamat {
      rt
      rw
    }
  }

  fragment NomorDokumen on Dokumen {
    nomor
  }
`;

describe('removeDeniedFields', () => {
  it('removes denied selections, empty parents and unused fragments, and yields a valid document', () => {
    const before = JSON.stringify(document);
    const denied = ['Penduduk.tanggalLahir', 'Alamat.rt', 'Alamat.rw', 'KartuKeluarga.nomor'];

    const result = removeDeniedFields(schema, document, 'Profil', denied);
    if (result.kind !== 'trimmed') throw new Error('expected a trimmed operation');

    expect(validate(schema, result.document)).toEqual([]);
    expect(result.query).toBe(print(result.document));
    expect(result.queryHash).toBe(createHash('sha256').update(result.query).digest('hex'));
    expect(result.removedCoordinates).toEqual([...denied].sort());

    // Nothing denied is left, whatever the variables.
    for (const rinci of [true, false]) {
      const left = collectFieldCoordinates(schema, result.document, 'Profil', { rinci });
      expect(left.coordinates.filter((coordinate) => denied.includes(coordinate))).toEqual([]);
    }
    // What was allowed is still there; the input document is untouched.
    const left = collectFieldCoordinates(schema, result.document, 'Profil', { rinci: true });
    expect(left.coordinates).toEqual([
      'IzinUsaha.namaUsaha',
      'IzinUsaha.nomor',
      'Penduduk.nama',
      'Query.cari',
      'Query.penduduk',
    ]);
    expect(JSON.stringify(document)).toBe(before);

    expect(result.query).toBe(
      print(gql`
        query Profil($nik: String!, $kata: String!) {
          warga: penduduk(nik: $nik) {
            nama
          }
          cari(kata: $kata) {
            __typename
            ... on IzinUsaha {
              namaUsaha
              ...NomorDokumen
            }
          }
        }

        fragment NomorDokumen on Dokumen {
          nomor
        }
      `),
    );
  });

  it('turns the spread of a fragment trimmed in one context only into an inline fragment', () => {
    const result = removeDeniedFields(
      schema,
      gql`
        {
          izinUsaha(nomor: "503/001") {
            ...Terbit
          }
          penduduk(nik: "1") {
            kartuKeluarga {
              ...Terbit @include(if: true)
            }
          }
        }
        fragment Terbit on Dokumen {
          nomor
          diterbitkan
        }
      `,
      null,
      ['KartuKeluarga.diterbitkan'],
    );
    if (result.kind !== 'trimmed') throw new Error('expected a trimmed operation');
    expect(validate(schema, result.document)).toEqual([]);
    expect(result.query).toBe(
      print(gql`
        {
          izinUsaha(nomor: "503/001") {
            ...Terbit
          }
          penduduk(nik: "1") {
            kartuKeluarga {
              ... on Dokumen @include(if: true) {
                nomor
              }
            }
          }
        }

        fragment Terbit on Dokumen {
          nomor
          diterbitkan
        }
      `),
    );
  });

  it('keeps a field on an interface for the implementations that may read it, and removes it when none may', () => {
    const result = removeDeniedFields(
      schema,
      gql`
        {
          dokumen(nomor: "1") {
            nomor
            diterbitkan
          }
        }
      `,
      null,
      ['AktaKelahiran.nomor', 'AktaKelahiran.diterbitkan', 'IzinUsaha.diterbitkan', 'KartuKeluarga.diterbitkan'],
    );
    if (result.kind !== 'trimmed') throw new Error('expected a trimmed operation');
    expect(validate(schema, result.document)).toEqual([]);
    expect(result.query).toBe(
      print(gql`
        {
          dokumen(nomor: "1") {
            ... {
              ... on KartuKeluarga {
                nomor
              }
              ... on IzinUsaha {
                nomor
              }
            }
          }
        }
      `),
    );
    const left = collectFieldCoordinates(schema, result.document);
    expect(left.coordinates).toEqual(['IzinUsaha.nomor', 'KartuKeluarga.nomor', 'Query.dokumen']);
  });

  it('reports an empty result when every selection is denied', () => {
    const result = removeDeniedFields(
      schema,
      gql`
        {
          penduduk(nik: "1") {
            alamat {
              rt
            }
          }
        }
      `,
      null,
      ['Alamat.rt'],
    );
    expect(result).toEqual({ kind: 'empty', removedCoordinates: ['Alamat.rt'] });
  });

  it('keeps every allowed coordinate when all fields of the schema are allowed', () => {
    const result = removeDeniedFields(schema, document, 'Profil', []);
    if (result.kind !== 'trimmed') throw new Error('expected a trimmed operation');
    expect(validate(schema, result.document)).toEqual([]);
    expect(collectFieldCoordinates(schema, result.document, 'Profil', { rinci: true })).toEqual(
      collectFieldCoordinates(schema, document, 'Profil', { rinci: true }),
    );
    expect(allCoordinates(schema)).toContain('Penduduk.tanggalLahir');
  });
});
