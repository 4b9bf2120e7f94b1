/**
 * The report for the head of region over real traffic: the running bus (registry, gateway, demo
 * subgraphs and REST backends) with the region and signing official configured as an operator would
 * (environment), a client granted a daily quota of 2 that first stays within it, then goes past it and
 * asks twenty times for a field it was never granted; the report, fetched through the real CLI, names the
 * region, counts the quota refusals apart from the access refusals, derives its findings and
 * recommendations from those figures (and says there is nothing to act on while there is not), and
 * ends with the signature block. A row altered in the database afterwards makes it say "segera periksa".
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, wibDate } from '../../lib/wibCalendar.ts';
import { runCli } from '../../registry/cli/main.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';
import { pdfText } from '../support/pdfText.ts';

const QUOTA = 2;
const FORBIDDEN = 20;
const NAME_QUERY = 'query Nama($nik: String!) { penduduk(nik: $nik) { nama } }';
const BLOOD_QUERY = 'query Golongan($nik: String!) { penduduk(nik: $nik) { golonganDarah } }';
const NIP = '197801012005011003';

describe('the report for the head of region over real traffic', () => {
  let bus: TestBus;
  let dir: string;
  let apiKey: string;
  let clientId: string;
  let admin: string;
  const from = addDays(wibDate(new Date()), -1);
  const to = wibDate(new Date());

  beforeAll(async () => {
    bus = await startTestBus('penghubung-laporan-', {
      PENGHUBUNG_REGION_NAME: 'Kabupaten Pacitan',
      PENGHUBUNG_REGION_HEAD: 'Bupati Pacitan',
      PENGHUBUNG_REPORT_PLACE: 'Pacitan',
      PENGHUBUNG_REPORT_SIGNER_TITLE: 'Kepala Dinas Komunikasi dan Informatika Kabupaten Pacitan',
      PENGHUBUNG_REPORT_SIGNER_NIP: NIP,
    });
    dir = await mkdtemp(path.join(tmpdir(), 'penghubung-laporan-out-'));
    admin = bus.system.demo!.adminToken;
    const publisher = bus.system.demo!.publisherTokens.disdukcapil!;
    const requester = (
      await bus.call<{ token: { token: string } }>(admin, 'POST', '/v1/admin/users', {
        name: 'Pengembang Aplikasi Desa',
        email: 'dev@desa-laporan.test',
        role: 'requester',
        organization: 'Desa Sukoharjo',
      })
    ).body.token.token;
    clientId = (await bus.call<{ id: string }>(requester, 'POST', '/v1/clients', { name: 'Sistem Informasi Desa', organization: 'Desa Sukoharjo', contact: 'dev@desa-laporan.test' })).body.id;
    const request = await bus.call<{ id: string }>(requester, 'POST', '/v1/access-requests', {
      clientId,
      graph: 'semua',
      coordinates: ['Query.penduduk', 'Penduduk.nama'],
      purpose: 'Verifikasi nama warga untuk surat pengantar desa',
      legalBasis: 'Perbup Pacitan 138/2023',
      periodStart: new Date(Date.now() - 60_000).toISOString(),
      periodEnd: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      quotaPerDay: QUOTA,
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    expect((await bus.call(admin, 'POST', `/v1/access-requests/${request.body.id}/approve`, { reason: 'Sesuai' })).status).toBe(200);
    expect((await bus.call(publisher, 'POST', `/v1/access-requests/${request.body.id}/grant`, { reason: 'Diberikan' })).status).toBe(200);
    apiKey = (await bus.call<{ apiKey: string }>(requester, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'produksi' })).body.apiKey;
  });

  afterAll(async () => {
    await bus?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const ask = (query: string) => postGraphQL(bus.gatewayUrl, query, { variables: { nik: bus.system.demo!.sampleNik }, headers: { authorization: `Bearer ${apiKey}` } });

  /** `penghubung log report` through the real CLI; the file it wrote. */
  async function report(format: 'html' | 'pdf', extra: string[] = []): Promise<Buffer> {
    const out = path.join(dir, `laporan-${Math.random().toString(36).slice(2)}.${format}`);
    let stderr = '';
    const code = await runCli(
      ['node', 'penghubung', '--registry', bus.registryUrl, '--token', admin, 'log', 'report', '--from', from, '--to', to, '--format', format, '--out', out, ...extra],
      { stdout: () => undefined, stderr: (text) => (stderr += text), env: {} },
    );
    expect(code, stderr).toBe(0);
    return readFile(out);
  }

  it('says there is nothing to act on while the client stays within its quota and its grant', async () => {
    expect((await ask(NAME_QUERY)).status).toBe(200);
    const html = (await report('html')).toString('utf8');
    expect(html).toContain('<p class="region">Kabupaten Pacitan</p>');
    expect(html).toContain('Kepada Yth. Bupati Pacitan');
    expect(html).toContain('Tidak ada temuan yang memerlukan tindakan');
    expect(html).toContain('Lanjutkan pemantauan rutin pada periode berikutnya.');
    expect(html).toContain('Log akses periode ini utuh');
    expect(html).not.toContain('Segera periksa');
  });

  it('finds the quota overrun and the refused accesses in the figures, counted apart, with what to do about each', async () => {
    expect((await ask(NAME_QUERY)).status).toBe(200);
    for (let index = 0; index < 2; index += 1) expect((await ask(NAME_QUERY)).status).toBe(429);
    for (let index = 0; index < FORBIDDEN; index += 1) {
      const refused = await ask(BLOOD_QUERY);
      expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');
    }

    const html = (await report('html', ['--signer-name', 'Drs. Budi Santoso, M.Si.'])).toString('utf8');
    const row = (name: string) => new RegExp(`<tr><td>${name}</td><td class="num">(\\d+)</td>`).exec(html)?.[1];
    // Quota refusals apart from access refusals, in the figures and per client.
    expect(row('Ditolak: kuota harian habis')).toBe('2');
    expect(row('Ditolak: tidak memiliki hak akses')).toBe(String(FORBIDDEN));
    expect(html).toMatch(
      new RegExp(`<tr><td>Sistem Informasi Desa \\(Desa Sukoharjo\\)</td><td class="num">\\d+</td><td class="num">\\d+</td><td class="num">${FORBIDDEN}</td><td class="num">2</td>`),
    );
    // Findings, each with its number, and a recommendation for each.
    expect(html).toContain('Aplikasi &quot;Sistem Informasi Desa (Desa Sukoharjo)&quot; melewati kuota harian yang disetujui: 2 permintaan ditolak karena kuotanya habis.');
    expect(html).toContain(`Penolakan akses ke data Dinas Kependudukan dan Pencatatan Sipil naik dari 0 menjadi ${FORBIDDEN} dibanding periode sebelumnya`);
    expect(html).toContain('Tinjau bersama pemilik &quot;Sistem Informasi Desa (Desa Sukoharjo)&quot;');
    expect(html).toContain('Periksa aplikasi klien yang meminta data Dinas Kependudukan dan Pencatatan Sipil tanpa hak akses');
    expect(html).not.toContain('Tidak ada temuan');
    // The field by the directory's words, not its coordinate; no engineering terms.
    expect(html).toContain('<td>Golongan darah<br><small>data Penduduk</small></td>');
    expect(html).not.toMatch(/Penduduk\.golonganDarah|Query\.penduduk|p50|p95|p99|[Ss]ubgraph|median/);
    // The signature block: place and date, title, name (given to the CLI), NIP (configured).
    expect(html).toContain(`<div class="signature"><p>Pacitan, `);
    expect(html).toContain('<p>Kepala Dinas Komunikasi dan Informatika Kabupaten Pacitan</p>');
    expect(html).toContain('<p class="signer">Drs. Budi Santoso, M.Si.</p>');
    expect(html).toContain(`<p>NIP ${NIP}</p>`);

    const { pages } = pdfText(await report('pdf', ['--signer-name', 'Drs. Budi Santoso, M.Si.']));
    const lines = pages.flat();
    expect(lines).toContain('Kabupaten Pacitan');
    expect(lines).toContain('Kepada Yth. Bupati Pacitan');
    expect(lines[lines.indexOf('Ditolak: kuota harian habis') + 1]).toBe('2');
    expect(lines.join(' ')).toContain('melewati kuota harian yang disetujui: 2 permintaan ditolak karena kuotanya habis.');
    const last = pages[pages.length - 1]!;
    expect(last).toEqual(expect.arrayContaining(['Pengesahan', 'Drs. Budi Santoso, M.Si.', `NIP ${NIP}`]));
  });

  it('is in English with --lang en', async () => {
    const html = (await report('html', ['--lang', 'en'])).toString('utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('1. Executive Summary');
    expect(html).toContain('went past its approved daily quota: 2 requests were refused because the quota was used up.');
    expect(html).toContain('To Bupati Pacitan');
  });

  it('says "segera periksa" when a row of the period no longer matches its hash', async () => {
    await bus.database.handle.db.execute(sql`update access_log set duration_ms = duration_ms + 1 where client_id = ${clientId}::uuid and error_code = 'QUOTA_EXCEEDED'`);
    const html = (await report('html')).toString('utf8');
    expect(html).toMatch(/<li class="urgent">Log akses periode ini tidak utuh: catatan nomor \d+ isinya tidak cocok dengan hash-nya \(diubah\)/);
    expect(html).toContain('<li class="urgent">Segera periksa: jalankan');
  });
});
