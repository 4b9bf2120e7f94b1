import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBkpsdmRestBackend } from '../../subgraphs/bkpsdm/rest.ts';
import { buildDinkesRestBackend } from '../../subgraphs/dinkes/rest.ts';
import { buildDisdukcapilRestBackend } from '../../subgraphs/disdukcapil/rest.ts';
import { buildDpmptspRestBackend } from '../../subgraphs/dpmptsp/rest.ts';
import type { RestBackend } from '../../subgraphs/shared/index.ts';
import { getJson as getJsonAs, seedData } from './helpers.ts';

// The subgraph's secret: the backends answer nothing without it (see the test at the end).
const credential = 'rahasia-uji-subgraph-0123456789abcdef';
const backends: Record<'disdukcapil' | 'bkpsdm' | 'dpmptsp' | 'dinkes', RestBackend> = {
  disdukcapil: buildDisdukcapilRestBackend({ credential }),
  bkpsdm: buildBkpsdmRestBackend({ credential }),
  dpmptsp: buildDpmptspRestBackend({ credential }),
  dinkes: buildDinkesRestBackend({ credential }),
};
const getJson = (url: string) => getJsonAs(url, credential);
const urls: Record<string, string> = {};

beforeAll(async () => {
  for (const [slug, backend] of Object.entries(backends)) urls[slug] = await backend.listen({ port: 0 });
});
afterAll(async () => {
  await Promise.all(Object.values(backends).map((backend) => backend.close()));
});

describe('seed data', () => {
  it('keeps NIKs consistent across agencies', () => {
    const niks = new Set(seedData.penduduk().map((p) => p.nik));
    expect(niks.size).toBe(seedData.penduduk().length);
    for (const p of seedData.pegawai()) expect(niks.has(p.nik)).toBe(true);
    for (const z of seedData.izinUsaha()) expect(niks.has(z.nikPemilik)).toBe(true);
    for (const j of seedData.jaminanKesehatan()) expect(niks.has(j.nik)).toBe(true);
    const members = seedData.kartuKeluarga().flatMap((kk) => kk.anggota);
    expect(new Set(members)).toEqual(niks);
  });

  it('encodes the birth date of the NIK in the NIP', () => {
    const byNik = new Map(seedData.penduduk().map((p) => [p.nik, p]));
    for (const pegawai of seedData.pegawai()) {
      expect(pegawai.nip).toMatch(/^\d{18}$/);
      const tanggalLahir = (byNik.get(pegawai.nik) as unknown as { tanggalLahir: string }).tanggalLahir;
      expect(pegawai.nip.slice(0, 8)).toBe(tanggalLahir.replaceAll('-', ''));
    }
  });
});

describe('Disdukcapil REST API', () => {
  const [bambang, sri] = seedData.penduduk();

  it('answers a batch of NIKs with the residents it knows', async () => {
    const unknown = '3501010101010999';
    const { status, body } = await getJson(
      `${urls.disdukcapil}/penduduk?nik=${bambang?.nik},${sri?.nik},${unknown}`,
    );
    expect(status).toBe(200);
    expect((body.data as { nama: string }[]).map((p) => p.nama)).toEqual([bambang?.nama, sri?.nama]);
  });

  it('answers one resident, 404 for an unknown NIK and 400 for a malformed one', async () => {
    const one = await getJson(`${urls.disdukcapil}/penduduk/${bambang?.nik}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      nik: bambang?.nik,
      nama: 'Bambang Sutrisno',
      alamat: { kabupaten: 'Pacitan' },
    });
    const missing = await getJson(`${urls.disdukcapil}/penduduk/3501010101010999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
    const malformed = await getJson(`${urls.disdukcapil}/penduduk/12345`);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'BAD_REQUEST', message: 'NIK harus 16 digit angka' });
    const badBatch = await getJson(`${urls.disdukcapil}/penduduk?nik=${bambang?.nik},abc`);
    expect(badBatch.status).toBe(400);
  });

  it('lists residents of a kecamatan and the members of a family card', async () => {
    const { body } = await getJson(`${urls.disdukcapil}/penduduk?kecamatan=pacitan&limit=5`);
    const list = body.data as { alamat: { kecamatan: string } }[];
    expect(list).toHaveLength(5);
    expect(list.every((p) => p.alamat.kecamatan === 'Pacitan')).toBe(true);
    const kk = await getJson(`${urls.disdukcapil}/kartu-keluarga/${bambang?.nomorKk}`);
    expect(kk.status).toBe(200);
    expect(kk.body.anggota).toHaveLength(4);
    const members = await getJson(`${urls.disdukcapil}/penduduk?nomorKk=${bambang?.nomorKk}`);
    expect(members.body.data).toHaveLength(4);
  });

  it('answers 404 for an unknown route, and counts calls per route', async () => {
    expect((await getJson(`${urls.disdukcapil}/tidak-ada`)).status).toBe(404);
    backends.disdukcapil.resetCalls();
    await getJson(`${urls.disdukcapil}/penduduk?nik=${bambang?.nik}`);
    await getJson(`${urls.disdukcapil}/penduduk/${bambang?.nik}`);
    await getJson(`${urls.disdukcapil}/health`);
    expect(backends.disdukcapil.calls('GET /penduduk')).toBe(1);
    expect(backends.disdukcapil.calls('GET /penduduk/:nik')).toBe(1);
    expect(backends.disdukcapil.calls()).toBe(2);
  });
});

