import { describe, expect, it } from 'vitest';

import { collectFieldCoordinates } from '../../../gateway/authorization/core/index.ts';
import { isPenghubungError } from '../../../lib/errors.ts';
import { gql, loadSchema } from './fixtures/index.ts';

const schema = loadSchema();

describe('collectFieldCoordinates', () => {
  it('records the real field name behind an alias, so an alias cannot hide a field', () => {
    const result = collectFieldCoordinates(
      schema,
      gql`
        {
          orang: penduduk(nik: "3501010101010001") {
            namaLengkap: nama
            nomorInduk: nik
          }
        }
      `,
    );
    expect(result.coordinates).toEqual(['Penduduk.nama', 'Penduduk.nik', 'Query.penduduk']);
  });

  it('returns sorted unique coordinates when a field is selected several times', () => {
    const result = collectFieldCoordinates(
      schema,
      gql`
        {
          a: penduduk(nik: "1") {
            nama
          }
          b: penduduk(nik: "2") {
            nama
            alamat {
              jalan
            }
          }
        }
      `,
    );
    expect(result.coordinates).toEqual([
      'Alamat.jalan',
      'Penduduk.alamat',
      'Penduduk.nama',
      'Query.penduduk',
    ]);
  });

  it('follows named fragments, nested fragments and inline fragments', () => {
    const result = collectFieldCoordinates(
      schema,
      gql`
        query DataWarga {
          penduduk(nik: "1") {
            ...Identitas
          }
        }
        fragment Identitas on Penduduk {
          nik
          ...Domisili
          ... on Penduduk {
            tanggalLahir
          }
        }
        fragment Domisili on Penduduk {
          alamat {
            kelurahan
          }
        }
      `,
    );
    expect(result.coordinates).toEqual([
      'Alamat.kelurahan',
      'Penduduk.alamat',
      'Penduduk.nik',
      'Penduduk.tanggalLahir',
      'Query.penduduk',
    ]);
  });

  it('catches a field selected in a fragment on a union member', () => {
    const result = collectFieldCoordinates(
      schema,
      gql`
        {
          cari(kata: "Warung Makan") {
            ... on IzinUsaha {
              namaUsaha
            }
            ...PendudukRahasia
          }
        }
        fragment PendudukRahasia on Penduduk {
          tanggalLahir
        }
      `,
    );
    expect(result.coordinates).toEqual(['IzinUsaha.namaUsaha', 'Penduduk.tanggalLahir', 'Query.cari']);
  });

  it('records an interface field under every implementation, not under the interface (no grant names it)', () => {
    const result = collectFieldCoordinates(
      schema,
      gql`
        {
          dokumen(nomor: "503/001") {
            nomor
          }
        }
      `,
    );
    expect(result.coordinates).toEqual([
      'AktaKelahiran.nomor',
      'IzinUsaha.nomor',
      'KartuKeluarga.nomor',
      'Query.dokumen',
    ]);
  });

  it('narrows a fragment spread on an interface to the types possible at that point', () => {
    const result = collectFieldCoordinates(
      schema,
      gql`
        {
          cari(kata: "x") {
            ...Nomor
          }
          izinUsaha(nomor: "503/001") {
            ...Nomor
          }
        }
        fragment Nomor on Dokumen {
          nomor
          penerbit {
            nama
          }
        }
      `,
    );
    // HasilPencarian is Penduduk | IzinUsaha: of the documents, only IzinUsaha can appear there.
    expect(result.coordinates).toEqual([
      'Instansi.nama',
      'IzinUsaha.nomor',
      'IzinUsaha.penerbit',
      'Query.cari',
      'Query.izinUsaha',
    ]);
  });

  it('applies @skip and @include from variables, both ways, and from literals', () => {
    const document = gql`
      query Warga($rinci: Boolean!, $sembunyikanNik: Boolean = false) {
        penduduk(nik: "1") {
          nama
          nik @skip(if: $sembunyikanNik)
          alamat @include(if: $rinci) {
            jalan
          }
          tanggalLahir @include(if: false)
          ... @skip(if: true) {
            kartuKeluarga {
              nomor
            }
          }
        }
      }
    `;
    expect(collectFieldCoordinates(schema, document, 'Warga', { rinci: true }).coordinates).toEqual([
      'Alamat.jalan',
      'Penduduk.alamat',
      'Penduduk.nama',
      'Penduduk.nik',
      'Query.penduduk',
    ]);
    expect(
      collectFieldCoordinates(schema, document, 'Warga', { rinci: false, sembunyikanNik: true }).coordinates,
    ).toEqual(['Penduduk.nama', 'Query.penduduk']);
  });

  it('applies @skip on a named fragment spread', () => {
    const document = gql`
      query ($tanpaAlamat: Boolean!) {
        penduduk(nik: "1") {
          nama
          ...Domisili @skip(if: $tanpaAlamat)
        }
      }
      fragment Domisili on Penduduk {
        alamat {
          jalan
        }
      }
    `;
    expect(collectFieldCoordinates(schema, document, null, { tanpaAlamat: true }).coordinates).toEqual([
      'Penduduk.nama',
      'Query.penduduk',
    ]);
    expect(collectFieldCoordinates(schema, document, null, { tanpaAlamat: false }).coordinates).toContain(
      'Alamat.jalan',
    );
  });

  it('reports introspection and __typename separately, never as coordinates', () => {
    const introspection = collectFieldCoordinates(
      schema,
      gql`
        {
          __schema {
            types {
              name
              fields {
                name
              }
            }
          }
          __type(name: "Penduduk") {
            name
          }
        }
      `,
    );
    expect(introspection).toMatchObject({ coordinates: [], introspection: true, typename: false });

    const typename = collectFieldCoordinates(
      schema,
      gql`
        {
          __typename
          cari(kata: "x") {
            __typename
          }
        }
      `,
    );
    expect(typename).toMatchObject({ coordinates: ['Query.cari'], introspection: false, typename: true });
  });

  it('selects the operation by name, and explains an unknown or missing name', () => {
    const document = gql`
      query Satu {
        penduduk(nik: "1") {
          nama
        }
      }
      query Dua {
        izinUsaha(nomor: "2") {
          namaUsaha
        }
      }
    `;
    expect(collectFieldCoordinates(schema, document, 'Dua').coordinates).toEqual([
      'IzinUsaha.namaUsaha',
      'Query.izinUsaha',
    ]);

    const unknown = catchError(() => collectFieldCoordinates(schema, document, 'Tiga'));
    expect(unknown).toMatchObject({ code: 'BAD_REQUEST', messageEn: 'Unknown operation named "Tiga".' });
    expect(unknown.message).toContain('Tiga');

    const unnamed = catchError(() => collectFieldCoordinates(schema, document));
    expect(unnamed).toMatchObject({ code: 'BAD_REQUEST' });
    expect(unnamed.messageEn).toContain('operationName');
  });

  it('walks mutations from the mutation root', () => {
    const result = collectFieldCoordinates(
      schema,
      gql`
        mutation Ajukan($input: IzinUsahaInput!) {
          ajukanIzinUsaha(input: $input) {
            nomor
            status
          }
        }
      `,
      'Ajukan',
    );
    expect(result).toMatchObject({
      operationType: 'mutation',
      operationName: 'Ajukan',
      coordinates: ['IzinUsaha.nomor', 'IzinUsaha.status', 'Mutation.ajukanIzinUsaha'],
    });
  });

  // Walked naively, this document has 3^30 paths and would never finish; each fragment is walked
  // once per context instead.
  it('walks each fragment once per context, so a "fragment bomb" finishes', () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1
        ? `fragment F${level} on Penduduk { nama }`
        : `fragment F${level} on Penduduk { ...F${level + 1} ...F${level + 1} kartuKeluarga { kepalaKeluarga { ...F${level + 1} } } }`,
    ).join('\n');
    const document = gql`
      {
        penduduk(nik: "1") {
          ...F0
        }
      }
      ${fragments}
    `;
    const result = collectFieldCoordinates(schema, document);
    expect(result.coordinates).toContain('Penduduk.nama');
  });
});

function catchError(run: () => unknown): { code: string; message: string; messageEn: string } {
  try {
    run();
  } catch (error) {
    if (isPenghubungError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}
