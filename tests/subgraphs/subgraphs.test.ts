import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoAgencies } from '../../subgraphs/index.ts';
import type { StartedDemoAgencies, StartedDemoAgency } from '../../subgraphs/index.ts';
import { postGraphQL, seedData } from './helpers.ts';

let demo: StartedDemoAgencies;
const agency = (slug: 'disdukcapil' | 'bkpsdm' | 'dpmptsp' | 'dinkes'): StartedDemoAgency =>
  demo.bySlug[slug] as StartedDemoAgency;

beforeAll(async () => {
  demo = await startDemoAgencies();
});
afterAll(async () => {
  await demo.close();
});

describe('each subgraph wraps its REST backend', () => {
  it('starts four backends and four subgraphs with health endpoints', async () => {
    expect(demo.subgraphs.map((s) => s.name)).toEqual(['disdukcapil', 'bkpsdm', 'dpmptsp', 'dinkes']);
    for (const entry of demo.agencies) {
      const health = await fetch(entry.subgraphUrl.replace(/\/graphql$/, '/health'));
      expect(await health.json()).toEqual({ status: 'ok', subgraph: entry.agency.subgraphName });
    }
  });

  it('Disdukcapil: a resident with address and family card members', async () => {
    const [bambang] = seedData.penduduk();
    const { status, body } = await postGraphQL(
      agency('disdukcapil').subgraphUrl,
      `query ($nik: String!) {
        penduduk(nik: $nik) {
          nik nama jenisKelamin tanggalLahir hubunganKeluarga
          alamat { desa kecamatan kabupaten provinsi kodeWilayah }
          kartuKeluarga { nomorKk kepalaKeluarga { nama } anggota { nama hubunganKeluarga } }
        }
      }`,
      { variables: { nik: bambang?.nik } },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.penduduk).toMatchObject({
      nama: 'Bambang Sutrisno',
      jenisKelamin: 'LAKI_LAKI',
      tanggalLahir: '1978-03-12',
      alamat: { desa: 'Sidoharjo', kecamatan: 'Pacitan', kabupaten: 'Pacitan', provinsi: 'Jawa Timur' },
      kartuKeluarga: {
        kepalaKeluarga: { nama: 'Bambang Sutrisno' },
        anggota: [
          { nama: 'Bambang Sutrisno', hubunganKeluarga: 'KEPALA_KELUARGA' },
          { nama: 'Sri Wahyuni', hubunganKeluarga: 'ISTRI' },
          { nama: 'Dimas Aditya Pratama', hubunganKeluarga: 'ANAK' },
          { nama: 'Nadia Putri Rahmawati', hubunganKeluarga: 'ANAK' },
        ],
      },
    });
  });

  it('Disdukcapil: null for an unknown NIK, BAD_REQUEST for a malformed one (no REST call)', async () => {
    const url = agency('disdukcapil').subgraphUrl;
    const unknown = await postGraphQL(url, '{ penduduk(nik: "3501010101010999") { nama } }');
    expect(unknown.body).toEqual({ data: { penduduk: null } });
    agency('disdukcapil').rest.resetCalls();
    const malformed = await postGraphQL(url, '{ penduduk(nik: "12") { nama } }');
    expect(malformed.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
    expect(agency('disdukcapil').rest.calls()).toBe(0);
  });

  it('BKPSDM: an employee points to the resident by NIK', async () => {
    const [first] = seedData.pegawai();
    const { body } = await postGraphQL(
      agency('bkpsdm').subgraphUrl,
      `query ($nip: String!) { pegawai(nip: $nip) { nip nama golongan pangkat jabatan unitKerja penduduk { nik } } }`,
      { variables: { nip: first?.nip } },
    );
    expect(body.data?.pegawai).toEqual({
      nip: first?.nip,
      nama: 'Bambang Sutrisno, S.K.M., M.Kes.',
      golongan: 'IV/a',
      pangkat: 'Pembina',
      jabatan: 'Kepala Bidang Pelayanan Kesehatan',
      unitKerja: 'Dinas Kesehatan',
      penduduk: { nik: first?.nik },
    });
    const unit = await postGraphQL(
      agency('bkpsdm').subgraphUrl,
      '{ daftarPegawai(jenisKepegawaian: PPPK) { nama } }',
    );
    expect(unit.body.data?.daftarPegawai).toEqual([{ nama: 'Siti Aminah, S.Pd.I.' }]);
  });

  it('DPMPTSP: permits with KBLI and owner, and the permits of a resident (entity)', async () => {
    const url = agency('dpmptsp').subgraphUrl;
    const list = await postGraphQL<{
      daftarIzinUsaha: { kbli: { kode: string }; pemilik: { nik: string } }[];
    }>(
      url,
      '{ daftarIzinUsaha(kbli: "47721") { nomor namaUsaha kbli { kode judul } tingkatRisiko jenisPerizinan pemilik { nik } } }',
    );
    expect(list.body.data?.daftarIzinUsaha).toHaveLength(2);
    expect(list.body.data?.daftarIzinUsaha[0]).toMatchObject({
      kbli: { kode: '47721', judul: 'Perdagangan Eceran Barang Farmasi di Apotek' },
    });
    const owner = list.body.data?.daftarIzinUsaha[0]?.pemilik.nik;
    const entities = await postGraphQL<{ _entities: { izinUsaha: { namaUsaha: string }[] }[] }>(
      url,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Penduduk { izinUsaha { namaUsaha } } } }`,
      { variables: { representations: [{ __typename: 'Penduduk', nik: owner }] } },
    );
    expect(entities.body.data?._entities[0]?.izinUsaha.map((z) => z.namaUsaha)).toEqual([
      'Apotek Sehat Baleharjo',
      'Klinik Pratama Husada Baleharjo',
      'Apotek Sehat Arjowinangun',
      'Keripik Santoso Baleharjo',
      'Batik Mekar Sari Baleharjo',
    ]);
  });

  it('Dinkes: facilities, and JKN membership of residents with their FKTP (null when none)', async () => {
    const url = agency('dinkes').subgraphUrl;
    const faskes = await postGraphQL(
      url,
      '{ fasilitasKesehatan(kode: "3501015") { nama jenis tingkat kelas } }',
    );
    expect(faskes.body.data?.fasilitasKesehatan).toEqual({
      nama: 'RSUD dr. Darsono',
      jenis: 'RUMAH_SAKIT',
      tingkat: 'FKRTL',
      kelas: 'C',
    });
    const members = new Set(seedData.jaminanKesehatan().map((j) => j.nik));
    const withJkn = seedData.penduduk()[0]?.nik;
    const without = seedData.penduduk().find((p) => !members.has(p.nik))?.nik;
    const entities = await postGraphQL<{ _entities: unknown[] }>(
      url,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Penduduk { nik jaminanKesehatan { jenisPeserta kelasRawat status faskesTingkatPertama { nama } } }
        }
      }`,
      { variables: { representations: [withJkn, without].map((nik) => ({ __typename: 'Penduduk', nik })) } },
    );
    expect(entities.body.data?._entities).toEqual([
      {
        nik: withJkn,
        jaminanKesehatan: {
          jenisPeserta: 'PPU_PENYELENGGARA_NEGARA',
          kelasRawat: 1,
          status: 'AKTIF',
          faskesTingkatPertama: { nama: 'UPTD Puskesmas Pacitan' },
        },
      },
      { nik: without, jaminanKesehatan: null },
    ]);
  });

  it('serves its SDL through _service for the registry and the gateway', async () => {
    const { body } = await postGraphQL<{ _service: { sdl: string } }>(
      agency('dinkes').subgraphUrl,
      '{ _service { sdl } }',
    );
    expect(body.data?._service.sdl).toContain('type FasilitasKesehatan');
    expect(body.data?._service.sdl).toContain('@tag(name: "klasifikasi:publik")');
  });
});