describe('BKPSDM REST API', () => {
  const [first] = seedData.pegawai();

  it('answers employees by NIP, by NIK and by unit', async () => {
    const byNip = await getJson(`${urls.bkpsdm}/pegawai?nip=${first?.nip}`);
    expect(byNip.body.data).toEqual([expect.objectContaining({ nip: first?.nip, nik: first?.nik })]);
    const byNik = await getJson(`${urls.bkpsdm}/pegawai?nik=${first?.nik}`);
    expect(byNik.body.data).toEqual([expect.objectContaining({ nip: first?.nip })]);
    const unit = await getJson(`${urls.bkpsdm}/pegawai?unitKerja=${encodeURIComponent('Dinas Kesehatan')}`);
    expect((unit.body.data as { unitKerja: string }[]).every((p) => p.unitKerja === 'Dinas Kesehatan')).toBe(
      true,
    );
  });

  it('answers 404 for an unknown NIP and 400 for a malformed one or a bad enum', async () => {
    expect((await getJson(`${urls.bkpsdm}/pegawai/${first?.nip}`)).status).toBe(200);
    expect((await getJson(`${urls.bkpsdm}/pegawai/199001012020011999`)).status).toBe(404);
    expect((await getJson(`${urls.bkpsdm}/pegawai/1990`)).status).toBe(400);
    expect((await getJson(`${urls.bkpsdm}/pegawai?jenisKepegawaian=HONORER`)).status).toBe(400);
  });
});

describe('DPMPTSP REST API', () => {
  const permits = seedData.izinUsaha();

  it('answers permits by number and every permit of a batch of owners', async () => {
    const [a, b] = permits;
    const byNomor = await getJson(`${urls.dpmptsp}/izin-usaha?nomor=${a?.nomor},${b?.nomor}`);
    expect((byNomor.body.data as { nomor: string }[]).map((z) => z.nomor)).toEqual([a?.nomor, b?.nomor]);
    const owners = [...new Set(permits.map((z) => z.nikPemilik))].slice(0, 3);
    const byOwner = await getJson(`${urls.dpmptsp}/izin-usaha?pemilik=${owners.join(',')}`);
    expect(byOwner.body.data).toHaveLength(permits.filter((z) => owners.includes(z.nikPemilik)).length);
  });

  it('filters by KBLI and status, and refuses bad input', async () => {
    const warung = await getJson(`${urls.dpmptsp}/izin-usaha?kbli=56102&status=AKTIF`);
    const list = warung.body.data as { kbli: { kode: string; judul: string } }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((z) => z.kbli.kode === '56102' && z.kbli.judul === 'Rumah/Warung Makan')).toBe(true);
    expect((await getJson(`${urls.dpmptsp}/izin-usaha?kbli=5610`)).status).toBe(400);
    expect((await getJson(`${urls.dpmptsp}/izin-usaha?status=HILANG`)).status).toBe(400);
    expect((await getJson(`${urls.dpmptsp}/izin-usaha/IZ-3501-2020-99999`)).status).toBe(404);
    expect((await getJson(`${urls.dpmptsp}/izin-usaha/bukan-nomor`)).status).toBe(400);
  });
});

