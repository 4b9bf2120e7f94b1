/**
 * The administrator's pages in a real browser against the whole running system (registry, gateway,
 * demo agencies): an administrator signs in with a password, finds a pending request in the inbox
 * with each field's classification and owning agency and the requester's history, rejects one with
 * a reason that holds markup (shown as text, nothing runs) and approves another; the trail search
 * finds the approval; an account created on the accounts page signs in, and its reset password too;
 * graphs show their composition and are created and deleted from the page.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DemoState } from '../../scripts/demoSeed.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { launchBrowser, newConsolePage, signIn } from './browser.ts';

const ADMIN = { email: 'sekar.admin@kominfo.test', password: 'Sandi-Admin-Uji-2026' };
const SCRIPT_REASON = 'Dasar hukum kurang <img src=x onerror=alert(1)> <script>alert(2)</script>';
const APPROVE_REASON = 'Sesuai Perbup 138/2023 pasal 5, disetujui untuk dasbor';

/** What the page shows once its data arrived (a busy machine answers slowly). */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });

let bus: TestBus;
let browser: Browser;
let demo: DemoState;
const requests: { reject: string; approve: string } = { reject: '', approve: '' };

async function submitRequest(purpose: string, coordinates: string[]): Promise<string> {
  const now = Date.now();
  const answer = await bus.call<{ id: string }>(demo.requesterToken, 'POST', '/v1/access-requests', {
    clientId: demo.clientId,
    graph: 'semua',
    coordinates,
    purpose,
    legalBasis: 'Perbup Pacitan 138/2023',
    periodStart: new Date(now).toISOString(),
    periodEnd: new Date(now + 30 * 86_400_000).toISOString(),
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id;
}

async function adminPage(): Promise<{ page: Page; pageErrors: string[]; close: () => Promise<void> }> {
  const { context, page, pageErrors } = await newConsolePage(browser);
  await signIn(page, bus.registryUrl, ADMIN.email, ADMIN.password);
  return { page, pageErrors, close: () => context.close() };
}

async function openRequest(page: Page, purpose: string): Promise<void> {
  await page.goto(`${bus.registryUrl}/console/admin/permohonan`);
  const row = page
    .getByTestId('requests-table')
    .getByTestId('table-row')
    .filter({ hasText: purpose.slice(0, 30) });
  await row.getByTestId('request-open').click();
  await page.getByTestId('request-detail').waitFor();
}

beforeAll(async () => {
  [bus, browser] = await Promise.all([startTestBus('penghubung-console-admin-'), launchBrowser()]);
  demo = JSON.parse(await fs.readFile(path.join(bus.dataDir, 'demo-credentials.json'), 'utf8')) as DemoState;
  const created = await bus.call(demo.adminToken, 'POST', '/v1/admin/users', {
    name: 'Sekar Administrator',
    email: ADMIN.email,
    role: 'administrator',
    password: ADMIN.password,
    issueToken: false,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  requests.reject = await submitRequest('Pemetaan golongan darah warga untuk donor', [
    'Query.penduduk',
    'Penduduk.nama',
    'Penduduk.golonganDarah',
  ]);
  requests.approve = await submitRequest('Verifikasi izin usaha untuk pelayanan perizinan terpadu', [
    'Query.daftarIzinUsaha',
    'IzinUsaha.nomor',
    'IzinUsaha.namaUsaha',
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await bus?.close();
});

describe('administrator pages', () => {
  it('shows a pending request with its fields’ classification and owner and the requester’s history, and rejects it with a reason shown as text', async () => {
    const { page, pageErrors, close } = await adminPage();
    await eventually(() => page.getByTestId('home-pending-count').innerText()).toBe('2');
    // The navigation's badge: the inbox item for pending approvals leads to this page.
    await eventually(() =>
      page.getByTestId('nav-administrator-requests').getByTestId('inbox-count').innerText(),
    ).toBe('2');
    await openRequest(page, 'Pemetaan golongan darah');
    const fields = page.getByTestId('requested-fields').getByTestId('table-row');
    await eventually(() => fields.count()).toBe(3);
    const blood = fields.filter({ hasText: 'Penduduk.golonganDarah' });
    await expect(blood.getByTestId('field-owner').innerText()).resolves.toMatch(/Kependudukan|Disdukcapil/i);
    await expect
      .poll(() => blood.getByTestId('field-classification').getAttribute('data-classification'))
      .toMatch(/^(publik|terbatas|rahasia)$/);
    // The requester's earlier request (the demo's, approved and granted) and the other pending one.
    const history = page.getByTestId('requester-history').getByTestId('table-row');
    await expect
      .poll(() =>
        history
          .filter({ hasText: 'Verifikasi izin usaha' })
          .filter({ has: page.locator('[data-status="pending"]') })
          .count(),
      )
      .toBe(1);
    await expect
      .poll(() => history.filter({ has: page.locator('[data-status="approved"]') }).count())
      .toBeGreaterThanOrEqual(1);

    // No reason: refused in the page, nothing sent.
    await page.getByTestId('reject').click();
    await eventually(() => page.getByText('Tulis alasan keputusan dulu.').isVisible()).toBe(true);
    await page.getByTestId('decision-reason-input').fill(SCRIPT_REASON);
    await page.getByTestId('reject').click();
    await page.getByTestId('decision-saved').waitFor();
    await expect(page.getByTestId('decision-reason').innerText()).resolves.toBe(SCRIPT_REASON);
    await eventually(() => page.getByTestId('decision').locator('img').count()).toBe(0);
    await expect(page.getByTestId('request-detail').getAttribute('data-request-status')).resolves.toBe(
      'rejected',
    );
    const stored = await bus.call<{ status: string; approval: { reason: string } }>(
      demo.adminToken,
      'GET',
      `/v1/access-requests/${requests.reject}`,
    );
    expect(stored.body).toMatchObject({ status: 'rejected', approval: { reason: SCRIPT_REASON } });
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('approves a request, and the trail search finds the approval', async () => {
    const { page, pageErrors, close } = await adminPage();
    await openRequest(page, 'Verifikasi izin usaha');
    await page.getByTestId('decision-reason-input').fill(APPROVE_REASON);
    await page.getByTestId('approve').click();
    await page.getByTestId('decision-saved').waitFor();
    const stored = await bus.call<{ status: string }>(
      demo.adminToken,
      'GET',
      `/v1/access-requests/${requests.approve}`,
    );
    expect(stored.body.status).toBe('approved');

    // From the request to its own trail entries.
    await page.getByTestId('decision-trail-link').click();
    await expect
      .poll(() => page.getByTestId('trail-table').locator('[data-action="access_request.approved"]').count())
      .toBe(1);

    // A search by the reason's words and by the actor.
    await page.getByTestId('trail-reset').click();
    await page.getByTestId('trail-text').fill('Perbup 138/2023 pasal 5');
    await page.getByTestId('trail-actor').fill('Sekar');
    await page.getByTestId('trail-search').click();
    await page.waitForURL(/q=Perbup/);
    const rows = page.getByTestId('trail-table').getByTestId('table-row');
    await eventually(() => rows.count()).toBe(1);
    await expect(rows.first().getByTestId('trail-action').getAttribute('data-action')).resolves.toBe(
      'access_request.approved',
    );
    await expect(rows.first().getByTestId('trail-reason').innerText()).resolves.toBe(APPROVE_REASON);
    // The rejection's markup is text in the trail too.
    // A search held in the address (a link from elsewhere) opens as it was.
    await page.goto(`${bus.registryUrl}/console/admin/jejak?q=onerror`);
    // An error the page shows is part of what is compared, so that a failure says what went wrong.
    await eventually(async () => [
      ...(await page.getByTestId('trail-table').getByTestId('trail-reason').allInnerTexts()),
      ...(await page.getByTestId('error-message').allInnerTexts()),
    ]).toEqual([SCRIPT_REASON]);
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('creates an account that signs in, disables and enables it, and resets its password shown once', async () => {
    const { page, pageErrors, close } = await adminPage();
    await page.getByTestId('nav-administrator-accounts').click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-name-input').fill('Budi <b>Pemohon</b>');
    await page.getByTestId('user-email-input').fill('budi@bappeda.test');
    await page.getByTestId('user-password-input').fill('pendek');
    await page.getByTestId('user-create-submit').click();
    await eventually(() => page.getByText('Kata sandi paling sedikit 12 karakter.').isVisible()).toBe(true);
    await page.getByTestId('user-password-input').fill('Sandi-Budi-Uji-2026');
    await page.getByTestId('user-create-submit').click();
    await page.getByTestId('user-notice').waitFor();
    const row = page
      .getByTestId('users-table')
      .getByTestId('table-row')
      .filter({ hasText: 'budi@bappeda.test' });
    await expect(row.innerText()).resolves.toContain('Budi <b>Pemohon</b>');

    const budi = await newConsolePage(browser);
    await signIn(budi.page, bus.registryUrl, 'budi@bappeda.test', 'Sandi-Budi-Uji-2026');
    await expect(budi.page.getByTestId('user-role').innerText()).resolves.toBe('Pemohon');
    // Another role's pages are not the requester's.
    await budi.page.goto(`${bus.registryUrl}/console/admin/akun`);
    await budi.page.getByTestId('not-allowed').waitFor();
    await budi.context.close();

    await row.getByTestId('user-disable').click();
    await page.getByTestId('user-disable-reason').fill('cuti panjang');
    await page.getByTestId('user-disable-submit').click();
    await row.getByTestId('user-enable').waitFor();
    await row.getByTestId('user-enable').click();
    await row.getByTestId('user-disable').waitFor();

    await row.getByTestId('user-reset').click();
    await page.getByTestId('user-reset-submit').click();
    const temporary = await page.getByTestId('secret-value').innerText();
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    const again = await newConsolePage(browser);
    await signIn(again.page, bus.registryUrl, 'budi@bappeda.test', temporary);
    await again.context.close();
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('shows graphs with their composition, creates a graph and deletes it after confirmation', async () => {
    const { page, pageErrors, close } = await adminPage();
    await page.getByTestId('nav-administrator-graphs').click();
    const semua = page
      .getByTestId('graphs-table')
      .getByTestId('table-row')
      .filter({ hasText: 'semua' })
      .first();
    await expect(semua.getByTestId('graph-health').getAttribute('data-health')).resolves.toBe('composed');

    await page.getByTestId('graph-create').click();
    await page.getByTestId('graph-name').fill('Bukan Slug');
    await eventually(() =>
      page.getByText('Pakai huruf kecil, angka dan tanda hubung, diawali huruf.').isVisible(),
    ).toBe(true);
    await page.getByTestId('graph-name').fill('uji-konsol');
    await page.getByTestId('graph-description').fill('Graf uji <i>konsol</i>');
    await page.getByTestId('graph-create-submit').click();
    await page.getByTestId('graph-notice').waitFor();
    const created = page
      .getByTestId('graphs-table')
      .getByTestId('table-row')
      .filter({ hasText: 'uji-konsol' });
    await expect(created.getByTestId('graph-health').getAttribute('data-health')).resolves.toBe('composed');
    await expect(created.innerText()).resolves.toContain('Graf uji <i>konsol</i>');

    await created.getByTestId('graph-delete').click();
    await page.getByTestId('graph-delete-submit').click();
    await page.getByTestId('graph-notice').filter({ hasText: 'dihapus' }).waitFor();
    await eventually(() =>
      page.getByTestId('graphs-table').getByTestId('table-row').filter({ hasText: 'uji-konsol' }).count(),
    ).toBe(0);
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('adds an agency and a theme, refusing a bad short name in the page, and speaks English on the switch', async () => {
    const { page, pageErrors, close } = await adminPage();
    await page.getByTestId('nav-administrator-catalogue').click();
    await page.getByTestId('theme-slug').fill('Bukan Slug');
    await eventually(() =>
      page.getByText('Pakai huruf kecil, angka dan tanda hubung, diawali huruf.').isVisible(),
    ).toBe(true);
    await page.getByTestId('theme-slug').fill('pariwisata');
    await page.getByTestId('theme-name').fill('Pariwisata <script>alert(3)</script>');
    await page.getByTestId('theme-create-submit').click();
    await page.getByTestId('theme-notice').waitFor();
    await expect
      .poll(() => page.getByTestId('themes-table').innerText())
      .toContain('Pariwisata <script>alert(3)</script>');
    // The same short name again: the registry's refusal, with what to do next.
    await page.getByTestId('theme-slug').fill('pariwisata');
    await page.getByTestId('theme-name').fill('Pariwisata lagi');
    await page.getByTestId('theme-create-submit').click();
    await eventually(() => page.getByTestId('error-message').count()).toBe(1);

    // Renamed in place; its short name stays.
    await page
      .getByTestId('themes-table')
      .getByTestId('table-row')
      .filter({ hasText: 'pariwisata' })
      .getByTestId('theme-edit')
      .click();
    await page.getByTestId('theme-edit-name').fill('Pariwisata dan Ekonomi Kreatif');
    await page.getByTestId('theme-edit-submit').click();
    await eventually(() => page.getByTestId('themes-table').innerText()).toContain(
      'Pariwisata dan Ekonomi Kreatif',
    );
    const themes = await bus.call<{ themes: { slug: string; name: string }[] }>(
      demo.adminToken,
      'GET',
      '/v1/themes',
    );
    expect(themes.body.themes.find((theme) => theme.slug === 'pariwisata')?.name).toBe(
      'Pariwisata dan Ekonomi Kreatif',
    );

    await page.getByTestId('agency-slug').fill('dispar');
    await page.getByTestId('agency-name').fill('Dinas Pariwisata');
    await page.getByTestId('agency-create-submit').click();
    await page.getByTestId('agency-notice').waitFor();
    await eventually(() => page.getByTestId('agencies-table').innerText()).toContain('Dinas Pariwisata');

    await page.getByTestId('language-switch').getByText('EN').click();
    await eventually(() => page.getByTestId('page-title').innerText()).toBe('Agencies and themes');
    await page.getByTestId('nav-administrator-requests').click();
    await eventually(() => page.getByTestId('page-title').innerText()).toBe('Access requests');
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('keeps a half-written decision across an expired session and sends it after signing in again', async () => {
    const id = await submitRequest('Analisis kepesertaan jaminan kesehatan per desa', [
      'Query.penduduk',
      'Penduduk.nama',
    ]);
    const { page, pageErrors, close } = await adminPage();
    await openRequest(page, 'Analisis kepesertaan jaminan');
    await page
      .getByTestId('decision-reason-input')
      .fill('Disetujui untuk analisis; draf sebelum sesi berakhir');
    // The session ends (signed out elsewhere, or expired): the next call is answered 401.
    await page.context().clearCookies();
    await page.getByTestId('approve').click();
    await page.getByTestId('session-expired').waitFor();
    await page.getByTestId('sign-in-email').fill(ADMIN.email);
    await page.getByTestId('sign-in-password').fill(ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    await eventually(() => page.getByTestId('decision-reason-input').inputValue()).toBe(
      'Disetujui untuk analisis; draf sebelum sesi berakhir',
    );
    expect(
      (await bus.call<{ status: string }>(demo.adminToken, 'GET', `/v1/access-requests/${id}`)).body.status,
    ).toBe('pending');
    await page.getByTestId('approve').click();
    await page.getByTestId('decision-saved').waitFor();
    expect(
      (await bus.call<{ status: string }>(demo.adminToken, 'GET', `/v1/access-requests/${id}`)).body.status,
    ).toBe('approved');
    expect(pageErrors).toEqual([]);
    await close();
  });
});