describe('batching: every REST call is batched per GraphQL request', () => {
  it('resolving 100 resident representations is one call to the population API', async () => {
    const residents = seedData.penduduk();
    const representations = Array.from({ length: 100 }, (_, i) => ({
      __typename: 'Penduduk',
      nik: (residents[i % residents.length] as { nik: string }).nik,
    }));
    const disdukcapil = agency('disdukcapil');
    disdukcapil.rest.resetCalls();
    const { body } = await postGraphQL<{ _entities: { nama: string }[] }>(
      disdukcapil.subgraphUrl,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Penduduk { nama alamat { desa } } } }`,
      { variables: { representations } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toHaveLength(100);
    expect(body.data?._entities[0]?.nama).toBe(residents[0]?.nama);
    expect(disdukcapil.rest.calls('GET /penduduk')).toBe(1);
    expect(disdukcapil.rest.calls()).toBe(1);
  });

  it('DPMPTSP: a building approval by number, the documents of a kecamatan through the interface, bad input refused', async () => {
    const url = agency('dpmptsp').subgraphUrl;
    const approval = seedData.persetujuanBangunanGedung()[0]!;
    const one = await postGraphQL<{ persetujuanBangunanGedung: { namaBangunan: string; pemilik: { nik: string } } | null }>(
      url,
      'query ($nomor: String!) { persetujuanBangunanGedung(nomor: $nomor) { namaBangunan pemilik { nik } } }',
      { variables: { nomor: approval.nomor } },
    );
    expect(one.body.data?.persetujuanBangunanGedung).toEqual({ namaBangunan: approval.namaBangunan, pemilik: { nik: approval.nikPemilik } });
    const list = await postGraphQL<{ daftarPerizinan: { __typename: string; nomor: string }[] }>(
      url,
      '{ daftarPerizinan(kecamatan: "Nawangan", batas: 3) { __typename nomor } }',
    );
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data?.daftarPerizinan).toHaveLength(3);
    const bad = await postGraphQL(url, '{ daftarPerizinan(batas: 0) { nomor } }');
    expect(bad.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    const malformed = await postGraphQL(url, '{ persetujuanBangunanGedung(nomor: "IMB-1") { nomor } }');
    expect(malformed.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  it('all permits with their owners’ permits: one list call and one batched owner call', async () => {
    const dpmptsp = agency('dpmptsp');
    dpmptsp.rest.resetCalls();
    const { body } = await postGraphQL<{ daftarIzinUsaha: unknown[] }>(
      dpmptsp.subgraphUrl,
      '{ daftarIzinUsaha(batas: 500) { nomor pemilik { nik izinUsaha { nomor } } } }',
    );
    expect(body.data?.daftarIzinUsaha).toHaveLength(seedData.izinUsaha().length);
    expect(dpmptsp.rest.calls('GET /izin-usaha')).toBe(2);
  });

  it('family members of every family card: one call for the cards, one for the residents', async () => {
    const disdukcapil = agency('disdukcapil');
    const cards = seedData.kartuKeluarga();
    disdukcapil.rest.resetCalls();
    const { body } = await postGraphQL<{ _entities: { anggota: unknown[] }[] }>(
      disdukcapil.subgraphUrl,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on KartuKeluarga { anggota { nama } } } }`,
      {
        variables: {
          representations: cards.map((kk) => ({ __typename: 'KartuKeluarga', nomorKk: kk.nomorKk })),
        },
      },
    );
    expect(body.data?._entities.flatMap((kk) => kk.anggota)).toHaveLength(seedData.penduduk().length);
    expect(disdukcapil.rest.calls('GET /kartu-keluarga')).toBe(1);
    expect(disdukcapil.rest.calls('GET /penduduk')).toBe(1);
  });
});