describe('DPMPTSP REST API: building approvals (PBG)', () => {
  const approvals = seedData.persetujuanBangunanGedung();

  it('every demo permit and approval belongs to a registered resident', () => {
    const niks = new Set(seedData.penduduk().map((p) => p.nik));
    expect(seedData.izinUsaha().length).toBeGreaterThanOrEqual(100);
    for (const record of [...seedData.izinUsaha(), ...approvals]) expect(niks.has(record.nikPemilik), record.nomor).toBe(true);
    const numbers = [...seedData.izinUsaha(), ...approvals].map((record) => record.nomor);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('answers approvals by number, by kecamatan, and one by its number', async () => {
    const [a, b] = approvals;
    const byNomor = await getJson(`${urls.dpmptsp}/persetujuan-bangunan-gedung?nomor=${a?.nomor},${b?.nomor}`);
    expect((byNomor.body.data as { nomor: string }[]).map((z) => z.nomor)).toEqual([a?.nomor, b?.nomor]);
    const punung = await getJson(`${urls.dpmptsp}/persetujuan-bangunan-gedung?kecamatan=punung`);
    expect((punung.body.data as { nomor: string }[]).map((z) => z.nomor)).toEqual(
      approvals.filter((z) => z.lokasi.kecamatan === 'Punung').map((z) => z.nomor),
    );
    const one = await getJson(`${urls.dpmptsp}/persetujuan-bangunan-gedung/${a?.nomor}`);
    expect(one.body).toMatchObject({ nomor: a?.nomor, namaBangunan: a?.namaBangunan });
  });

  it('refuses malformed numbers and parameters, 404 for an unknown approval', async () => {
    expect((await getJson(`${urls.dpmptsp}/persetujuan-bangunan-gedung/IMB-123`)).status).toBe(400);
    expect((await getJson(`${urls.dpmptsp}/persetujuan-bangunan-gedung?nomor=SK-PBG-1`)).status).toBe(400);
    expect((await getJson(`${urls.dpmptsp}/persetujuan-bangunan-gedung?status=HILANG`)).status).toBe(400);
    expect((await getJson(`${urls.dpmptsp}/persetujuan-bangunan-gedung?limit=501`)).status).toBe(400);
    const unknown = await getJson(`${urls.dpmptsp}/persetujuan-bangunan-gedung/SK-PBG-350104-01011999-01`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ message: 'Persetujuan bangunan gedung tidak ditemukan' });
  });
});

describe('Dinkes REST API', () => {
  it('answers facilities and JKN memberships, 404 for a resident without JKN', async () => {
    const rsud = await getJson(`${urls.dinkes}/fasilitas-kesehatan/3501015`);
    expect(rsud.body).toMatchObject({ nama: 'RSUD dr. Darsono', jenis: 'RUMAH_SAKIT' });
    const puskesmas = await getJson(`${urls.dinkes}/fasilitas-kesehatan?jenis=PUSKESMAS&kecamatan=Tulakan`);
    expect(puskesmas.body.data).toEqual([expect.objectContaining({ nama: 'UPTD Puskesmas Tulakan' })]);
    const withJkn = seedData.jaminanKesehatan()[0];
    const jkn = await getJson(`${urls.dinkes}/jaminan-kesehatan?nik=${withJkn?.nik}`);
    expect(jkn.body.data).toEqual([expect.objectContaining({ nomorKartu: withJkn?.nomorKartu })]);
    const member = new Set(seedData.jaminanKesehatan().map((j) => j.nik));
    const without = seedData.penduduk().find((p) => !member.has(p.nik));
    expect((await getJson(`${urls.dinkes}/jaminan-kesehatan/${without?.nik}`)).status).toBe(404);
    expect((await getJson(`${urls.dinkes}/jaminan-kesehatan?nik=x`)).status).toBe(400);
    expect((await getJson(`${urls.dinkes}/fasilitas-kesehatan?jenis=APOTEK`)).status).toBe(400);
  });
});

describe('only the agency’s own subgraph is answered', () => {
  it('without the credential, or with another one: 401 in Indonesian, and the call reaches no route', async () => {
    for (const [slug, backend] of Object.entries(backends)) {
      backend.resetCalls();
      const path = { disdukcapil: '/penduduk', bkpsdm: '/pegawai', dpmptsp: '/izin-usaha', dinkes: '/fasilitas-kesehatan' }[slug];
      const anonymous = await getJsonAs(`${urls[slug]}${path}`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(String(anonymous.body.message)).toContain('hanya melayani subgraph-nya sendiri');
      expect((await getJsonAs(`${urls[slug]}${path}`, 'kredensial-lain')).status).toBe(401);
      expect(backend.calls()).toBe(0);
      expect((await getJsonAs(`${urls[slug]}/health`)).status).toBe(200);
    }
  });
});
